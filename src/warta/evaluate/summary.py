"""ROUGE of warta's extractive summaries against IndoSum's reference summaries.

Only the five IndoSum *dev* folds are available to warta (the train/test files are not in the
public snapshot we use), and the folds overlap, so articles are deduplicated by id and assigned to
``train`` / ``dev`` / ``test`` by a salted hash of the id: the same article always lands in the
same split, whatever the order or number of files read. The summary model is fitted on ``train``,
its few choices are made on ``dev``, and the figures below are on ``test`` only. LEAD-3 is scored
by the same code on the same articles.

Sentences are IndoSum's own (its gold labels are per sentence), joined back into text with
:func:`warta.sources.indosum.detokenize`.

    python -m warta.evaluate.summary --indosum DIR [--json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from warta.errors import WartaError
from warta.evaluate.rouge import rouge
from warta.sources.indosum import detokenize, parse_line

Split = Literal["train", "dev", "test"]

#: The salt of the split hash; changing it changes every split and every reported figure.
SPLIT_SALT = "warta-indosum-split-v1"
#: Percent of articles in train and dev; the rest (20 %) is test. 70/10/20 keeps ~690 test
#: articles, enough for ROUGE differences of about one point to stand out from noise.
TRAIN_PERCENT, DEV_PERCENT = 70, 10


@dataclass(frozen=True)
class IndoSumArticle:
    id: str
    category: str
    sentences: list[str]
    paragraph_of: list[int]
    labels: list[bool]
    reference: str


def bucket(article_id: str) -> int:
    """A stable number 0–99 for an article id."""
    digest = hashlib.sha1(f"{SPLIT_SALT}:{article_id}".encode()).hexdigest()
    return int(digest[:8], 16) % 100


def split_of(article_id: str) -> Split:
    b = bucket(article_id)
    if b < TRAIN_PERCENT:
        return "train"
    if b < TRAIN_PERCENT + DEV_PERCENT:
        return "dev"
    return "test"


def fold_of(article_id: str, folds: int = 5) -> int:
    """The cross-validation fold of an article (used by the topic evaluation)."""
    return bucket(article_id) % folds


def load(indosum_dir: str | Path) -> list[IndoSumArticle]:
    """Every unique article of the ``*.jsonl`` files in ``indosum_dir``, first copy of each id
    kept, in id order."""
    paths = sorted(Path(indosum_dir).glob("*.jsonl"))
    if not paths:
        raise FileNotFoundError(f"no IndoSum *.jsonl files in {indosum_dir}")
    seen: dict[str, IndoSumArticle] = {}
    for path in paths:
        with path.open("rb") as handle:
            for line in handle:
                if not line.strip():
                    continue
                record = parse_line(line)
                if record.id in seen:
                    continue
                sentences, paragraph_of, labels = [], [], []
                for p, paragraph in enumerate(record.paragraphs):
                    for s, sentence in enumerate(paragraph):
                        sentences.append(detokenize(sentence))
                        paragraph_of.append(p)
                        gold = record.gold_labels or []
                        labels.append(bool(gold[p][s]) if p < len(gold) and s < len(gold[p])
                                      else False)
                reference = " ".join(detokenize(s) for s in record.summary or [])
                seen[record.id] = IndoSumArticle(record.id, record.category or "", sentences,
                                                 paragraph_of, labels, reference)
    return [seen[k] for k in sorted(seen)]


def articles_in(indosum_dir: str | Path, split: Split) -> list[IndoSumArticle]:
    return [a for a in load(indosum_dir) if split_of(a.id) == split]


#: Chooses sentence indices for an article.
Summarizer = Callable[[IndoSumArticle], list[int]]


def score_summarizer(articles: list[IndoSumArticle], summarizer: Summarizer) -> dict[str, float]:
    """Mean ROUGE-1/2/L F1 (as percentages) of a summarizer over articles."""
    totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0}
    for article in articles:
        chosen = summarizer(article)
        candidate = " ".join(article.sentences[i] for i in chosen)
        for key, value in rouge(candidate, article.reference).items():
            totals[key] += value
    n = max(len(articles), 1)
    return {key: round(100 * value / n, 2) for key, value in totals.items()}


def evaluate(indosum_dir: str | Path, split: Split = "test", k: int = 3) -> dict[str, Any]:
    """ROUGE of warta's summaries and of LEAD-k on the held-out IndoSum articles."""
    from warta.nlp.summary import lead, summarize

    articles = articles_in(indosum_dir, split)
    started = time.perf_counter()
    warta_scores = score_summarizer(articles,
                                    lambda a: summarize(a.sentences, a.paragraph_of, k))
    elapsed = time.perf_counter() - started  # includes ROUGE itself: an upper bound
    lead_scores = score_summarizer(articles, lambda a: lead(a.sentences, k))
    # IndoSum's extractive labels: the ceiling an extractive system can reach on these articles.
    oracle = score_summarizer(articles, lambda a: [i for i, g in enumerate(a.labels) if g])
    return {
        "split": split,
        "articles": len(articles),
        "k": k,
        "warta": warta_scores,
        f"lead{k}": lead_scores,
        "oracle": oracle,
        "ms_per_article": round(1000 * elapsed / max(len(articles), 1), 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m warta.evaluate.summary",
                                     description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--indosum", required=True, help="directory of IndoSum *.jsonl files")
    parser.add_argument("--split", default="test", choices=["train", "dev", "test"])
    parser.add_argument("--k", type=int, default=3, help="sentences per summary")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    try:
        result = evaluate(args.indosum, args.split, args.k)
    except (FileNotFoundError, WartaError) as exc:  # no data there, a bad line, no model
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"IndoSum {result['split']} split: {result['articles']} articles, k={result['k']}")
    print(f"{'system':<10}{'ROUGE-1':>9}{'ROUGE-2':>9}{'ROUGE-L':>9}")
    for name in ("warta", f"lead{args.k}", "oracle"):
        s = result[name]
        print(f"{name:<10}{s['rouge1']:>9.2f}{s['rouge2']:>9.2f}{s['rougeL']:>9.2f}")
    print(f"warta: {result['ms_per_article']} ms per article")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
