"""Indonesian numbers: digits with Indonesian separators and number words, shared by the time
and quantity taggers.

Indonesian writes ``1.500`` for fifteen hundred and ``1,5`` for one and a half; number words
compose as ``dua puluh lima`` (25), ``tiga belas`` (13), ``dua ratus ribu`` (200,000), with the
prefix ``se-`` for one (``seratus``, ``seribu``). The words themselves are data in
``data/id/numbers.toml``; this module only knows how they combine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache
from typing import Any

from warta.resources import load_toml


def load_data(relative: str) -> dict[str, Any]:
    """A TOML file from ``warta/data``, e.g. ``id/numbers.toml``."""
    return load_toml(relative)


def alternation(words: object) -> str:
    """A regex alternation of words, longest first so "sebelas" wins over "se"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))  # type: ignore[call-overload]


@dataclass(frozen=True)
class NumberWords:
    digits: dict[str, float]
    whole: dict[str, float]  # words that are a number by themselves: sepuluh, seratus, setengah
    multipliers: dict[str, float]
    scales: dict[str, float]
    vague: dict[str, float]
    hedges: dict[str, str]  # hedge as written -> TIMEX3 mod
    hedge_before: re.Pattern[str]  # a hedge ending just before a number, searched backwards
    pattern: str  # one or more number words in a row (no scales), for embedding in regexes
    vague_pattern: str

    def value(self, phrase: str) -> float | None:
        """The value of a run of number words ("dua puluh lima" -> 25), or None if the words do
        not make one number."""
        total = 0.0  # completed scale groups ("dua juta" in "dua juta tiga ratus")
        group = 0.0  # the part below the current scale ("tiga ratus dua puluh")
        current: float | None = None  # the last digit word, waiting for belas/puluh/ratus
        for word in phrase.lower().split():
            if word in self.digits:
                if current is not None:
                    return None  # "dua tiga" is two numbers, not one
                current = self.digits[word]
            elif word == "setengah" and current is not None:
                current += 0.5  # "satu setengah" = 1.5
            elif word in self.whole:
                if current is not None:
                    return None
                group += self.whole[word]
            elif word == "belas":
                if current is None:
                    return None
                group += current + self.multipliers[word]
                current = None
            elif word in self.multipliers:
                if current is None:
                    return None
                group += current * self.multipliers[word]
                current = None
            elif word in self.scales:
                amount = group + (current or 0.0)
                if amount == 0:
                    return None
                total += amount * self.scales[word]
                group, current = 0.0, None
            else:
                return None
        result = total + group + (current or 0.0)
        return result if phrase.strip() else None


@cache
def number_words() -> NumberWords:
    data = load_data("id/numbers.toml")
    digits = {k: float(v) for k, v in data["digits"].items()}
    whole = {k: float(v) for k, v in data["teens"].items()}
    multipliers = {k: float(v) for k, v in data["multipliers"].items()}
    scales = {k: float(v) for k, v in data["scales"].items()}
    vague = {k.replace("_", " "): float(v) for k, v in data["vague"].items()}
    words = [*digits, *whole, *multipliers]
    one = rf"(?:{alternation(words)})"
    # Scales join number words ("dua ratus ribu") but never start one ("ribu" alone is not a
    # count in running text; "ribuan" is, and lives in the vague table).
    pattern = rf"{one}(?:\s+(?:{one}|{alternation(scales)}))*"
    return NumberWords(
        digits=digits, whole=whole, multipliers=multipliers, scales=scales, vague=vague,
        hedges=dict(data["hedges"]), pattern=pattern, vague_pattern=alternation(vague),
        hedge_before=re.compile(rf"(?<!\w)({alternation(data['hedges'])})\s+$", re.IGNORECASE),
    )


# Digits as Indonesian writes them: "1.500.000", "2,3", "1.500,75", or plain "450"; and, as
# some outlets copy wire stories, the English "1,250,000" (two or more comma groups cannot be
# an Indonesian decimal).
DIGITS = r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"


def hedge_before(text: str, start: int) -> tuple[int, str] | None:
    """The hedge ("lebih dari", "sekitar") written just before ``start``, as (its offset, the
    hedge in lower case), or None. Looked for only once a number has matched, so the taggers
    need not try their rules at every "di" and "hingga" in the text."""
    window = max(0, start - 30)
    found = number_words().hedge_before.search(text, window, start)
    if found is None:
        return None
    return found.start(1), " ".join(found.group(1).lower().split())


def parse_digits(written: str) -> float | None:
    """The value of digits written the Indonesian way: dots group thousands, a comma marks the
    decimals. ``"1.500"`` -> 1500.0, ``"2,3"`` -> 2.3; ``None`` when it is not such a number."""
    if written.count(",") >= 2:  # English grouping: "1,250,000" or "1,250,000.50"
        groups = written.split(".")[0].split(",")
        if len(groups[0]) > 3 or not all(len(g) == 3 for g in groups[1:]):
            return None
        written = written.replace(",", "").replace(".", ",")
    elif "." in written:
        head, _, tail = written.partition(",")
        groups = head.split(".")
        if not all(len(g) == 3 for g in groups[1:]) or not 1 <= len(groups[0]) <= 3:
            return None
        written = "".join(groups) + ("," + tail if tail else "")
    try:
        return float(written.replace(",", "."))
    except ValueError:
        return None


# Words as the taggers look them up: ASCII letters, with an inner apostrophe ("jum'at"). Every
# trigger word is ASCII, and an ASCII class scans about twice as fast as a Unicode one.
_WORDS = re.compile(r"[a-z]+(?:['’][a-z]+)?")
_DIGIT_RUNS = re.compile(r"\d+")


def lower_same_length(text: str) -> str:
    """``text.lower()``, keeping the few characters that grow when lower-cased ("İ") as they
    are, so offsets into the result are offsets into ``text``."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def word_positions(lowered: str, keys: AbstractSet[str]) -> Iterator[tuple[str, int]]:
    """(key, offset) for each whole-word occurrence in ``lowered`` of the words in ``keys``.

    The words present are collected in C (``findall`` and a set intersection) and only those
    are located with ``str.find``: on a 5,000-character article about 0.2 ms, where a
    Python loop over every word costs about 1 ms and one regex alternation of all the keys
    several milliseconds.
    """
    size = len(lowered)
    for key in keys & set(_WORDS.findall(lowered)):
        width = len(key)
        at = lowered.find(key)
        while at >= 0:
            after = at + width
            if (at == 0 or not lowered[at - 1].isalnum()) and (
                    after == size or not lowered[after].isalnum()):
                yield key, at
            at = lowered.find(key, after)


def digit_runs(text: str) -> Iterator[re.Match[str]]:
    """Each maximal run of digits."""
    return _DIGIT_RUNS.finditer(text)
