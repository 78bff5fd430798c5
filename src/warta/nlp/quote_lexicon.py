"""The reporting words of Indonesian news (``data/id/quotes.toml``) compiled into the patterns
the quote finder and the speaker resolver share."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from warta.resources import load_toml


@dataclass(frozen=True)
class Lexicon:
    after: re.Pattern[str]
    before: re.Pattern[str]
    according: re.Pattern[str]
    outlet: re.Pattern[str]
    agentless: re.Pattern[str]
    agentless_verbs: frozenset[str]
    subject_says: re.Pattern[str]
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
    statement: re.Pattern[str]
    said_before: re.Pattern[str]


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _says(before: str, comp: str, first: str) -> re.Pattern[str]:
    """Subject, reporting verb, and the start of what was said: 'Assad mengatakan, …'."""
    return re.compile(
        rf"(?:^|,\s+)(?P<speaker>{first}[^.;:!?\"“”\n]{{1,160}}?),?\s+(?:juga\s+)?"
        rf"(?P<verb>(?i:{before}))(?:\s+(?i:{comp}))?\s*,?\s+(?=\S)")


@cache
def lexicon() -> Lexicon:
    data = load_toml("id/quotes.toml")
    after = _alternation([*data["suffixed_after_verbs"], *data["after_verbs"]])
    before = _alternation([*data["before_verbs"], *data["clause_verbs"]])
    comp = _alternation(data["complementisers"])
    according = _alternation(data["according_to"])
    clause_start = _alternation([*data["complementisers"], *data["request_complementisers"],
                                 *data["clause_openers"]])
    openers = _alternation(data["clause_openers"])
    return Lexicon(
        # Used with match(text, pos), which anchors at pos: no "^" (that means the string start).
        after=re.compile(rf"\s*(?:(?i:seperti|sebagaimana)\s+(?:(?i:yang)\s+)?)?"
                         rf"(?!(?i:{_alternation(data['after_verb_idioms'])})\b)"
                         rf"(?P<verb>(?i:{after}))\b\s*(?P<speaker>[^.;:!?\"“”\n]{{0,160}})"),
        before=re.compile(
            # A comma may set the subject off: 'Pemimpin redaksi X, Oscar Cantu, mengatakan: "'.
            rf"(?P<speaker>[^.,;:!?\"“”\n]{{2,80}}?),?\s+(?P<verb>(?i:{before}))"
            rf"(?:\s+(?i:{comp}))?\s*[,:]?\s*$"),
        according=re.compile(
            # At a sentence end the comma is often left out: '… "Heil Hitler" menurut jaksa.'
            # There the source is a short noun phrase (at most four words, no "dan"), or it is
            # a clause ("sah menurut hukum dan menjadi dasar pemeriksaan perkara ini").
            # After a conjunction what was said follows the cue: "…, dan menurutnya itu sah."
            rf"(?:^|,\s*|(?P<conj>(?:,\s*|\s+)(?i:dan|tetapi|namun)\s+)"
            rf"|\s+(?=(?i:{according})(?:\s+(?!dan\b)[^\s,.;:!?\"“”]+){{1,4}}[.!?]?$))"
            rf"(?:(?i:demikian)\s+)?(?P<verb>(?i:{according}))"
            # "Menurutnya, …" and, as often, "Menurutnya hak …" without the comma; a hearer
            # may follow ("Berdasarkan pengakuannya kepada polisi, KM …").
            r"(?:nya\b(?:\s+kepada\s+[^,.;:!?\"“”\n]{1,40}?(?=,))?\s*,?\s*"
            rf"|\s+(?!(?i:{_alternation(data['according_not_sources'])})\b)"
            r"(?P<speaker>[^,.;:!?\"“”\n]{2,120}?)\s*(?:,\s*|[.!?]?$))"),
        # The subject may follow an opening adverbial ("Saat dihubungi, Martinus menjelaskan")
        # and carry an appositive title between commas ("Kabid Humas Polda Jabar, Kombes X,").
        outlet=re.compile(
            rf"^(?P<verb>(?i:{_alternation(data['outlet_openers'])}))\s+(?:(?i:oleh)\s+)?"
            r"(?P<speaker>[A-Z][^,.;:!?\"“”\n]{1,60}?"
            # A common noun, then the outlet's name: "Lansiran surat kabar Korea Selatan,
            # Joongang Ilbo, orang itu …", "dilansir dari laman Quartz". Not "Diberitakan
            # sebelumnya, …", nor a clause ("dress Erdem yang dipakai …").
            r"|[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}(?:\s+[A-Z][\w.&-]*)+"
            r"(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}(?=\s*,))?)\s*,\s*"),
        agentless_verbs=frozenset(data["agentless_openers"]),
        agentless=re.compile(
            rf"^(?P<verb>(?i:{_alternation(data['agentless_openers'])})),\s*(?=\S)"),
        subject_says=_says(before, comp, "[A-Z]"),
        # The speaker inside a report ("…melaporkan, para aktivis di Raqqa menyebutkan …"),
        # used with match(): after a comma, lower case is allowed.
        inner_says=_says(before, comp, r"\w"),
        request_verbs=frozenset(data["request_verbs"]),
        clause_verbs=frozenset(data["clause_verbs"]),
        relay_verbs=frozenset(data["relay_verbs"]),
        # Used with match(text, pos) right after the verb.
        # The clause may have its own subject before an auxiliary ("percaya KPK masih
        # memiliki saksi", "berjanji kepada warga akan …"); not across a relative clause or
        # a set phrase ("percaya diri akan menang" is a feeling).
        clause_follows=re.compile(
            rf"\s*[,:]|\s+(?i:{clause_start})\b"
            rf"|\s+(?!diri\b)(?:(?!yang\b)[^\s,.;:!?\"“”]+\s+){{1,3}}(?i:{openers})\b"),
        clause_openers=frozenset(data["clause_openers"]),
        # The report after an existential verb, before "yang": "muncul sebuah kabar … yang".
        existential=re.compile(
            rf"(?:^|.*?[\s,])(?i:{_alternation(data['existential_verbs'])})\s+(?P<report>.+?)\s+yang$",
            re.S),
        addressed_verbs=frozenset(data["addressed_verbs"]),
        request_content=re.compile(
            rf"(?i:{_alternation(data['request_complementisers'])})\b\s*"),
        pronouns=frozenset(data["pronouns"]),
        anaphors=frozenset(data["anaphors"]),
        statement=re.compile(
            rf"\b(?i:{_alternation(data['statement_nouns'])})\b.*?,?\s*"
            rf"(?P<issuer>[A-Za-z][\w -]{{1,60}}?)\s+(?P<verb>(?i:{before}|mengklaim))\b",
            re.S),
        # Used with match(text, pos), which anchors at pos.
        said_before=re.compile(
            rf"(?i:{_alternation(data['said_before_subjects'])})\s+(?i:ini|itu|tersebut)\s+"
            rf"(?:(?i:juga|pun|sebelumnya)\s+)?(?P<verb>(?i:{_alternation(data['said_before_verbs'])}))"
            # "… dikonfirmasi langsung oleh manajemen klub", "… diumumkan secara resmi oleh …"
            r"\s+(?:(?i:langsung|secara\s+\w+)\s+)?(?:(?i:oleh)\s+)?(?P<speaker>[^.;:!?\"“”\n]{2,160})"),
    )
