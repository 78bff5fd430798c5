"""Named-entity mentions: warta's own Indonesian CRF tagger, shipped inside the package.

The model and its lexicon and gazetteer live in ``warta/models/ner`` (see the model card there;
``training/ner/train.py`` rebuilds them). They are loaded on first use, once per process, so
importing this module costs nothing.

Tokens follow spaCy's ``id`` tokenizer, except that a word split around an inner hyphen is joined
again (``al-Assad``, ``Jokowi-JK``, ``negara-negara``), the way the idner-news-2k training data
writes such words.
"""

from __future__ import annotations

import json
import re
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from warta.errors import ResourceError
from warta.model import Span
from warta.nlp.ner_features import Featurizer, Resources

MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "ner"


@dataclass
class NerTagger:
    """A trained CRF plus the feature code and resources it was trained with."""

    featurizer: Featurizer
    crf: Any
    types: tuple[str, ...]
    # Trained with per-set feature copies (train.py --domain-features), the model tags in the
    # annotation style of one training set: its copy of every feature fires next to the shared one.
    style: str | None = None

    @classmethod
    def load(cls, model_dir: Path = MODEL_DIR) -> NerTagger:
        import pycrfsuite

        meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
        resources = Resources.load(
            model_dir / meta["lexicon"] if meta.get("lexicon") else None,
            model_dir / meta["gazetteer"] if meta.get("gazetteer") else None,
            model_dir / meta["clusters"] if meta.get("clusters") else None,
        )
        crf = pycrfsuite.Tagger()
        crf.open(str(model_dir / meta["model"]))
        style = meta.get("style")
        # With per-set copies the model knows "idner|w=x" even where it has no "w=x", so the
        # features cannot be thinned before the copies are made.
        known = None if style else model_features(model_dir / meta["model"])
        return cls(Featurizer(resources, known), crf, tuple(meta["types"]), style)

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        tagged: list[list[str]] = []
        for tokens in sentences:
            if not tokens:
                tagged.append([])
                continue
            features = self.featurizer.sentence(self.featurizer.recase(tokens))
            if self.style:
                prefix = self.style + "|"
                features = [f + [prefix + x for x in f] for f in features]
            tagged.append(list(self.crf.tag(features)))
        return tagged


def model_features(path: Path) -> frozenset[str]:
    """The feature names (CRFsuite's "attributes") a CRFsuite model file has weights for.

    They are the keys of the model's attribute dictionary, a CQDB chunk: after its 24-byte
    header and 256 hash-table references come the records, one per attribute, each an int32 id,
    a uint32 size and the NUL-terminated UTF-8 name (``lib/cqdb/src/cqdb.c`` in CRFsuite). The
    file header says where the chunk starts and how many attributes there are.
    """
    data = path.read_bytes()
    magic, _, kind, _, _, _, count, _, _, offset = struct.unpack_from("<4sI4s7I", data, 0)
    if magic != b"lCRF" or kind != b"FOMC" or data[offset : offset + 4] != b"CQDB":
        raise ResourceError(
            f"{path} is not a CRFsuite model (or not one of the version warta reads); "
            "reinstall warta or rebuild the model with training/ner/train.py"
        )
    position = offset + 24 + 256 * 8
    names = []
    for _ in range(count):
        _, size = struct.unpack_from("<iI", data, position)
        names.append(data[position + 8 : position + 7 + size].decode("utf-8"))
        position += 8 + size
    return frozenset(names)


@lru_cache(maxsize=1)
def _tagger() -> NerTagger:
    return NerTagger.load()


def word_classes(word: str) -> tuple[str, str, str] | None:
    """A lowercased word's distributional classes at 1,024, 256 and 64 (the lexicon's nested
    word clusters, learned from unlabelled news), or None for a word the lexicon lacks."""
    codes = _tagger().featurizer.resources.lexicon.get(word)
    return (codes[0], codes[1], codes[2]) if codes else None


@lru_cache(maxsize=1)
def _tokenizer() -> _ChunkTokenizer:
    import spacy
    from spacy.lang.id import Indonesian

    # Prefixes spelt in letters alone (currency codes: "Rp", "USD", "IDR") are the only rules
    # of the Indonesian tokenizer that can cut a run of plain letters ("Rp5" is not one).
    letters = tuple(
        p for p in Indonesian.Defaults.prefixes or ()
        if isinstance(p, str) and re.fullmatch(r"[A-Za-z]+", p)
    )
    return _ChunkTokenizer(spacy.blank("id").tokenizer, letters)


def tag(sentences: list[list[str]]) -> list[list[str]]:
    """IOB2 tags (``B-PER``, ``I-LOC``, ``O`` …) for pre-tokenised sentences."""
    return _tagger().tag(sentences)


