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


_ALFINA_TYPES = {"Person": "PER", "Place": "LOC", "Organisation": "ORG"}


def alfina_gold(data_dir: Path) -> list[tuple[list[str], list[str]]]:
    """Luthfi et al.'s Wikipedia gold set as IOB2 sentences.

    The file has no sentence breaks and IO labels; sentences end at a full stop, and a run of
    tokens with one label is taken as one entity (two touching names of one type merge, rarely).
    """
    path = data_dir / "ner-alfina-dbpedia" / "goldstandard-0811.txt"
    sentences: list[tuple[list[str], list[str]]] = []
    tokens: list[str] = []
    tags: list[str] = []
    previous = "O"
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = line.split("\t")
        if len(fields) < 2 or not fields[0].strip():
            continue
        token, label = fields[0].strip(), _ALFINA_TYPES.get(fields[1].strip(), "O")
        if label == "O":
            tags.append("O")
        else:
            tags.append(("I-" if previous == label else "B-") + label)
        tokens.append(token)
        previous = label
        if token == "." and label == "O":
            sentences.append((tokens, tags))
            tokens, tags, previous = [], [], "O"
    if tokens:
        sentences.append((tokens, tags))
    return sentences
