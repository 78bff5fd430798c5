"""Aggregations over a store for the HTTP API and the web UI: one entity, its mentions per day,
the entities named beside it, article counts per day per outlet, search facets, filtered events.

Like :mod:`warta.query.tables`, every function takes an open store and returns plain rows, and
every value a caller supplies is a bound parameter. Search filters mean exactly what they mean in
:func:`warta.query.search.search`, because both build them with the same function.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from warta.errors import StoreError
from warta.query.search import article_filters, parse_query
from warta.query.tables import entity_type
from warta.store.sqlite import SQLiteStore

#: Facet values returned per facet: enough for a sidebar, small enough to compute on every
#: search of a 10,000-article store in a few milliseconds.
FACET_SIZE = 12


def _filters(outlet: str | None, date_from: str | None, date_to: str | None,
             entity: str | None, type: str | None, day: str = "a.day",
             ) -> tuple[list[str], list[Any]]:
    """The search filters of :func:`warta.query.search.search`, with errors naming the API's
    parameters."""
    return article_filters(outlet, date_from, date_to, entity, type, day=day,
                           names=("from", "to"))


def _rows(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def entity(store: SQLiteStore, key: str) -> dict[str, Any] | None:
    """One entity: key, type, name, counts, first/last seen, place, and every title and
    spelling seen for it (most frequent first); None when no article names it."""
    row = store.execute(
        "SELECT ae.key, max(ae.type) AS type, coalesce(e.name, max(ae.name)) AS name, "
        "count(*) AS articles, sum(ae.mentions) AS mentions, min(a.published) AS first_seen, "
        "max(a.published) AS last_seen, e.country_code, e.latitude, e.longitude, e.gazetteer_id "
        "FROM article_entities ae JOIN articles a ON a.rowid = ae.article "
        "LEFT JOIN entities e ON e.key = ae.key WHERE ae.key = ? GROUP BY ae.key", [key])
    found = _rows(row)
    if not found:
        return None
    record = found[0]
    titles: dict[str, int] = {}
    for (raw,) in store.execute("SELECT titles FROM article_entities WHERE key = ?", [key]):
        for title in json.loads(raw or "[]"):
            titles[title] = titles.get(title, 0) + 1
    record["titles"] = sorted(titles, key=lambda t: (-titles[t], t))[:20]
    spellings = store.execute(
        "SELECT text, count(*) AS n FROM mentions WHERE key = ? GROUP BY text "
        "ORDER BY n DESC, text LIMIT 20", [key]).fetchall()
    record["spellings"] = [text for text, _ in spellings]
    return record


def entity_timeline(store: SQLiteStore, key: str) -> list[dict[str, Any]]:
    """Articles and mentions per publication day for one entity, oldest day first."""
    return _rows(store.execute(
        "SELECT a.day AS day, count(*) AS articles, sum(ae.mentions) AS mentions "
        "FROM article_entities ae JOIN articles a ON a.rowid = ae.article "
        "WHERE ae.key = ? AND a.day IS NOT NULL GROUP BY a.day ORDER BY a.day", [key]))


def co_mentions(store: SQLiteStore, key: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Entities named in the same articles as ``key``, by the number of articles shared."""
    return _rows(store.execute(
        "SELECT other.key AS key, max(other.type) AS type, "
        "coalesce(e.name, max(other.name)) AS name, count(*) AS articles "
        "FROM article_entities mine JOIN article_entities other "
        "ON other.article = mine.article AND other.key != mine.key "
        "LEFT JOIN entities e ON e.key = other.key WHERE mine.key = ? "
        "GROUP BY other.key ORDER BY articles DESC, other.key LIMIT ?",
        [key, max(1, int(limit))]))


def stats_per_day(store: SQLiteStore, *, outlet: str | None = None,
                  date_from: str | None = None, date_to: str | None = None,
                  ) -> list[dict[str, Any]]:
    """Articles per publication day per outlet (rows: day, outlet, articles), by day."""
    where, params = _filters(outlet, date_from, date_to, None, None)
    where.append("a.day IS NOT NULL")
    return _rows(store.execute(
        "SELECT a.day AS day, coalesce(a.outlet, '') AS outlet, count(*) AS articles "
        "FROM articles a WHERE " + " AND ".join(where)
        + " GROUP BY a.day, a.outlet ORDER BY a.day, a.outlet", params))


def _matching(q: str, outlet: str | None, date_from: str | None, date_to: str | None,
              entity: str | None, type: str | None) -> tuple[str, list[Any]]:
    """A subquery selecting the rowids of the articles a search matches, and its parameters."""
    parsed = parse_query(q)
    where, params = _filters(outlet, date_from, date_to, entity, type)
    if parsed.match:
        sql = ("SELECT a.rowid FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
               "WHERE articles_fts MATCH ?" + "".join(f" AND {w}" for w in where))
        return sql, [parsed.match, *params]
    return ("SELECT a.rowid FROM articles a"
            + (" WHERE " + " AND ".join(where) if where else "")), params


