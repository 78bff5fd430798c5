"""Scale-out benchmarks of the Dask path (issue 8, checks 3 and 4), WARC readers, language filter.

    python benchmarks/dist_bench.py DATA [--sections warc,prefilter,single,scaling,memory]
        [--stages default] [--scaling-articles 2000] [--memory-sizes 1000,20000]
        [--results benchmarks/results]

DATA is IndoSum JSONL files or a folder of them (``../shared/data/sum-indosum-dev``). Each
section writes ``<results>/dist-<section>.json`` with the machine, the command and the figures:

- ``warc``: records/s reading the same WARC.gz of IndoSum pages wrapped in HTML, with warta's
  framing and fastwarc record parsing (what ``warta.sources.warc`` does), with the same framing
  and warcio record parsing, and with each library's own iterator (no recovery from damage);
- ``prefilter``: cost of the fast language first pass against the article builder, on English
  pages (where it saves the builder) and on Indonesian ones (where it is pure overhead);
- ``single``: end-to-end articles/s on one core in this process (``warta.parse_many``);
- ``scaling``: articles/s of ``warta.dist.run`` on a warmed LocalCluster of 1, then 2, workers
  over the same articles (the clock starts after the workers have built the pipeline);
- ``memory``: peak RSS of each worker of a fresh 2-worker cluster after 1,000 and after 20,000
  articles (real IndoSum articles replicated with varied ids and URLs to reach the count).

Throughput on a shared machine is noisy: run it when the machine is quiet, or more than once.
"""

from __future__ import annotations

import argparse
import gzip
import html
import io
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import warta
from warta.settings import Settings, load
from warta.sources import indosum, warc

ENGLISH = (
    "The minister said on Tuesday that the government would not change its trade policy this "
    "year, and that the talks with its partners in the region were going well. It was the first "
    "meeting of its kind since the election, and officials from both sides said they expected "
    "an agreement to be signed before the end of the month."
)


def indosum_lines(data: list[str]) -> list[str]:
    """Unique IndoSum records (by id) from files or folders, as JSON lines."""
    seen: set[str] = set()
    lines = []
    for spec in data:
        path = Path(spec)
        files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
        for file in files:
            for line in file.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    record = json.loads(line)
                    if record["id"] not in seen:
                        seen.add(record["id"])
                        lines.append(line)
    return lines


def replicated(lines: list[str], count: int) -> Iterator[str]:
    """``count`` records: the real ones, then copies with varied ids and URLs (so each copy is
    a distinct article to warta, with its own id)."""
    for n in range(count):
        line = lines[n % len(lines)]
        copy = n // len(lines)
        if copy == 0:
            yield line
            continue
        record = json.loads(line)
        record["id"] = f"{record['id']}-salinan{copy}"
        if record.get("source_url"):
            record["source_url"] = f"{record['source_url']}?salinan={copy}"
        yield json.dumps(record, ensure_ascii=False)


def write_jsonl(lines: list[str], count: int, folder: Path) -> Path:
    path = folder / f"indosum-{count}.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for line in replicated(lines, count):
            handle.write(line + "\n")
    return path


def as_page(line: str) -> tuple[str, bytes]:
    raw = indosum.to_raw(indosum.parse_line(line))
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in str(raw.content).split("\n\n"))
    page = (f'<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Berita</title>'
            f'<meta property="article:published_time" content="{raw.hints.get("published")}">'
            f"</head><body><nav><a href='/'>Beranda</a></nav><article>{paragraphs}</article>"
            "</body></html>")
    return raw.url or "https://example.id/", page.encode("utf-8")


def machine() -> dict[str, Any]:
    import psutil

    return {"cpus": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(), "load_average": os.getloadavg(),
            "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
            "note": "shared machine: other jobs were running, figures are noisy"}


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[Any, float]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return result, best


# ---------------------------------------------------------------------------------------------

