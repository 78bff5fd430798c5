"""Cross-validated accuracy and macro-F1 of warta's topic classifier on IndoSum.

Every unique IndoSum article is predicted by a model trained without it: five folds by a salted
hash of the article id (:func:`warta.evaluate.summary.fold_of`), the same recipe as the shipped
model (:func:`warta.nlp.topics.fit`), scored through the same run-time code. Each record is made
into the Article that ``warta parse`` would build from it (body without its dateline, URL), and
the classifier reads what the topics stage reads: that text and that URL. The IndoSum category
is never shown to the parser. Accuracy and macro-F1 are over the articles of the five
categories with 300+ articles; ``inspirasi`` (20 articles) is reported on its own. The
hyper-parameters were chosen by cross-validation on the articles outside the summary ``test``
split, so the figures for that split alone (``test_split``) are free of any tuning. The same
models are also scored with the URLs withheld (``text_only``), the case of an article parsed
without one.

    python -m warta.evaluate.topics --indosum DIR [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from warta.errors import InputError, WartaError
from warta.evaluate.summary import fold_of, split_of

FIVE = ("tajuk utama", "olahraga", "teknologi", "showbiz", "hiburan")
FOLDS = 5


def scores(truth: list[str], predicted: list[str], labels: tuple[str, ...] = FIVE
           ) -> dict[str, Any]:
    """Accuracy and macro-F1 over articles whose true label is in ``labels``; a prediction
    outside ``labels`` counts as wrong."""
    pairs = [(t, p) for t, p in zip(truth, predicted, strict=True) if t in labels]
    per_label = {}
    for label in labels:
        tp = sum(1 for t, p in pairs if t == label and p == label)
        fp = sum(1 for t, p in pairs if t != label and p == label)
        fn = sum(1 for t, p in pairs if t == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {"precision": round(precision, 4), "recall": round(recall, 4),
                            "f1": round(f1, 4), "support": tp + fn}
    accuracy = sum(1 for t, p in pairs if t == p) / len(pairs) if pairs else 0.0
    macro = sum(v["f1"] for v in per_label.values()) / len(labels)
    return {"articles": len(pairs), "accuracy": round(accuracy, 4),
            "macro_f1": round(macro, 4), "per_label": per_label}


@dataclass(frozen=True)
class Example:
    """One IndoSum article as the topics stage sees it, with its true category."""

    id: str
    label: str
    text: str
    url: str | None


def examples(indosum_dir: str | Path) -> list[Example]:
    """Every unique article of the ``*.jsonl`` files in ``indosum_dir`` (first copy of each id,
    in id order), built into an Article by warta's parser as ``warta parse`` does."""
    from warta.article.build import build
    from warta.nlp.topics import classifier_text
    from warta.settings import Settings
    from warta.sources.indosum import parse_line, to_raw

    paths = sorted(Path(indosum_dir).glob("*.jsonl"))
    if not paths:
        raise FileNotFoundError(f"no IndoSum *.jsonl files in {indosum_dir}")
    records: dict[str, Any] = {}  # id -> first IndoSum record with it
    for path in paths:
        with path.open("rb") as handle:
            for line in handle:
                if line.strip():
                    record = parse_line(line)
                    records.setdefault(record.id, record)
    settings = Settings()  # defaults, not the caller's warta.toml: the figures must reproduce
    found = []
    for article_id in sorted(records):
        record = records[article_id]
        raw = to_raw(record)
        try:
            article = build(raw, settings)
            text, url = classifier_text(article), article.url
        except InputError:
            # Two records are refused by the parser (too little running text, not taken for
            # Indonesian); they are still scored, from their raw text.
            text, url = str(raw.content), raw.url
        found.append(Example(article_id, record.category or "", text, url))
    return found


def cross_validate(indosum_dir: str | Path) -> tuple[list[str], list[str], list[str], list[str]]:
    """Ids, true labels and out-of-fold predictions of every unique article, with its URL and
    with the URL withheld."""
    from warta.nlp.topics import fit, margins

    items = examples(indosum_dir)
    folds = [fold_of(e.id, FOLDS) for e in items]
    predicted, text_only = [""] * len(items), [""] * len(items)
    for fold in range(FOLDS):
        train = [e for e, f in zip(items, folds, strict=True) if f != fold]
        model = fit([e.text for e in train], [e.label for e in train], [e.url for e in train])
        for i, f in enumerate(folds):
            if f == fold:
                e = items[i]
                predicted[i] = model.labels[int(np.argmax(margins(model, e.text, e.url)))]
                text_only[i] = model.labels[int(np.argmax(margins(model, e.text)))]
    return [e.id for e in items], [e.label for e in items], predicted, text_only


def evaluate(indosum_dir: str | Path) -> dict[str, Any]:
    from warta.nlp.topics import LABELS

    started = time.perf_counter()
    ids, truth, predicted, text_only = cross_validate(indosum_dir)
    elapsed = time.perf_counter() - started
    matrix = {t: {p: 0 for p in LABELS} for t in LABELS}
    for t, p in zip(truth, predicted, strict=True):
        matrix[t][p] += 1
    inspirasi = [(t, p) for t, p in zip(truth, predicted, strict=True)
                 if t == "inspirasi" or p == "inspirasi"]
    held = [i for i, article_id in enumerate(ids) if split_of(article_id) == "test"]
    return {
        "folds": FOLDS,
        "articles": len(ids),
        "five": scores(truth, predicted),
        "inspirasi": {
            "articles": sum(1 for t in truth if t == "inspirasi"),
            "correct": sum(1 for t, p in inspirasi if t == p),
            "predicted": sum(1 for _, p in inspirasi if p == "inspirasi"),
        },
        "test_split": scores([truth[i] for i in held], [predicted[i] for i in held]),
        "text_only": scores(truth, text_only),
        "text_only_test_split": scores([truth[i] for i in held], [text_only[i] for i in held]),
        "confusion": matrix,  # rows: true label, columns: predicted
        "seconds": round(elapsed, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m warta.evaluate.topics",
                                     description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--indosum", required=True, help="directory of IndoSum *.jsonl files")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    try:
        result = evaluate(args.indosum)
    except (FileNotFoundError, WartaError) as exc:  # no data there, a bad line, no model
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    five, test = result["five"], result["test_split"]
    print(f"IndoSum topics, {result['folds']}-fold cross-validation by article id, "
          f"{result['articles']} articles")
    print(f"five categories ({five['articles']} articles): accuracy {five['accuracy']:.4f}, "
          f"macro-F1 {five['macro_f1']:.4f}")
    print(f"  test split only ({test['articles']}): accuracy {test['accuracy']:.4f}, "
          f"macro-F1 {test['macro_f1']:.4f}")
    alone, alone_test = result["text_only"], result["text_only_test_split"]
    print(f"  URL withheld: accuracy {alone['accuracy']:.4f}, macro-F1 {alone['macro_f1']:.4f}; "
          f"test split {alone_test['accuracy']:.4f}, {alone_test['macro_f1']:.4f}")
    for label, s in five["per_label"].items():
        print(f"  {label:<12} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  "
              f"n={s['support']}")
    ins = result["inspirasi"]
    print(f"inspirasi: {ins['correct']} of {ins['articles']} found, {ins['predicted']} predicted")
    labels = list(result["confusion"])
    print("confusion (rows true, columns predicted):")
    print(" " * 13 + "".join(f"{label[:8]:>9}" for label in labels))
    for t in labels:
        print(f"{t:<13}" + "".join(f"{result['confusion'][t][p]:>9}" for p in labels))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
