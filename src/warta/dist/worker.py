"""What runs on a Dask worker: one partition of raw documents → Parquet shards.

Only plain values cross the process boundary: the partition arrives as a list of dicts (the
fields of :class:`~warta.sources.raw.RawDocument`, or an ``error`` entry for an input the reader
could not turn into one) with the picklable :class:`~warta.settings.Settings`; a small summary
dict goes back. The pipeline is rebuilt in the worker from the settings and kept for the next
partition of the same run (a per-process cache, keyed by the settings' values; nothing in it is
ever sent anywhere).
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
    for data in documents:
        item = from_plain(data)
        if isinstance(item, Rejection):
            yield item
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
        "partition": partition, "documents": len(documents), **written,
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


__all__ = ["from_plain", "parse_partition", "pipeline_for", "process_partition", "to_plain"]
