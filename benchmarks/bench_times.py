"""How much the time and quantity stages add to ``warta.parse`` (issue 4, check 4).

Parses the longest IndoSum articles with the default stages, then with "times" and
"quantities" added, and prints milliseconds per article for each and the share the two stages
add, in CPU time (best of ``--repeat`` runs). The stages are built directly, so this runs
whether or not they are in the registry yet.

    python benchmarks/bench_times.py --indosum DIR [--longest 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import warta
from warta.evaluate.dates import read_articles
from warta.nlp import quantities, times
from warta.nlp.pipeline import Pipeline, Stage
from warta.sources.indosum import published_from_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indosum", required=True)
    parser.add_argument("--longest", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    articles = sorted(read_articles(args.indosum), key=lambda a: len(a[1]))[-args.longest:]
    parsed = [warta.parse(text, published=published_from_id(aid)) for aid, text in articles]
    extra = Pipeline([
        # The articles already have sentences; this stage only tells the pipeline so.
        Stage("parsed", lambda article: article, (), ("sentences",)),
        Stage("times", times.build(None), ("text", "sentences", "published"),
              ("times", "warnings")),
        Stage("quantities", quantities.build(None), ("text",), ("quantities",)),
    ])

    def best(fn: Callable[[], object]) -> float:
        runs = []
        for _ in range(args.repeat):
            started = time.process_time()  # CPU time: steady on a busy machine
            fn()
            runs.append(time.process_time() - started)
        return min(runs) * 1000 / len(articles)

    base = best(lambda: [warta.parse(t, published=published_from_id(a)) for a, t in articles])
    added = best(lambda: [extra(article) for article in parsed])
    only_times = best(lambda: [times.build(None)(article) for article in parsed])
    chars = sum(len(t) for _, t in articles) / len(articles)
    print(f"{len(articles)} longest IndoSum articles, {chars:.0f} characters on average")
    print(f"warta.parse (default stages)  {base:.2f} ms/article")
    print(f"+ times                       {only_times:.2f} ms/article "
          f"({100 * only_times / base:.1f}%)")
    print(f"+ times + quantities          {added:.2f} ms/article ({100 * added / base:.1f}%)")


if __name__ == "__main__":
    main()
