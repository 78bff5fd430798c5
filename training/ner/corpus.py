"""Unlabelled and labelled text used to build the NER lexicon: cased sentences, one token list each.

Only training splits of the NER sets are read here; their dev and test splits never feed the
lexicon, so no statistic is fitted to the text it is scored on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from warta.evaluate.ner_data import read, read_conll


def postag_sentences(data_dir: Path) -> Iterator[tuple[list[str], list[str]]]:
    """nlp-id's POS-tagged news: (tokens, tags), tag NNP marks proper nouns."""
    yield from read_conll(data_dir / "postag-nlp-id" / "dataset_postag.txt")


def indosum_sentences(data_dir: Path) -> Iterator[list[str]]:
    """IndoSum dev-fold articles, each article once, sentence by sentence."""
    seen: set[str] = set()
    for path in sorted((data_dir / "sum-indosum-dev").glob("dev.*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                article = json.loads(line)
                if article["id"] in seen:
                    continue
                seen.add(article["id"])
                for paragraph in article["paragraphs"]:
                    yield from paragraph


def cased_sentences(data_dir: Path) -> Iterator[list[str]]:
    """Every cased sentence available for lexicon statistics."""
    for tokens, _ in postag_sentences(data_dir):
        yield tokens
    yield from indosum_sentences(data_dir)
    for which in ("idner", "nergrit"):
        for tokens, _ in read(data_dir, which, "train"):
            yield tokens


def lowercased_sentences(data_dir: Path) -> Iterator[list[str]]:
    """NERP's training text: lowercased, so good for word contexts but not for casing."""
    for tokens, _ in read(data_dir, "nerp", "train"):
        yield tokens
