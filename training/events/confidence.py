"""Fit the event confidence model (``warta/models/events/confidence.json``) on the dev split.

    python training/events/confidence.py --indosum ../shared/data/sum-indosum-dev \
        --out src/warta/models/events/confidence.json

Train the triggers and the actor model first. Every event the coder finds in the dev articles of
``eval/events/gold.jsonl``, its learned triggers and actors coming from models that did not see
the article, is labelled right or wrong by the evaluation's own matching
(``warta.evaluate.events.judge_events``: root and actors), described by
``warta.nlp.event_confidence.event_features`` and fed to an L2 logistic regression. The
regularisation strength is chosen by 5-fold cross-validation over articles (all events of an
article in one fold), on log loss; the report compares the cross-validated scores with the
coder's rule-based score (how much of the event it found). The test split is never read.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss, roc_auc_score
from sklearn.model_selection import GroupKFold

from warta.evaluate.events import STAGES, judge_events, load_gold, parsed_articles
from warta.nlp.event_confidence import event_features

sys.path.insert(0, str(Path(__file__).resolve().parent))
import actors  # the actor model's training, beside this script

# Inverse regularisation strengths tried (the grid is coarse on purpose: ~400 events).
GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
FOLDS = 5


def examples(gold_path: Path, indosum: Path, split: str, work: Path
             ) -> tuple[list[dict[str, float]], list[int], list[int], list[float]]:
    """(features, labels, article number, rule-based confidence) of every coded event, the
    learned triggers and actors coming from models that did not see the article."""
    gold = {row["indosum_id"]: row for row in load_gold(gold_path, split)}
    features: list[dict[str, float]] = []
    labels: list[int] = []
    groups: list[int] = []
    rules: list[float] = []
    # The stages before events, then the coder alone: its events keep the rule-based score,
    # which the report compares with the fitted one (the features do not read the score).
    before_events = [stage for stage in STAGES if stage != "events"]
    articles = dict(parsed_articles(indosum, set(gold), before_events))
    # The shipped tagger and actor model have seen every dev article, so their triggers and
    # actors there would look better than on new text: each article is coded by models that
    # did not see it.
    coded = actors.coded_out_of_fold(articles, gold, work)
    for number, (article_id, article) in enumerate(sorted(coded.items())):
        verdicts, _, _ = judge_events(article, gold[article_id]["events"], article.events)
        quoted = [(q.start, q.end) for q in article.quotes]
        per_sentence = [e.sentence for e in article.events]
        for event, verdict in zip(article.events, verdicts, strict=True):
            features.append(event_features(article, event, quoted,
                                           per_sentence.count(event.sentence)))
            labels.append(int(verdict == "correct"))
            groups.append(number)
            rules.append(event.confidence)
    return features, labels, groups, rules


def cross_validated(x: np.ndarray, y: np.ndarray, groups: np.ndarray, c: float) -> np.ndarray:
    scores = np.zeros(len(y))
    for train, held in GroupKFold(n_splits=FOLDS).split(x, y, groups):
        model = LogisticRegression(C=c, max_iter=2000).fit(x[train], y[train])
        scores[held] = model.predict_proba(x[held])[:, 1]
    return scores


def precision_at(scores: np.ndarray, y: np.ndarray, threshold: float) -> tuple[float, int]:
    kept = scores >= threshold
    return (float(y[kept].mean()) if kept.any() else 0.0), int(kept.sum())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--indosum", type=Path, default=Path("../shared/data/sum-indosum-dev"))
    parser.add_argument("--gold", type=Path, default=Path("eval/events/gold.jsonl"))
    parser.add_argument("--out", type=Path,
                        default=Path("src/warta/models/events/confidence.json"))
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as work:
        features, labels, groups, rules = examples(args.gold, args.indosum, "dev", Path(work))
    vectorizer = DictVectorizer(sparse=False)
    x = vectorizer.fit_transform(features)
    y, g = np.array(labels), np.array(groups)
    print(f"dev: {len(y)} coded events, {int(y.sum())} right ({y.mean():.3f}), "
          f"{len(set(groups))} articles, {x.shape[1]} features")
    rule_scores = np.array(rules)
    print(f"rule-based score: AUC {roc_auc_score(y, rule_scores):.3f}")
    results = {}
    for c in GRID:
        scores = cross_validated(x, y, g, c)
        results[c] = scores
        print(f"C {c:<5} cross-validated: log loss {log_loss(y, scores):.4f} "
              f"AUC {roc_auc_score(y, scores):.3f}")
    best = min(GRID, key=lambda c: log_loss(y, results[c]))
    scores = results[best]
    print(f"chosen C {best}")
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7):
        p, n = precision_at(scores, y, threshold)
        print(f"  confidence >= {threshold}: {n} of {len(y)} events kept, precision {p:.3f}, "
              f"right events kept {int(y[scores >= threshold].sum())} of {int(y.sum())}")

    weights = actors.logistic_weights(features, labels, best)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "format": "warta.event-confidence/1",
        "trained_on": "eval/events/gold.jsonl, split dev",
        "events": len(y), "C": best,
        "cross_validated_auc": round(float(roc_auc_score(y, scores)), 4),
        "rule_based_auc": round(float(roc_auc_score(y, rule_scores)), 4),
        "weights": {k: round(v, 5) for k, v in sorted(weights.items())},
    }, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
