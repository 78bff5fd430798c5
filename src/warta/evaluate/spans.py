"""Strict span scoring for IOB2 tag sequences, with conlleval semantics.

A chunk starts at ``B-X``, or at ``I-X`` when the previous tag is ``O`` or of another type (so an
ill-formed ``I-`` opens a chunk instead of being dropped, as conlleval does); it ends before the
next tag that is not ``I-X``. A predicted chunk counts only when start, end and type all match a
gold chunk.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

Chunk = tuple[int, int, str]


def chunks(tags: Sequence[str]) -> list[Chunk]:
    """``(start, end, type)`` chunks of one tag sequence, ``end`` exclusive."""
    found: list[Chunk] = []
    start = -1
    kind = ""
    for i, tag in enumerate(tags):
        prefix, _, label = tag.partition("-")
        continues = prefix == "I" and label == kind and start >= 0
        if start >= 0 and not continues:
            found.append((start, i, kind))
            start, kind = -1, ""
        if prefix in ("B", "I") and not continues:
            start, kind = i, label
    if start >= 0:
        found.append((start, len(tags), kind))
    return found


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "support": float(n_gold)}


def score(
    gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]
) -> dict[str, dict[str, float]]:
    """Per-type and ``micro`` precision, recall, F1 and gold support over paired sentences."""
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    for gold_tags, pred_tags in zip(gold, predicted, strict=True):
        if len(gold_tags) != len(pred_tags):
            raise ValueError(
                f"sentence has {len(gold_tags)} gold tags but {len(pred_tags)} predicted; "
                "tag the same tokens that the gold file holds"
            )
        gold_chunks = set(chunks(gold_tags))
        pred_chunks = set(chunks(pred_tags))
        for _, _, kind in gold_chunks:
            n_gold[kind] += 1
        for chunk in pred_chunks:
            n_pred[chunk[2]] += 1
            if chunk in gold_chunks:
                tp[chunk[2]] += 1
    table = {
        kind: _prf(tp[kind], n_pred[kind], n_gold[kind]) for kind in sorted(n_gold | n_pred)
    }
    table["micro"] = _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    return table
