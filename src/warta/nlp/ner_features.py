"""Token features for warta's CRF named-entity tagger, shared by training and inference.

A token is described by its own form (lowercased word, affixes, word shape), by what a large
amount of unlabelled Indonesian news says about the word (its word cluster at three granularities,
how often it is capitalised in mid-sentence, how often a POS tagger called it a proper noun), by
gazetteer matches of the span it sits in, and by the same clues for its neighbours. The lexicon and
gazetteer are built by ``training/ner/resources.py`` and shipped next to the model.

Case clues come from two places on purpose: the word's own shape (useless on lowercased text such
as NERP) and the lexicon's casing statistics (which still work there), so the tagger does not fall
apart when the input has lost its capitals.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

#: Longest gazetteer name matched, in tokens; longer names are rare and slow every lookup.
MAX_GAZ_TOKENS = 6


def word_shape(word: str) -> str:
    """``Jakarta`` -> ``Xxxxxxx``; digits become ``d``, other characters stay."""
    out = []
    for ch in word:
        if ch.isupper():
            out.append("X")
        elif ch.islower():
            out.append("x")
        elif ch.isdigit():
            out.append("d")
        else:
            out.append(ch)
    return "".join(out)


def short_shape(word: str) -> str:
    """Word shape with runs collapsed: ``Jakarta`` -> ``Xx``, ``al-Assad`` -> ``x-Xx``."""
    shape = word_shape(word)
    out: list[str] = []
    for ch in shape:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


@dataclass
class Resources:
    """Lexicon (word -> cluster and casing codes) and gazetteer (name tokens -> types)."""

    lexicon: dict[str, tuple[str, ...]] = field(default_factory=dict)
    gazetteer: dict[tuple[str, ...], str] = field(default_factory=dict)

    @classmethod
    def load(cls, lexicon_path: Path | None, gazetteer_path: Path | None) -> Resources:
        lexicon: dict[str, tuple[str, ...]] = {}
        gazetteer: dict[tuple[str, ...], str] = {}
        if lexicon_path is not None:
            with gzip.open(lexicon_path, "rt", encoding="utf-8") as handle:
                for line in handle:
                    word, *codes = line.rstrip("\n").split("\t")
                    lexicon[word] = tuple(codes)
        if gazetteer_path is not None:
            with gzip.open(gazetteer_path, "rt", encoding="utf-8") as handle:
                for line in handle:
                    kinds, name = line.rstrip("\n").split("\t")
                    gazetteer[tuple(name.split(" "))] = kinds
        return cls(lexicon, gazetteer)


# Lexicon columns, in file order: word clusters at 1024, 256 and 64 classes, then casing buckets
# (capitalised, proper noun); the sixth, all-capitals, is used only to recase lowercased text.
_LEXICON_KEYS = ("c1k", "c256", "c64", "cap", "nnp")
_UNKNOWN = ("-", "-", "-", "-", "-", "-")


_WORD_CACHE = 20_000


class Featurizer:
    """Turns a tokenised sentence into one list of feature strings per token."""

    def __init__(self, resources: Resources) -> None:
        self.resources = resources
        # Per-word features depend on the word alone; caching them makes tagging several times
        # faster on news, where a few thousand words make up most tokens. The bound keeps a
        # worker's memory flat over a long crawl: at 200,000 entries the cache was still filling
        # at 20,000 articles (peak RSS +27% from 1,000 to 20,000); 20,000 entries hold the
        # frequent words (Zipf) and are full within the first few hundred articles.
        self._word = lru_cache(maxsize=_WORD_CACHE)(self._word_features)

    def _lexicon(self, lower: str) -> tuple[str, ...]:
        return self.resources.lexicon.get(lower, _UNKNOWN)

    def _word_features(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(own features, features seen by neighbours) of one word form."""
        lower = word.lower()
        shape = short_shape(word)
        codes = self._lexicon(lower)
        own = [
            "w=" + lower,
            "sh=" + shape,
            "lsh=" + word_shape(word)[:6],
            "p2=" + lower[:2],
            "p3=" + lower[:3],
            "s2=" + lower[-2:],
            "s3=" + lower[-3:],
            "s4=" + lower[-4:],
            "len=" + str(min(len(word), 8)),
        ]
        own.extend(f"{key}={code}" for key, code in zip(_LEXICON_KEYS, codes[:5], strict=True))
        if word[:1].isupper():
            own.append("title")
            own.append(f"title_cap={codes[3]}")
        if word.isupper() and len(word) > 1:
            own.append("upper")
        if "-" in word:
            own.append("hyphen")
        context = (
            "w=" + lower,
            "sh=" + shape,
            "c1k=" + codes[0],
            "c256=" + codes[1],
            "c64=" + codes[2],
            "cap=" + codes[3],
            "nnp=" + codes[4],
        )
        return tuple(own), context

    def recase(self, tokens: Sequence[str]) -> Sequence[str]:
        """A sentence with no capital letter at all, recased from the lexicon; others unchanged.

        Text that has lost its capitals (NERP, chat, some headlines) would otherwise hide every
        name; words the news corpus nearly always capitalises mid-sentence (``cap`` bucket 4, at
        least 95 %) get their capital back, as does the first word; words written in capitals at
        least 70 % of the time (acronyms such as ``DPR``) are put back in capitals.
        """
        if any(ch.isupper() for token in tokens for ch in token):
            return tokens
        lexicon = self.resources.lexicon
        out = []
        for i, token in enumerate(tokens):
            codes = lexicon.get(token, _UNKNOWN)
            if codes[-1] in ("3", "4") and len(codes) > 5:
                token = token.upper()
            elif i == 0 or codes[3] == "4":
                token = token[:1].upper() + token[1:]
            out.append(token)
        return out

    def gazetteer_tags(self, lowered: Sequence[str]) -> list[list[str]]:
        """Per token, ``B-TYPE``/``I-TYPE`` marks of the longest gazetteer names covering it."""
        marks: list[list[str]] = [[] for _ in lowered]
        gazetteer = self.resources.gazetteer
        if not gazetteer:
            return marks
        n = len(lowered)
        for start in range(n):
            for length in range(min(MAX_GAZ_TOKENS, n - start), 0, -1):
                kinds = gazetteer.get(tuple(lowered[start : start + length]))
                if kinds is None:
                    continue
                size = "1" if length == 1 else "n"
                for kind in kinds.split("|"):
                    marks[start].append(f"B-{kind}{size}")
                    for i in range(start + 1, start + length):
                        marks[i].append(f"I-{kind}{size}")
                break
        return marks

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """Feature strings for every token of one sentence."""
        words = [self._word(token) for token in tokens]
        gaz = self.gazetteer_tags([token.lower() for token in tokens])
        n = len(tokens)
        features: list[list[str]] = []
        for i in range(n):
            own, _ = words[i]
            feats = ["bias", *own]
            feats.extend("g=" + mark for mark in gaz[i])
            if i == 0:
                feats.append("BOS")
            if i == n - 1:
                feats.append("EOS")
            for offset in (-2, -1, 1, 2):
                j = i + offset
                if 0 <= j < n:
                    prefix = f"{offset}:"
                    context = words[j][1]
                    feats.extend(prefix + item for item in context)
                    if offset in (-1, 1):
                        feats.extend(prefix + "g=" + mark for mark in gaz[j])
                        if tokens[j][:1].isupper():
                            feats.append(prefix + "title")
                else:
                    feats.append(f"{offset}:pad")
            left = words[i - 1][1][1][3:] if i > 0 else "^"
            right = words[i + 1][1][1][3:] if i + 1 < n else "$"
            feats.append("sh-1|sh|sh+1=" + left + "|" + own[1][3:] + "|" + right)
            if i > 0:
                feats.append("w-1|w=" + words[i - 1][1][0][2:] + "|" + own[0][2:])
            if i + 1 < n:
                feats.append("w|w+1=" + own[0][2:] + "|" + words[i + 1][1][0][2:])
            features.append(feats)
        return features
