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
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

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
        )
        crf = pycrfsuite.Tagger()
        crf.open(str(model_dir / meta["model"]))
        return cls(Featurizer(resources), crf, tuple(meta["types"]), meta.get("style"))

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


@lru_cache(maxsize=1)
def _tagger() -> NerTagger:
    return NerTagger.load()


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    import spacy

    return spacy.blank("id").tokenizer


def tag(sentences: list[list[str]]) -> list[list[str]]:
    """IOB2 tags (``B-PER``, ``I-LOC``, ``O`` …) for pre-tokenised sentences."""
    return _tagger().tag(sentences)


def tokenize(text: str) -> list[tuple[int, int]]:
    """Token character spans of ``text``: spaCy's ``id`` tokens, inner hyphens joined."""
    raw = [
        (token.idx, token.idx + len(token.text))
        for token in _tokenizer()(text)
        if not token.is_space
    ]
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
