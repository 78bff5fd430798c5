"""Reader for IndoSum JSONL (Kurniawan & Louvan, 2018; CC BY-SA 4.0).

Each line holds one tokenised article: ``paragraphs`` → sentences → tokens. This reader joins
the tokens back into natural text (no space before a comma, quotes hugging what they quote,
``- -`` back to ``--``), and takes the publication time from the unix timestamp that starts the
id (``1490674536-mustahil-…``), which is when the aggregator saw the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta, timezone

import msgspec

from warta.errors import BadRecord
from warta.sources.raw import RawDocument

WIB = timezone(timedelta(hours=7), "WIB")

_NO_SPACE_BEFORE = frozenset(",.:;?!%)]}")
_NO_SPACE_AFTER = frozenset("([{$")
_ID_TIME = re.compile(r"^(\d{9,11})-")


def detokenize(tokens: Iterable[str]) -> str:
    """Join word tokens into text as a writer would have typed it."""
    words = [t.replace("\u00a0", " ").strip() for t in tokens]
    words = [w for w in words if w]
    out: list[str] = []
    quote_open = {'"': False, "'": False}
    glue_next = True
    for i, token in enumerate(words):
        glue, glue_next = glue_next, False
        before = words[i - 1] if i else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        if token in quote_open:
            if quote_open[token]:  # a closing quote hugs the word before it
                glue = True
            else:
                glue_next = True
            quote_open[token] = not quote_open[token]
        elif token in _NO_SPACE_BEFORE:
            glue = True
        elif token in _NO_SPACE_AFTER:
            glue_next = True
        elif token == "/" and before[-1:].isdigit() and after[:1].isdigit():
            glue = glue_next = True  # dates and fractions: "27 / 3" -> "27/3"
        elif token == "-" and before == "-":
            glue = True  # dash runs: "- -" -> "--"
        elif token == "-" and before.isalpha() and after[:1].islower():
            glue = glue_next = True  # reduplication and compounds: "bersenang-senang"
        out.append(token if glue else " " + token)
    return "".join(out)


def published_from_id(article_id: str) -> str | None:
    """ISO time (WIB) from the unix timestamp that starts an IndoSum id."""
    match = _ID_TIME.match(article_id)
    if not match:
        return None
    moment = datetime.fromtimestamp(int(match.group(1)), tz=UTC).astimezone(WIB)
    return moment.isoformat(timespec="seconds")


class _Record(msgspec.Struct):
    id: str
    paragraphs: list[list[list[str]]]
    category: str | None = None
    source: str | None = None
    source_url: str | None = None
    summary: list[list[str]] | None = None
    gold_labels: list[list[bool]] | None = None


_decoder = msgspec.json.Decoder(_Record)


def parse_line(line: str | bytes) -> _Record:
    try:
        return _decoder.decode(line)
    except msgspec.DecodeError as exc:
        raise BadRecord(f"not an IndoSum record: {exc}") from None


def to_raw(record: _Record, origin: dict[str, str] | None = None) -> RawDocument:
    """An IndoSum record as a raw document: paragraphs separated by blank lines."""
    # Detokenise whole paragraphs: a quote opened in one sentence often closes in a later one.
    text = "\n\n".join(
        detokenize(token for sentence in paragraph for token in sentence)
        for paragraph in record.paragraphs
    )
    hints = {"format": "text-body", "indosum_id": record.id}
    if published := published_from_id(record.id):
        hints["published"] = published
    if record.source:
        hints["outlet"] = record.source
    if record.category:
        hints["category"] = record.category
    return RawDocument(text, url=record.source_url, hints=hints, origin=origin or {})


def is_indosum(first_line: str | bytes) -> bool:
    """Whether a JSONL line looks like IndoSum (tokenised paragraphs and an id)."""
    head = first_line[:400] if isinstance(first_line, str) else first_line[:400].decode(
        "utf-8", "replace")
    return '"paragraphs": [[[' in head or '"paragraphs":[[[' in head


def read(lines: Iterable[str | bytes], path: str = "-") -> Iterator[RawDocument | BadRecord]:
    """Raw documents from IndoSum lines; a bad line yields a :class:`BadRecord` with its number."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        origin = {"path": path, "line": str(number)}
        try:
            yield to_raw(parse_line(line), origin)
        except BadRecord as exc:
            yield BadRecord(f"{path}, line {number}: {exc.message}", origin)