def bench_warc(lines: list[str], folder: Path, records: int = 10_000) -> dict[str, Any]:
    from fastwarc.warc import ArchiveIterator as FastIterator
    from warcio.archiveiterator import ArchiveIterator as WarcioIterator

    pages = [as_page(line) for line in lines[:500]]
    path = folder / "bench.warc.gz"
    with path.open("wb") as handle:
        for n in range(records):
            url, body = pages[n % len(pages)]
            handle.write(gzip.compress(warc.response_record(f"{url}?n={n}", body), 1))

    def ours() -> int:
        return sum(1 for _ in warc.read(path))

    def warcio_record(data: bytes, origin: dict[str, str]) -> Any:
        record = next(iter(WarcioIterator(io.BytesIO(data))))
        status = record.http_headers.get_statuscode()
        body = record.content_stream().read()
        return status, record.rec_headers.get_header("WARC-Target-URI"), body

    def ours_with_warcio() -> int:
        original = warc._to_document
        warc._to_document = warcio_record  # type: ignore[assignment]
        try:
            return sum(1 for _ in warc.read(path))
        finally:
            warc._to_document = original

    def fastwarc_only() -> int:
        with path.open("rb") as handle:
            count = 0
            for record in FastIterator(handle, parse_http=True):
                record.reader.read()
                count += 1
            return count

    def warcio_only() -> int:
        with path.open("rb") as handle:
            count = 0
            for record in WarcioIterator(handle):
                record.content_stream().read()
                count += 1
            return count

    figures = {}
    for name, fn in [("warta framing + fastwarc (chosen)", ours),
                     ("warta framing + warcio", ours_with_warcio),
                     ("fastwarc ArchiveIterator alone", fastwarc_only),
                     ("warcio ArchiveIterator alone", warcio_only)]:
        count, seconds = timed(fn, repeat=3)
        figures[name] = {"records": count, "seconds": round(seconds, 3),
                         "records_per_second": round(count / seconds)}
        print(f"warc  {name:36s} {count / seconds:9.0f} records/s", file=sys.stderr)
    return {"file_bytes": path.stat().st_size, "records": records, "readers": figures}


def bench_prefilter(lines: list[str], settings: Settings) -> dict[str, Any]:
    from warta.article.build import build
    from warta.dist import langfilter
    from warta.errors import InputError
    from warta.sources.raw import RawDocument

    english = [RawDocument(("<html><body><article>" + f"<p>{ENGLISH} Story {n}.</p>" * 8
                            + "</article></body></html>"), url=f"https://example.com/{n}",
                           hints={"format": "html"}) for n in range(200)]
    indonesian = [RawDocument(as_page(line)[1], url=as_page(line)[0], hints={"format": "html"})
                  for line in lines[:200]]

    def builder(documents: list[RawDocument]) -> int:
        rejected = 0
        for document in documents:
            try:
                build(document, settings)
            except InputError:
                rejected += 1
        return rejected

    def first_pass(documents: list[RawDocument]) -> int:
        rejected = 0
        for document in documents:
            try:
                langfilter.check(document, settings)
            except InputError:
                rejected += 1
        return rejected

    builder(indonesian[:5])
    out: dict[str, Any] = {}
    for name, documents in (("english_html", english), ("indonesian_html", indonesian)):
        built, build_seconds = timed(lambda d=documents: builder(d), repeat=2)
        passed, pass_seconds = timed(lambda d=documents: first_pass(d), repeat=2)
        out[name] = {"pages": len(documents),
                     "builder_ms_per_page": round(1000 * build_seconds / len(documents), 3),
                     "builder_rejected": built,
                     "first_pass_ms_per_page": round(1000 * pass_seconds / len(documents), 3),
                     "first_pass_rejected": passed}
        print(f"prefilter {name}: {out[name]}", file=sys.stderr)
    return out


