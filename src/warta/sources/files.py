"""Inputs from the file system and stdin: files, folders (recursive), globs, ``-``.

Every input yields raw documents or input errors, never an exception, so a caller can process a
whole crawl and report what it could not read.
"""

from __future__ import annotations

import glob
import itertools
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from warta.errors import EmptyInput, InputError, InputTooLarge
from warta.sources import records
from warta.sources.raw import RawDocument, decode

#: File suffixes read when walking folders; anything else is skipped (and counted).
SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".ndjson", ".warc", ".gz")


def expand(paths: Iterable[str]) -> Iterator[Path | str]:
    """Paths, folders walked recursively, globs expanded; ``-`` passes through for stdin."""
    for spec in paths:
        if spec == "-":
            yield spec
            continue
        path = Path(spec)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file()
                              and p.suffix.lower() in SUFFIXES)
        elif any(ch in spec for ch in "*?["):
            yield from sorted(Path(p) for p in glob.glob(spec, recursive=True)
                              if Path(p).is_file())
        else:
            yield path


def read_stdin(max_bytes: int, url: str | None = None) -> Iterator[RawDocument | InputError]:
    """stdin: JSON Lines if its first line is a JSON object, else one page."""
    data = sys.stdin.buffer.read(max_bytes + 1)
    yield from read_bytes(data, "-", max_bytes, url=url)


def read_path(path: Path, max_bytes: int) -> Iterator[RawDocument | InputError]:
    origin = {"path": str(path)}
    name = path.name.lower()
    if name.endswith((".warc", ".warc.gz")):
        from warta.sources import warc

        yield from warc.read(path, max_bytes)
        return
    if name.endswith(".gz"):
        yield InputError(f"{path}: a compressed file that is not WARC; decompress it first",
                         origin)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes and path.suffix.lower() not in (".jsonl", ".ndjson"):
            raise InputTooLarge(
                f"{path}: {size:,} bytes, above the limit of {max_bytes:,} "
                "(setting max_input_bytes)")
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            with path.open("rb") as handle:
                yield from records.read_jsonl(handle, str(path))
            return
        data = path.read_bytes()
    except InputError as exc:
        exc.origin = origin
        yield exc
        return
    except OSError as exc:
        yield InputError(f"{path}: cannot read the file ({exc.strerror})", origin)
        return
    yield from read_bytes(data, str(path), max_bytes)


def read_lines(path: Path, start: int, stop: int) -> Iterator[RawDocument | InputError]:
    """Lines ``start`` to ``stop`` (counted from 0, ``stop`` left out) of a JSON Lines file,
    with the line numbers of the whole file: a slice of a crawl that a worker reads itself."""
    try:
        with path.open("rb") as handle:
            yield from records.read_jsonl(itertools.islice(handle, start, stop), str(path),
                                          first=start + 1)
    except OSError as exc:
        yield InputError(f"{path}: cannot read the file ({exc.strerror})", {"path": str(path)})


def count_lines(path: Path) -> int:
    """Lines in a file (a last line without a newline counts), read in large blocks."""
    lines, last = 0, b"\n"
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            lines += block.count(b"\n")
            last = block[-1:]
    return lines + (last != b"\n")


def read_bytes(data: bytes, name: str, max_bytes: int, url: str | None = None,
               ) -> Iterator[RawDocument | InputError]:
    """One page, a JSON document or JSON Lines, sniffed from the content."""
    origin = {"path": name}
    head = data.lstrip()[:1]
    if head in (b"{", b"["):
        try:
            text = decode(data, max_bytes)
        except InputError as exc:
            exc.origin = origin
            yield exc
            return
        stripped = text.strip()
        if stripped.startswith("{") and "\n" in stripped and _is_jsonl(stripped):
            yield from records.read_jsonl(stripped.splitlines(), name)
        else:
            yield from records.read_json(stripped, name)
        return
    if not data.strip():
        yield EmptyInput(f"{name}: the input is empty", origin)
        return
    yield RawDocument(data, url=url, origin=origin)


def _is_jsonl(text: str) -> bool:
    first = text.split("\n", 1)[0].strip()
    return first.startswith("{") and first.endswith("}")


def read_all(paths: Iterable[str], max_bytes: int, url: str | None = None,
             ) -> Iterator[RawDocument | InputError]:
    for item in expand(paths):
        if item == "-":
            yield from read_stdin(max_bytes, url=url)
        else:
            assert isinstance(item, Path)
            if not item.exists():
                yield InputError(f"{item}: no such file or folder", {"path": str(item)})
                continue
            yield from read_path(item, max_bytes)