def facets(store: SQLiteStore, q: str = "", *, outlet: str | None = None,
           date_from: str | None = None, date_to: str | None = None,
           entity: str | None = None, type: str | None = None,
           size: int = FACET_SIZE) -> dict[str, Any]:
    """How many articles a search matches, and how they divide by outlet, month, entity and
    topic (each facet a list of ``{"value", "label", "count"}``, largest first)."""
    matching, params = _matching(q, outlet, date_from, date_to, entity, type)
    limit = max(1, int(size))
    # With neither query nor filter every article matches: the facets read the tables
    # directly (and their indexes) instead of testing each row against a subquery.
    everything = matching == "SELECT a.rowid FROM articles a"
    among = "1 = 1" if everything else f"a.rowid IN ({matching})"
    among_entities = "1 = 1" if everything else f"ae.article IN ({matching})"

    def facet(sql: str) -> list[dict[str, Any]]:
        rows = store.execute(sql, [*params, limit]).fetchall()
        return [{"value": value, "label": label, "count": count}
                for value, label, count in rows if value is not None]

    total = int(store.execute(f"SELECT count(*) FROM ({matching})", params).fetchone()[0])
    return {
        "total": total,
        "outlet": facet(
            "SELECT a.outlet, a.outlet, count(*) AS n FROM articles a "
            f"WHERE {among} GROUP BY a.outlet ORDER BY n DESC, a.outlet LIMIT ?"),
        "month": facet(
            "SELECT substr(a.day, 1, 7) AS m, substr(a.day, 1, 7), count(*) AS n FROM articles a "
            f"WHERE {among} AND a.day IS NOT NULL GROUP BY m ORDER BY m DESC LIMIT ?"),
        "entity": facet(
            "SELECT ae.key, max(ae.name), count(*) AS n FROM article_entities ae "
            f"WHERE {among_entities} GROUP BY ae.key ORDER BY n DESC, ae.key LIMIT ?"),
        # Topics live only in the article's JSON. The JSON of an article without topics holds
        # '"topics":[]' (msgspec writes no spaces), so a substring test skips parsing it.
        "topic": facet(
            "SELECT json_extract(t.value, '$.label') AS label, "
            "json_extract(t.value, '$.label'), count(*) AS n "
            "FROM articles a, json_each(a.json, '$.topics') t "
            f"WHERE {among} AND instr(a.json, '\"topics\":[]') = 0 "
            "GROUP BY label ORDER BY n DESC, label LIMIT ?"),
    }


_EVENT_COLUMNS = (
    "a.id AS article, a.title AS article_title, a.published, ev.code, ev.label, ev.plover, "
    "ev.trigger, ev.sentence, ev.confidence, ev.actor1, ev.actor1_entity, ev.actor1_code, "
    "ev.actor2, ev.actor2_entity, ev.actor2_code, ev.place, ev.country_code, ev.latitude, "
    "ev.longitude, ev.date, ev.counts, ev.factuality")


@dataclass(frozen=True)
class EventFilter:
    """Which events :func:`find_events` returns (every field optional).

    ``root`` is a CAMEO code or prefix ("04": consultations); ``actor`` an entity key, a name as
    written or an actor code (either actor); ``place`` a place name or country code; dates
    (``YYYY[-MM[-DD]]``) bound the event's date, or the publication day when the event has
    none; ``min_confidence`` drops less certain events (0-1)."""

    root: str | None = None
    actor: str | None = None
    place: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    min_confidence: float = 0.0


def find_events(store: SQLiteStore, what: EventFilter = EventFilter(), *, limit: int = 100,
                offset: int = 0) -> list[dict[str, Any]]:
    """Events that pass the filter, newest first."""
    where: list[str] = []
    params: list[Any] = []
    if what.min_confidence > 0:
        where.append("ev.confidence >= ?")
        params.append(float(what.min_confidence))
    if what.root:
        where.append("substr(ev.code, 1, ?) = ?")
        params += [len(what.root), what.root]
    if what.actor:
        where.append("(? IN (ev.actor1_entity, ev.actor2_entity, ev.actor1_code, ev.actor2_code)"
                     " OR ev.actor1 = ? COLLATE NOCASE OR ev.actor2 = ? COLLATE NOCASE)")
        params += [what.actor, what.actor, what.actor]
    if what.place:
        where.append("(ev.place = ? COLLATE NOCASE OR ev.country_code = ? COLLATE NOCASE)")
        params += [what.place, what.place]
    # An event's own date when it has one (it may be days before publication), else the day
    # the article came out. Only the leading YYYY-MM-DD is compared.
    day = "substr(coalesce(ev.date, a.day), 1, 10)"
    span, span_params = _filters(None, what.date_from, what.date_to, None, None, day=day)
    where += span
    params += span_params
    sql = (f"SELECT {_EVENT_COLUMNS} FROM events ev JOIN articles a ON a.rowid = ev.article"
           + (" WHERE " + " AND ".join(where) if where else "")
           + f" ORDER BY {day} DESC, a.published DESC, ev.rowid LIMIT ? OFFSET ?")
    rows = _rows(store.execute(sql, [*params, max(1, int(limit)), max(0, int(offset))]))
    for record in rows:
        record["counts"] = json.loads(record["counts"] or "{}")
    return rows


