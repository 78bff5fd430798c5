"""Ingest: read inputs, parse them, store the articles and the reasons for the rejects.

>>> from warta.store import open_store
>>> from warta.store.ingest import ingest
>>> report = ingest(["samples"], open_store("sqlite://:memory:"))   # doctest: +SKIP
>>> report.new, report.rejected                                       # doctest: +SKIP

Inputs stream through one at a time, so memory stays flat however big the crawl. Each article
is committed on its own; a re-run skips every input already stored under the same pipeline (by
where it came from and a hash of its bytes), so an interrupted ingest resumes where it stopped
and a repeated one parses nothing.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import warta
from warta.errors import InputError
from warta.model import Article, Rejection
from warta.settings import Settings, load
from warta.sources.files import expand, read_all
from warta.sources.raw import RawDocument
from warta.store.sqlite import SQLiteStore, origin_key

# Settings that decide what an input parses to; a change to any of them re-parses everything.
_PARSE_SETTINGS = ("max_input_bytes", "min_body_chars", "languages", "language_sample_chars",
                   "default_timezone", "stages")


@dataclass
class IngestReport:
    """Counts of what one ingest did; ``rejected`` is by reason code."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    near_duplicates: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    rejects: list[Rejection] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def done(self) -> int:
        return self.new + self.updated + self.unchanged + sum(self.rejected.values())

    @property
    def stored(self) -> int:
        return self.new + self.updated + self.unchanged

    def to_dict(self) -> dict[str, Any]:
        return {"new": self.new, "updated": self.updated, "unchanged": self.unchanged,
                "near_duplicates": self.near_duplicates, "rejected": dict(self.rejected),
                "inputs": self.done, "seconds": round(self.seconds, 3)}


Progress = Callable[[IngestReport], None]


def pipeline_signature(settings: Settings) -> str:
    """What an input's parse depends on besides its bytes: warta's version and the settings."""
    values = {name: settings.values[name] for name in _PARSE_SETTINGS}
    return f"{warta.__version__}:" + hashlib.blake2b(
        json.dumps(values, sort_keys=True).encode(), digest_size=8).hexdigest()


def raw_hash(document: RawDocument) -> str:
    digest = hashlib.blake2b(digest_size=16)
    content = document.content
    digest.update(content.encode("utf-8", "surrogatepass") if isinstance(content, str)
                  else content)
    digest.update(json.dumps([document.url, document.hints], sort_keys=True).encode())
    return digest.hexdigest()


def count_inputs(paths: Iterable[str]) -> int | None:
    """How many inputs the paths hold (lines of JSONL files, one per other file), for a
    progress bar's total; None when stdin is among them and cannot be counted in advance."""
    total = 0
    for item in expand(paths):
        if item == "-":
            return None
        assert isinstance(item, Path)
        if item.suffix.lower() in (".jsonl", ".ndjson"):
            try:
                with item.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


def ingest(paths: Iterable[str], store: SQLiteStore, settings: Settings | None = None, *,
           progress: Progress | None = None, stages: Iterable[str] | None = None,
           reparse: bool = False) -> IngestReport:
    """Parse every input under ``paths`` and store it; return what happened to each.

    Never raises for a bad input: it becomes a reject with its reason (also kept in the
    store's ``rejects`` table). Raises :class:`~warta.errors.StoreError` if the store fails.

    ``reparse`` parses even inputs already stored from the same bytes under the same settings
    (after an upgrade of the NLP stages, say); articles that come out the same stay unchanged.
    """
    settings = settings or load()
    documents = read_all(list(paths), settings.max_input_bytes)
    return ingest_documents(documents, store, settings, progress=progress, stages=stages,
                            reparse=reparse)


def ingest_documents(documents: Iterable[RawDocument | InputError], store: SQLiteStore,
                     settings: Settings | None = None, *, progress: Progress | None = None,
                     stages: Iterable[str] | None = None, reparse: bool = False,
                     ) -> IngestReport:
    """:func:`ingest` for documents already read (from a feed, a WARC, a test)."""
    from warta.api import parse_many

    settings = settings or load()
    if stages is not None:
        settings = settings.with_(stages=",".join(stages) or "none")
    signature = pipeline_signature(settings)
    report = IngestReport()
    started = time.perf_counter()
    # parse_many yields one result per input in order, so the source of each result is the
    # oldest entry here.
    pending: deque[tuple[str, str | None]] = deque()

    def tick() -> None:
        report.seconds = time.perf_counter() - started
        if progress is not None:
            progress(report)

    def to_parse() -> Iterator[RawDocument | InputError]:
        for item in documents:
            if isinstance(item, InputError):
                pending.append((origin_key(item.origin), None))
                yield item
                continue
            key, digest = origin_key(item.origin), raw_hash(item)
            state = store.source_state(key)
            if (not reparse and state is not None and state[0] == digest
                    and state[1] == signature):
                if state[2] is not None:
                    report.unchanged += 1
                else:
                    # Rejected last time, for the same bytes: the same reason, without parsing.
                    earlier = store.rejection(key)
                    if earlier is not None:
                        report.rejects.append(earlier)
                    report.rejected[earlier.code if earlier else "input"] += 1
                tick()
                continue
            pending.append((key, digest))
            yield item

    for result in parse_many(to_parse(), settings=settings):
        key, digest = pending.popleft()
        source = (key, digest, signature) if digest is not None else None
        if isinstance(result, Article):
            written = store.upsert(result, source=source)
            if written.status == "new":
                report.new += 1
            elif written.status == "updated":
                report.updated += 1
            else:
                report.unchanged += 1
            if written.status != "unchanged" and written.duplicate_of:
                report.near_duplicates += 1
            if store.reject_code(key) is not None:
                store.forget_rejection(key)
        else:
            _reject(store, result, source, report)
        tick()
    report.seconds = time.perf_counter() - started
    return report


def _reject(store: SQLiteStore, rejection: Rejection, source: tuple[str, str, str] | None,
            report: IngestReport) -> None:
    store.record_rejection(rejection, source=source)
    report.rejected[rejection.code] += 1
    report.rejects.append(rejection)


def write_rejects(report: IngestReport, path: str | Path) -> None:
    """The rejects of one ingest as JSON Lines: origin, reason code and message."""
    with open(path, "w", encoding="utf-8") as handle:
        for rejection in report.rejects:
            handle.write(json.dumps({"origin": rejection.origin, "code": rejection.code,
                                     "message": rejection.reason.message},
                                    ensure_ascii=False) + "\n")


__all__ = ["IngestReport", "count_inputs", "ingest", "ingest_documents",
           "pipeline_signature", "write_rejects"]
