"""Who did what to whom, where and when: a CAMEO event coder that reads Indonesian.

For each sentence the coder finds event triggers from the lexicon (``data/id/events.toml``),
then fills the event from what earlier stages found in the same sentence:

- actors: entities (people, organisations, countries) and role phrases from the actor dictionary
  (``data/id/actors.toml``: "pasukan Suriah", "militan ISIS", "polisi"). Indonesian is
  subject-first, so the source (actor1) is the first actor of the trigger's clause and the target
  (actor2) the first actor after the trigger; passive forms ("diserang oleh X") swap them.
  A source that is a pronoun (ia, dia, beliau) is the first person of the previous sentence.
  Actors named before a reporting verb ("tentara Rusia mengklaim …") are sources of the claim,
  not participants.
  Where the rules find nobody for a role, the actor model learned from the annotated articles
  (:mod:`warta.nlp.event_actors`) may fill it, also with a pronoun, initials or a plain phrase.
- actor codes: a country (ISO alpha-3) from a country named in the phrase or the person's title,
  or the place of a country entity, and a role from the dictionary (``RUSMIL``, ``SYRGOV``);
  named groups have their own code (ISIS → ``IMGMUSISI``).
- place: the nearest place in the sentence, else the dateline; date: the sentence's date, else
  the publication date; counts: quantities of people next to kill/injure/arrest words.
- factuality: negated ("tidak menyerang"), future ("akan bertemu"), modal ("untuk mengalahkan"),
  reported (a claim, or inside a quotation), else asserted.

The decisions follow ``eval/GUIDELINE.md``: verbs inside relative clauses ("yang disita") and
event nouns that are only named are not events; coordinated verbs with one code are one event;
an actor's own future cooperation or fighting, stated in a report, is an intent or a threat
(03x, 138); state forces firing on civilians is repression (175); agentless arrests and
investigations get the article's police or prosecutor as an implied source (a code, no text).
The lexicon, the word shapes, the clause patterns (their words in the [grammar] table of
``events.toml``) and the actor codes it relies on live in :mod:`warta.nlp.event_lexicon`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from warta.model import Actor, Article, Entity, Event, Mention, Place, Span, replace
from warta.nlp import event_confidence
from warta.nlp.event_actors import ActorChoice, Chooser, default_model
from warta.nlp.event_codes import (
    RECODED_LABELS,
    RECODED_PLOVER,
    can_be_held,
    recode,
)
from warta.nlp.event_lexicon import (
    Trigger,
    actor_code,
    country_names,
    country_re,
    find_triggers,
    grammar,
    is_bare,
    is_noun,
    is_verb,
    iso3,
    lexicon,
    next_word_in,
    previous_word_in,
)
from warta.nlp.event_triggers import TriggerTagger, default_tagger
from warta.nlp.topics import stopwords

if TYPE_CHECKING:
    from warta.settings import Settings

# How many words before a trigger may hold a negation or modal word that governs it.
# Read off Indonesian news sentences: "tidak akan pernah menyerang" has three words between.
_FACTUALITY_WINDOW = 4
# Between a passive verb and its bare agent ("ditangkap Tim Densus 88"): a few words, no
# preposition or punctuation ("ditangkap di Garut" names a place, not an agent).
_BARE_AGENT_GAP = re.compile(r"^\s*(?:[\w-]+\s+){0,2}$")
# Roots whose events mean nothing without their source: statements, appeals, intentions,
# consultations, cooperation.
_NEEDS_SOURCE = frozenset({"01", "02", "03", "04", "05", "06"})
# Only violence and protest are told as a setting ("tewas dalam serangan"); "dalam penyidikan",
# "selama pemeriksaan" name a procedure, not an event of this sentence.
_SETTING_ROOTS = frozenset({"14", "18", "19", "20"})


# --- actors ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    text: str
    entity: Entity | None
    code: str | None


def _candidates(article: Article, sentence: Span, default_country: str | None
                ) -> list[_Candidate]:
    text = article.text
    found: list[_Candidate] = []
    for entity in article.entities:
        if entity.type not in ("PER", "ORG", "GPE", "LOC"):
            continue
        if entity.place is not None and entity.place.feature != "country":
            continue  # towns and regions are places, not actors
        if entity.type == "LOC" and entity.place is None:
            continue  # streets, buildings, villages: places the gazetteer does not know
        # A person's country is the outlet's unless the text says otherwise: a story from
        # Dhaka names Indonesia's foreign minister without "Indonesia" ("Menteri Luar Negeri
        # Retno Marsudi tiba di Dhaka"), and foreign officials with their country.
        country = _home_country(article) if entity.type == "PER" else default_country
        for m in entity.mentions:
            if sentence.start <= m.start and m.end <= sentence.end:
                found.append(_Candidate(m.start, m.end, m.text, entity,
                                        actor_code(m.text, entity, country)))
    # A country after "asal" or "kelahiran" is where a person comes from: the state does not act
    # ("seorang pria asal Uzbekistan melepaskan tembakan").
    origin = lexicon().origin_re
    found = [c for c in found if not (c.code is not None and len(c.code) == 3
                                      and origin.search(text, sentence.start, c.start))]
    chunk = text[sentence.start:sentence.end]
    for match in country_re().finditer(chunk.lower()):
        # A country the tagger missed ("Pertemuan Korsel dan Korut"): the gazetteer knows it.
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if origin.search(text, sentence.start, start):
            continue
        if text[start].isupper() and not any(c.start < end and start < c.end for c in found):
            found.append(_Candidate(start, end, text[start:end], None,
                                    iso3().get(country_names()[match.group(0)])))
    phrase_end = -1
    for match in lexicon().role_re.finditer(chunk):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if start < phrase_end:
            continue  # a rank inside the phrase just built: "Kapolri Jenderal Tito Karnavian"
        if text[start].isupper() and (head := grammar().role_head.search(
                text, max(phrase_end, sentence.start), start)):
            # A capitalised role word inside a longer title: "Kepala Kantor Jaksa Penuntut Umum".
            # The title stops at a word that opens no phrase or names an event ("Kunjungan").
            for word in reversed(list(re.finditer(r"\S+", head.group(0)))):
                lower = word.group(0).lower()
                if lower in grammar().not_phrase_start or lower in lexicon().by_first_word:
                    break
                start = head.start() + word.start()
        # A role word followed by a country or name: "pasukan Suriah", "militan ISIS".
        tail = grammar().role_tail.match(text, end, min(end + 60, sentence.end))
        if tail:
            end = tail.end()
        overlapping = [c for c in found if c.start < end and start < c.end]
        # The phrase covers the names it overlaps: "Presiden Suriah Bashar al-Assad".
        end = max([end, *(c.end for c in overlapping)])
        people = [c for c in overlapping if c.entity is not None and c.entity.type == "PER"]
        overlapping_entity = people[0] if people else (overlapping[0] if overlapping else None)
        phrase = text[start:end]
        named = overlapping_entity.entity if overlapping_entity else None
        code = actor_code(phrase, named, _home_country(article) if people else default_country,
                          _place_country(article, start, end))
        found = [c for c in found if c not in overlapping]
        found.append(_Candidate(start, end, phrase, named, code))
        phrase_end = end
    found.sort(key=lambda c: c.start)
    return found


def _place_country(article: Article, start: int, end: int) -> str | None:
    for entity in article.entities:
        if entity.place is not None and entity.place.country_code and any(
                start <= m.start and m.end <= end for m in entity.mentions):
            return entity.place.country_code
    return None


def _to_actor(candidate: _Candidate | None) -> Actor | None:
    if candidate is None:
        return None
    return Actor(text=candidate.text, entity=candidate.entity.key if candidate.entity else None,
                 code=candidate.code)


def _first_person(article: Article, sentence: Span, default_country: str | None
                  ) -> _Candidate | None:
    people = [(m, e) for e in article.entities if e.type == "PER" for m in e.mentions
              if sentence.start <= m.start < sentence.end]
    if not people:
        return None
    mention, entity = min(people, key=lambda pair: pair[0].start)
    return _Candidate(mention.start, mention.end, mention.text, entity,
                      actor_code(mention.text, entity, default_country))


# --- the event's circumstances -----------------------------------------------------------------


def _factuality(before: str, reported: bool, future_after: bool) -> str:
    lex = lexicon()
    window = [w.lower() for w in re.findall(r"[\w'-]+", before)][-_FACTUALITY_WINDOW:]
    if any(w in lex.negation and (i + 1 == len(window) or window[i + 1] not in lex.not_only)
           for i, w in enumerate(window)):
        return "negated"
    if future_after or any(w in lex.future for w in window):
        return "future"
    if any(w in lex.modal for w in window):
        return "modal"
    if reported:
        return "reported"
    return "asserted"


def _place(article: Article, sentence: Span, after: int) -> Place | None:
    places = [(m, e.place) for e in article.entities if e.place is not None for m in e.mentions
              if sentence.start <= m.start < sentence.end
              and e.place.feature != "country"]
    if not places:
        countries = [(m, e.place) for e in article.entities if e.place is not None
                     for m in e.mentions if sentence.start <= m.start < sentence.end]
        places = countries
    if places:
        # The nearest place after the trigger ("menyerang … di Deir Az Zor"), else before it.
        following = [p for p in places if p[0].start >= after]
        chosen = min(following or places, key=lambda p: abs(p[0].start - after))
        return chosen[1]
    return article.dateline.place if article.dateline else None


def _date(article: Article, sentence: Span) -> str | None:
    for time in article.times:
        # Calendar values only: "saat ini" (PRESENT_REF) dates nothing.
        if (sentence.start <= time.start < sentence.end and time.type == "DATE"
                and time.value[:1].isdigit()):
            return time.value
    return article.published[:10] if article.published else None


def _counts(article: Article, sentence: Span, kind: str | None) -> dict[str, int]:
    lex = lexicon()
    chunk = article.text[sentence.start:sentence.end].lower()
    present = {lex.count_words[m.group(0)] for m in lex.count_re.finditer(chunk)}
    if kind:
        present.add(kind)
    counts: dict[str, int] = {}
    for quantity in article.quantities:
        if not (sentence.start <= quantity.start < sentence.end) or quantity.unit:
            continue
        counted = (quantity.counted or "").lower()
        if counted.split(" ")[0] not in lex.people and counted not in lex.people:
            continue
        for name in ("killed", "injured", "arrested"):
            if name in present and name not in counts:
                counts[name] = int(quantity.value)
                break
    return counts


# --- coding ------------------------------------------------------------------------------------


def _home_country(article: Article) -> str | None:
    """The dateline's country, else Indonesia: the country of a person named by an office
    alone ("Menteri Luar Negeri Retno Marsudi")."""
    place = article.dateline.place if article.dateline else None
    if place is not None and place.country_code:
        return iso3().get(place.country_code)
    return "IDN"


def _default_country(article: Article) -> str | None:
    """The country of actors named by a role alone ("tentara", "polisi", "warga"). A foreign
    dateline gives it. Otherwise (no dateline, or the outlet's own "Jakarta") it is the foreign
    country whose places the article names most, if that country clearly leads: at least three
    mentions, three times Indonesia's and half again the next country's (a story from Kabul or
    Mosul filed in Jakarta). Else Indonesia: an Indonesian outlet's story is by default about
    it."""
    home = _home_country(article)
    if home != "IDN":
        return home  # a foreign dateline
    named: Counter[str] = Counter()
    for entity in article.entities:
        if entity.place is not None and entity.place.country_code:
            named[entity.place.country_code] += len(entity.mentions)
    at_home = named.pop("ID", 0)
    ranked = named.most_common(2)
    if ranked:
        country, count = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else 0
        if count >= 3 and count >= 3 * at_home and 2 * count >= 3 * runner_up:
            return iso3().get(country, "IDN")
    return "IDN"


def _inside(spans: Sequence[tuple[int, int]], offset: int) -> bool:
    return any(s <= offset < e for s, e in spans)


@dataclass(frozen=True)
class _Site:
    """Where a trigger sits: its sentence, its clause, and the text around it."""

    index: int
    sentence: Span
    start: int
    end: int
    floor: int  # actors before this are sources of a report, not participants
    clause_start: int
    clause_end: int


def _site(article: Article, index: int, sentence: Span, start: int, end: int,
          quoted: Sequence[tuple[int, int]]) -> tuple[_Site, bool]:
    """The trigger's site, and whether the event is reported (said, claimed or quoted)."""
    text, lex = article.text, lexicon()
    reports = list(lex.report_re.finditer(text, sentence.start, start))
    inside = [(s, e) for s, e in quoted if s <= start < e]
    floor = max([sentence.start, *(m.end() for m in reports), *(s for s, _ in inside)])
    clause_break = grammar().clause_break
    breaks = [m.end() for m in clause_break.finditer(text, floor, start)]
    following = clause_break.search(text, end, sentence.end)
    site = _Site(index, sentence, start, end, floor, breaks[-1] if breaks else floor,
                 following.start() if following else sentence.end)
    return site, bool(reports or inside)


# A lower-case word with a verbal prefix ("menunjukkan", "diduga", "berencana").
_VERB_WORD = re.compile(r"(?<![\w-])(?:me|di|ber|ter)[a-z]{3,}\b")
# A plain phrase longer than this is a clause, not an actor.
_MAX_PHRASE_WORDS = 7


def _is_noun_phrase(phrase: str) -> bool:
    words = phrase.split()
    # A count may open it: "29 terduga kasus penipuan".
    if not words or len(words) > _MAX_PHRASE_WORDS or not phrase[0].isalnum():
        return False
    if words[0].lower() in grammar().not_phrase_start:
        return False
    head = words[0].lower()
    if (len(head) > 5 and head.startswith(("me", "ber", "di", "ter"))
            and head not in lexicon().phrase_words and not words[0].isupper()):
        return False  # a verb opening the sentence: "Diberitakan aparat …", "Menetapkan …"
    lowers = [word.lower().strip(",") for word in words]
    if all(w in stopwords() or w.isdigit() for w in lowers) and not any(
            w in grammar().people_words for w in lowers):
        return False  # function words only: "Meski", "Jadi", "Hari ini", "rencananya"
    for word in words:
        lower = word.lower().strip(",")
        # A lower-case word with a verbal prefix is a verb: the phrase is a clause.
        if lower in grammar().not_in_phrase or (word.islower() and len(lower) > 5
                                       and lower.startswith(("me", "ber", "di", "ter"))
                                       and lower not in lexicon().phrase_words):
            return False
    return True


def _phrase(article: Article, start: int, end: int, default_country: str | None,
            ) -> _Candidate | None:
    """An actor named by a plain noun phrase the dictionaries do not know ("sejumlah saksi")."""
    raw = article.text[start:end]
    phrase = grammar().open_end.sub("", raw.strip(" ,")).strip(" ,")
    if not _is_noun_phrase(phrase):
        return None
    at = start + raw.find(phrase)
    for entity in article.entities:
        if entity.type in ("LOC", "GPE") and any(
                m.start <= at and at + len(phrase) <= m.end + 1 for m in entity.mentions):
            return None  # the phrase is a place
    code = actor_code(phrase, None, None) or _holder_code(article, at + len(phrase), phrase,
                                                         default_country)
    return _Candidate(at, at + len(phrase), phrase, None, code)


def _holder_code(article: Article, end: int, phrase: str, default_country: str | None
                 ) -> str | None:
    """The code of territory by who holds it, named after it in its sentence: "dua kantong
    wilayah di sekitar Deir Az Zor yang telah diduduki oleh militan ISIS" is ISIS's."""
    g = grammar()
    if not any(word in g.territory for word in phrase.lower().split()[:3]):
        return None
    sentence_end = next((s.end for s in article.sentences if s.start <= end <= s.end), end)
    held = g.held_by.match(article.text, end, sentence_end)
    return actor_code(held["holder"], None, default_country) if held else None


def _subject_phrase(article: Article, site: _Site, default_country: str | None,
                    ) -> _Candidate | None:
    """The words before the verb in its clause; if the clause has none, the head of the
    sentence's first clause ("Sedikitnya tiga pria bersenjata dengan …, menyerang")."""
    text = article.text
    head = grammar().auxiliaries.sub("", text[site.clause_start:site.start])
    if head.strip(" ,"):
        # The clause's subject, or, when a verb comes first ("P2TP2A mengutus stafnya untuk
        # berkoordinasi"), the subject of that verb, who also does this one.
        return _phrase(article, site.clause_start, site.clause_start + len(head),
                       default_country) or (
            _phrase(article, site.clause_start, site.clause_start + controller.end(1),
                    default_country)
            if (controller := _BEFORE_VERB.match(head)) else None)
    stop = grammar().object_end.search(text, site.floor, site.start)
    return _phrase(article, site.floor, stop.start() if stop else site.start, default_country)


def _speaker_as_subject(article: Article, site: _Site, candidates: list[_Candidate],
                        default_country: str | None) -> _Candidate | None:
    """The speaker of a reported clause that opens with the verb: in "Nicholson bersumpah akan
    mengalahkan militan ISIS" the one who vows is the one who will fight."""
    text = article.text
    for quote in article.quotes:
        if not (quote.start <= site.start < quote.end) or quote.speaker is None:
            continue
        if grammar().auxiliaries.sub("", " " + text[quote.start:site.start]).strip(" ,"):
            return None  # the reported clause has a subject of its own
        speaker = quote.speaker
        named = [c for c in candidates if c.start < speaker.end and speaker.start < c.end]
        if named:
            return named[0]
        if speaker.text.lower() in grammar().pronoun_speakers:
            return None
        return _Candidate(speaker.start, speaker.end, speaker.text, None,
                          actor_code(speaker.text, None, default_country))
    return None


# The words of a main clause before its verb: "…, penyidik KPK melakukan …".
_BEFORE_VERB = re.compile(r"\s*((?:[\w()-]+\s+){1,6}?)(?=(?:me|di|ber|ter)[a-z]{3,}\b)")


def _main_subject(article: Article, site: _Site, candidates: list[_Candidate],
                  default_country: str | None) -> _Candidate | None:
    """The subject of the main clause after an opening adverbial clause ("Sebelum melakukan
    penangkapan, penyidik KPK …"): the clause after the comma, up to its verb."""
    text = article.text
    comma = text.find(",", site.end, site.sentence.end)
    if comma < 0:
        return None
    match = _BEFORE_VERB.match(text, comma + 1, site.sentence.end)
    # A name opening the main clause is its subject even before a bare verb ("…, Paddock
    # bunuh diri di lokasi").
    limit = match.end(1) if match else min(comma + 40, site.sentence.end)
    named = [c for c in candidates if comma < c.start < limit]
    if named:
        return named[0]
    return _phrase(article, match.start(1), match.end(1), default_country) if match else None


def _object_phrase(article: Article, site: _Site, default_country: str | None,
                   ) -> _Candidate | None:
    """The noun phrase written after the verb: after "kepada"/"terhadap" if one comes first
    ("memberi bantuan kepada warga"), and up to the next verb ("mengimbau peserta aksi
    menjaga keamanan")."""
    text = article.text
    start = site.end
    if (lead := grammar().to_whom.match(text, start, site.sentence.end)) is not None:
        start = lead.end()
    stop = grammar().object_end.search(text, start, site.sentence.end)
    end = stop.start() if stop else site.sentence.end
    verb = next((m for m in _VERB_WORD.finditer(text, start, end)
                 if m.group(0) not in lexicon().phrase_words), None)
    return _phrase(article, start, verb.start() if verb else end, default_country)


def _told_as_setting(trigger: Trigger, before: str) -> bool:
    """Whether a violent or protest trigger is the setting of its clause ("tewas dalam
    serangan"), given the sentence's words before it."""
    return trigger.code[:2] in _SETTING_ROOTS and grammar().circumstance.search(before) is not None


def _participants(article: Article, site: _Site, trigger: Trigger, form: str,
                  candidates: list[_Candidate], default_country: str | None,
                  ) -> tuple[_Candidate | None, _Candidate | None] | None:
    """(source, target) of the event at ``site``, or None if the trigger is not an event."""
    text, g = article.text, grammar()
    before = [c for c in candidates if site.floor <= c.start and c.end <= site.start]
    in_clause = [c for c in before if c.start >= site.clause_start
                 and not g.relative.search(text[site.clause_start:c.start])]
    after = [c for c in candidates if site.end <= c.start < site.clause_end]
    adjacent = after[0] if after and after[0].start <= site.end + 1 else None
    noun = is_noun(form)
    setting = _told_as_setting(trigger, text[site.sentence.start:site.start])
    if noun and not setting and g.circumstance.search(text[site.sentence.start:site.start]):
        return None  # "Dalam penelusuran polisi, …": a procedure as the frame, not an event
    if noun and not (adjacent or g.noun_event_before.search(text[site.sentence.start:site.start])
                     or g.noun_event_after.match(text, site.end, site.sentence.end) or setting):
        return None  # "pola serangan", "serangan di Filipina": the attack is only named
    if noun and (agent := next((c for c in after if g.noun_agent.match(
            text[site.end:c.start])), None)) is not None:
        # "Penangkapan dilakukan Tim Tekab 308 Polres Lampung Timur"
        return agent, None
    pronoun = g.pronoun_agent.search(text[site.clause_start:site.start])
    if pronoun is not None and is_bare(form):
        at = site.clause_start + pronoun.start(1)
        agent = _Candidate(at, at + len(pronoun.group(1)), pronoun.group(1), None, None)
        patient = _phrase(article, site.clause_start, at, default_country)
        return agent, patient
    source = in_clause[0] if in_clause else None
    if source is not None:
        # A complement clause: "Hasil interogasi polisi menunjukkan para terduga teroris
        # berencana menyerang": after another verb, the subject is the actor named after it.
        verbs = [m for m in _VERB_WORD.finditer(text, source.end, site.start)
                 if m.group(0) not in lexicon().phrase_words]
        if verbs and not g.coordinator.search(text, verbs[0].end(), site.start):
            # (Not for coordinated verbs, which share the subject: "pejabat Australia
            # mengunjungi Prakash … dan bekerja sama dengan pihak berwenang Turki".)
            later = [c for c in in_clause if c.start >= verbs[0].end()]
            source = later[0] if later else source
    if source is None:
        source = _speaker_as_subject(article, site, candidates, default_country)
    if source is None and g.adverbial_opening.match(text[site.sentence.start:site.start]):
        source = _main_subject(article, site, candidates, default_country)
    if source is None and (subject := g.pronoun_subject.search(
            text[site.clause_start:site.start])) is not None:
        # The pronoun as written, standing for the first person of the previous sentence.
        at = site.clause_start + subject.start(1)
        person = (_first_person(article, article.sentences[site.index - 1], default_country)
                  if site.index else None)
        source = _Candidate(at, site.clause_start + subject.end(1), subject.group(1),
                            person.entity if person else None, person.code if person else None)
    elif source is None and before:
        # An active clause opened by "dan" or "setelah" with no subject shares the sentence's
        # ("Kuwait menghentikan pinjaman untuk negara pimpinan Kim Jong-un, dan melarang
        # impor"); after a bare comma, or for a passive verb ("menangkap X, kemudian
        # ditahan"), the actor just named is nearer the mark.
        shared = not trigger.passive and g.shared_subject.search(text, site.floor, site.start)
        # A subject that opens the sentence, then an apposition between commas, then the
        # verb: "Zunaidi Abdillah, pelaku pelecehan pasien RS National Hospital, ditetapkan …".
        opening = (not text[site.sentence.start:before[0].start].strip()
                   and g.apposition.fullmatch(text, before[0].end, site.start) is not None)
        # Where one goes or is ("Pria itu ke Sekolah Dasar X dan melepaskan tembakan") does
        # not act.
        place_before = lexicon().place_before_re
        agents = [c for c in before if not place_before.search(text, site.floor, c.start)]
        if opening:
            source = before[0]
        elif agents:
            source = agents[0] if shared else agents[-1]
    target = after[0] if after else None
    if trigger.code[:2] == "04":
        # Who one meets or talks with follows "dengan"; a topic may come first ("membicarakan
        # persoalan ISIS dengan Menteri Pertahanan Selandia Baru").
        partner = next((c for c in after if g.with_partner.search(text[site.end:c.start])
                        and not g.coordinator.search(text[site.end:c.start])), None)
        target = partner or target
    if noun and setting:
        # "… tewas dalam serangan …": the attack is the setting; those counted are its targets,
        # and the attacker is named only right after the noun ("dalam serangan AS").
        return adjacent, (before[-1] if before else (None if adjacent else target))
    if noun and adjacent is not None:
        # "serangan tentara Suriah": the actor right after a noun trigger is its agent.
        return adjacent, (after[1] if len(after) > 1 else None)
    if trigger.passive:
        # "ditangkap oleh polisi", or the agent right after the verb: "ditangkap polisi".
        by = [c for c in after if g.by.search(text[site.end:c.start])] or [
            c for c in after[:1] if _BARE_AGENT_GAP.match(text[site.end:c.start])]
        if not by and not noun:
            # An agent no dictionary knows, right after the verb: "ditangkap pedagang Pasar".
            agent = _object_phrase(article, site, default_country)
            by = [agent] if agent is not None else []
        if source is None and not noun:
            source = _subject_phrase(article, site, default_country)  # "Seluruhnya ditangkap"
        # A verb inside a relative clause ("wilayah yang diduduki oleh X") never gets here
        # (g.relative_verb); a subject with a relative clause of its own keeps its role:
        # "Marianus yang juga Calon Gubernur NTT diperiksa".
        return (by[0] if by else None), source
    if target is None and len(in_clause) >= 2:
        # "Shoigu dan Assad bertemu": a joint subject meets itself.
        return in_clause[0], in_clause[1]
    if not noun:
        # Verbs name their participants even when no dictionary does: "Polisi telah memeriksa
        # sejumlah saksi".
        source = source or _subject_phrase(article, site, default_country)
        target = target or _object_phrase(article, site, default_country)
    return source, target


# Initials and acronyms no tagger knew: "FI kemudian diamankan", "WNI yang ikut diamankan".
_INITIALS = re.compile(r"[A-Z]{1,5}")


def _unlisted(article: Article, site: _Site, candidates: Sequence[_Candidate],
              default_country: str | None) -> tuple[tuple[str, _Candidate], ...]:
    """The sentence's possible actors that are not among ``candidates``, with their kind:
    pronouns ("kami", "mereka"), initials ("FI"), the subject phrase of the trigger's clause
    and the phrase after it. The actor model (:mod:`warta.nlp.event_actors`) weighs them."""
    text, sentence = article.text, site.sentence
    taken = [(c.start, c.end) for c in candidates]
    found: list[tuple[str, _Candidate]] = []

    def add(kind: str, candidate: _Candidate | None) -> None:
        if candidate is not None and not any(s < candidate.end and candidate.start < e
                                             for s, e in taken):
            taken.append((candidate.start, candidate.end))
            found.append((kind, candidate))

    pointers = lexicon().pointers
    for match in re.finditer(r"[\w-]+", text[sentence.start:sentence.end]):
        start, end = sentence.start + match.start(), sentence.start + match.end()
        if match.group(0).lower() in pointers:
            add("pronoun", _Candidate(start, end, match.group(0), None, None))
        elif _INITIALS.fullmatch(match.group(0)):
            add("initials", _Candidate(start, end, match.group(0), None,
                                       actor_code(match.group(0), None, default_country)))
    add("subject", _subject_phrase(article, site, default_country))
    add("object", _object_phrase(article, site, default_country))
    return tuple(found)


def _held(candidate: _Candidate) -> bool:
    return can_be_held(candidate.text, candidate.entity, candidate.code)


def code_events(article: Article, tagger: TriggerTagger | None = None, learned: bool = True,
                chooser: Chooser | None = None, learned_actors: bool = True) -> list[Event]:
    """The events of an article: those the lexicon's triggers name, then, for CAMEO roots the
    lexicon gave no event of in a sentence, those of the learned triggers (``tagger``, the
    shipped model by default; none with ``learned=False``; :mod:`warta.nlp.event_triggers`).
    Each event's actors are the rules' picks, settled by ``chooser`` (the shipped actor model
    by default; the rules alone with ``learned_actors=False``; :mod:`warta.nlp.event_actors`)."""
    tagger = (tagger or default_tagger()) if learned else None
    chooser = (chooser or default_model()) if learned_actors else None
    lex = lexicon()
    text = article.text
    default_country = _default_country(article)
    quoted = [(q.start, q.end) for q in article.quotes]
    events: list[Event] = []
    for index, sentence in enumerate(article.sentences):
        state = _SentenceState(article, sentence, default_country, chooser)
        coded: list[Event] = []
        listed = list(find_triggers(text, sentence.start, sentence.end))
        for start, end, key in listed:
            event = _code_trigger(state, index, quoted, start, end, key, lex.triggers[key])
            if event is not None:
                coded.append(event)
        if tagger is not None:
            roots = {e.code[:2] for e in coded}
            for found in tagger.triggers(article, sentence, listed):
                if found.code[:2] in roots or any(
                        e.trigger.start < found.end and found.start < e.trigger.end
                        for e in coded):
                    continue
                form = text[found.start:found.end]
                trigger = Trigger(found.code, found.label, found.plover,
                                  passive=form.lower().startswith("di") and is_verb(form),
                                  counts_as=None)
                event = _code_trigger(state, index, quoted, found.start, found.end,
                                      form.lower(), trigger, learned=True)
                if event is not None:
                    coded.append(event)
                    roots.add(event.code[:2])
        events.extend(sorted(coded, key=lambda e: e.trigger.start))
    return _implied_enforcer(_merge_coordinated(text, events))


class _SentenceState:
    """What the triggers of one sentence share: its actor candidates, found once when first
    needed, what settles each event's actors, and whether a violent event was already coded
    in it."""

    def __init__(self, article: Article, sentence: Span, default_country: str | None,
                 chooser: Chooser | None = None) -> None:
        self.article, self.sentence, self.default_country = article, sentence, default_country
        self.chooser = chooser
        self.violent = False
        self._candidates: list[_Candidate] | None = None

    def candidates(self) -> list[_Candidate]:
        if self._candidates is None:
            self._candidates = _candidates(self.article, self.sentence, self.default_country)
        return self._candidates


def _not_an_act(state: _SentenceState, start: int, end: int, key: str, trigger: Trigger
                ) -> bool:
    """Whether the words around a lexicon trigger say it names no act of this sentence: a
    topic, an event told before, a description of a person, a case's name, a capability,
    what did not happen, a relative clause, or the trigger's own conditions unmet."""
    lex, g = lexicon(), grammar()
    sentence, text = state.sentence, state.article.text
    form = text[start:end]
    before_text = text[sentence.start:start]
    anaphor = lex.anaphoric_re.match(text, end, sentence.end) or (
        g.named_anaphor.match(text, end, sentence.end) if is_noun(form) else None)
    if anaphor is not None and g.occurs.match(text, anaphor.end(), sentence.end):
        anaphor = None  # "Penangkapan itu terjadi Sabtu": a mention of its own (rule 2)
    if lex.topic_re.search(before_text) or anaphor is not None:
        return True  # a subject of talk ("membahas kerja sama"), or an event told before
    # "pelaku bom bunuh diri" describes the perpetrator; "Pelaku dijerat" and
    # "Tersangka membacok korban" are clauses with a verb.
    if g.descriptor.search(before_text) and not is_verb(key):
        return True
    if is_noun(form) and lex.case_re.search(before_text):
        return True  # "kasus pembunuhan Kim Jong Nam": a case's name (guideline 1.1)
    if _not_real(state, start):
        return True
    if g.relative_verb.search(before_text):
        return True  # "yang ditangkap di Jambi": describes a participant (guideline 1.1)
    if trigger.unless_next and next_word_in(text[end:sentence.end],
                                             trigger.unless_next):
        return True  # "meminta agar …": what was asked is a quotation, not an appeal
    if trigger.unless_previous and previous_word_in(before_text,
                                                    trigger.unless_previous):
        return True  # "keadaan mendesak" is an urgent situation, not a demand
    if trigger.needs and not re.match(
            r"\s*(?:[\w()-]+\s+){0,4}?(?:" + "|".join(map(re.escape, trigger.needs))
            + r")\b", text[end:sentence.end], re.I):
        return True  # "menetapkan" is an arrest only with "… sebagai tersangka"
    # "menyerang …, menewaskan tujuh orang": the attack's toll, not another attack.
    return state.violent and trigger.counts_as == "killed" and trigger.code[:2] == "18"


def _not_real(state: _SentenceState, start: int) -> bool:
    """Whether the words before a trigger, from the lexicon or learned, say it names what can
    be ("Sistem ini dapat melumpuhkan 36 target") or what did not happen ("seolah-olah Jokowi
    meminta dukungan"), not an act."""
    before_text = state.article.text[state.sentence.start:start]
    return bool(lexicon().capability_re.search(before_text)
                or lexicon().as_if_re.search(before_text))


def _code_trigger(state: _SentenceState, index: int, quoted: Sequence[tuple[int, int]],
                  start: int, end: int, key: str, trigger: Trigger, learned: bool = False
                  ) -> Event | None:
    """The event a trigger names in its sentence, or None if it names none (a topic, a case's
    name, a relative clause, no participants …)."""
    lex, g = lexicon(), grammar()
    article, sentence, default_country = state.article, state.sentence, state.default_country
    text = article.text
    form = text[start:end]
    before_text = text[sentence.start:start]
    if _not_real(state, start) if learned else _not_an_act(state, start, end, key, trigger):
        return None
    candidates = state.candidates()
    site, reported = _site(article, index, sentence, start, end, quoted)
    roles = _participants(article, site, trigger, form, candidates, default_country)
    if roles is None and not learned:
        return None
    source, target = roles or (None, None)
    if source is not None and target is not None and source.text == target.text:
        target = None
    actor1, actor2 = _to_actor(source), _to_actor(target)
    happened = is_noun(form) and g.occurs_after.match(text, end, sentence.end) is not None

    def nobody_acts() -> bool:
        # Nobody does anything to anybody: not an event we can code, unless the text says it
        # happened ("Penyerangan di Mapolda Sumut terjadi pada pukul 03.00"); or a meeting or
        # a statement with nobody making it. A learned trigger was taught on events whose
        # actors the text often leaves implicit.
        return not learned and ((actor1 is None and actor2 is None and not happened)
                                or (actor1 is None and trigger.code[:2] in _NEEDS_SOURCE))

    if state.chooser is None and nobody_acts():
        return None  # (with the actor model, it decides below whom the sentence names)
    if state.chooser is not None:
        source, target = state.chooser.choose(ActorChoice(
            text=text, sentence=sentence, start=start, end=end, floor=site.floor,
            clause_start=site.clause_start, clause_end=site.clause_end, root=trigger.code[:2],
            passive=trigger.passive, noun=is_noun(form),
            setting=is_noun(form) and _told_as_setting(trigger, before_text),
            learned=learned, quoted=_inside(quoted, start),
            speakers=tuple((q.speaker.start, q.speaker.end) for q in article.quotes
                           if q.speaker is not None and q.start <= start < q.end),
            candidates=tuple(candidates), source=source, target=target,
            find_unlisted=lambda: _unlisted(article, site, candidates, default_country)))
        actor1, actor2 = _to_actor(source), _to_actor(target)
        if nobody_acts():
            return None
    seized = None
    if (trigger.counts_as == "arrested" and target is not None
            and form.lower() in lex.securing and lex.goods_re.match(target.text)):
        # "mengamankan uang ratusan juta rupiah": goods are seized (171), only people
        # are arrested (eval/GUIDELINE.md 3.1).
        seized = next(t for t in lex.triggers.values() if t.code == "171")
    elif trigger.counts_as == "arrested" and target is not None and not _held(target):
        # One arrests people: not a company, a place or the money seized with them.
        # A passive verb's subject may open the sentence before an apposition:
        # "Zunaidi Abdillah, pelaku pelecehan di RS National Hospital, ditetapkan …".
        other = (next((c for c in candidates if c.start < start
                       and not text[sentence.start:c.start].strip()), None)
                 if trigger.passive else _object_phrase(article, site, default_country))
        target = other if other is not None and _held(other) and not (
            other.start < target.end and target.start < other.end) else None
        actor2 = _to_actor(target)
    if seized is not None:
        trigger = seized
    code = recode(trigger.code, actor1, actor2)
    label = RECODED_LABELS.get(code, trigger.label) if code != trigger.code else (
        trigger.label)
    factuality = _factuality(before_text, reported,
                             lex.future_after_re.match(text, end, sentence.end)
                             is not None)
    if factuality == "future" and reported and code[:2] in lex.intent:
        code, label = lex.intent[code[:2]]
        factuality = "reported"
    state.violent = state.violent or code[:2] in ("18", "19", "20")
    place = _place(article, sentence, end)
    confidence = (0.4 + 0.25 * (actor1 is not None) + 0.25 * (actor2 is not None)
                  + 0.1 * (place is not None))
    return Event(
        code=code, label=label,
        plover=RECODED_PLOVER.get(code, trigger.plover) if code != trigger.code
        else trigger.plover,
        trigger=Mention(start, end, text[start:end]), sentence=index,
        confidence=round(min(confidence, 1.0), 2), actor1=actor1, actor2=actor2,
        place=place, date=_date(article, sentence),
        counts=_counts(article, sentence, trigger.counts_as),
        factuality=factuality,  # type: ignore[arg-type]
    )


def _merge_coordinated(text: str, events: list[Event]) -> list[Event]:
    """One event for coordinated verbs with the same code (eval/GUIDELINE.md 1.1 rule 5):
    "Yee ditangkap dan ditahan selama 53 hari" is one arrest, told with two verbs."""
    merged: list[Event] = []
    for event in events:
        last = merged[-1] if merged else None
        if (last is not None and last.sentence == event.sentence and last.code == event.code
                and grammar().coordination.match(text[last.trigger.end:event.trigger.start])):
            continue
        merged.append(event)
    return merged


# Roots of law enforcement: investigations (09) and arrests, seizures, charges (17).
_ENFORCEMENT = frozenset({"09", "17"})


def _implied_enforcer(events: list[Event]) -> list[Event]:
    """Give agentless law-enforcement events the article's enforcer.

    Police and KPK stories name the agency once and then write "ditangkap", "diperiksa",
    "disita" with no agent. The agency most often named as the source of the article's
    investigations and arrests is then the implied source: an actor with a code and no text,
    since nothing in the sentence names it (eval/GUIDELINE.md section 4 codes these the same
    way). Only a police or judicial code qualifies, and only one the article wrote somewhere."""
    named = [e.actor1.code for e in events if e.code[:2] in _ENFORCEMENT and e.actor1 is not None
             and e.actor1.code and e.actor1.code.endswith(("COP", "JUD"))]
    if not named:
        return events
    enforcer = max(set(named), key=lambda code: (named.count(code), -named.index(code)))
    return [replace(e, actor1=Actor(text="", code=enforcer))
            if e.code[:2] in _ENFORCEMENT and e.actor1 is None else e for e in events]


def build(settings: Settings | None = None) -> Any:
    learned = settings.learned_triggers if settings is not None else True
    learned_actors = settings.learned_actors if settings is not None else True

    def events(article: Article) -> Article:
        coded = code_events(article, learned=learned, learned_actors=learned_actors)
        # The fitted confidence replaces the rule-based one when the model ships (it does).
        scores = event_confidence.score(article, coded)
        if scores is not None:
            coded = [replace(e, confidence=round(p, 2)) for e, p in zip(coded, scores,
                                                                        strict=True)]
        return replace(article, events=coded)

    return events
