"""Story clustering against hand-labelled pairs of IndoSum articles.

The gold pairs (``eval/stories/pairs.jsonl``, labelled to ``eval/stories/GUIDELINE.md``) say of
two articles published at most three days apart whether they tell the same story, a related one,
or a different one. This evaluation ingests IndoSum into a fresh in-memory store, in file order,
through :func:`warta.store.ingest.ingest_documents` (the code path of ``warta ingest``), and then
reads the story the store gave each article. A pair is predicted *same* when both articles got
the same story. Precision and recall are over the *same* label; *related* and *different* pairs
are both negatives, and how many related pairs were merged is reported beside.

By default every IndoSum article is ingested, so each article meets all the candidates a real
ingest would show it. ``subset=True`` ingests only the articles of the pairs (fast, for the test
suite's gate); its figures are close to, not equal to, the full run's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warta.settings import load
from warta.sources.raw import RawDocument

#: Stories read entities and words: the stages after entities add nothing to them.
STAGES = "sentences,entities"
LABELS = ("same", "related", "different")


def split_of(pair: int) -> str:
    """``dev`` or ``test`` for a pair number, by the parity of its SHA-1 (the guideline's rule)."""
    return "dev" if int(hashlib.sha1(str(pair).encode()).hexdigest(), 16) % 2 == 0 else "test"


def load_pairs(path: Path, split: str = "test") -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    for row in rows:
        if row.get("label") not in LABELS:
            raise ValueError(f"{path}: pair {row.get('pair')} has label {row.get('label')!r}")
    return [r for r in rows if split == "all" or split_of(r["pair"]) == split]


def indosum_documents(indosum_dir: Path, only: set[str] | None,
                      ) -> Iterator[tuple[str, RawDocument]]:
    """(IndoSum id, raw document) for each unique article of the folder, in file order (or
    only those in ``only``)."""
    from warta.sources.indosum import parse_line, to_raw

    seen: set[str] = set()
    for path in sorted(indosum_dir.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                record = parse_line(line)
                if record.id in seen or (only is not None and record.id not in only):
                    continue
                seen.add(record.id)
                yield record.id, to_raw(record, {"path": path.name, "line": str(number)})


def stories_of(indosum_dir: Path, only: set[str] | None = None) -> dict[str, str]:
    """IndoSum id -> story id, after ingesting the articles into a fresh in-memory store."""
    from warta.store import open_store
    from warta.store.ingest import ingest_documents
    from warta.store.sqlite import origin_key

    keys: dict[str, str] = {}
    documents: list[RawDocument] = []
    for indosum_id, raw in indosum_documents(indosum_dir, only):
        keys[origin_key(raw.origin)] = indosum_id
        documents.append(raw)
    with open_store("sqlite://:memory:") as store:
        ingest_documents(documents, store, load(stages=STAGES))
        rows = store.execute("SELECT s.origin_key, a.story FROM sources s "
                             "JOIN articles a ON a.id = s.article_id").fetchall()
    return {keys[key]: story for key, story in rows if key in keys}


def score(pairs: list[dict[str, Any]], story: dict[str, str]) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    for pair in pairs:
        a, b = story.get(pair["a"]["indosum_id"]), story.get(pair["b"]["indosum_id"])
        if a is None or b is None:
            counts["missing"] += 1
            continue
        merged = a == b
        counts[f"{pair['label']}_{'merged' if merged else 'apart'}"] += 1
    tp, fn = counts["same_merged"], counts["same_apart"]
    fp = counts["related_merged"] + counts["different_merged"]
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"pairs": sum(counts.values()), "same": tp + fn, "precision": round(precision, 4),
            "recall": round(recall, 4), "f1": round(f1, 4),
            "related_merged": counts["related_merged"],
            "related": counts["related_merged"] + counts["related_apart"],
            "different_merged": counts["different_merged"],
            "different": counts["different_merged"] + counts["different_apart"],
            "missing": counts["missing"]}


def evaluate(pairs_path: Path, indosum_dir: Path, split: str = "test", *,
             subset: bool = False) -> dict[str, Any]:
    pairs = load_pairs(pairs_path, split)
    only = {p[side]["indosum_id"] for p in pairs for side in ("a", "b")} if subset else None
    story = stories_of(indosum_dir, only)
    sizes = Counter(Counter(story.values()).values())
    report = score(pairs, story)
    report.update(split=split, articles=len(story), stories=sum(sizes.values()),
                  multi_article_stories=sum(n for size, n in sizes.items() if size > 1),
                  largest_story=max(sizes, default=0))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=Path, default=Path("eval/stories/pairs.jsonl"))
    parser.add_argument("--indosum", type=Path, default=Path("../shared/data/sum-indosum-dev"))
    parser.add_argument("--split", choices=["dev", "test", "all"], default="test")
    parser.add_argument("--subset", action="store_true",
                        help="ingest only the articles of the pairs (fast, approximate)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    report = evaluate(args.pairs, args.indosum, args.split, subset=args.subset)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"split {report['split']}: {report['pairs']} pairs ({report['same']} same), "
          f"{report['articles']} articles ingested into {report['stories']} stories "
          f"({report['multi_article_stories']} with more than one article, the largest "
          f"{report['largest_story']})")
    print(f"same story: P {report['precision']:.3f} R {report['recall']:.3f} "
          f"F1 {report['f1']:.3f}; merged {report['related_merged']} of {report['related']} "
          f"related and {report['different_merged']} of {report['different']} different pairs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
