"""JSON and JSON Lines records from scrapers and feeds.

Scrapers name their fields in many ways; a record becomes a raw document when it has some body
text under any of the names below. HTML in the body field is read as HTML.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from warta.errors import BadRecord
from warta.sources import indosum
from warta.sources.raw import RawDocument

# Field names seen in public Indonesian news scrapes, in order of preference.
BODY_KEYS = ("content", "text", "body", "article", "isi", "konten", "full_text", "content_text",
             "html", "content_html", "raw_html")
URL_KEYS = ("url", "link", "source_url", "canonical_url", "permalink")
TITLE_KEYS = ("title", "headline", "judul")
PUBLISHED_KEYS = ("published", "published_at", "publish_date", "date", "datetime", "pubDate",
                  "datePublished", "tanggal", "waktu", "timestamp", "created_at")
OUTLET_KEYS = ("outlet", "source", "site", "site_name", "media", "publisher", "portal")


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = record.get(key)
        if value not in (None, "", []):
            return value
    return None


def to_raw(record: Any, origin: dict[str, str]) -> RawDocument:
    """A raw document from one scraper record, or :class:`BadRecord` saying what is missing."""
    if not isinstance(record, dict):
        raise BadRecord(f"expected a JSON object, got {type(record).__name__}")
    if "paragraphs" in record and "id" in record:
        return indosum.to_raw(indosum.parse_line(json.dumps(record)), origin)
    body = _first(record, BODY_KEYS)
    if isinstance(body, list):
        body = "\n\n".join(str(part) for part in body)
    if not isinstance(body, str) or not body.strip():
        raise BadRecord(
            "record has no article text; expected one of the fields " + ", ".join(BODY_KEYS[:6])
        )
    hints = {"format": "html" if body.lstrip().startswith("<") else "text-body"}
    for name, keys in (("title", TITLE_KEYS), ("published", PUBLISHED_KEYS),
                       ("outlet", OUTLET_KEYS)):
        value = _first(record, keys)
        if isinstance(value, str | int | float):
            hints[name] = str(value)
        elif isinstance(value, dict) and isinstance(value.get("name"), str):
            hints[name] = value["name"]
    url = _first(record, URL_KEYS)
    return RawDocument(body, url=url if isinstance(url, str) else None, hints=hints,
                       origin=origin)


def read_jsonl(lines: Iterable[str | bytes], path: str, first: int = 1,
               ) -> Iterator[RawDocument | BadRecord]:
    """One raw document per line; a bad line yields a :class:`BadRecord` naming its line.
    ``first`` is the number of the first line given (for a slice of a file)."""
    for number, line in enumerate(lines, start=first):
        if not line.strip():
            continue
        origin = {"path": path, "line": str(number)}
        try:
            yield to_raw(json.loads(line), origin)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield _bad(f"{path}, line {number}: not valid JSON ({exc})", origin)
        except BadRecord as exc:
            yield _bad(f"{path}, line {number}: {exc.message}", origin)


def read_json(text: str, path: str) -> Iterator[RawDocument | BadRecord]:
    """A JSON file holding one record or a list of them."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield _bad(f"{path}: not valid JSON ({exc})", {"path": path})
        return
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records, start=1):
        origin = {"path": path, "item": str(number)}
        try:
            yield to_raw(record, origin)
        except BadRecord as exc:
            yield _bad(f"{path}, item {number}: {exc.message}", origin)


def _bad(message: str, origin: dict[str, str]) -> BadRecord:
    return BadRecord(message, origin)
