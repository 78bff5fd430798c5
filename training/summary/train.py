"""Train warta's extractive summary scorer on IndoSum and write ``model.json``.

    .venv/bin/python training/summary/train.py --data ../shared/data/sum-indosum-dev \
        --out src/warta/models/summary/model.json

Splits come from :func:`warta.evaluate.summary.split_of` (salted hash of the article id, 70/10/20):
the regularisation strength C is chosen by ROUGE-1 + ROUGE-L of 3-sentence summaries on ``dev``
for a model fitted on ``train``; the shipped model is then refitted on ``train`` + ``dev`` with that
C. ``test`` is never read here. Labels are IndoSum's
extractive gold labels (the sentences the dataset authors marked as best matching the abstract).
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

from warta.evaluate.summary import IndoSumArticle, articles_in, score_summarizer
from warta.nlp import summary

#: Words seen in fewer training articles than this are not stored: they get ``default_idf``,
#: which is what a word seen once would get anyway, and the file stays small.
MIN_DF = 2
#: Inverse regularisation strengths tried on dev.
C_GRID = (0.001, 0.01, 0.1)


def fit_idf(articles: list[IndoSumArticle]) -> tuple[dict[str, float], float]:
    df: Counter[str] = Counter()
    for article in articles:
        df.update({w for s in article.sentences for w in summary.tokens(s)})
    n = len(articles)
    idf = {w: round(math.log((n + 1) / (c + 1)) + 1.0, 3) for w, c in df.items() if c >= MIN_DF}
    return idf, round(math.log((n + 1) / 2) + 1.0, 3)


def matrix(articles: list[IndoSumArticle], idf: dict[str, float], default_idf: float
           ) -> tuple[np.ndarray, np.ndarray]:
    rows, labels = [], []
    for article in articles:
        rows.extend(summary.features(article.sentences, article.paragraph_of, idf, default_idf))
        labels.extend(article.labels)
    return np.asarray(rows, dtype=float), np.asarray(labels, dtype=int)


def fit(x: np.ndarray, y: np.ndarray, c: float, idf: dict[str, float], default_idf: float
        ) -> summary.Model:
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    means[0], scales[0] = 0.0, 1.0  # the constant column stays 1: its products are the linear terms
    scales[scales == 0] = 1.0
    z = summary.expand((x - means) / scales)
    # The intercept is the weight of 1 * 1 inside the expansion, so sklearn adds none of its own.
    clf = LogisticRegression(C=c, max_iter=5000, fit_intercept=False)
    clf.fit(z, y)
    return summary.Model(clf.coef_[0].copy(), idf, default_idf, means, scales)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, help="directory of IndoSum *.jsonl files")
    parser.add_argument("--out", required=True, help="where to write model.json")
    args = parser.parse_args(argv)

    train = articles_in(args.data, "train")
    dev = articles_in(args.data, "dev")
    idf, default_idf = fit_idf(train)
    x, y = matrix(train, idf, default_idf)
    print(f"train: {len(train)} articles, {len(y)} sentences; dev: {len(dev)} articles",
          file=sys.stderr)
    best: tuple[float, float, summary.Model] | None = None
    for c in C_GRID:
        model = fit(x, y, c, idf, default_idf)

        def choose(a: IndoSumArticle, m: summary.Model = model) -> list[int]:
            return summary.top_k(summary.score(m, a.sentences, a.paragraph_of), 3)

        dev_scores = score_summarizer(dev, choose)
        gain = dev_scores["rouge1"] + dev_scores["rougeL"]
        print(f"C={c}: dev {dev_scores}", file=sys.stderr)
        if best is None or gain > best[0]:
            best = (gain, c, model)
    assert best is not None
    _, c, _ = best
    # The shipped model is refitted with the chosen C on train + dev: more data, same recipe;
    # test stays unseen.
    both = train + dev
    idf, default_idf = fit_idf(both)
    x, y = matrix(both, idf, default_idf)
    model = fit(x, y, c, idf, default_idf)
    extra = {
        "trained_on": "IndoSum dev folds 1-5, unique ids, splits 'train' + 'dev' of "
                      "warta.evaluate.summary.split_of",
        "train_articles": len(both),
        "C": c,
        "sklearn_version": sklearn.__version__,
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(summary.model_to_json(model, extra) + "\n", encoding="utf-8")
    print(f"chose C={c}; wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
