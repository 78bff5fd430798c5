"""Throughput and memory of the pipeline, stage by stage, on a real corpus.

``warta bench`` reads a corpus (IndoSum JSONL, a folder of pages, anything ``warta parse``
reads), warms every stage up on a few articles (model loading is not throughput), then times:

- ``parse``: raw document to Article skeleton (decoding, page fields, body, language);
- each NLP stage of the pipeline on the output of the one before;
- end to end on one core, and on N worker processes (each rebuilds the pipeline from the
  picklable settings, as a Dask worker would).

Results carry the machine (CPU count, Python, platform) and peak RSS, and can be written as
JSON to ``benchmarks/results/``.
"""

from __future__ import annotations

import os
import platform
import resource
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

from warta.api import _pipeline
from warta.article.build import build
from warta.errors import InputError
from warta.model import Article
from warta.settings import Settings
from warta.sources.files import read_all
from warta.sources.raw import RawDocument

# Articles each stage sees before timing starts: loads models and fills caches.
_WARMUP = 5


@dataclass
class StageTiming:
    name: str
    seconds: float
    articles: int
    tokens: int

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def ms_per_article(self) -> float:
        return 1000 * self.seconds / self.articles if self.articles else 0.0


@dataclass
class BenchReport:
    corpus: str
    articles: int
    rejected: int
    tokens: int
    stages: list[StageTiming]
    end_to_end_1: float  # articles/s on one core
    end_to_end_n: float | None  # articles/s on `workers` processes
    workers: int
    peak_rss_mb: float
    machine: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["stages"] = [
            {**asdict(s), "articles_per_second": round(s.articles_per_second, 1),
             "ms_per_article": round(s.ms_per_article, 3)} for s in self.stages]
        return data


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_corpus(paths: Sequence[str], settings: Settings, limit: int | None) -> list[RawDocument]:
    documents = []
    for item in read_all(paths, settings.max_input_bytes):
        if isinstance(item, RawDocument):
            documents.append(item)
            if limit and len(documents) >= limit:
                break
    return documents


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def _skeletons(documents: Sequence[RawDocument], settings: Settings) -> list[Article]:
    out = []
    for doc in documents:
        try:
            out.append(build(doc, settings))
        except InputError:
            continue
    return out


def _end_to_end(documents: Sequence[RawDocument], settings: Settings) -> int:
    pipeline = _pipeline(settings, None)
    count = 0
    for doc in documents:
        try:
            pipeline(build(doc, settings))
            count += 1
        except InputError:
            continue
    return count


def run(paths: Sequence[str], settings: Settings, limit: int | None = None, workers: int = 0,
        progress: Callable[[str], None] = lambda _: None) -> BenchReport:
    documents = load_corpus(paths, settings, limit)
    pipeline = _pipeline(settings, None)
    progress(f"warming up on {_WARMUP} articles")
    for article in _skeletons(documents[:_WARMUP], settings):
        pipeline(article)

    progress(f"parse: {len(documents)} documents")
    articles, seconds = _timed(lambda: _skeletons(documents, settings))
    tokens = sum(len(a.text.split()) for a in articles)
    stages = [StageTiming("parse", seconds, len(articles), tokens)]
    current = articles
    for stage in pipeline.stages:
        progress(f"stage {stage.name}")
        began = time.perf_counter()
        current = [stage(a) for a in current]
        stages.append(StageTiming(stage.name, time.perf_counter() - began, len(current), tokens))

    progress("end to end, one core")
    done, seconds = _timed(lambda: _end_to_end(documents, settings))
    one_core = done / seconds if seconds else 0.0
    many = None
    if workers > 1:
        progress(f"end to end, {workers} processes")
        chunks = [documents[i::workers] for i in range(workers)]
        with ProcessPoolExecutor(workers) as pool:
            # Warm each worker up (imports, models) before the clock starts.
            list(pool.map(_end_to_end, [d[:_WARMUP] for d in chunks], [settings] * workers))
            counts, seconds = _timed(lambda: list(pool.map(_end_to_end, chunks,
                                                           [settings] * workers)))
        many = sum(counts) / seconds if seconds else 0.0
    return BenchReport(
        corpus=", ".join(paths), articles=len(articles), rejected=len(documents) - len(articles),
        tokens=tokens, stages=stages, end_to_end_1=one_core, end_to_end_n=many,
        workers=workers, peak_rss_mb=round(_peak_rss_mb(), 1),
        machine={"cpus": os.cpu_count(), "python": platform.python_version(),
                 "platform": platform.platform(), "processor": platform.machine()},
    )
