"""Train warta's topic classifier on IndoSum and write ``model.npz`` + ``model.json``.

    .venv/bin/python training/topics/train.py --data ../shared/data/sum-indosum-dev \
        --out src/warta/models/topics/model.npz

Recipe: :func:`warta.nlp.topics.fit` with its default :class:`~warta.nlp.topics.Params`, which
were chosen by 5-fold cross-validation on the articles outside the summary test split (see
MODEL_CARD.md). Articles are read as the topics stage sees them
(:func:`warta.evaluate.topics.examples`: the text and URL of the Article warta's parser builds).
The softmax temperature is fitted to the out-of-fold margins of a 5-fold cross-validation over
all unique articles (folds: :func:`warta.evaluate.summary.fold_of`), with and without their URLs,
so the scores are calibrated on articles each fold's model had not seen. The shipped model is
then trained on every unique article.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import sklearn

from warta.evaluate.summary import fold_of
from warta.evaluate.topics import Example, examples
from warta.nlp import topics

#: Temperatures tried; the margins of a linear SVM are about ±1, so the useful range is narrow.
TEMPERATURES = tuple(round(t, 2) for t in np.arange(0.05, 1.51, 0.05))


def out_of_fold_margins(items: list[Example], folds: list[int]) -> tuple[np.ndarray, list[str]]:
    """Margins of each article by the fold model that did not see it: first with the article's
    URL, then (rows ``len(items)`` on) without it."""
    margins = np.zeros((2 * len(items), len(topics.LABELS)))
    model_labels: list[str] = []
    for fold in sorted(set(folds)):
        train = [e for e, f in zip(items, folds, strict=True) if f != fold]
        model = topics.fit([e.text for e in train], [e.label for e in train],
                           [e.url for e in train])
        model_labels = list(model.labels)
        for i, f in enumerate(folds):
            if f == fold:
                margins[i] = topics.margins(model, items[i].text, items[i].url)
                margins[len(items) + i] = topics.margins(model, items[i].text)
    return margins, model_labels


def fit_temperature(margins: np.ndarray, truth: list[int]) -> float:
    """The temperature with the lowest mean negative log-likelihood of the true labels."""
    best = (np.inf, 1.0)
    for t in TEMPERATURES:
        z = margins / t
        z = z - z.max(axis=1, keepdims=True)
        log_probs = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        nll = -float(np.mean(log_probs[np.arange(len(truth)), truth]))
        best = min(best, (nll, t))
    return best[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, help="directory of IndoSum *.jsonl files")
    parser.add_argument("--out", required=True, help="where to write model.npz (model.json "
                                                     "goes beside it)")
    args = parser.parse_args(argv)

    items = examples(args.data)
    labels = [e.label for e in items]
    margins, order = out_of_fold_margins(items, [fold_of(e.id) for e in items])
    temperature = fit_temperature(margins, [order.index(label) for label in labels] * 2)
    print(f"temperature {temperature}", file=sys.stderr)

    model = topics.fit([e.text for e in items], labels, [e.url for e in items],
                       temperature=temperature)
    params = topics.Params()
    sections = sum(1 for w in model.index if w.startswith(topics.SECTION))
    npz, header = topics.save_model(model, {
        "trained_on": "IndoSum dev folds 1-5, all 3,463 unique articles (deduplicated by id), "
                      "each with and without its URL",
        "articles": len(items),
        "params": {"C": params.c, "class_weight": "balanced" if params.balanced else None,
                   "max_df": params.max_df, "sublinear_tf": True,
                   "section_weight": params.section_weight},
        "vocabulary": len(model.index) - sections,
        "url_sections": sections,
        "sklearn_version": sklearn.__version__,
        "licence": "CC BY-SA 4.0 (derived from IndoSum)",
    })
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(npz)
    out.with_suffix(".json").write_text(header, encoding="utf-8")
    print(f"wrote {out} and {out.with_suffix('.json')}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
