"""The whole-crawl run: inputs → partitions → Dask workers → Parquet shards (→ a store).

>>> from warta.dist import run
>>> report = run(["crawl/"], "out/", workers=2)                       # doctest: +SKIP
>>> report.articles, report.rejected                                    # doctest: +SKIP

The client plans partitions without reading the documents: a slice of ``partition_size`` lines
of a JSON Lines file (it only counts the lines), one WARC file, or ``partition_size`` other files.
Each worker reads its partition itself, rebuilds the pipeline from the settings, parses the
documents and writes the shards (so the inputs and ``out_dir`` must be where every worker can
see them: local disk for a LocalCluster, a shared file system for a cluster). Only stdin, which
no worker can see, is read by the client and shipped as documents. At most two partitions per
worker thread are in flight, so the client's memory stays flat however big the crawl, and the
client's own work per document is next to nothing, which leaves the cores to the workers.

The client records each finished partition in ``out_dir/manifest.jsonl``; a run over the same
inputs with the same settings skips the partitions listed there, so a crashed or interrupted run
resumes where it stopped.

Three ways to run: ``scheduler="synchronous"`` (in this process, for tests and debugging), an
existing scheduler's address (``tcp://host:8786``), or a LocalCluster of ``workers`` processes
(default: one per CPU) with one thread each, the default (threads would share one interpreter
lock, and the pipeline is pure Python).
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warta.errors import ConfigError, InputError
from warta.settings import Settings, load
from warta.sources.raw import RawDocument

MANIFEST = "manifest.jsonl"
#: Documents per partition. Tuned on IndoSum with 2 workers: 100 to 2,000 gave the same rate
#: within noise; 500 keeps a partition under ~15 s of work, so a lost worker costs little.
PARTITION_SIZE = 500


@dataclass
class DistReport:
    """What a run did; ``rejected`` counts by reason code, ``failed`` lists partitions whose
    task failed (a worker died); run again to retry them."""

    out_dir: str
    partitions: int = 0
    skipped: int = 0
    documents: int = 0
    articles: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    failed: list[str] = field(default_factory=list)
    stored: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # summed over the workers: the cost, whatever else the machine ran
    workers: int = 0
    peak_rss_mb: dict[str, float] = field(default_factory=dict)  # worker pid -> MB

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"out_dir": self.out_dir, "partitions": self.partitions, "skipped": self.skipped,
                "failed": self.failed, "documents": self.documents, "articles": self.articles,
                "rejected": dict(self.rejected), "stored": self.stored,
                "seconds": round(self.seconds, 3), "workers": self.workers,
                "articles_per_second": round(self.articles_per_second, 2),
                "cpu_seconds": round(self.cpu_seconds, 3),
                "articles_per_cpu_second": round(
                    self.articles / self.cpu_seconds if self.cpu_seconds else 0.0, 2),
                "peak_rss_mb": self.peak_rss_mb}


Progress = Callable[[DistReport], None]


def _inputs(paths: Iterable[str]) -> Iterator[Path | str]:
    """The files under ``paths`` (folders walked for pages, JSON and WARC), and ``-``."""
    from warta.sources import warc
    from warta.sources.files import SUFFIXES, expand

    for spec in paths:
        folder = Path(spec)
        if spec != "-" and folder.is_dir():
            yield from sorted(p for p in folder.rglob("*") if p.is_file()
                              and (warc.is_warc(p) or p.suffix.lower() in SUFFIXES))
        else:
            yield from expand([spec])


def read_inputs(paths: Iterable[str], max_bytes: int) -> Iterator[RawDocument | InputError]:
    """Every document under ``paths``: what ``warta parse`` reads, plus WARC and WARC.gz."""
    from warta.sources import warc
    from warta.sources.files import read_all

    for item in _inputs(paths):
        if isinstance(item, Path) and warc.is_warc(item) and item.exists():
            yield from warc.read(item, max_bytes)
        else:
            yield from read_all([str(item)], max_bytes)


def plan(paths: Iterable[str], size: int, max_bytes: int) -> Iterator[list[dict[str, Any]]]:
    """The partitions of a run, each a list of items a worker reads itself.

    An item is ``{"read": {"path": …, "lines": [start, stop]}}`` (a slice of a JSON Lines
    file), ``{"read": {"path": …}}`` (a WARC file, or a page or JSON file), or, for stdin and
    for paths that do not exist, a document or an error as :func:`~warta.dist.worker.to_plain`
    makes them. The same inputs always give the same partitions.
    """
    from warta.dist.worker import to_plain
    from warta.sources import warc
    from warta.sources.files import count_lines, read_stdin

    files: list[dict[str, Any]] = []
    shipped: list[dict[str, Any]] = []
    for item in _inputs(paths):
        if item == "-":
            for document in read_stdin(max_bytes):
                shipped.append(to_plain(document))
                if len(shipped) >= size:
                    yield shipped
                    shipped = []
            continue
        assert isinstance(item, Path)
        if not item.exists():
            yield [to_plain(InputError(f"{item}: no such file or folder",
                                       {"path": str(item)}))]
        elif warc.is_warc(item):
            yield [{"read": {"path": str(item)}}]
        elif item.suffix.lower() in (".jsonl", ".ndjson"):
            try:
                lines = count_lines(item)
            except OSError as exc:
                yield [to_plain(InputError(f"{item}: cannot read the file ({exc.strerror})",
                                           {"path": str(item)}))]
                continue
            for start in range(0, lines, size):
                yield [{"read": {"path": str(item), "lines": [start, min(lines, start + size)]}}]
        else:
            files.append({"read": {"path": str(item)}})
            if len(files) >= size:
                yield files
                files = []
    for rest in (files, shipped):
        if rest:
            yield rest


def partitions(planned: Iterable[list[dict[str, Any]]], size: int, signature: str,
               ) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """``(key, items)`` for each planned partition.

    The key names the partition's place in the plan, what its first and last items are and the
    pipeline's signature, so the same inputs give the same keys run after run.
    """

    def where(item: dict[str, Any]) -> Any:
        return item.get("read") or item.get("origin") or item.get("error", {}).get("origin")

    for number, items in enumerate(planned):
        text = json.dumps([signature, size, number, where(items[0]), where(items[-1])],
                          sort_keys=True, default=str)
        yield f"{number:06d}-" + hashlib.blake2b(text.encode(), digest_size=5).hexdigest(), items


def read_manifest(out_dir: str | Path) -> dict[str, dict[str, Any]]:
    """Finished partitions by key (a torn last line, from a crash mid-write, is ignored)."""
    path = Path(out_dir) / MANIFEST
    done: dict[str, dict[str, Any]] = {}
    if not path.exists():
        return done
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue
        if "partition" in entry:
            done[entry["partition"]] = entry
        elif "loaded" in entry:
            done.setdefault(entry["loaded"], {}).setdefault("loaded_into", []).append(entry["db"])
    return done


class _Scheduler:
    """Submit partitions to Dask and collect summaries as they finish, in any order."""

    def __init__(self, workers: int | None, scheduler: str | None) -> None:
        self.client: Any = None
        self.cluster: Any = None
        self.pending: list[Any] = []
        self.keys: dict[Any, str] = {}
        if scheduler == "synchronous":
            self.slots = 1
            return
        from distributed import Client, LocalCluster

        if scheduler:
            self.client = Client(scheduler)
        else:
            self.cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1,
                                        threads_per_worker=1,
                                        processes=True, dashboard_address=None)
            self.client = Client(self.cluster)
        self.slots = max(1, sum(self.client.nthreads().values()))
        from distributed import as_completed

        self.done = as_completed()

    def submit(self, *args: Any) -> None:
        from warta.dist.worker import process_partition

        if self.client is None:
            import dask

            task = dask.delayed(process_partition, pure=False)(*args)
            self.pending.append(dask.compute(task, scheduler="synchronous")[0])
            return
        future = self.client.submit(process_partition, *args, pure=False, retries=1)
        self.keys[future] = args[0]
        self.done.add(future)

    def results(self, block_until: int) -> Iterator[dict[str, Any] | tuple[str, str]]:
        """Finished summaries until at most ``block_until`` tasks are still running; a failed
        task comes back as ``(key, error)``."""
        if self.client is None:
            yield from self.pending
            self.pending = []
            return
        while self.done.count() > block_until:
            future = next(self.done)
            partition = self.keys.pop(future)
            try:
                yield future.result()
            except Exception as exc:  # a worker died or the task broke: report, go on
                yield (partition, f"{type(exc).__name__}: {exc}")

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def run(paths: Iterable[str], out_dir: str | Path, settings: Settings | None = None, *,
        workers: int | None = None, scheduler: str | None = None,
        partition_size: int = PARTITION_SIZE, db: str | None = None,
        granularity: str = "day", progress: Progress | None = None) -> DistReport:
    """Parse every input under ``paths`` on Dask and write Parquet shards to ``out_dir``.

    ``workers``: processes of a LocalCluster (default one per CPU); ``scheduler``:
    ``"synchronous"`` or the address of a running scheduler (then ``workers`` is ignored);
    ``db``: a store URL to load the articles and rejections into as partitions finish;
    ``granularity``: ``day``, ``month`` or ``year`` folders for the date partitioning.
    Never raises for bad input; raises :class:`~warta.errors.ConfigError` for bad arguments,
    :class:`~warta.errors.StoreError` if the store fails, ``OSError`` if the scheduler cannot
    be reached.
    """
    from warta.dist import shards
    from warta.store.ingest import pipeline_signature

    settings = settings or load()
    if partition_size < 1:
        raise ConfigError(f"partition size must be at least 1, got {partition_size}")
    if granularity not in shards.GRANULARITY:
        raise ConfigError(f"granularity must be one of {', '.join(shards.GRANULARITY)}, "
                          f"got {granularity!r}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    finished = read_manifest(out)
    signature = pipeline_signature(settings) + f":{granularity}"
    report = DistReport(out_dir=str(out))
    started = time.perf_counter()
    store = _open_store(db) if db else None
    dask_run = _Scheduler(workers, scheduler)
    report.workers = dask_run.slots

    def collect(block_until: int) -> None:
        with (out / MANIFEST).open("a", encoding="utf-8") as manifest:
            for result in dask_run.results(block_until):
                if isinstance(result, tuple):
                    report.failed.append(result[0])
                    continue
                manifest.write(json.dumps(result, sort_keys=True) + "\n")
                manifest.flush()
                _count(report, result)
                if store is not None:
                    report.stored += _load(store, out, result, manifest, db or "")
                report.seconds = time.perf_counter() - started
                if progress is not None:
                    progress(report)

    try:
        planned = plan(paths, partition_size, settings.max_input_bytes)
        for key, batch in partitions(planned, partition_size, signature):
            report.partitions += 1
            entry = finished.get(key)
            if entry is not None and "files" in entry:
                report.skipped += 1
                if store is not None and db not in entry.get("loaded_into", []):
                    with (out / MANIFEST).open("a", encoding="utf-8") as manifest:
                        report.stored += _load(store, out, entry, manifest, db or "")
                continue
            dask_run.submit(key, batch, settings, str(out), granularity)
            collect(block_until=2 * dask_run.slots)
        collect(block_until=0)
    finally:
        dask_run.close()
        if store is not None:
            store.close()
    report.seconds = time.perf_counter() - started
    return report


def _count(report: DistReport, result: dict[str, Any]) -> None:
    report.documents += result["documents"]
    report.articles += result["articles"]
    report.cpu_seconds += result.get("cpu_seconds", 0.0)
    report.rejected.update(result["rejected"])
    pid = str(result["worker_pid"])
    report.peak_rss_mb[pid] = max(report.peak_rss_mb.get(pid, 0.0), result["peak_rss_mb"])


def _open_store(url: str) -> Any:
    from warta.store import open_store

    return open_store(url)


def _load(store: Any, out: Path, entry: dict[str, Any], manifest: Any, db: str) -> int:
    """Upsert one partition's articles and rejections into the store; note it in the manifest.

    Upserts are idempotent (keyed on the article id), so loading a partition twice after a crash
    between the upserts and the note changes nothing."""
    from warta.dist import shards

    articles = shards.read_articles(out, entry["files"])
    for article in articles:
        store.upsert(article)
    for rejection in shards.read_rejections(out, entry["files"]):
        store.record_rejection(rejection)
    manifest.write(json.dumps({"loaded": entry["partition"], "db": db}) + "\n")
    manifest.flush()
    return len(articles)


__all__ = ["MANIFEST", "PARTITION_SIZE", "DistReport", "partitions", "plan", "read_inputs",
           "read_manifest", "run"]
