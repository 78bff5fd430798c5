"""Read-only tables over a store: entities with counts, events, quotes, and streaming export.

Every function takes an open store and returns plain rows (dicts), so the CLI, the HTTP API and
notebooks print or serve the same data.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO, Any

from warta.errors import StoreError
from warta.model import Article
from warta.store.sqlite import SQLiteStore

ENTITY_TYPES = ("PER", "ORG", "LOC", "GPE", "EVT", "MISC")
EXPORTS = ("articles", "entities", "mentions", "events", "quotes", "rejects")
FORMATS = ("jsonl", "csv", "parquet")


def article(store: SQLiteStore, article_id: str) -> Article | None:
    return store.get(article_id)


def entity_type(type: str | None) -> str | None:
    """The entity type in upper case, or a :class:`StoreError` naming the known ones."""
    if not type:
        return None
    upper = type.upper()
    if upper not in ENTITY_TYPES:
        raise StoreError(f"unknown entity type {type!r}; use one of {', '.join(ENTITY_TYPES)}")
    return upper


def entities(store: SQLiteStore, *, type: str | None = None, top: int = 50,
             name: str | None = None) -> list[dict[str, Any]]:
    """The most mentioned entities: key, type, name, articles, mentions, first and last seen
    (publication times of the first and last article naming them)."""
    where: list[str] = []
    params: list[Any] = []
    if entity_type(type):
        where.append("ae.type = ?")
        params.append(entity_type(type))
    if name:
        where.append("(ae.key = ? OR lower(ae.name) LIKE lower(?) ESCAPE '\\')")
        escaped = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params += [name, f"%{escaped}%"]
    sql = ("SELECT ae.key, max(ae.type), coalesce(e.name, max(ae.name)), count(*) AS articles, "
           "sum(ae.mentions) AS mentions, min(a.published), max(a.published), e.country_code, "
           "e.latitude, e.longitude FROM article_entities ae "
           "JOIN articles a ON a.rowid = ae.article LEFT JOIN entities e ON e.key = ae.key"
           + (" WHERE " + " AND ".join(where) if where else "")
           + " GROUP BY ae.key, e.name, e.country_code, e.latitude, e.longitude"
           " ORDER BY mentions DESC, articles DESC, ae.key LIMIT ?")
    params.append(max(1, int(top)))
    names = ("key", "type", "name", "articles", "mentions", "first_seen", "last_seen",
             "country_code", "latitude", "longitude")
    return [dict(zip(names, row, strict=True)) for row in store.execute(sql, params)]


def events(store: SQLiteStore, *, code: str | None = None, entity: str | None = None,
           min_confidence: float = 0.0, limit: int = 100) -> list[dict[str, Any]]:
    """Events, newest first; ``code`` is a CAMEO code or prefix ("04" for consultations);
    ``min_confidence`` keeps only events at least that likely to be right (0-1)."""
    where: list[str] = []
    params: list[Any] = []
    if min_confidence > 0:
        where.append("ev.confidence >= ?")
        params.append(float(min_confidence))
    if code:
        where.append("substr(ev.code, 1, ?) = ?")
        params += [len(code), code]
    if entity:
        where.append("(ev.actor1_entity = ? OR ev.actor2_entity = ?)")
        params += [entity, entity]
    return list(_rows(store, "events", where, params, limit))


def quotes(store: SQLiteStore, *, speaker: str | None = None, limit: int = 100,
           ) -> list[dict[str, Any]]:
    """Quotes, newest first; ``speaker`` is an entity key or the speaker as written."""
    where: list[str] = []
    params: list[Any] = []
    if speaker:
        where.append("(q.speaker_entity = ? OR lower(q.speaker) = lower(?))")
        params += [speaker, speaker]
    return list(_rows(store, "quotes", where, params, limit))


# What each export holds: the SELECT list and the FROM clause. Child tables carry the article's
# id and publication time, so an exported table stands on its own.
_TABLES: dict[str, tuple[str, str, str]] = {
    "articles": ("a.id, a.url, a.outlet, a.outlet_domain, a.published, a.title, a.language, "
                 "a.duplicate_of, a.story, a.content_hash, a.ingested, a.modified",
                 "articles a", "a.rowid"),
    "entities": ("ae.key, max(ae.type) AS type, coalesce(e.name, max(ae.name)) AS name, "
                 "count(*) AS articles, sum(ae.mentions) AS mentions, "
                 "min(a.published) AS first_seen, max(a.published) AS last_seen, "
                 "e.country_code, e.latitude, e.longitude, e.gazetteer_id",
                 "article_entities ae JOIN articles a ON a.rowid = ae.article "
                 "LEFT JOIN entities e ON e.key = ae.key", "ae.key"),
    "mentions": ('a.id AS article, a.published, m.key, m.start, m."end", m.text',
                 "mentions m JOIN articles a ON a.rowid = m.article", "m.rowid"),
    "events": ("a.id AS article, a.published, ev.code, ev.label, ev.plover, ev.trigger, "
               "ev.sentence, ev.confidence, ev.actor1, ev.actor1_entity, ev.actor1_code, "
               "ev.actor2, ev.actor2_entity, ev.actor2_code, ev.place, ev.country_code, "
               "ev.latitude, ev.longitude, ev.date, ev.counts, ev.factuality",
               "events ev JOIN articles a ON a.rowid = ev.article", "ev.rowid"),
    "quotes": ('a.id AS article, a.published, q.kind, q.text, q.start, q."end", q.cue, '
               "q.speaker, q.speaker_entity",
               "quotes q JOIN articles a ON a.rowid = q.article", "q.rowid"),
    "rejects": ("r.origin_key, r.code, r.message, r.origin, r.seen", "rejects r",
                "r.origin_key"),
}


def _select(what: str, where: list[str], limit: int | None, newest_first: bool = False,
            ) -> str:
    if what not in _TABLES:
        raise StoreError(f"cannot export {what!r}; choose one of {', '.join(EXPORTS)}")
    columns, source, order = _TABLES[what]
    sql = f"SELECT {columns} FROM {source}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    if what == "entities":
        sql += (" GROUP BY ae.key, e.name, e.country_code, e.latitude, e.longitude, "
                "e.gazetteer_id")
    sql += " ORDER BY " + ("a.published DESC, " + order if newest_first else order)
    if limit is not None:
        sql += " LIMIT ?"
    return sql


def _rows(store: SQLiteStore, what: str, where: list[str], params: list[Any],
          limit: int | None = None) -> Iterator[dict[str, Any]]:
    sql = _select(what, where, limit, newest_first=bool(where) or limit is not None)
    cursor = store.execute(sql, [*params, max(1, int(limit))] if limit is not None else params)
    names = [d[0] for d in cursor.description]
    for row in cursor:
        record = dict(zip(names, row, strict=True))
        for key in ("counts", "origin"):
            if isinstance(record.get(key), str):
                record[key] = json.loads(record[key])
        yield record


def rows(store: SQLiteStore, what: str) -> Iterator[dict[str, Any]]:
    """Every row of one export table, streamed from the database."""
    if what not in _TABLES:
        raise StoreError(f"cannot export {what!r}; choose one of {', '.join(EXPORTS)}")
    return _rows(store, what, [], [])


def export(store: SQLiteStore, what: str, format: str, out: IO[str] | IO[bytes]) -> int:
    """Write one table to ``out`` as JSON Lines, CSV or Parquet; return the row count.

    Articles in JSON Lines are the full Article records (schema warta.article/1); every other
    export is flat rows. Parquet needs pyarrow (``pip install pyarrow``) and a binary ``out``.
    """
    if format not in FORMATS:
        raise StoreError(f"unknown export format {format!r}; choose one of {', '.join(FORMATS)}")
    if what not in _TABLES:
        raise StoreError(f"cannot export {what!r}; choose one of {', '.join(EXPORTS)}")
    if format == "parquet":
        return _parquet(store, what, out)
    text = _text_stream(out)
    count = 0
    if format == "jsonl" and what == "articles":
        for (raw,) in store.execute("SELECT json FROM articles ORDER BY rowid"):
            text.write(raw + "\n")
            count += 1
        return count
    writer: Any = None
    for record in rows(store, what):
        if format == "jsonl":
            text.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            if writer is None:
                writer = csv.DictWriter(text, fieldnames=list(record), lineterminator="\n")
                writer.writeheader()
            writer.writerow({k: json.dumps(v) if isinstance(v, dict) else v
                             for k, v in record.items()})
        count += 1
    if writer is None and format == "csv":
        # An empty table still gets its header, so the file loads with the right columns.
        columns = store.execute(_select(what, [], 0), [0]).description
        csv.writer(text, lineterminator="\n").writerow([d[0] for d in columns])
    return count


def _text_stream(out: IO[Any]) -> IO[str]:
    if "b" in getattr(out, "mode", ""):
        import io

        return io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    return out


# Rows per Parquet row group: big enough to compress well, small enough to keep memory flat.
PARQUET_BATCH = 10_000


def _parquet(store: SQLiteStore, what: str, out: IO[Any]) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise StoreError("Parquet export needs pyarrow: pip install pyarrow "
                         "(or export --format jsonl or csv)") from None
    writer = None
    count = 0
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        nonlocal writer
        for record in batch:
            for key in ("counts", "origin"):
                if isinstance(record.get(key), dict):
                    record[key] = json.dumps(record[key], ensure_ascii=False)
        table = pa.Table.from_pylist(batch)
        if writer is None:
            writer = pq.ParquetWriter(out, table.schema)
        writer.write_table(table.cast(writer.schema))
        batch.clear()

    for record in rows(store, what):
        batch.append(record)
        count += 1
        if len(batch) >= PARQUET_BATCH:
            flush()
    if batch:
        flush()
    if writer is not None:
        writer.close()
    return count


def to_records(store: SQLiteStore, what: str) -> list[dict[str, Any]]:
    return list(rows(store, what))


__all__ = ["ENTITY_TYPES", "EXPORTS", "FORMATS", "article", "entities", "entity_type", "events",
           "export", "quotes", "rows"]
