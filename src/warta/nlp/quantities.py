"""Counts and amounts in Indonesian news: "lebih dari 450 militan", "Rp 2,3 triliun",
"puluhan warga", "1,5 juta", "10 persen".

``tag_quantities(text)`` returns :class:`warta.model.Quantity` records with the value as a
number (Indonesian separators: ``1.500`` is 1500, ``1,5`` is 1.5), the hedge as written
("lebih dari", "sekitar"), the unit (``IDR``, ``USD``, ``percent``, ``km`` ...) and the noun
being counted (the next content word: "militan", "penerbangan", "kantong").

Dates, clock times, years and durations are times, not quantities: numbers inside what the time
tagger finds ("14/9", "pukul 14.30", "2017", "tiga tahun") are left out. Vague amounts
("puluhan", "ratusan ribu") get the least value they can mean (10, 100,000) and keep the word as
their approximation. The words are data in ``data/id/numbers.toml``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from warta.model import Article, Quantity, replace
from warta.nlp.numbers import (
    DIGITS,
    alternation,
    digit_runs,
    hedge_before,
    load_data,
    lower_same_length,
    number_words,
    parse_digits,
    word_positions,
)
from warta.nlp.times import analyse

if TYPE_CHECKING:
    from warta.settings import Settings


@dataclass(frozen=True)
class _Lexicon:
    pattern: re.Pattern[str]
    start_words: frozenset[str]  # lower-case words a quantity can start with
    prefixes: tuple[str, ...]  # currency written before amounts, case-sensitive: "Rp", "US$"
    currencies: dict[str, str]
    units: dict[str, str]  # lower-cased keys
    not_counted: frozenset[str]
    identifiers: frozenset[str]
    idioms: re.Pattern[str]
    next_word: re.Pattern[str]


@cache
def _lexicon() -> _Lexicon:
    data = load_data("id/numbers.toml")
    numbers = number_words()
    prefix = data["currencies"]["prefix"]
    suffix = data["currencies"]["suffix"]
    units = data["units"]
    scales = alternation(numbers.scales)
    pattern = (
        rf"(?<![\w.,/\-])(?:(?P<cur>(?-i:{alternation(prefix)}))\s*)?"
        rf"(?:(?P<digits>{DIGITS})(?![\w/]|[.,:]\d)(?:\s*(?P<scale>{scales})(?!\w))?"
        rf"|(?P<words>{numbers.pattern})(?![\w-])"
        rf"|(?P<vague>{numbers.vague_pattern})(?!\w)(?:\s+(?P<vscale>{scales})(?!\w))?)"
        rf"(?:\s*(?P<pct>%)|\s+(?P<unit>{alternation([*units, *suffix])})(?![\w%]))?"
    )
    first_words = [w.split()[0].lower() for w in
                   [*numbers.digits, *numbers.whole, *numbers.multipliers, *numbers.vague]]
    return _Lexicon(
        pattern=re.compile(pattern, re.IGNORECASE),
        start_words=frozenset(first_words),
        prefixes=tuple(prefix),
        currencies={**prefix, **{k.lower(): v for k, v in suffix.items()}},
        units={k.lower(): v for k, v in units.items()},
        not_counted=frozenset(data["not_counted"]["words"]),
        identifiers=frozenset(data["identifiers"]["words"]),
        idioms=re.compile(
            rf"(?<!\w)(?:{alternation(data['phrases_not_numbers']['phrases'])})(?![\w-])",
            re.IGNORECASE),
        next_word=re.compile(r"\s+([^\W\d_][\w-]*)"),
    )


_PREVIOUS_WORD = re.compile(r"([\w.]+)\s*$")
_SENTENCE_START = frozenset(".!?\"'“”\n")


def _value(m: re.Match[str], comma_groups_thousands: bool = False) -> float | None:
    numbers = number_words()
    if m.group("digits"):
        written = m.group("digits")
        if comma_groups_thousands and _ENGLISH_THOUSANDS.fullmatch(written):
            written = written.replace(",", "")
        value = parse_digits(written)
        scale = m.group("scale")
    elif m.group("words"):
        value = numbers.value(m.group("words"))
        scale = None
    else:
        value = numbers.vague[m.group("vague").lower()]
        scale = m.group("vscale")
    if value is None:
        return None
    return value * numbers.scales[scale.lower()] if scale else value


_ENGLISH_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_DASH_NUMBER_AFTER = re.compile(r"\s*[-–]\s*\d")
_DASH_NUMBER_BEFORE = re.compile(r"\d\s*[-–]\s*$")
_LINE_START = re.compile(r"(?:^|\n)[ \t]*$")


def _score_or_list(text: str, m: re.Match[str]) -> bool:
    """Digits that are a score ("imbang 3 - 3", "21 - 13"), the first number of a range, or a
    list marker at the start of a line ("1. Persiapkan"): not amounts of anything."""
    end = m.end("digits")
    if _DASH_NUMBER_AFTER.match(text, end):
        return True
    start = m.start("digits")
    if _DASH_NUMBER_BEFORE.search(text, max(0, start - 8), start) and not (
            m.group("unit") or m.group("pct") or _COUNT_AFTER.match(text, m.end())):
        return True
    return text[end : end + 1] in ".)" and _LINE_START.search(text, max(0, start - 10), start) \
        is not None


_COUNT_AFTER = re.compile(r"\s+[a-z]")


def _is_year(m: re.Match[str]) -> bool:
    written = m.group("digits") or ""
    return (len(written) == 4 and written.isdigit() and 1900 <= int(written) <= 2099
            and not (m.group("cur") or m.group("scale") or m.group("pct") or m.group("unit")))


def _counted(text: str, end: int, lex: _Lexicon) -> str | None:
    """The noun a count is about: the next word, when it is a lower-case content word."""
    nxt = lex.next_word.match(text, end)
    if nxt is None:
        return None
    word = nxt.group(1)
    if not word[0].islower() or word.lower() in lex.not_counted:
        return None
    return word


class _Spans:
    """Spans to leave out, asked "does anything overlap start-end?" in O(log n): sorted by
    start, with the furthest end reached so far, so nested spans (the days inside "Kamis dan
    Jumat (15/9)") need no special case."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach: list[int] = []
        furthest = -1
        for _, e in ordered:
            furthest = max(furthest, e)
            self.reach.append(furthest)

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect_left(self.starts, end)  # spans starting before ``end``
        return index > 0 and self.reach[index - 1] > start


def _in_idiom(text: str, start: int, end: int, lex: _Lexicon) -> bool:
    """Whether number words belong to an idiom around them ("salah satu", "satu sama lain")."""
    window = max(0, start - 12)
    return any(m.start() < end and start < m.end()
               for m in lex.idioms.finditer(text, window, min(len(text), end + 16)))


def tag_quantities(text: str, time_spans: Iterable[tuple[int, int]] | None = None
                   ) -> list[Quantity]:
    """Quantities in ``text``. ``time_spans`` are (start, end) of time expressions to leave out;
    when not given, the time tagger is run (without an anchor) to find them."""
    lex = _lexicon()
    if time_spans is None:  # the time rules keep dates, years and durations out of counts
        time_spans = [(t.start, t.end) for t in analyse(text, None).times]
    excluded = _Spans(time_spans)
    out: list[Quantity] = []
    reached = 0
    for at in _starts(text, lex):
        if at < reached or excluded.overlaps(at, at + 1):
            continue  # inside the quantity before ("dua ratus ribu") or inside a date
        m = lex.pattern.match(text, at)
        if m is None:
            continue
        start = m.start("cur") if m.group("cur") else m.start("digits") if m.group(
            "digits") else m.start("words") if m.group("words") else m.start("vague")
        if excluded.overlaps(start, m.end()) or _is_year(m):
            continue
        hedge = hedge_before(text, m.start())
        begin = hedge[0] if hedge else m.start()
        before = _PREVIOUS_WORD.search(text, max(0, m.start() - 25), m.start())
        if before and before.group(1).lower() in lex.identifiers and not hedge:
            continue  # "Pasal 28", "nomor 5", "tahun 2017"
        words = m.group("words")
        if words and _in_idiom(text, start, m.end(), lex):
            continue
        if words and words[0].isupper() and start > 0:
            prior = text[max(0, start - 10) : start].rstrip()[-1:]
            if prior and prior not in _SENTENCE_START:
                continue  # "Lima" mid-sentence is the city, not five
        if m.group("digits") and _score_or_list(text, m):
            continue
        unit = lex.currencies[m.group("cur")] if m.group("cur") else None
        # Rupiah have no decimals: "Rp 9,000" is nine thousand written the English way.
        value = _value(m, comma_groups_thousands=unit == "IDR")
        if value is None:
            continue
        if m.group("pct"):
            unit = "percent"
        elif m.group("unit"):
            written = " ".join(m.group("unit").lower().split())
            unit = lex.units.get(written) or lex.currencies.get(written) or unit
        approximation = hedge[1] if hedge else (
            m.group("vague").lower() if m.group("vague") else None)
        counted = None if unit else _counted(text, m.end(), lex)
        if words and words[0].isupper() and not (counted or unit):
            continue  # "Lima, ibu kota Peru": a count opening a sentence names what it counts
        out.append(Quantity(text[begin : m.end()], begin, m.end(), value,
                            approximation, unit, counted))
        reached = m.end()
    return out


def _starts(text: str, lex: _Lexicon) -> list[int]:
    """Offsets where a quantity may start, in order: number words, currencies ("Rp2,3" has no
    word boundary, so they are found as written), digit runs. Trying the pattern only there is
    about four times faster than scanning the text with it."""
    starts = [at for _, at in word_positions(lower_same_length(text), lex.start_words)]
    starts.extend(run.start() for run in digit_runs(text))
    for prefix in lex.prefixes:
        at = text.find(prefix)
        while at >= 0:
            starts.append(at)
            at = text.find(prefix, at + 1)
    return sorted(set(starts))


def build(settings: Settings | None = None) -> Any:
    """The "quantities" stage: fills ``quantities``; reuses ``times`` when a time stage ran."""

    def quantities(article: Article) -> Article:
        spans = [(t.start, t.end) for t in article.times] if article.times else None
        return replace(article, quantities=tag_quantities(article.text, spans))

    return quantities


__all__ = ["build", "tag_quantities"]
