"""The reporting words of Indonesian news (``data/id/quotes.toml``) compiled into the patterns
the quote finder and the speaker resolver share: :func:`lexicon` for the reporting clauses,
:func:`grammar` for the words around them (adverbials, connectives, prepositions). The patterns
are code, the words data."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from warta.resources import load_toml


@dataclass(frozen=True)
class Lexicon:
    after: re.Pattern[str]
    suffixed: frozenset[str]  # cues whose "-nya" is the speaker ("katanya"; not "tanya")
    before: re.Pattern[str]
    according: re.Pattern[str]
    according_inline: re.Pattern[str]  # "Hal itu menurut Jokowi membuat …": no commas
    outlet: re.Pattern[str]
    agentless: re.Pattern[str]
    agentless_verbs: frozenset[str]
    subject_says: re.Pattern[str]
    # Used with match() right after a name: the name is the subject of a reporting verb.
    then_says: re.Pattern[str]
    # A subject and a verb whose object is a quoted fragment (its speaker and cue).
    fragment_says: re.Pattern[str]
    inner_says: re.Pattern[str]
    request_verbs: frozenset[str]
    clause_verbs: frozenset[str]
    relay_verbs: frozenset[str]
    clause_follows: re.Pattern[str]
    clause_openers: frozenset[str]
    existential: re.Pattern[str]
    addressed_verbs: frozenset[str]
    request_content: re.Pattern[str]
    pronouns: frozenset[str]
    anaphors: frozenset[str]
    person_heads: frozenset[str]  # "Pria itu": a description of a person pointing back
    relations: frozenset[str]  # "suami X itu": the name is a relative's
    statement: re.Pattern[str]
    said_before: re.Pattern[str]


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _subject_verb(verbs: str, adverbs: str, first: str, stops: str = "") -> str:
    """A sentence's or clause's subject (``speaker``, opening with ``first``, not across
    punctuation or the characters in ``stops``) and its verb (``verb``)."""
    return (rf"(?:^|,\s+)(?P<speaker>{first}[^.;:!?\"“”{stops}\n]{{1,160}}?),?\s+"
            rf"(?:(?:{adverbs})\s+)?(?P<verb>(?i:{verbs}))")


def _says(before: str, comp: str, adverbs: str, first: str) -> re.Pattern[str]:
    """Subject, reporting verb, and the start of what was said: 'Assad mengatakan, …'."""
    return re.compile(_subject_verb(before, adverbs, first)
                      + rf"(?:\s+(?i:{comp}))?\s*,?\s+(?=\S)")


@cache
def lexicon() -> Lexicon:
    data = load_toml("id/quotes.toml")
    words = data["grammar"]
    as_words = _alternation(words["as_words"])
    relative = re.escape(words["relative"])
    to_whom = _alternation(words["addressee_markers"])
    by = _alternation(words["agent_markers"])
    adverbs = _alternation(words["subject_verb_adverbs"])
    after = _alternation([*data["suffixed_after_verbs"], *data["after_verbs"]])
    before = _alternation([*data["before_verbs"], *data["clause_verbs"]])
    comp = _alternation(data["complementisers"])
    according = _alternation(data["according_to"])
    clause_start = _alternation([*data["complementisers"], *data["request_complementisers"],
                                 *data["clause_openers"]])
    openers = _alternation(data["clause_openers"])
    return Lexicon(
        # Used with match(text, pos), which anchors at pos: no "^" (that means the string start).
        after=re.compile(rf"\s*(?:(?i:{as_words})\s+(?:(?i:{relative})\s+)?)?"
                         rf"(?!(?i:{_alternation(data['after_verb_idioms'])})\b)"
                         rf"(?P<verb>(?i:{after}))\b\s*(?P<speaker>[^.;:!?\"“”\n]{{0,160}})"),
        before=re.compile(
            # A comma may set the subject off: 'Pemimpin redaksi X, Oscar Cantu, mengatakan: "'.
            rf"(?P<speaker>[^.,;:!?\"“”\n]{{2,80}}?),?\s+(?P<verb>(?i:{before}))"
            rf"(?:\s+(?i:{comp}))?\s*[,:]?\s*$"),
        according_inline=re.compile(
            rf"(?<=\s)(?P<verb>(?i:{_alternation(data['according_inline'])}))(?P<nya>nya)?\b"),
        according=re.compile(
            # At a sentence end the comma is often left out: '… "Heil Hitler" menurut jaksa.'
            # There the source is a short noun phrase (at most four words, no "dan"), or it is
            # a clause ("sah menurut hukum dan menjadi dasar pemeriksaan perkara ini").
            # After a conjunction what was said follows the cue: "…, dan menurutnya itu sah."
            rf"(?:^|,\s*|(?P<conj>(?:,\s*|\s+)"
            rf"(?i:{_alternation(words['according_conjunctions'])})\s+)"
            rf"|\s+(?=(?i:{according})(?:\s+(?!(?:{_alternation(words['according_source_stops'])})\b)"
            rf"[^\s,.;:!?\"“”]+){{1,4}}[.!?]?$))"
            rf"(?:(?i:{_alternation(words['according_leads'])})\s+)?(?P<verb>(?i:{according}))"
            # "Menurutnya, …" and, as often, "Menurutnya hak …" without the comma; a hearer
            # may follow ("Berdasarkan pengakuannya kepada polisi, KM …").
            rf"(?:nya\b(?:\s+(?:{to_whom})\s+[^,.;:!?\"“”\n]{{1,40}}?(?=,))?\s*,?\s*"
            rf"|\s+(?!(?i:{_alternation(data['according_not_sources'])})\b)"
            r"(?P<speaker>[^,.;:!?\"“”\n]{2,120}?)\s*(?:,\s*|[.!?]?$))"),
        # The subject may follow an opening adverbial ("Saat dihubungi, Martinus menjelaskan")
        # and carry an appositive title between commas ("Kabid Humas Polda Jabar, Kombes X,").
        outlet=re.compile(
            rf"^(?P<verb>(?i:{_alternation(data['outlet_openers'])}))\s+(?:(?i:{by})\s+)?"
            r"(?P<speaker>[A-Z][^,.;:!?\"“”\n]{1,60}?"
            # A common noun, then the outlet's name: "Lansiran surat kabar Korea Selatan,
            # Joongang Ilbo, orang itu …", "dilansir dari laman Quartz". Not "Diberitakan
            # sebelumnya, …", nor a clause ("dress Erdem yang dipakai …").
            r"|[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}(?:\s+[A-Z][\w.&-]*)+"
            r"(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}(?=\s*,))?)\s*,\s*"),
        agentless_verbs=frozenset(data["agentless_openers"]),
        agentless=re.compile(
            rf"^(?P<verb>(?i:{_alternation(data['agentless_openers'])})),\s*(?=\S)"),
        subject_says=_says(before, comp, adverbs, "[A-Z]"),
        then_says=re.compile(rf",?\s+(?:(?:{adverbs}|{_alternation(words['subject_particles'])})"
                             rf"\s+)?(?i:{before})\b"),
        # Used with search() on the sentence up to the opening mark; up to eight words between
        # the verb and the fragment ("menuduh pemerintah Belanda bertindak seperti").
        fragment_says=re.compile(
            _subject_verb(_alternation(data["fragment_verbs"]), adverbs, "[A-Z]", "‘’")
            + r"\b(?:\s+[^\s.;:!?\"“”‘’]+){0,8}\s*$"),
        # The speaker inside a report ("…melaporkan, para aktivis di Raqqa menyebutkan …"),
        # used with match(): after a comma, lower case is allowed.
        inner_says=_says(before, comp, adverbs, r"\w"),
        request_verbs=frozenset(data["request_verbs"]),
        clause_verbs=frozenset(data["clause_verbs"]),
        relay_verbs=frozenset(data["relay_verbs"]),
        # Used with match(text, pos) right after the verb.
        # The clause may have its own subject before an auxiliary ("percaya KPK masih
        # memiliki saksi", "berjanji kepada warga akan …"); not across a relative clause or
        # a set phrase ("percaya diri akan menang" is a feeling).
        clause_follows=re.compile(
            rf"\s*[,:]|\s+(?i:{clause_start})\b"
            rf"|\s+(?!(?:{_alternation(words['clause_verb_idioms'])})\b)"
            rf"(?:(?!{relative}\b)[^\s,.;:!?\"“”]+\s+){{1,3}}(?i:{openers})\b"),
        clause_openers=frozenset(data["clause_openers"]),
        # The report after an existential verb, before "yang": "muncul sebuah kabar … yang".
        existential=re.compile(
            rf"(?:^|.*?[\s,])(?i:{_alternation(data['existential_verbs'])})\s+(?P<report>.+?)"
            rf"\s+{relative}$",
            re.S),
        addressed_verbs=frozenset(data["addressed_verbs"]),
        request_content=re.compile(
            rf"(?i:{_alternation(data['request_complementisers'])})\b\s*"),
        suffixed=frozenset(data["suffixed_after_verbs"]),
        pronouns=frozenset(data["pronouns"]),
        anaphors=frozenset(data["anaphors"]),
        person_heads=frozenset(data["person_heads"]),
        relations=frozenset(data["relations"]),
        statement=re.compile(
            rf"\b(?i:{_alternation(data['statement_nouns'])})\b.*?,?\s*"
            # (before_verbs hold "mengklaim", claimed, which issues a statement too.)
            rf"(?P<issuer>[A-Za-z][\w -]{{1,60}}?)\s+(?P<verb>(?i:{before}))\b",
            re.S),
        # Used with match(text, pos), which anchors at pos.
        said_before=re.compile(
            rf"(?i:{_alternation(data['said_before_subjects'])})\s+"
            rf"(?i:{_alternation(words['demonstratives'])})\s+"
            rf"(?:(?i:{_alternation(words['said_before_adverbs'])})\s+)?"
            rf"(?P<verb>(?i:{_alternation(data['said_before_verbs'])}))"
            # "… dikonfirmasi langsung oleh manajemen klub", "… diumumkan secara resmi oleh …"
            rf"\s+(?:(?i:{_alternation(words['said_before_manner'])}"
            rf"|(?:{_alternation(words['manner_markers'])})\s+\w+)\s+)?(?:(?i:{by})\s+)?"
            r"(?P<speaker>[^.;:!?\"“”\n]{2,160})"),
    )


@dataclass(frozen=True)
class Grammar:
    """The words around a reporting clause (quotes.toml [grammar]) in the patterns that read
    them; what each list is for is told in the data file."""

    speaker_end: re.Pattern[str]  # where a speaker phrase ends and a circumstance begins
    adverbs: re.Pattern[str]  # adverbs closing a subject before its verb
    adverbial: re.Pattern[str]  # a phrase that is an adverbial, not a subject
    connective: re.Pattern[str]  # commas and connectives splitting a clause before its verb
    subordinate: re.Pattern[str]  # a clause up to the subordinate one holding the subject
    day: re.Pattern[str]  # a weekday alone
    source_line: re.Pattern[str]  # "sebagaimana dikutip Reuters …" after a subject
    circumstance: re.Pattern[str]  # a circumstance after a subject, without commas
    companion: re.Pattern[str]  # "didampingi": who comes after it is not the subject
    through: re.Pattern[str]  # "melalui": the person after it speaks for the subject
    addressee: re.Pattern[str]  # the person told, then "bahwa"
    to_addressee: re.Pattern[str]  # "kepada" right after a verb
    relative: str
    sentence_connective: re.Pattern[str]  # a connective opening the sentence
    run_on: re.Pattern[str]  # a connective opening a sentence that goes on with a report
    preposition: re.Pattern[str]
    pointing: re.Pattern[str]  # a description ending in a pointer ("… ini")
    purpose: re.Pattern[str]  # a phrase ending in a word of purpose ("… guna")
    cleft: re.Pattern[str]  # a subject opening with "Itulah yang …": no speaker
    verb: re.Pattern[str]  # a lower-case word with a verbal prefix ("menangkap", "ditahan")


@cache
def grammar() -> Grammar:
    data = load_toml("id/quotes.toml")
    words = data["grammar"]
    # The first, standard spelling of each weekday in time.toml, capitalised as in the text.
    weekdays = _alternation([spellings[0].capitalize()
                             for spellings in load_toml("id/time.toml")["weekdays"].values()])

    def either(key: str) -> str:
        return _alternation(words[key])

    to_whom = either("addressee_markers")
    # "pun" (too) written onto a pronoun: "Iapun mengatakan" is "Ia pun mengatakan".
    glued_pun = "(?:" + "|".join(
        rf"(?<=\b{re.escape(p)})" for p in data["pronouns"]
        if p.isalpha()) + ")pun"
    return Grammar(
        speaker_end=re.compile(rf"\s+(?:{either('speaker_ends')}|{weekdays})\b.*$", re.S),
        adverbs=re.compile(rf"(?:\s+(?:{either('subject_adverbs')})|{glued_pun})+$", re.I),
        adverbial=re.compile(rf"^(?:{either('adverbials')})\b", re.I),
        connective=re.compile(rf",|\b(?:{either('clause_connectives')})\b"),
        subordinate=re.compile(rf".*\b(?:{either('subordinators')})\s+", re.I | re.S),
        day=re.compile(rf"^(?:{weekdays})\b"),
        source_line=re.compile(
            rf"\s+(?:{either('as_words')})\s+(?:{either('source_line_verbs')})\b.*$",
            re.I | re.S),
        circumstance=re.compile(
            rf"\s+(?:{either('circumstances')}|{either('companions')})\s[^,]*$"),
        companion=re.compile(rf"\s(?:{either('companions')})\s"),
        through=re.compile(rf"\s(?:{either('through')})\s"),
        addressee=re.compile(rf"\s+(?:(?:{to_whom})\s+)?[^,.;:!?\"“”\n]{{2,80}}?\s+"
                             rf"(?:{either('told_complementisers')})\s+"),
        to_addressee=re.compile(rf"\s+(?:{to_whom})\s"),
        relative=words["relative"],
        sentence_connective=re.compile(rf"^(?:{either('sentence_connectives')})\s*,?\s+", re.I),
        run_on=re.compile(rf"(?:{either('run_on_connectives')})\b", re.I),
        preposition=re.compile(rf"\b(?:{either('prepositions')})\b", re.I),
        pointing=re.compile(rf"\s(?:{either('demonstratives')})$"),
        purpose=re.compile(rf"\s(?:{either('purpose')})\s*$", re.I),
        cleft=re.compile(rf"(?:{either('clefts')})\b", re.I),
        verb=re.compile(rf"(?<![\w-])(?!(?:{either('prefixed_non_verbs')})\b)"
                        r"(?:me|di|ber|ter)[a-z]{3,}\b"),
    )
