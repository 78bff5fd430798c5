"""The SQLite store: one file (WAL journal, FTS5 index), or memory for tests.

Every article is written in one transaction: its row, its parts (authors, entities, mentions,
times, quotes, events), its full-text row, its near-duplicate buckets and the record of which
input it came from. SQLite's WAL journal makes each commit atomic, so a process killed at any
moment (SIGKILL included) leaves the database as it was after the last whole article, and a
re-run carries on from there.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

import msgspec

from warta.errors import StoreError
from warta.model import Article, Notice, Rejection, replace
from warta.store import dedup, stories
from warta.store.schema import LATEST, MIGRATIONS
from warta.store.text import DEFAULT_STEMMER, STEMMER_VERSION, stemmed

Status = Literal["new", "updated", "unchanged"]

# How long a writer waits for another process's lock before giving up; an ingest and a search
# at the same time only ever wait for one article's transaction.
BUSY_TIMEOUT_MS = 10_000
MMAP_BYTES = 1 << 30


@dataclass(frozen=True)
class Written:
    """What :meth:`SQLiteStore.upsert` did with one article."""

    id: str
    status: Status
    duplicate_of: str | None = None


class _Body(msgspec.Struct):
    """The few fields of a stored article's JSON that duplicate confirmation reads."""

    id: str
    text: str
    duplicate_of: str | None = None


class _Indexed(msgspec.Struct):
    """The fields of a stored article that the full-text index is built from."""

    text: str
    title: str | None = None


def content_hash(article: Article) -> str:
    """A hash of what the article says. ``source`` (which file it came from) and the fields the
    store itself sets are left out, so the same article read from another file is unchanged."""
    plain = replace(article, source={}, duplicate_of=None, story=None)
    return hashlib.blake2b(msgspec.json.encode(plain), digest_size=16).hexdigest()


def origin_key(origin: dict[str, str]) -> str:
    """Where an input came from, as one string: ``path:line`` (or ``path#item``)."""
    key = origin.get("path", "-")
    if "line" in origin:
        key += f":{origin['line']}"
    elif "item" in origin:
        key += f"#{origin['item']}"
    if "url" in origin and not origin.get("path"):
        key = origin["url"]
    return key


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _day(published: str | None) -> str | None:
    if published and len(published) >= 10 and published[4] == "-" and published[7] == "-":
        return published[:10]
    return None


def _day_number(published: str | None) -> int | None:
    """The local publication day as a day count (proleptic Gregorian ordinal), for windows."""
    day = _day(published)
    try:
        return date.fromisoformat(day).toordinal() if day else None
    except ValueError:
        return None


