"""Store benchmark: ingest throughput and memory, and search latency on a 100,000-article store.

    .venv/bin/python benchmarks/store_bench.py ../shared/data/sum-indosum-dev \
        --work /tmp/warta-bench --articles 100000

1. Ingest every input under DATA (the IndoSum dev split: 3,463 unique articles) into a new
   SQLite store with the default pipeline; report articles/s, inputs/s, peak RSS, and RSS at each
   quarter of the run (flat means the ingest streams).
   Then the store's own share: the parsed articles upserted into a new store without parsing,
   three times under new ids (the second and third rounds are all near-duplicates), with the
   anonymous (heap) and file-backed parts of RSS sampled every 1,000 articles.
2. Build a store of ``--articles`` articles by replicating the ingested ones with new ids and
   publication dates shifted by whole weeks (written through the store's own row writers, with
   the stems and MinHash buckets computed once per original; the duplicate lookup is skipped,
   since copies of copies are what this store is made of).
3. Time ``warta.query.search`` (limit 20, snippets included) over a fixed list of queries: names,
   common words, affixed forms, phrases, and filters by outlet, date and entity. Report p50, p95
   and p99 over all timed runs after one warm-up pass; then again with ``exhaustive=False``
   (broad queries ranked among their newest matches only).

Not part of the unit tests: step 2 takes a few minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from warta.model import Article, replace
from warta.query import Database, search
from warta.settings import load
from warta.store import dedup, open_store
from warta.store.ingest import IngestReport, ingest
from warta.store.sqlite import content_hash
from warta.store.text import stemmed

QUERIES: list[tuple[str, dict[str, str]]] = [
    ("Zulkifli", {}), ("Zulkifli Hasan", {}), ("Jokowi", {}), ("Setya Novanto", {}),
    ("Messi", {}), ("menyerang", {}), ("serang", {}), ("penangkapan narkoba", {}),
    ("pemerintah", {}), ("presiden", {}), ("jakarta", {}), ("harga", {}),
    ('"Joko Widodo"', {}), ('"Bank Indonesia"', {}), ("banjir", {}), ("gempa bumi", {}),
    ("korupsi", {"outlet": "Kompas"}), ("pemerintah", {"date_from": "2017-01-01"}),
    ("sepak bola", {"date_from": "2016-06-01", "date_to": "2016-12-31"}),
    ("rupiah", {"outlet": "Suara"}), ("partai", {"type": "PER"}),
    ("banjir", {"entity": "Jakarta"}), ("", {"entity": "PER:joko widodo"}),
    ("ekonomi pertumbuhan", {}), ("ahok", {}), ("polisi", {}), ("teroris", {}),
]


def rss_mb() -> float:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_ingest(data: Path, db: Path) -> dict[str, object]:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    samples: list[tuple[int, float]] = []

    def progress(report: IngestReport) -> None:
        if report.done % 250 == 0:
            samples.append((report.done, round(rss_mb(), 1)))

    settings = load()
    with open_store(f"sqlite:///{db}") as store:
        started = time.perf_counter()
        report = ingest([str(data)], store, settings, progress=progress)
        seconds = time.perf_counter() - started
        stored = store.count()
        again = ingest([str(data)], store, settings)
    return {
        "inputs": report.done, "new": report.new, "updated": report.updated,
        "unchanged": report.unchanged, "near_duplicates": report.near_duplicates,
        "rejected": dict(report.rejected), "stored_articles": stored,
        "seconds": round(seconds, 1),
        "articles_per_s": round((report.new + report.updated) / seconds, 1),
        "inputs_per_s": round(report.done / seconds, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1), "rss_mb_by_inputs": samples,
        "load_average": os.getloadavg()[0],
        "second_run": {"new": again.new, "unchanged": again.unchanged,
                       "seconds": round(again.seconds, 1)},
        "db_mb": round(db.stat().st_size / 2**20, 1),
    }


def memory_mb() -> dict[str, float]:
    """Resident memory split into anonymous (the heap: what could leak) and file-backed."""
    found = {}
    with open("/proc/self/status") as handle:
        for line in handle:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "RssAnon", "RssFile"):
                found[name] = round(int(value.split()[0]) / 1024, 1)
    return found


def bench_store_only(source: Path, db: Path, rounds: int = 3) -> dict[str, object]:
    """The store's own cost per article (dedup, stems, full-text index, parts, one transaction
    each), without parsing: upsert the articles parsed in step 1 into a new store, ``rounds``
    times under new ids, sampling memory to show whether it stays flat as the store grows."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    with open_store(f"sqlite:///{source}", readonly=True) as small:
        raws = [raw for (raw,) in small.execute("SELECT json FROM articles ORDER BY rowid")]
    samples = []
    with open_store(f"sqlite:///{db}") as store:
        started = time.perf_counter()
        done = 0
        for round_ in range(rounds):
            for raw in raws:
                article = Article.from_json(raw)
                if round_:
                    article = replace(article, id=f"{article.id}-{round_}")
                store.upsert(replace(article, duplicate_of=None))
                done += 1
                if done % 1000 == 0:
                    samples.append((done, memory_mb()))
            if round_ == 0:
                first_round = time.perf_counter() - started
        seconds = time.perf_counter() - started
        marked = store.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"
                               ).fetchone()[0]
    return {"articles": done, "seconds": round(seconds, 1),
            "articles_per_s_first_round": round(len(raws) / first_round, 1),
            "articles_per_s": round(done / seconds, 1),
            "copies_marked_near_duplicate": marked, "memory_mb_by_articles": samples}


