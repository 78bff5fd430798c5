"""Articles and rejections as flat rows, and rows as Parquet shards partitioned by date.

Six tables, one row per thing, each row keyed by ``article_id`` so they join back together:

========== ====================================================================================
articles   one per article: identity, outlet, title, time, counts, the text, and ``json``, the
           whole Article in its public JSON form (``Article.from_json`` reads it back exactly)
entities   one per entity of an article: key, type, name, mention count, titles, place
mentions   one per mention of an entity: offsets into the article text and the text
events     one per event: CAMEO code, actors, place, date, counts, trigger, confidence
quotes     one per quote: kind, text, offsets, cue, speaker and the entity resolved
rejects    one per input that did not become an article: reason code, message, origin
========== ====================================================================================

Files are laid out Hive-style, ``<table>/date=2017-09-14/part-<partition>.parquet`` (``month=``
or ``year=`` for coarser granularity; ``unknown`` for articles without a date), so
``pyarrow.dataset.dataset(out / "events", partitioning="hive")`` or
``pandas.read_parquet(out / "events")`` read a table whole or filtered by date. Rejects have no
date and go to ``rejects/part-<partition>.parquet``.
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from warta.model import Article, Rejection

TABLES = ("articles", "entities", "mentions", "events", "quotes", "rejects")
GRANULARITY = {"day": ("date", 10), "month": ("month", 7), "year": ("year", 4)}


def _schemas() -> dict[str, Any]:
    import pyarrow as pa

    s, i, f = pa.string(), pa.int32(), pa.float64()
    return {
        "articles": pa.schema([
            ("article_id", s), ("url", s), ("outlet", s), ("domain", s), ("language", s),
            ("title", s), ("published", s), ("authors", pa.list_(s)), ("dateline", s),
            ("entities", i), ("events", i), ("quotes", i), ("chars", i), ("text", s),
            ("json", s), ("source", s)]),
        "entities": pa.schema([
            ("article_id", s), ("key", s), ("type", s), ("name", s), ("mentions", i),
            ("titles", pa.list_(s)), ("country_code", s), ("latitude", f), ("longitude", f),
            ("gazetteer_id", s)]),
        "mentions": pa.schema([
            ("article_id", s), ("entity_key", s), ("type", s), ("start", i), ("end", i),
            ("text", s)]),
        "events": pa.schema([
            ("article_id", s), ("code", s), ("label", s), ("plover", s), ("actor1", s),
            ("actor1_entity", s), ("actor1_code", s), ("actor2", s), ("actor2_entity", s),
            ("actor2_code", s), ("place", s), ("country_code", s), ("latitude", f),
            ("longitude", f), ("date", s), ("counts", s), ("trigger", s), ("sentence", i),
            ("confidence", f), ("factuality", s)]),
        "quotes": pa.schema([
            ("article_id", s), ("kind", s), ("text", s), ("start", i), ("end", i), ("cue", s),
            ("speaker", s), ("speaker_entity", s)]),
        "rejects": pa.schema([
            ("code", s), ("message", s), ("path", s), ("line", s), ("offset", s), ("url", s),
            ("origin", s)]),
    }


def article_rows(article: Article) -> dict[str, list[dict[str, Any]]]:
    """One article as rows of the article, entity, mention, event and quote tables."""
    aid = article.id
    rows: dict[str, list[dict[str, Any]]] = {
        "articles": [{
            "article_id": aid, "url": article.url,
            "outlet": article.outlet.name if article.outlet else None,
            "domain": article.outlet.domain if article.outlet else None,
            "language": article.language, "title": article.title,
            "published": article.published, "authors": [a.name for a in article.authors],
            "dateline": article.dateline.text if article.dateline else None,
            "entities": len(article.entities), "events": len(article.events),
            "quotes": len(article.quotes), "chars": len(article.text), "text": article.text,
            "json": article.to_json(indent=None),
            "source": json.dumps(article.source, ensure_ascii=False),
        }],
        "entities": [], "mentions": [], "events": [], "quotes": [],
    }
    for entity in article.entities:
        place = entity.place
        rows["entities"].append({
            "article_id": aid, "key": entity.key, "type": entity.type, "name": entity.name,
            "mentions": len(entity.mentions), "titles": list(entity.titles),
            "country_code": place.country_code if place else None,
            "latitude": place.latitude if place else None,
            "longitude": place.longitude if place else None,
            "gazetteer_id": place.gazetteer_id if place else None})
        rows["mentions"].extend(
            {"article_id": aid, "entity_key": entity.key, "type": entity.type,
             "start": m.start, "end": m.end, "text": m.text} for m in entity.mentions)
    for event in article.events:
        a1, a2, place = event.actor1, event.actor2, event.place
        rows["events"].append({
            "article_id": aid, "code": event.code, "label": event.label, "plover": event.plover,
            "actor1": a1.text if a1 else None, "actor1_entity": a1.entity if a1 else None,
            "actor1_code": a1.code if a1 else None, "actor2": a2.text if a2 else None,
            "actor2_entity": a2.entity if a2 else None, "actor2_code": a2.code if a2 else None,
            "place": place.name if place else None,
            "country_code": place.country_code if place else None,
            "latitude": place.latitude if place else None,
            "longitude": place.longitude if place else None, "date": event.date,
            "counts": json.dumps(event.counts, sort_keys=True), "trigger": event.trigger.text,
            "sentence": event.sentence, "confidence": event.confidence,
            "factuality": event.factuality})
    for quote in article.quotes:
        rows["quotes"].append({
            "article_id": aid, "kind": quote.kind, "text": quote.text, "start": quote.start,
            "end": quote.end, "cue": quote.cue,
            "speaker": quote.speaker.text if quote.speaker else None,
            "speaker_entity": quote.speaker_entity})
    return rows


def reject_row(rejection: Rejection) -> dict[str, Any]:
    origin = rejection.origin
    return {"code": rejection.code, "message": rejection.reason.message,
            "path": origin.get("path"), "line": origin.get("line"),
            "offset": origin.get("offset"), "url": origin.get("url"),
            "origin": json.dumps(origin, ensure_ascii=False, sort_keys=True)}


def date_key(published: str | None, granularity: str = "day") -> str:
    """The partition value of an article: its publication date cut to the granularity."""
    _, width = GRANULARITY[granularity]
    if published and len(published) >= width and published[:4].isdigit():
        return published[:width]
    return "unknown"


def write_partition(results: Iterable[Article | Rejection], out_dir: str | Path, partition: str,
                    granularity: str = "day") -> dict[str, Any]:
    """Write one partition's results as Parquet shards; return what was written.

    Each file is written under a temporary name and renamed, so a crash leaves no half file
    under a final name; file names carry the partition, so writing a partition again replaces
    its files instead of adding to them.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    schemas = _schemas()
    folder, _ = GRANULARITY[granularity]
    by_date: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    rejects: list[dict[str, Any]] = []
    codes: Counter[str] = Counter()
    articles = 0
    for result in results:
        if isinstance(result, Article):
            articles += 1
            tables = by_date[date_key(result.published, granularity)]
            for table, rows in article_rows(result).items():
                tables[table].extend(rows)
        else:
            rejects.append(reject_row(result))
            codes[result.code] += 1
    out = Path(out_dir)
    files: list[str] = []

    def write(rows: list[dict[str, Any]], table: str, relative: Path) -> None:
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
        pq.write_table(pa.Table.from_pylist(rows, schema=schemas[table]), temporary,
                       compression="zstd")
        os.replace(temporary, target)
        files.append(str(relative))

    name = f"part-{partition}.parquet"
    for value, tables in sorted(by_date.items()):
        for table in TABLES[:-1]:
            if tables.get(table):
                write(tables[table], table, Path(table) / f"{folder}={value}" / name)
    if rejects:
        write(rejects, "rejects", Path("rejects") / name)
    return {"articles": articles, "rejected": dict(codes), "files": files}


def read_articles(out_dir: str | Path, files: Iterable[str]) -> list[Article]:
    """The articles stored in the given ``articles`` shard files, as records."""
    import pyarrow.parquet as pq

    found: list[Article] = []
    for relative in files:
        if Path(relative).parts[0] != "articles":
            continue
        table = pq.read_table(Path(out_dir) / relative, columns=["json"])
        found.extend(Article.from_json(text) for text in table.column("json").to_pylist())
    return found


def read_rejections(out_dir: str | Path, files: Iterable[str]) -> list[Rejection]:
    import pyarrow.parquet as pq

    from warta.model import Notice

    found: list[Rejection] = []
    for relative in files:
        if Path(relative).parts[0] != "rejects":
            continue
        table = pq.read_table(Path(out_dir) / relative, columns=["code", "message", "origin"])
        for row in table.to_pylist():
            found.append(Rejection(Notice(row["code"], row["message"]),
                                   json.loads(row["origin"])))
    return found


__all__ = ["GRANULARITY", "TABLES", "article_rows", "date_key", "read_articles",
           "read_rejections", "reject_row", "write_partition"]