# A run of non-space characters: spaCy's tokenizer splits text at whitespace first (the same
# characters as str.isspace, which is what \s matches) and cuts each run on its own.
_CHUNK = re.compile(r"\S+")
# Distinct runs remembered. News repeats a few tens of thousands of word forms with their
# punctuation ("Jakarta,", "(ISIS)"); 750 IndoSum articles hold 37,000, so 50,000 keeps a
# crawl's frequent ones at a bounded cost (about 10 MB), like the feature cache.
_CHUNK_CACHE = 50_000


class _ChunkTokenizer:
    """spaCy's ``id`` tokenizer, one whitespace-delimited run at a time, with the runs remembered.

    spaCy cuts each run between spaces on its own (prefixes, suffixes, infixes, exceptions; its
    exceptions with spaces in them never apply), so a run splits the same way wherever it
    appears, and the inner-hyphen joining below never crosses a space either. News repeats
    its words, so most runs are looked up, not tokenised: this was over a third of the NER
    stage's time. Runs not seen before go to spaCy together, one call per sentence.
    """

    def __init__(self, spacy_tokenizer: Any, letter_prefixes: tuple[str, ...] = ()) -> None:
        self.spacy = spacy_tokenizer
        self.letter_prefixes = letter_prefixes
        self.runs: dict[str, tuple[tuple[int, int], ...]] = {}

    def spans(self, text: str) -> list[tuple[int, int]]:
        found = [(m.start(), m.group()) for m in _CHUNK.finditer(text)]
        runs = self.runs
        new = [run for _, run in found if run not in runs]
        if new:
            if len(runs) + len(new) > _CHUNK_CACHE:
                runs.clear()
                new = [run for _, run in found]
            hard = []
            for run in dict.fromkeys(new):
                # A run of plain ASCII letters is one token for spaCy (checked on the 115,000
                # such words of IndoSum and the NER sets): its rules need punctuation, digits or
                # a letter prefix. Half the new runs are of that kind; they skip spaCy.
                if run.isascii() and run.isalpha() and not run.startswith(self.letter_prefixes):
                    runs[run] = ((0, len(run)),)
                else:
                    hard.append(run)
            if hard:
                self._learn(hard)
        spans: list[tuple[int, int]] = []
        for start, run in found:
            spans.extend((start + s, start + e) for s, e in runs[run])
        return spans

    def _learn(self, new: list[str]) -> None:
        """Tokenise unseen runs in one spaCy call: joined by single spaces, each run is cut
        as if it stood alone."""
        joined = " ".join(new)
        raw = [(t.idx, t.idx + len(t.text)) for t in self.spacy(joined) if not t.is_space]
        position = 0
        i = 0
        for run in new:
            end_of_run = position + len(run)
            pieces: list[tuple[int, int]] = []
            while i < len(raw) and raw[i][0] < end_of_run:
                pieces.append(raw[i])
                i += 1
            self.runs[run] = tuple(
                (s - position, e - position) for s, e in _join_hyphens(joined, pieces)
            )
            position = end_of_run + 1


def _join_hyphens(text: str, raw: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token spans with words split around an inner hyphen joined again."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(raw):
        start, end = raw[i]
        # "al-Assad" comes out as "al", "-", "Assad": touching tokens around a single hyphen
        # become one word again; a spaced dash or "---" stays a token of its own.
        while (
            i + 2 < len(raw)
            and text[raw[i + 1][0] : raw[i + 1][1]] == "-"
            and raw[i + 1][0] == end
            and raw[i + 2][0] == raw[i + 1][1]
            and text[end - 1].isalnum()
            and text[raw[i + 2][0]].isalnum()
        ):
            end = raw[i + 2][1]
            i += 2
        spans.append((start, end))
        i += 1
    return spans


def tokenize(text: str) -> list[tuple[int, int]]:
    """Token character spans of ``text``: spaCy's ``id`` tokens, inner hyphens joined."""
    return _tokenizer().spans(text)


def find_mentions(text: str, sentences: list[Span]) -> list[tuple[int, int, str]]:
    """``(start, end, type)`` of every entity mention in ``text``, sentence by sentence.

    Offsets point into ``text`` (end exclusive); types are PER, ORG, LOC and EVT.
    """
    token_spans: list[list[tuple[int, int]]] = []
    words: list[list[str]] = []
    for sentence in sentences:
        spans = [
            (sentence.start + s, sentence.start + e)
            for s, e in tokenize(text[sentence.start : sentence.end])
        ]
        token_spans.append(spans)
        words.append([text[s:e] for s, e in spans])
    mentions: list[tuple[int, int, str]] = []
    for spans, tags in zip(token_spans, tag(words), strict=True):
        start = -1
        kind = ""
        for i, label in enumerate([*tags, "O"]):
            prefix, _, label_type = label.partition("-")
            if start >= 0 and not (prefix == "I" and label_type == kind):
                mentions.append((spans[start][0], spans[i - 1][1], kind))
                start = -1
            if prefix in ("B", "I") and start < 0:
                start, kind = i, label_type
    return mentions
