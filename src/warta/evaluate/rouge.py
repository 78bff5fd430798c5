"""ROUGE-1, ROUGE-2 and ROUGE-L F1 (Lin, 2004), written for warta.

Text is lower-cased and cut into runs of letters and digits; punctuation is dropped, as
ROUGE-1.5.5 does. There is no stemming: ROUGE's Porter stemmer is for English and would mangle
Indonesian affixes. ROUGE-L is the longest common subsequence over the whole summary taken as one
token sequence (``rougeL`` in Google's ``rouge-score``, not the sentence-union ``rougeLsum``), so
figures here are close to, but not the same as, those of ROUGE-1.5.5 in published tables.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

_WORD = re.compile(r"[^\W_]+")


class Score(NamedTuple):
    precision: float
    recall: float
    f1: float


def tokenize(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _score(overlap: int, candidate_total: int, reference_total: int) -> Score:
    if not overlap or not candidate_total or not reference_total:
        return Score(0.0, 0.0, 0.0)
    precision = overlap / candidate_total
    recall = overlap / reference_total
    return Score(precision, recall, 2 * precision * recall / (precision + recall))


def _ngrams(tokens: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(candidate: list[str], reference: list[str], n: int) -> Score:
    """Clipped n-gram overlap: an n-gram counts as often as it appears in both."""
    cand, ref = _ngrams(candidate, n), _ngrams(reference, n)
    overlap = sum((cand & ref).values())
    return _score(overlap, sum(cand.values()), sum(ref.values()))


def lcs_length(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence, with one row of the table kept at a time."""
    if len(a) < len(b):
        a, b = b, a
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def rouge_l(candidate: list[str], reference: list[str]) -> Score:
    return _score(lcs_length(candidate, reference), len(candidate), len(reference))


def rouge(candidate: str, reference: str) -> dict[str, float]:
    """ROUGE-1/2/L F1 of a candidate summary against one reference, both as plain text."""
    cand, ref = tokenize(candidate), tokenize(reference)
    return {
        "rouge1": rouge_n(cand, ref, 1).f1,
        "rouge2": rouge_n(cand, ref, 2).f1,
        "rougeL": rouge_l(cand, ref).f1,
    }
