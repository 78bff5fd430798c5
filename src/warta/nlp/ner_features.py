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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

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
    # Optional flat word clusters of other sizes (training/ner/resources.py --extra-clusters):
    # word -> one class id per size, and the sizes ("512", "2048", ...).
    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cluster_sizes: tuple[str, ...] = ()

    @classmethod
    def load(
        cls, lexicon_path: Path | None, gazetteer_path: Path | None,
        clusters_path: Path | None = None,
    ) -> Resources:
        lexicon: dict[str, tuple[str, ...]] = {}
        gazetteer: dict[tuple[str, ...], str] = {}
        clusters: dict[str, tuple[str, ...]] = {}
        sizes: tuple[str, ...] = ()
        if clusters_path is not None:
            with gzip.open(clusters_path, "rt", encoding="utf-8") as handle:
                _, *header = handle.readline().rstrip("\n").split("\t")
                sizes = tuple(header)
                for line in handle:
                    word, *ids = line.rstrip("\n").split("\t")
                    clusters[word] = tuple(ids)
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
        return cls(lexicon, gazetteer, clusters, sizes)


# Lexicon columns, in file order: word clusters at 1024, 256 and 64 classes, then casing buckets
# (capitalised, proper noun); the sixth, all-capitals, is used only to recase lowercased text.
_LEXICON_KEYS = ("c1k", "c256", "c64", "cap", "nnp")
_UNKNOWN = ("-", "-", "-", "-", "-", "-")


_WORD_CACHE = 20_000

# Neighbours whose clues a token sees, in the order their features are listed.
_OFFSETS = (-2, -1, 1, 2)


class _Word(NamedTuple):
    """One word form's features, computed once per form (see ``Featurizer._word``)."""

    own: tuple[str, ...]  # "bias" and the word's own features
    lower: str
    shape: str  # collapsed word shape
    # What the word shows a token it is a neighbour of, one tuple per offset in _OFFSETS,
    # prefixed with that offset ("-2:w=jakarta").
    seen: tuple[tuple[str, ...], ...]
    capitalised: bool


class Featurizer:
    """Turns a tokenised sentence into one list of feature strings per token.

    ``known``, when given, is the set of features a trained model has weights for: the others
    are left out of the lists, which changes no tag (CRFsuite skips features it does not know)
    but saves the tagger from looking them up. Training passes None.
    """

    def __init__(self, resources: Resources, known: frozenset[str] | None = None) -> None:
        self.resources = resources
        self.known = known
        # Per-word features depend on the word alone; caching them makes tagging several times
        # faster on news, where a few thousand words make up most tokens. The bound keeps a
        # worker's memory flat over a long crawl: at 200,000 entries the cache was still filling
        # at 20,000 articles (peak RSS +27% from 1,000 to 20,000); 20,000 entries hold the
        # frequent words (Zipf) and are full within the first few hundred articles.
        self._word = lru_cache(maxsize=_WORD_CACHE)(self._word_features)
        # Features that depend on the position only, each as a tuple of itself or nothing.
        self._fixed = {
            name: self._keep((name,))
            for name in ("BOS", "EOS", "-2:pad", "-1:pad", "1:pad", "2:pad", "-1:title", "1:title")
        }
        # Longest gazetteer name starting with each word, so that most tokens, which start
        # no name, cost one lookup instead of one per possible length.
        self._gazetteer_starts: dict[str, int] = {}
        for name in resources.gazetteer:
            if len(name) > self._gazetteer_starts.get(name[0], 0):
                self._gazetteer_starts[name[0]] = len(name)

    def _lexicon(self, lower: str) -> tuple[str, ...]:
        return self.resources.lexicon.get(lower, _UNKNOWN)

    def _keep(self, features: Iterable[str]) -> tuple[str, ...]:
        known = self.known
        return tuple(features) if known is None else tuple(filter(known.__contains__, features))

    def _word_features(self, word: str) -> _Word:
        """Everything about one word form that does not depend on its sentence."""
        lower = word.lower()
        shape = short_shape(word)
        codes = self._lexicon(lower)
        own = [
            "bias",
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
        extra: tuple[str, ...] = ()
        sizes = self.resources.cluster_sizes
        if sizes:
            ids = self.resources.clusters.get(lower) or ("-",) * len(sizes)
            extra = tuple(f"k{size}={id_}" for size, id_ in zip(sizes, ids, strict=True))
            own.extend(extra)
        # Only the adjacent words show their extra classes: the nested classes already
        # describe the wider context.
        seen = tuple(
            self._keep(
                f"{offset}:{item}"
                for item in (context + extra if offset in (-1, 1) else context)
            )
            for offset in _OFFSETS
        )
        return _Word(self._keep(own), lower, shape, seen, word[:1].isupper())

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
        starts = self._gazetteer_starts
        n = len(lowered)
        for start in range(n):
            longest = starts.get(lowered[start], 0)
            for length in range(min(MAX_GAZ_TOKENS, n - start, longest), 0, -1):
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
        """Feature strings for every token of one sentence.

        Each token: its own features, its gazetteer marks, sentence edges, then what the tokens
        at -2, -1, +1 and +2 show it (with the gazetteer marks and capitals of the adjacent
        two), the shape trigram and the word bigrams.
        """
        words = [self._word(token) for token in tokens]
        gaz = self.gazetteer_tags([word.lower for word in words])
        keep = self._keep
        known = self.known
        fixed = self._fixed
        n = len(tokens)
        features: list[list[str]] = []
        for i, word in enumerate(words):
            feats = list(word.own)
            if gaz[i]:
                feats.extend(keep("g=" + mark for mark in gaz[i]))
            if i == 0:
                feats.extend(fixed["BOS"])
            if i == n - 1:
                feats.extend(fixed["EOS"])
            feats.extend(words[i - 2].seen[0] if i >= 2 else fixed["-2:pad"])
            if i >= 1:
                left = words[i - 1]
                feats.extend(left.seen[1])
                if gaz[i - 1]:
                    feats.extend(keep("-1:g=" + mark for mark in gaz[i - 1]))
                if left.capitalised:
                    feats.extend(fixed["-1:title"])
            else:
                feats.extend(fixed["-1:pad"])
            if i + 1 < n:
                right = words[i + 1]
                feats.extend(right.seen[2])
                if gaz[i + 1]:
                    feats.extend(keep("1:g=" + mark for mark in gaz[i + 1]))
                if right.capitalised:
                    feats.extend(fixed["1:title"])
            else:
                feats.extend(fixed["1:pad"])
            feats.extend(words[i + 2].seen[3] if i + 2 < n else fixed["2:pad"])
            left_shape = words[i - 1].shape if i > 0 else "^"
            right_shape = words[i + 1].shape if i + 1 < n else "$"
            pairs = ["sh-1|sh|sh+1=" + left_shape + "|" + word.shape + "|" + right_shape]
            if i > 0:
                pairs.append("w-1|w=" + words[i - 1].lower + "|" + word.lower)
            if i + 1 < n:
                pairs.append("w|w+1=" + word.lower + "|" + words[i + 1].lower)
            if known is None:
                feats.extend(pairs)
            else:
                feats.extend(pair for pair in pairs if pair in known)
            features.append(feats)
        return features
