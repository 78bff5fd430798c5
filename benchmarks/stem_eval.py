"""Which stemmer should the search index use? Measure the three in warta.store.text.

    .venv/bin/python benchmarks/stem_eval.py

For each hand-checked (form, root) pair in ``stem_gold.tsv``: is the form conflated with its root
(both reduce to the same key), which is what lets a search for the root find the form? And how
many pairs of different roots wrongly share a key (over-stemming, which makes searches noisy)?
Also the speed on the words of the bundled IndoSum sample.
"""

from __future__ import annotations

import itertools
import json
import time
from collections import defaultdict
from pathlib import Path

from warta.store.text import STEMMERS, fold, tokens

HERE = Path(__file__).resolve().parent


def gold() -> list[tuple[str, str]]:
    pairs = []
    for line in (HERE / "stem_gold.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            form, root = line.split("\t")
            pairs.append((fold(form), fold(root)))
    return pairs


def main() -> None:
    pairs = gold()
    roots = sorted({root for _, root in pairs})
    sample = HERE.parent / "samples" / "indosum-sample.jsonl"
    words = []
    for line in sample.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        words += tokens(" ".join(w for para in record["paragraphs"] for sent in para
                                 for w in sent))
    for name, fn in STEMMERS.items():
        fn.cache_clear()  # type: ignore[attr-defined]
        conflated = sum(fn(form) == fn(root) for form, root in pairs)
        by_key = defaultdict(set)
        for form, root in pairs:
            by_key[fn(form)].add(root)
            by_key[fn(root)].add(root)
        collisions = sum(len(list(itertools.combinations(r, 2))) for r in by_key.values())
        started = time.perf_counter()
        for word in words:
            fn(word)
        seconds = time.perf_counter() - started
        misses = [f"{form}->{fn(form)}/{root}->{fn(root)}" for form, root in pairs
                  if fn(form) != fn(root)]
        print(f"{name:10} conflated {conflated}/{len(pairs)} ({conflated / len(pairs):.1%}), "
              f"root collisions {collisions} among {len(roots)} roots, "
              f"{len(words) / seconds:,.0f} words/s cold; misses: {', '.join(misses[:12])}")


if __name__ == "__main__":
    main()