def bench_single(lines: list[str], settings: Settings, count: int = 1000) -> dict[str, Any]:
    from warta.sources.indosum import read

    warmup = list(read(lines[:5]))
    list(warta.parse_many(warmup, settings=settings))
    documents = list(read(list(replicated(lines, count))))
    start_cpu = time.process_time()
    results, seconds = timed(lambda: list(warta.parse_many(documents, settings=settings)))
    cpu = time.process_time() - start_cpu
    articles = sum(isinstance(r, warta.Article) for r in results)
    print(f"single core: {articles / seconds:.1f} articles/s wall, "
          f"{articles / cpu:.1f} articles/s CPU", file=sys.stderr)
    out = {"text": {"articles": articles, "seconds": round(seconds, 3),
                    "cpu_seconds": round(cpu, 3),
                    "articles_per_second": round(articles / seconds, 2),
                    "articles_per_cpu_second": round(articles / cpu, 2)}}
    # The same articles as HTML pages, as a crawl delivers them (trafilatura runs too).
    from warta.sources.raw import RawDocument

    pages = [as_page(line) for line in replicated(lines, count)]
    html_documents = [RawDocument(body, url=url, hints={"format": "html"}) for url, body in pages]
    start_cpu = time.process_time()
    results, seconds = timed(lambda: list(warta.parse_many(html_documents, settings=settings)))
    cpu = time.process_time() - start_cpu
    articles = sum(isinstance(r, warta.Article) for r in results)
    out["html"] = {"articles": articles, "seconds": round(seconds, 3),
                   "cpu_seconds": round(cpu, 3),
                   "articles_per_second": round(articles / seconds, 2),
                   "articles_per_cpu_second": round(articles / cpu, 2)}
    print(f"single core, HTML: {out['html']}", file=sys.stderr)
    return out


def warm_cluster(workers: int, settings: Settings) -> tuple[Any, Any]:
    from distributed import Client, LocalCluster

    from warta.dist.worker import parse_partition, pipeline_for

    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    client = Client(cluster)

    def warm(settings: Settings) -> int:
        pipeline_for(settings)
        sample = {"content": "Presiden Joko Widodo meresmikan jalan tol di Jawa Tengah, kata "
                  "juru bicara istana kepada wartawan pada Senin. " * 5, "url": None,
                  "hints": {"format": "text-body"}, "origin": {}}
        return len(list(parse_partition([sample], settings)))

    client.run(warm, settings)
    return cluster, client


def dist_run(path: Path, out: Path, settings: Settings, address: str,
             partition_size: int) -> dict[str, Any]:
    from warta.dist import run

    shutil.rmtree(out, ignore_errors=True)
    # The LocalCluster's scheduler runs in this process, so this is client + scheduler CPU.
    cpu = time.process_time()
    report = run([str(path)], out, settings, scheduler=address, partition_size=partition_size)
    # Each worker's peak RSS after each partition, in the order they finished: flat or not.
    trajectory = [(entry["worker_pid"], entry["peak_rss_mb"])
                  for entry in read_manifest_lines(out)]
    return {**report.to_dict(), "driver_cpu_seconds": round(time.process_time() - cpu, 3),
            "rss_after_each_partition": trajectory}


def read_manifest_lines(out: Path) -> list[dict[str, Any]]:
    from warta.dist.runner import MANIFEST

    lines = (out / MANIFEST).read_text(encoding="utf-8").splitlines()
    return [entry for entry in map(json.loads, lines) if "partition" in entry]