def entity_events(store: SQLiteStore, key: str, *, limit: int = 100) -> list[dict[str, Any]]:
    """Events in which the entity is either actor, newest first."""
    return find_events(store, EventFilter(actor=key), limit=limit)


def entity_quotes(store: SQLiteStore, key: str, *, limit: int = 100,
                  offset: int = 0) -> list[dict[str, Any]]:
    """What the entity is quoted as saying, newest first, with the article's title."""
    return _rows(store.execute(
        'SELECT a.id AS article, a.title AS article_title, a.published, q.kind, q.text, '
        'q.start, q."end", q.cue, q.speaker, q.speaker_entity FROM quotes q '
        "JOIN articles a ON a.rowid = q.article WHERE q.speaker_entity = ? "
        "ORDER BY a.published DESC, q.rowid LIMIT ? OFFSET ?",
        [key, max(1, int(limit)), max(0, int(offset))]))


def find_quotes(store: SQLiteStore, *, speaker: str | None = None, limit: int = 100,
                offset: int = 0) -> list[dict[str, Any]]:
    """Quotes newest first; ``speaker`` is an entity key or the speaker as written."""
    where = ""
    params: list[Any] = []
    if speaker:
        where = " WHERE (q.speaker_entity = ? OR q.speaker = ? COLLATE NOCASE)"
        params = [speaker, speaker]
    return _rows(store.execute(
        'SELECT a.id AS article, a.title AS article_title, a.published, q.kind, q.text, '
        'q.start, q."end", q.cue, q.speaker, q.speaker_entity FROM quotes q '
        "JOIN articles a ON a.rowid = q.article" + where
        + " ORDER BY a.published DESC, q.rowid LIMIT ? OFFSET ?",
        [*params, max(1, int(limit)), max(0, int(offset))]))


def list_entities(store: SQLiteStore, *, type: str | None = None, name: str | None = None,
                  limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """:func:`warta.query.tables.entities` with paging."""
    where: list[str] = []
    params: list[Any] = []
    kind = entity_type(type)
    if kind:
        where.append("ae.type = ?")
        params.append(kind)
    if name:
        escaped = name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        where.append("(ae.key = ? OR ae.name LIKE ? ESCAPE '\\')")
        params += [name, f"%{escaped}%"]
    return _rows(store.execute(
        "SELECT ae.key, max(ae.type) AS type, coalesce(e.name, max(ae.name)) AS name, "
        "count(*) AS articles, sum(ae.mentions) AS mentions, min(a.published) AS first_seen, "
        "max(a.published) AS last_seen, e.country_code, e.latitude, e.longitude "
        "FROM article_entities ae JOIN articles a ON a.rowid = ae.article "
        "LEFT JOIN entities e ON e.key = ae.key"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " GROUP BY ae.key ORDER BY mentions DESC, articles DESC, ae.key LIMIT ? OFFSET ?",
        [*params, max(1, int(limit)), max(0, int(offset))]))


def overview(store: SQLiteStore) -> dict[str, Any]:
    """Counts of what the store holds, and the first and last publication day."""
    counts = {table: store.count(table) for table in ("articles", "entities", "quotes", "events")}
    first, last = store.execute("SELECT min(day), max(day) FROM articles").fetchone()
    return {**counts, "first_day": first, "last_day": last}


def story(store: SQLiteStore, story_id: str, *, limit: int = 50) -> list[dict[str, Any]]:
    """The articles of one story cluster, oldest first: the outlets that told it and when."""
    return _rows(store.execute(
        "SELECT id, title, outlet, published, url, duplicate_of FROM articles WHERE story = ? "
        "ORDER BY published, rowid LIMIT ?", [story_id, max(1, int(limit))]))


def latest(store: SQLiteStore, *, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """The newest articles, each with the opening of its text as a snippet (the rows of a
    search with no query and no filter)."""
    import msgspec

    from warta.query.search import make_snippet

    class _Text(msgspec.Struct):
        text: str

    decoder = msgspec.json.Decoder(_Text)
    empty = parse_query("")
    out = []
    for art_id, title, outlet, published, url, duplicate_of, raw in store.execute(
            "SELECT id, title, outlet, published, url, duplicate_of, json FROM articles "
            "ORDER BY published DESC, rowid DESC LIMIT ? OFFSET ?",
            [max(1, int(limit)), max(0, int(offset))]):
        snippet, _ = make_snippet(decoder.decode(raw).text, empty)
        out.append({"id": art_id, "title": title, "outlet": outlet, "published": published,
                    "url": url, "score": 0.0, "snippet": snippet, "highlights": [],
                    "duplicate_of": duplicate_of})
    return out


__all__ = ["FACET_SIZE", "EventFilter", "StoreError", "co_mentions", "entity", "entity_events",
           "entity_quotes", "entity_timeline", "facets", "find_events", "find_quotes",
           "latest", "list_entities", "overview", "stats_per_day"]