def build_big(source: Path, db: Path, target: int) -> dict[str, object]:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    with open_store(f"sqlite:///{source}", readonly=True) as small:
        originals = [Article.from_json(raw) for (raw,) in small.execute(
            "SELECT json FROM articles WHERE duplicate_of IS NULL ORDER BY rowid")]
    prepared = [(a, stemmed(a.title or ""), stemmed(a.text), dedup.fingerprint(a.text))
                for a in originals]
    started = time.perf_counter()
    written = 0
    with open_store(f"sqlite:///{db}") as store:
        round_ = 0
        while written < target:
            with store.transaction():
                for article, title_index, body_index, print_ in prepared:
                    if written >= target:
                        break
                    copy = replace(article, id=f"{article.id}-r{round_}",
                                   url=f"{article.url or 'https://x.example/'}?r={round_}",
                                   published=_shift(article.published, round_))
                    rowid = store._write_article(copy, content_hash(copy), None)
                    store._write_parts(rowid, copy, title_index, body_index, print_)
                    written += 1
            round_ += 1
        store.conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')")
        count = store.count()
    return {"articles": count, "originals": len(originals),
            "build_seconds": round(time.perf_counter() - started, 1),
            "db_mb": round(db.stat().st_size / 2**20, 1)}


def _shift(published: str | None, weeks: int) -> str | None:
    if not published:
        return None
    try:
        return (datetime.fromisoformat(published) - timedelta(weeks=weeks)).isoformat()
    except ValueError:
        return published


def bench_search(db: Path, repeats: int, exhaustive: bool = True) -> dict[str, object]:
    timings: list[float] = []
    # CPU time as well as wall time: on a shared machine the wall clock includes waiting for a
    # core, which says more about the neighbours than about the store.
    cpu_timings: list[float] = []
    per_query: dict[str, float] = {}
    with Database(open_store(f"sqlite:///{db}", readonly=True)) as database:
        for query, filters in QUERIES:  # warm-up: the page cache, stem caches
            search(database.store, query, limit=20, exhaustive=exhaustive,
                   **filters)  # type: ignore[arg-type]
        for query, filters in QUERIES:
            runs = []
            for _ in range(repeats):
                started, cpu = time.perf_counter(), time.process_time()
                hits = search(database.store, query, limit=20, exhaustive=exhaustive,
                              **filters)  # type: ignore[arg-type]
                runs.append((time.perf_counter() - started) * 1000)
                cpu_timings.append((time.process_time() - cpu) * 1000)
            timings += runs
            label = query + (" " + json.dumps(filters) if filters else "")
            per_query[label] = round(statistics.median(runs), 2)
            per_query[label + " hits"] = len(hits)
    timings.sort()
    cpu_timings.sort()

    def pct(values: list[float], p: float) -> float:
        return round(values[min(len(values) - 1, int(p * len(values)))], 2)

    return {"runs": len(timings), "p50_ms": pct(timings, 0.50), "p95_ms": pct(timings, 0.95),
            "p99_ms": pct(timings, 0.99), "max_ms": round(timings[-1], 2),
            "cpu_p50_ms": pct(cpu_timings, 0.50), "cpu_p95_ms": pct(cpu_timings, 0.95),
            "cpu_p99_ms": pct(cpu_timings, 0.99), "load_average": os.getloadavg()[0],
            "median_ms_by_query": per_query}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="folder or file of articles to ingest")
    parser.add_argument("--work", type=Path, default=Path("/tmp/warta-bench"))
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--skip-ingest", action="store_true",
                        help="reuse the store from an earlier run's step 1")
    parser.add_argument("--skip-build", action="store_true",
                        help="reuse the big store from an earlier run's step 2")
    parser.add_argument("--skip-store-only", action="store_true",
                        help="leave out the store-only part of step 1")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    small, big = args.work / "ingest.db", args.work / "big.db"
    results: dict[str, object] = {}
    if not args.skip_ingest:
        results["ingest"] = bench_ingest(args.data, small)
        print(json.dumps({"ingest": results["ingest"]}, ensure_ascii=False), flush=True)
    if not args.skip_store_only:
        results["store_only"] = bench_store_only(small, args.work / "store-only.db")
        print(json.dumps({"store_only": results["store_only"]}), flush=True)
    if not args.skip_build:
        results["build"] = build_big(small, big, args.articles)
        print(json.dumps({"build": results["build"]}), flush=True)
    results["search"] = bench_search(big, args.repeats)
    print(json.dumps({"search": results["search"]}, ensure_ascii=False, indent=1), flush=True)
    # The same queries with broad ones ranked among their newest matches only.
    results["search_bounded"] = bench_search(big, args.repeats, exhaustive=False)
    print(json.dumps({"search_bounded": results["search_bounded"]}, ensure_ascii=False,
                     indent=1), flush=True)
    name = "results.json" if not (args.skip_ingest or args.skip_build) else "results-partial.json"
    (args.work / name).write_text(json.dumps(results, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