def bench_scaling(lines: list[str], settings: Settings, folder: Path, count: int,
                  partition_size: int, repeat: int) -> dict[str, Any]:
    """1 and 2 workers in turn, ``repeat`` times each; the best run of each counts, since on a
    shared machine other jobs only ever slow a run down."""
    path = write_jsonl(lines, count, folder)
    out: dict[str, Any] = {"articles": count, "partition_size": partition_size, "runs": {}}
    for attempt in range(repeat):
        for workers in (1, 2):
            cluster, client = warm_cluster(workers, settings)
            try:
                report = dist_run(path, folder / f"out-{workers}", settings,
                                  cluster.scheduler_address, partition_size)
            finally:
                client.close()
                cluster.close()
            report["load_average"] = os.getloadavg()
            out["runs"].setdefault(str(workers), []).append(report)
            print(f"scaling: {workers} worker(s), attempt {attempt + 1}: "
                  f"{report['articles_per_second']} articles/s, "
                  f"{report['articles_per_cpu_second']} per worker CPU second, "
                  f"load {os.getloadavg()[0]:.1f}", file=sys.stderr)
    best = {k: max(r["articles_per_second"] for r in runs) for k, runs in out["runs"].items()}
    out["best_articles_per_second"] = best
    out["speedup"] = round(best["2"] / best["1"], 3) if best["1"] else None
    out["target_speedup"] = 1.7
    # What the CPU times predict for an otherwise idle 2-core machine, whatever the load was:
    # an article costs C seconds of a worker and D of the client and scheduler; one worker
    # runs at 1/C (the client has the other core), two share both cores at 2/(C + D).
    runs = [r for rs in out["runs"].values() for r in rs]
    worker = sum(r["cpu_seconds"] for r in runs) / sum(r["articles"] for r in runs)
    driver = sum(r["driver_cpu_seconds"] for r in runs) / sum(r["articles"] for r in runs)
    out["cpu_ms_per_article"] = {"worker": round(1000 * worker, 3),
                                 "client_and_scheduler": round(1000 * driver, 3)}
    out["speedup_predicted_from_cpu"] = round(2 * worker / (worker + driver), 3)
    return out


def bench_memory(lines: list[str], settings: Settings, folder: Path, sizes: list[int],
                 partition_size: int) -> dict[str, Any]:
    out: dict[str, Any] = {"partition_size": partition_size, "runs": {}}
    for count in sizes:
        path = write_jsonl(lines, count, folder)
        cluster, client = warm_cluster(2, settings)
        try:
            report = dist_run(path, folder / f"mem-{count}", settings,
                              cluster.scheduler_address, partition_size)
        finally:
            client.close()
            cluster.close()
        path.unlink()
        out["runs"][str(count)] = report
        print(f"memory: {count} articles, peak RSS per worker {report['peak_rss_mb']} MB, "
              f"{report['articles_per_second']} articles/s", file=sys.stderr)
    small, large = (max(out["runs"][str(n)]["peak_rss_mb"].values()) for n in
                    (sizes[0], sizes[-1]))
    out["peak_rss_growth"] = round(large / small - 1, 3)
    out["target_growth"] = 0.2
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="+", help="IndoSum JSONL files or folders")
    parser.add_argument("--sections", default="warc,prefilter,single,scaling,memory")
    parser.add_argument("--stages", default=None, help="NLP stages (default: the settings')")
    parser.add_argument("--single-articles", type=int, default=1000)
    parser.add_argument("--scaling-articles", type=int, default=2000)
    parser.add_argument("--memory-sizes", default="1000,20000")
    parser.add_argument("--partition-size", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3, help="scaling runs of each size")
    parser.add_argument("--results", default=str(Path(__file__).parent / "results"))
    args = parser.parse_args()

    settings = load(stages=args.stages)
    lines = indosum_lines(args.data)
    results = Path(args.results)
    results.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="warta-dist-bench-"))
    from warta.api import _pipeline

    common = {"command": " ".join(["python", *sys.argv]),
              "stages": _pipeline(settings, None).names, "corpus_articles": len(lines)}
    try:
        for section in args.sections.split(","):
            started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            if section == "warc":
                figures = bench_warc(lines, folder)
            elif section == "prefilter":
                figures = bench_prefilter(lines, settings)
            elif section == "single":
                figures = bench_single(lines, settings, args.single_articles)
            elif section == "scaling":
                figures = bench_scaling(lines, settings, folder, args.scaling_articles,
                                        args.partition_size, args.repeat)
            elif section == "memory":
                sizes = [int(n) for n in args.memory_sizes.split(",")]
                figures = bench_memory(lines, settings, folder, sizes, args.partition_size)
            else:
                parser.error(f"unknown section {section!r}")
            record = {"section": section, "started": started, **common, "machine": machine(),
                      "figures": figures}
            (results / f"dist-{section}.json").write_text(
                json.dumps(record, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
