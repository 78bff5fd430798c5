"""Readers for the public NER sets warta trains and evaluates on, with their labels mapped.

Every set is read into ``(tokens, tags)`` pairs with IOB2 tags over warta's types: PER, ORG, LOC
and EVT. The folders are those of the shared data directory (see its README): idner-news-2k
(``token POS NER``, CRLF), and IndoNLU's NERGrit and NERP (``token<TAB>tag``; NERP is lowercased).
"""

from __future__ import annotations

from pathlib import Path

Sentence = tuple[list[str], list[str]]

#: Which file holds each split, per set; "dev" is IndoNLU's "valid".
FILES: dict[str, dict[str, str]] = {
    "idner": {
        "train": "ner-idner-news-2k/train.txt",
        "dev": "ner-idner-news-2k/dev.txt",
        "test": "ner-idner-news-2k/test.txt",
    },
    "nergrit": {
        split: f"indonlu-ner-pos/nergrit_ner-grit/{name}_preprocess.txt"
        for split, name in (("train", "train"), ("dev", "valid"), ("test", "test"))
    },
    "nerp": {
        split: f"indonlu-ner-pos/nerp_ner-prosa/{name}_preprocess.txt"
        for split, name in (("train", "train"), ("dev", "valid"), ("test", "test"))
    },
}

#: Source label -> warta type; a label mapped to None becomes O (NERP's food and drink, FNB).
LABELS: dict[str, dict[str, str | None]] = {
    "idner": {"PER": "PER", "ORG": "ORG", "LOC": "LOC"},
    "nergrit": {"PERSON": "PER", "ORGANISATION": "ORG", "PLACE": "LOC"},
    "nerp": {"PPL": "PER", "IND": "ORG", "PLC": "LOC", "EVT": "EVT", "FNB": None},
}

SETS = tuple(FILES)


def read_conll(path: Path) -> list[Sentence]:
    """Sentences of a CoNLL-style file: first column token, last column tag."""
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.split()
            if not fields:
                if tokens:
                    sentences.append((tokens, tags))
                    tokens, tags = [], []
                continue
            tokens.append(fields[0])
            tags.append(fields[-1])
    if tokens:
        sentences.append((tokens, tags))
    return sentences


def map_tags(tags: list[str], mapping: dict[str, str | None]) -> list[str]:
    """Tags renamed to warta's types; unknown or dropped types become O."""
    mapped: list[str] = []
    for tag in tags:
        prefix, _, label = tag.partition("-")
        target = mapping.get(label) if prefix in ("B", "I") else None
        mapped.append(f"{prefix}-{target}" if target else "O")
    return mapped


def read(data_dir: str | Path, which: str, split: str, *, native: bool = False) -> list[Sentence]:
    """One split of one set; tags mapped to warta's types unless ``native``."""
    if which not in FILES:
        raise KeyError(f"unknown NER set {which!r}; choose one of {', '.join(SETS)}")
    path = Path(data_dir) / FILES[which][split]
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing; point --data at the shared data directory")
    sentences = read_conll(path)
    if native:
        return sentences
    mapping = LABELS[which]
    return [(tokens, map_tags(tags, mapping)) for tokens, tags in sentences]
