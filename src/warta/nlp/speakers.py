"""Who a quote's speaker is: the entity a speaker phrase names, or what a pronoun (ia, dia,
-nya), a title alone ("Kapolsek") or a phrase like ``pernyataan tersebut`` points back to."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from warta.model import Article, Entity, Mention, Quote, Span
from warta.nlp.quote_lexicon import grammar, lexicon
from warta.nlp.titles import tokens, vocabulary

# A speaker phrase is a noun phrase, but Indonesian titles are long ("Kepala Bidang Humas Polda
# Metro Jaya Komisaris Besar Argo Yuwono" is ten words); past this the pattern caught a clause.
MAX_SPEAKER_WORDS = 16


def mention(text: str, start: int, phrase: str) -> Mention | None:
    """The speaker phrase as a mention: its first occurrence from ``start`` as whole words
    ("ia" is not the end of "Indonesia")."""
    # A connective opening the sentence is no part of the speaker: "Namun Apple mengatakan".
    phrase = grammar().sentence_connective.sub("", phrase)
    if not phrase or len(phrase.split()) > MAX_SPEAKER_WORDS:
        return None
    # "pun" may be written onto the phrase: "Iapun" is "Ia pun" (grammar().adverbs).
    found = re.compile(rf"(?<!\w){re.escape(phrase)}(?:(?!\w)|(?=pun(?!\w)))").search(text, start)
    return Mention(found.start(), found.end(), phrase) if found else None


def _entity_at(entities: Sequence[Entity], start: int, end: int) -> str | None:
    # Among mentions of one type the last wins: a speaker phrase ends with the name, after the
    # title and the office ("Kasat Reskrim Polresta Depok, Kompol Teguh Nugroho").
    best: tuple[int, int, str] | None = None
    for entity in entities:
        for m in entity.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > 0:
                rank = (0 if entity.type == "PER" else 1 if entity.type == "ORG" else 2)
                if best is None or (rank, -m.start) < best[:2]:
                    best = (rank, -m.start, entity.key)
    return best[2] if best else None


def nearest_person(entities: Sequence[Entity], before: int) -> tuple[Mention, str] | None:
    best: tuple[Mention, str] | None = None
    for entity in entities:
        if entity.type != "PER":
            continue
        for m in entity.mentions:
            if m.end <= before and (best is None or m.end > best[0].end):
                best = (m, entity.key)
    return best


# A verb turned into a noun by "-nya", right before the name: "Bergabungnya Idrus ke kabinet".
_NOMINAL_BEFORE = re.compile(r"(?<![\w-])(?:me|di|ber|ter|ke)[a-z]{3,}nya\s+$", re.I)


def _after_relation(lead: str) -> bool:
    """Whether the words before a name end in a noun of a relation ("… mantan suami "), which
    makes the name the relative of the person the clause is about."""
    words = lead.lower().split()
    relations = lexicon().relations
    return bool(words) and (words[-1] in relations or " ".join(words[-2:]) in relations)


def _subject_person(article: Article, after: int, before: int,
                    quoted: Sequence[tuple[int, int]]) -> tuple[Mention, str] | None:
    """The last person named as a sentence subject between two offsets, outside quotations:
    the one a later "ia"/"-nya" is about ("Sementara itu, Kapolres X tiba di lokasi.")."""
    best: tuple[Mention, str] | None = None
    for m, key in _people_between(article, after, before, quoted):
        sentence = next((x for x in article.sentences if x.start <= m.start < x.end), None)
        lead = article.text[sentence.start:m.start] if sentence else ""
        # Nor is a name after a preposition in its clause ("Dari tangan Roro didapati …").
        # Once a verb stands before a name in its sentence, the name is an object or a
        # complement ("mengenakan sanksi kepada Darwin"), not the subject.
        if grammar().verb.search(lead) or grammar().preposition.search(lead.split(",")[-1]):
            continue
        if lead.startswith("(") or _NOMINAL_BEFORE.search(lead):
            # An aside in brackets ("(Baca: …, Jokowi: …)") tells no one's story; after
            # "Bergabungnya" or "Dilantiknya" the name is whose joining it was.
            continue
        if _after_relation(lead):
            continue  # "mantan suami Nia Daniati itu hadir": the husband is the subject
        if best is None or m.start > best[0].start:
            best = (m, key)
    return best


def _people_between(article: Article, after: int, before: int,
                    quoted: Sequence[tuple[int, int]]) -> Iterator[tuple[Mention, str]]:
    """Each mention of a person between two offsets, outside quotations, with its entity key."""
    for entity in article.entities:
        if entity.type != "PER":
            continue
        for m in entity.mentions:
            if after <= m.start and m.end <= before and not any(
                    s <= m.start < e for s, e in quoted):
                yield m, entity.key


def _reporting_person(article: Article, after: int, before: int,
                      quoted: Sequence[tuple[int, int]]) -> tuple[Mention, str] | None:
    """The last person between two offsets, outside quotations, named right before a reporting
    verb ("Sudarso Arief Bakuma, mengaku …")."""
    says = lexicon().then_says
    reporting = [(m, key) for m, key in _people_between(article, after, before, quoted)
                 if says.match(article.text, m.end) is not None]
    return max(reporting, key=lambda found: found[0].start, default=None)


def _title_holder(article: Article, speaker: Mention) -> str | None:
    """The person a title alone stands for ("kata Kapolri" → the Kapolri named earlier; "menurut
    Kapolsek" → the "Kapolsekta Medan Barat" named earlier)."""
    title = speaker.text.lower()
    # The title written right before a name, ranks and capitalised words between allowed
    # ("Kapolri Jenderal Tito Karnavian"), never across punctuation.
    # A short form in brackets closes the title: "(Menko Polhukam) Wiranto".
    written = re.compile(rf"(?i:{re.escape(title)})\)?(?:\s+[A-Z][\w.]*){{0,3}}\s+$")
    holders = [(m.start, entity.key) for entity in article.entities if entity.type == "PER"
               for m in entity.mentions
               if any(t.lower().startswith(title) for t in entity.titles)
               or written.search(article.text[max(0, m.start - 80):m.start])]
    earlier = [h for h in holders if h[0] < speaker.start]
    chosen = max(earlier) if earlier else (min(holders) if holders else None)
    return chosen[1] if chosen else None


def _statement_issuer(text: str, sentences: Sequence[Span], before: int) -> Mention | None:
    """Who issued the statement an anaphor points back to, from the last three sentences."""
    earlier = [s for s in sentences if s.start < before][-3:]
    for sentence in reversed(earlier):
        chunk = text[sentence.start:min(sentence.end, before)]
        match = lexicon().statement.search(chunk)
        if match:
            issuer = re.split(r",", match["issuer"])[-1].strip()
            return mention(text, sentence.start + match.start("issuer"), issuer)
    return None


@dataclass(frozen=True)
class Found:
    """A quotation before its speaker is resolved (resolution reads the quotes before it)."""

    kind: str
    start: int
    end: int
    verb: str | None
    speaker: Mention | None


def _referent(quote: Quote) -> tuple[Mention | None, str | None] | None:
    """Who said an earlier quote, for a pronoun or an unattributed quote that follows it."""
    if quote.speaker is None:
        return (quote.antecedent, quote.speaker_entity) if quote.antecedent else None
    if quote.speaker.text.lower() in lexicon().pronouns | lexicon().anaphors:
        return (quote.antecedent, quote.speaker_entity) if quote.antecedent else None
    return quote.speaker, quote.speaker_entity


def resolve_speaker(article: Article, found: Found, earlier: Sequence[Quote],
                    quoted: Sequence[tuple[int, int]]) -> tuple[Mention | None, str | None]:
    """(antecedent mention, entity key) for a quote's speaker, given the quotes before it."""
    speaker, lex = found.speaker, lexicon()
    previous = next((r for q in reversed(earlier) if (r := _referent(q))), None)
    if speaker is None:
        # An unattributed quotation right after another one continues it, and so does an
        # agentless "Dikatakan, …" (guideline 7).
        if (found.kind == "direct" or found.verb) and earlier and previous is not None:
            return previous
        return None, None
    words = speaker.text.lower()
    if words in lex.pronouns:
        return _antecedent(article, found, earlier, quoted, previous)
    if _points_back(article, speaker):
        return _antecedent(article, found, earlier, quoted, previous)
    if words in lex.anaphors:
        issuer = _statement_issuer(article.text, article.sentences, speaker.start)
        if issuer is None:
            return None, None
        return issuer, _entity_at(article.entities, issuer.start, issuer.end)
    entity = _entity_at(article.entities, speaker.start, speaker.end)
    place = next((e for e in article.entities if e.key == entity
                  and e.type in ("LOC", "GPE")), None)
    if place is not None and (place.place is None or place.place.feature != "country") and not any(
            m.start <= speaker.start and speaker.end <= m.end for m in place.mentions):
        # A town or province inside a title ("Kapolsek Tambun", "Mantan Gubernur DKI Jakarta
        # ini") is not the speaker; the person holding the title is, if the article names one.
        # A country stays: "tentara Rusia" speaks for Russia.
        entity = _title_holder(article, speaker)
    elif entity is None:
        entity = _title_holder(article, speaker)
    elif _holds_office(speaker.text) and any(e.key == entity and e.type == "ORG"
                                             for e in article.entities):
        # An office alone, named by its body ("Menko Polhukam juga mengatakan", "Ketua KPK
        # menegaskan"): the person the article names in it, else the body.
        entity = _title_holder(article, speaker) or entity
    return None, entity


_OFFICES = frozenset({"roles", "ranks"})


def _points_back(article: Article, speaker: Mention) -> bool:
    """Whether a speaker phrase is a description pointing back to someone named before, read
    like a pronoun: an office, a rank or a word for a person, then a pointer, naming no person
    ("Politikus Partai NasDem itu", "Pria itu"), or a relation to someone named ("mantan suami
    Nia Daniati itu": not Nia Daniati)."""
    words = speaker.text.lower().split()
    if len(words) < 2 or not grammar().pointing.search(" ".join(words)):
        return False
    lex = lexicon()
    head = words[1] if words[0] == "mantan" else words[0]
    if head in lex.relations or " ".join(words[:2]) in lex.relations:
        return True
    if head not in lex.person_heads and not _holds_office(speaker.text):
        return False
    return not any(e.type == "PER" and any(speaker.start <= m.start and m.end <= speaker.end
                                           for m in e.mentions) for e in article.entities)


def _holds_office(phrase: str) -> bool:
    """Whether a phrase names an office or rank ("Mantan Gubernur DKI Jakarta ini"), so that
    it describes a person, not a document or a bystander ("putusan itu", "saksi tersebut")."""
    found = tokens(phrase)
    return any(vocabulary().match(found, i, _OFFICES)[0] for i in range(len(found)))


def _can_speak(mention: Mention | None, entity: str | None) -> bool:
    """Whether an earlier source can be what a pronoun points back to: a named entity, a
    capitalised name or an office ("Kapolsek"), not a common noun a looser cue took for a
    source ("Menurut agenda, …", "media nasional membenarkan …")."""
    if entity is not None or mention is None:
        return True
    # A capital on the first word alone may only open the sentence ("Media nasional …").
    words = mention.text.split()
    named = any(w[:1].isupper() for w in words[1:]) or (len(words) == 1 and words[0][:1].isupper())
    return named or _holds_office(mention.text)


def _is_person(article: Article, source: tuple[Mention | None, str | None] | None) -> bool:
    """Whether an earlier speaker is a person the entity stage named."""
    return source is not None and source[1] is not None and any(
        e.key == source[1] and e.type == "PER" for e in article.entities)


def _introduced(article: Article, subject: tuple[Mention, str]) -> bool:
    """Whether a subject is named here for the first time in the article: a person who enters
    the story ("Sementara itu, Kapolres X tiba …"), not one the story is about."""
    mention, key = subject
    return not any(m.start < mention.start for e in article.entities if e.key == key
                   for m in e.mentions)


def _same_sentence(article: Article, first: Mention, second: Mention) -> bool:
    """Whether two mentions are in one sentence: "Fahmi pun mengakui …, menurutnya …"."""
    return any(s.start <= first.start and second.end <= s.end for s in article.sentences)


def _antecedent(article: Article, found: Found, earlier: Sequence[Quote],
                quoted: Sequence[tuple[int, int]],
                previous: tuple[Mention | None, str | None] | None,
                ) -> tuple[Mention | None, str | None]:
    """Who a pronoun speaker stands for: the last speaker, unless someone else became the
    subject since ("Sementara itu, Kapolres X …"): reporters chain "ujarnya" after the person
    they just quoted, and the people named inside quotations are who the speaker talks about.
    When the last speaker is a named person, only a subject named there for the first time
    takes over, or one in the sentence of an indirect quote's pronoun ("Fahmi pun mengakui …,
    menurutnya …"): one named before is who the story is about ("Rizieq sudah berada di Arab
    Saudi"), and the pronoun after it still belongs to the person quoted."""
    assert found.speaker is not None
    last_end = max((max(q.end, q.speaker.end if q.speaker else 0) for q in earlier), default=0)
    until = min(found.speaker.start, found.start)
    reporting = _reporting_person(article, last_end, until, quoted)
    if reporting is not None:
        # "…, Sudarso Arief Bakuma, mengaku belum menerima …. '…,' ujarnya.": the person who
        # spoke last, even in words that are no quotation, is who the pronoun means.
        return reporting
    subject = _subject_person(article, last_end, until, quoted)
    if subject is not None and (_introduced(article, subject)
                                or not _is_person(article, previous)
                                or (found.kind == "indirect"
                                    and _same_sentence(article, subject[0], found.speaker))):
        return subject
    if previous is not None and _can_speak(*previous):
        return previous
    person = nearest_person(article.entities, until)
    return (person[0], person[1]) if person else (None, None)