class SQLiteStore:
    """A warta store in one SQLite file. Use :func:`warta.store.open_store` to open one."""

    dialect = "sqlite"
    #: IMMEDIATE takes the write lock up front, so two writers queue instead of one failing
    #: half-way through an article.
    begin_sql = "BEGIN IMMEDIATE"

    def __init__(self, path: str, *, readonly: bool = False) -> None:
        self.path = path
        self.readonly = readonly
        memory = path == ":memory:"
        try:
            if readonly and not memory:
                if not Path(path).is_file():
                    raise StoreError(f"no store at {path}; create it with `warta ingest`")
                uri = Path(path).resolve().as_uri() + "?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, isolation_level=None,
                                            check_same_thread=False)
            else:
                if not memory:
                    Path(path).parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if readonly and not memory:
                # Search reads the full-text doclists and many article rows at random; mapping
                # the file halved the latency of filtered searches on a 100,000-article store
                # against SQLite's default 2 MB page cache. Writers do without: mapped pages
                # count in a process's RSS, and an ingest's memory should read as flat.
                self.conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            if not readonly:
                if not memory:
                    self.conn.execute("PRAGMA journal_mode = WAL")
                # In WAL mode NORMAL loses no committed article on a process crash (only on a
                # power cut, the last few), and saves an fsync per article.
                self.conn.execute("PRAGMA synchronous = NORMAL")
                self.conn.execute("PRAGMA foreign_keys = ON")
                self._migrate()
                self._check_index()
                self._check_stories()
            elif self.version() < LATEST:
                raise StoreError(f"{path} is at schema version {self.version()}, warta needs "
                                 f"{LATEST}; open it once for writing (warta ingest) to upgrade")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the store {path}: {exc}") from None
        except OSError as exc:
            raise StoreError(f"cannot create the store {path}: {exc.strerror or exc}") from None

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<SQLiteStore {self.path}>"

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute(self.begin_sql)
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- schema ----------------------------------------------------------------------------

    def version(self) -> int:
        exists = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'").fetchone()
        if not exists:
            return 0
        row = self.conn.execute("SELECT max(number) FROM migrations").fetchone()
        return int(row[0] or 0)

    def _migrate(self) -> None:
        self.conn.execute("CREATE TABLE IF NOT EXISTS migrations ("
                          "number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)")
        for migration in MIGRATIONS:
            if migration.number <= self.version():
                continue
            # executescript runs the whole migration inside the BEGIN it starts with; the
            # record of it is written before COMMIT, so a migration is applied whole or not at
            # all, even if the process dies half-way through.
            try:
                self.conn.executescript("BEGIN IMMEDIATE;\n" + migration.sql)
                self.conn.execute("INSERT INTO migrations (number, name, applied) VALUES (?, ?, ?)",
                                  (migration.number, migration.name, _now()))
                self.conn.execute("COMMIT")
            except sqlite3.DatabaseError:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    def _check_index(self) -> None:
        wanted = f"{DEFAULT_STEMMER}/{STEMMER_VERSION}"
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'index_stemmer'").fetchone()
        if row is not None and row[0] == wanted:
            return
        if row is not None or self.count() > 0:
            self.reindex()
        with self.transaction() as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES ('index_stemmer', ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (wanted,))

    def _check_stories(self) -> None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'stories'").fetchone()
        if row is not None and row[0] == stories.VERSION:
            return
        if self.count() > 0:
            self.restory()
        with self.transaction() as conn:
            conn.execute("INSERT INTO meta (key, value) VALUES ('stories', ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                         (stories.VERSION,))

    def restory(self, batch: int = 200) -> int:
        """Cluster every stored article into stories again, oldest stored first, as if it were
        ingested anew (after an upgrade from a store without stories, or a change of the
        clustering). An interrupted run starts again from the beginning."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM story_terms")
        done = 0
        for rows in self._stored(batch):
            for rowid, raw in rows:
                article = Article.from_json(raw)
                profile = stories.article_profile(article)
                day = _day_number(article.published)
                with self.transaction() as conn:
                    story = (self._find_story(article.duplicate_of, profile, day, rowid)
                             or article.id)
                    stored = replace(article, story=story)
                    conn.execute("UPDATE articles SET story = ?, json = ? WHERE rowid = ?",
                                 (story, msgspec.json.encode(stored).decode(), rowid))
                    self._write_story_terms(rowid, profile, day)
            done += len(rows)
        return done

    def _stored(self, batch: int) -> Iterator[list[tuple[int, str]]]:
        """Every stored article as (rowid, JSON), oldest stored first, ``batch`` at a time."""
        last = 0
        while True:
            rows = self.conn.execute("SELECT rowid, json FROM articles WHERE rowid > ? "
                                     "ORDER BY rowid LIMIT ?", (last, batch)).fetchall()
            if not rows:
                return
            yield rows
            last = rows[-1][0]

    def reindex(self, batch: int = 500) -> int:
        """Rebuild the full-text index from the stored articles (after a stemmer change).

        Runs in batches, each its own transaction, so it can be interrupted; the index version
        is only recorded once every batch is done, so an interrupted rebuild starts again.
        """
        decoder = msgspec.json.Decoder(_Indexed)
        done = 0
        for rows in self._stored(batch):
            with self.transaction() as conn:
                for rowid, raw in rows:
                    article = decoder.decode(raw)
                    conn.execute("DELETE FROM articles_fts WHERE rowid = ?", (rowid,))
                    conn.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                                 (rowid, stemmed(article.title or ""), stemmed(article.text)))
            done += len(rows)
        return done

    def migrations(self) -> list[dict[str, Any]]:
        rows = self.conn.execute("SELECT number, name, applied FROM migrations ORDER BY number")
        return [{"number": n, "name": name, "applied": applied} for n, name, applied in rows]

    # -- writing ---------------------------------------------------------------------------

    def source_state(self, key: str) -> tuple[str, str, str | None] | None:
        """(raw hash, pipeline, article id or None) recorded for an input, if any."""
        row = self.conn.execute(
            "SELECT raw_hash, pipeline, article_id FROM sources WHERE origin_key = ?",
            (key,)).fetchone()
        return (row[0], row[1], row[2]) if row else None

    def reject_code(self, key: str) -> str | None:
        row = self.conn.execute("SELECT code FROM rejects WHERE origin_key = ?", (key,)).fetchone()
        return row[0] if row else None

    def rejection(self, key: str) -> Rejection | None:
        """The stored rejection of an input, to report it again without parsing it again."""
        row = self.conn.execute("SELECT code, message, origin FROM rejects WHERE origin_key = ?",
                                (key,)).fetchone()
        if row is None:
            return None
        return Rejection(Notice(row[0], row[1]), json.loads(row[2]))

    def upsert(self, article: Article, *, source: tuple[str, str, str] | None = None) -> Written:
        """Insert the article, update it in place if its content changed, or leave it.

        ``source`` is (origin key, raw hash, pipeline), recorded in the same transaction so a
        re-run can skip the input.
        """
        digest = content_hash(article)
        row = self.conn.execute("SELECT rowid, content_hash, duplicate_of FROM articles "
                                "WHERE id = ?", (article.id,)).fetchone()
        if row is not None and row[1] == digest:
            if source is not None:
                with self.transaction():
                    self._record_source(source, article.id)
            return Written(article.id, "unchanged", row[2])
        # The expensive parts (MinHash, the story profile) run before the write lock is taken.
        print_ = dedup.fingerprint(article.text)
        # The fingerprint's folded body is the body's tokens joined by spaces: not tokenised
        # a second time.
        profile = stories.article_profile(article, print_.folded.split())
        day = _day_number(article.published)
        title_index = stemmed(article.title or "")
        body_index = stemmed(article.text)
        with self.transaction() as conn:
            # Read again inside the lock: another writer may have stored it meanwhile.
            row = conn.execute("SELECT rowid, content_hash FROM articles WHERE id = ?",
                               (article.id,)).fetchone()
            if row is not None and row[1] == digest:
                if source is not None:
                    self._record_source(source, article.id)
                return Written(article.id, "unchanged")
            rowid = row[0] if row else None
            found = self._find_duplicate(print_, rowid)
            duplicate_of = found or article.duplicate_of
            story = self._find_story(duplicate_of, profile, day, rowid)
            stored = replace(article, duplicate_of=duplicate_of,
                             story=story or article.story or article.id)
            rowid = self._write_article(stored, digest, rowid)
            self._write_parts(rowid, stored, title_index, body_index, print_)
            self._write_story_terms(rowid, profile, day)
            if source is not None:
                self._record_source(source, article.id)
        return Written(article.id, "updated" if row else "new", found)

    def _find_duplicate(self, print_: dedup.Fingerprint, own: int | None) -> str | None:
        if not print_.usable:
            return None
        values = ", ".join("(?, ?)" for _ in print_.buckets)
        params: list[Any] = [x for pair in print_.buckets for x in pair]
        # Only an article stored earlier can be the one copied: an original that is updated
        # must not turn into a copy of its own re-posts. Row ids only grow, so "earlier" is
        # "smaller row id".
        params += [(1 << 62) if own is None else own, dedup.MAX_CANDIDATES]
        rows = self.conn.execute(
            f"WITH wanted (band, bucket) AS (VALUES {values}) "
            "SELECT m.article, count(*) AS shared FROM minhash_bands m "
            "JOIN wanted w ON m.band = w.band AND m.bucket = w.bucket "
            "WHERE m.article < ? GROUP BY m.article ORDER BY shared DESC, m.article LIMIT ?",
            params).fetchall()
        best: tuple[float, str] | None = None
        decoder = msgspec.json.Decoder(_Body)
        for candidate, _ in rows:
            stored = self.conn.execute("SELECT json FROM articles WHERE rowid = ?",
                                       (candidate,)).fetchone()
            body = decoder.decode(stored[0])
            other = " ".join(dedup.tokens(body.text))
            score = dedup.similarity(print_.folded, other)
            if score >= dedup.CONFIRM_SCORE and (best is None or score > best[0]):
                # Point at the first copy of the cluster, not at another copy of it.
                best = (score, body.duplicate_of or body.id)
        return best[1] if best else None

    def _find_story(self, duplicate_of: str | None, profile: dict[str, float], day: int | None,
                    own: int | None) -> str | None:
        """The story of the original, for a copy; else that of the stored article published
        within the window whose profile is most like this one, if it is like enough."""
        if duplicate_of is not None:
            row = self.conn.execute("SELECT story FROM articles WHERE id = ?",
                                    (duplicate_of,)).fetchone()
            if row is not None and row[0]:
                return str(row[0])
        if day is None or not profile:
            return None
        values = ", ".join("(?, ?)" for _ in profile)
        params: list[Any] = [x for pair in profile.items() for x in pair]
        params += [day - stories.WINDOW_DAYS, day + stories.WINDOW_DAYS,
                   -1 if own is None else own, stories.THRESHOLD]
        best = self.conn.execute(
            f"WITH wanted (term, weight) AS (VALUES {values}) "
            "SELECT s.article, sum(s.weight * w.weight) AS score FROM story_terms s "
            "JOIN wanted w ON s.term = w.term "
            "WHERE s.day BETWEEN ? AND ? AND s.article <> ? "
            "GROUP BY s.article HAVING sum(s.weight * w.weight) >= ? "
            "ORDER BY score DESC, s.article LIMIT 1", params).fetchone()
        if best is None:
            return None
        row = self.conn.execute("SELECT story FROM articles WHERE rowid = ?",
                                (best[0],)).fetchone()
        return str(row[0]) if row is not None and row[0] else None

    def _write_story_terms(self, rowid: int, profile: dict[str, float], day: int | None) -> None:
        if day is not None:
            self.conn.executemany(
                "INSERT INTO story_terms (term, day, article, weight) VALUES (?, ?, ?, ?)",
                [(term, day, rowid, weight) for term, weight in profile.items()])

    def _write_article(self, article: Article, digest: str, rowid: int | None) -> int:
        now = _now()
        outlet = article.outlet
        values = (article.url, outlet.name if outlet else None, outlet.domain if outlet else None,
                  article.published, _day(article.published), article.title, article.language,
                  article.duplicate_of, article.story, digest, now,
                  msgspec.json.encode(article).decode())
        if rowid is None:
            row = self.conn.execute(
                "INSERT INTO articles (url, outlet, outlet_domain, published, day, title, "
                "language, duplicate_of, story, content_hash, modified, json, id, ingested) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING rowid",
                (*values, article.id, now)).fetchone()
            return int(row[0])
        self.conn.execute(
            "UPDATE articles SET url = ?, outlet = ?, outlet_domain = ?, published = ?, day = ?, "
            "title = ?, language = ?, duplicate_of = ?, story = ?, content_hash = ?, "
            "modified = ?, json = ? WHERE rowid = ?", (*values, rowid))
        for table in ("authors", "article_entities", "mentions", "times", "quotes", "events",
                      "minhash_bands", "story_terms"):
            self.conn.execute(f"DELETE FROM {table} WHERE article = ?", (rowid,))
        self.conn.execute("DELETE FROM articles_fts WHERE rowid = ?", (rowid,))
        return rowid

    def _write_parts(self, rowid: int, article: Article, title_index: str, body_index: str,
                     print_: dedup.Fingerprint) -> None:
        conn = self.conn
        conn.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                     (rowid, title_index, body_index))
        conn.executemany("INSERT INTO minhash_bands (band, bucket, article) "
                         "VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                         [(b, h, rowid) for b, h in print_.buckets])
        conn.executemany("INSERT INTO authors (article, name, role) VALUES (?, ?, ?)",
                         [(rowid, a.name, a.role) for a in article.authors])
        for entity in article.entities:
            place = entity.place
            conn.execute(
                "INSERT INTO entities (key, type, name, country_code, latitude, longitude, "
                "gazetteer_id) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                "country_code = coalesce(entities.country_code, excluded.country_code), "
                "latitude = coalesce(entities.latitude, excluded.latitude), "
                "longitude = coalesce(entities.longitude, excluded.longitude), "
                "gazetteer_id = coalesce(entities.gazetteer_id, excluded.gazetteer_id)",
                (entity.key, entity.type, entity.name, place.country_code if place else None,
                 place.latitude if place else None, place.longitude if place else None,
                 place.gazetteer_id if place else None))
            # An article may (wrongly) list one key twice; its mentions are merged.
            conn.execute(
                "INSERT INTO article_entities (article, key, type, name, mentions, titles) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key, article) DO UPDATE SET "
                "mentions = article_entities.mentions + excluded.mentions",
                (rowid, entity.key, entity.type, entity.name, len(entity.mentions),
                 json.dumps(entity.titles, ensure_ascii=False)))
            conn.executemany(
                'INSERT INTO mentions (article, key, start, "end", text) VALUES (?, ?, ?, ?, ?)',
                [(rowid, entity.key, m.start, m.end, m.text) for m in entity.mentions])
        conn.executemany(
            'INSERT INTO times (article, text, start, "end", type, value, anchor, mod, end_value) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(rowid, t.text, t.start, t.end, t.type, t.value, t.anchor, t.mod, t.end_value)
             for t in article.times])
        conn.executemany(
            'INSERT INTO quotes (article, kind, text, start, "end", cue, speaker, speaker_entity) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(rowid, q.kind, q.text, q.start, q.end, q.cue,
              q.speaker.text if q.speaker else None, q.speaker_entity) for q in article.quotes])
        conn.executemany(
            "INSERT INTO events (article, code, label, plover, trigger, sentence, confidence, "
            "actor1, actor1_entity, actor1_code, actor2, actor2_entity, actor2_code, place, "
            "country_code, latitude, longitude, date, counts, factuality) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_event_row(rowid, e) for e in article.events])

    def _record_source(self, source: tuple[str, str, str], article_id: str | None) -> None:
        key, raw_hash, pipeline = source
        self.conn.execute(
            "INSERT INTO sources (origin_key, raw_hash, pipeline, article_id) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (origin_key) DO UPDATE SET raw_hash = excluded.raw_hash, "
            "pipeline = excluded.pipeline, article_id = excluded.article_id",
            (key, raw_hash, pipeline, article_id))

    def record_rejection(self, rejection: Rejection, *,
                         source: tuple[str, str, str] | None = None) -> None:
        """Keep a rejected input's reason; the same input rejected again replaces its row."""
        key = source[0] if source else origin_key(rejection.origin)
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO rejects (origin_key, code, message, origin, seen) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (origin_key) DO UPDATE SET "
                "code = excluded.code, message = excluded.message, origin = excluded.origin, "
                "seen = excluded.seen",
                (key, rejection.reason.code, rejection.reason.message,
                 json.dumps(rejection.origin, ensure_ascii=False), _now()))
            if source is not None:
                self._record_source(source, None)

    def forget_rejection(self, key: str) -> None:
        """An input that once failed and now became an article is no longer a reject."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM rejects WHERE origin_key = ?", (key,))

    # -- reading ---------------------------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """Run a read query (``?`` placeholders) for the query layer."""
        try:
            return self.conn.execute(sql, params)
        except sqlite3.OperationalError as exc:
            raise StoreError(f"the store {self.path} could not answer a query: {exc}") from None

    def get(self, article_id: str) -> Article | None:
        row = self.conn.execute("SELECT json FROM articles WHERE id = ?",
                                (article_id,)).fetchone()
        return Article.from_json(row[0]) if row else None

    def count(self, table: str = "articles") -> int:
        if table not in {"articles", "rejects", "entities", "mentions", "times", "quotes",
                         "events", "authors", "sources", "article_entities"}:
            raise StoreError(f"no table {table!r} in the store")
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def integrity(self) -> str:
        return str(self.conn.execute("PRAGMA integrity_check").fetchone()[0])


def _event_row(rowid: int, e: Any) -> tuple[Any, ...]:
    a1, a2, place = e.actor1, e.actor2, e.place
    return (rowid, e.code, e.label, e.plover, e.trigger.text, e.sentence, e.confidence,
            a1.text if a1 else None, a1.entity if a1 else None, a1.code if a1 else None,
            a2.text if a2 else None, a2.entity if a2 else None, a2.code if a2 else None,
            place.name if place else None, place.country_code if place else None,
            place.latitude if place else None, place.longitude if place else None,
            e.date, json.dumps(e.counts), e.factuality)
