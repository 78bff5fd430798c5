"""What runs on a Dask worker: one partition of raw documents → Parquet shards.

Only plain values cross the process boundary: the partition arrives as a list of dicts (what
to read, :func:`warta.dist.runner.plan`, or for stdin the fields of a
:class:`~warta.sources.raw.RawDocument` or an ``error`` entry) with the picklable
:class:`~warta.settings.Settings`; a small summary dict goes back. The pipeline is rebuilt in
the worker from the settings and kept for the next partition of the same run (a per-process
cache, keyed by the settings' values; nothing in it is ever sent anywhere).
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Iterator
from typing import Any

from warta.errors import InputError
from warta.model import Article, Notice, Rejection
from warta.settings import Settings
from warta.sources.raw import RawDocument

_PIPELINES: dict[str, Any] = {}


def to_plain(item: RawDocument | InputError) -> dict[str, Any]:
    """A document or input error as a plain dict, for shipping to a worker."""
    if isinstance(item, InputError):
        return {"error": {"code": item.code, "message": item.message, "origin": item.origin}}
    return {"content": item.content, "url": item.url, "hints": item.hints,
            "origin": item.origin}


def from_plain(data: dict[str, Any]) -> RawDocument | Rejection:
    if "error" in data:
        error = data["error"]
        return Rejection(Notice(error["code"], error["message"]), error["origin"])
    return RawDocument(data["content"], url=data["url"], hints=data["hints"],
                       origin=data["origin"])


def pipeline_for(settings: Settings) -> Any:
    """The pipeline these settings describe, built once per worker process."""
    from warta.api import _pipeline

    key = json.dumps(settings.values, sort_keys=True, default=str)
    if key not in _PIPELINES:
        _PIPELINES[key] = _pipeline(settings, None)
    return _PIPELINES[key]


def read_partition(items: list[dict[str, Any]], max_bytes: int,
                   ) -> Iterator[RawDocument | InputError | Rejection]:
    """The documents of a partition, read here on the worker, in order."""
    from pathlib import Path

    from warta.sources.files import read_lines, read_path

    for data in items:
        where = data.get("read")
        if where is None:
            yield from_plain(data)
        elif "lines" in where:
            yield from read_lines(Path(where["path"]), *where["lines"])
        else:
            yield from read_path(Path(where["path"]), max_bytes)


def parse_partition(documents: list[dict[str, Any]], settings: Settings,
                    ) -> Iterator[Article | Rejection]:
    """Articles and rejections for one partition, in order; never raises for a document.

    The language first pass (:mod:`warta.dist.langfilter`) runs before the builder. Any error
    a stage raises on one document (a bug, not bad input) becomes a rejection with code
    ``error`` naming the exception, so one document never fails its partition.
    """
    from warta.article.build import build
    from warta.dist import langfilter

    pipeline = pipeline_for(settings)
    prefilter = langfilter.applies(settings)
    for item in read_partition(documents, settings.max_input_bytes):
        if isinstance(item, Rejection):
            yield item
            continue
        if isinstance(item, InputError):
            yield Rejection(Notice(item.code, item.message), item.origin)
            continue
        try:
            if prefilter:
                langfilter.check(item, settings)
            yield pipeline(build(item, settings))
        except InputError as exc:
            yield Rejection(Notice(exc.code, exc.message), exc.origin or item.origin)
        except Exception as exc:  # a stage's bug on one page must not fail the partition
            yield Rejection(Notice("error", f"warta failed on this input: "
                                            f"{type(exc).__name__}: {exc}; please report it"),
                            item.origin)


def process_partition(partition: str, documents: list[dict[str, Any]], settings: Settings,
                      out_dir: str, granularity: str = "day") -> dict[str, Any]:
    """Parse one partition and write its shards; return a summary for the manifest."""
    from warta.dist.shards import write_partition

    started, cpu = time.perf_counter(), time.process_time()
    written = write_partition(parse_partition(documents, settings), out_dir, partition,
                              granularity)
    _release_memory()
    return {
        "partition": partition,
        "documents": written["articles"] + sum(written["rejected"].values()), **written,
        "seconds": round(time.perf_counter() - started, 3),
        "cpu_seconds": round(time.process_time() - cpu, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "worker_pid": os.getpid(),
    }


def _release_memory() -> None:
    """Hand memory freed by the partition back before the next one: Arrow keeps its buffers in
    its own allocator's arenas, which otherwise only grow with each partition written."""
    import gc

    import pyarrow as pa

    gc.collect()
    pa.default_memory_pool().release_unused()


__all__ = ["from_plain", "parse_partition", "pipeline_for", "process_partition",
           "read_partition", "to_plain"]
