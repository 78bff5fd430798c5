"""The PostgreSQL store: the same tables, writes and behaviour as SQLite, for servers.

Opened with a ``postgresql://user@host/dbname`` URL; needs psycopg 3 (``pip install
"psycopg[binary]"``). Everything above the connection is shared with :class:`SQLiteStore`:
the store's SQL is written once with ``?`` placeholders, which the connection wrapper here turns
into psycopg's ``%s``. Each article is one transaction, as in SQLite, so a killed ingest leaves
whole articles only and a re-run finishes the job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from warta.errors import StoreError
from warta.store.schema import LATEST, PG_MIGRATIONS
from warta.store.sqlite import SQLiteStore, _now

# A "?" placeholder outside quotes; the store's SQL never puts one inside a string literal.
_PLACEHOLDER = re.compile(r"\?")


def _translate(sql: str) -> str:
    # psycopg reads "%" as the start of a placeholder, so literal ones are doubled first.
    return _PLACEHOLDER.sub("%s", sql.replace("%", "%%"))


def _clean(params: Sequence[Any]) -> tuple[Any, ...]:
    # PostgreSQL text cannot hold NUL, which SQLite stores as is; a NUL typed into a search
    # filter must not turn into an error, so it becomes U+FFFD (the replacement character).
    return tuple(p.replace("\x00", "\ufffd") if isinstance(p, str) else p for p in params)


class _Connection:
    """Just enough of sqlite3.Connection's interface over a psycopg connection."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        cursor = self.raw.cursor()
        cursor.execute(_translate(sql), _clean(params) if params else None)
        return cursor

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        cleaned = [_clean(row) for row in rows]
        if cleaned:
            with self.raw.cursor() as cursor:
                cursor.executemany(_translate(sql), cleaned)

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return bool(self.raw.info.transaction_status != TransactionStatus.IDLE)

    def close(self) -> None:
        self.raw.close()


class PostgresStore(SQLiteStore):
    """A warta store in a PostgreSQL database. Use :func:`warta.store.open_store`."""

    dialect = "postgresql"
    begin_sql = "BEGIN"

    def __init__(self, url: str, *, readonly: bool = False) -> None:
        try:
            import psycopg
        except ImportError:
            raise StoreError('PostgreSQL stores need psycopg 3: pip install "psycopg[binary]"'
                             ) from None
        self.path = _redact(url)
        self.readonly = readonly
        try:
            # Autocommit, with explicit BEGIN/COMMIT around each article, as in SQLite.
            raw = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to the store {self.path}: {_one_line(exc)}"
                             ) from None
        self._raw = raw
        self.conn = _Connection(raw)  # type: ignore[assignment]
        try:
            if readonly:
                raw.execute("SET default_transaction_read_only = on")
                if self.version() < LATEST:
                    raise StoreError(f"{self.path} is at schema version {self.version()}, "
                                     f"warta needs {LATEST}; run warta ingest to upgrade it")
            else:
                # The counterpart of SQLite's synchronous=NORMAL: a commit does not wait for its
                # WAL flush, so a server crash (not a killed client) may lose the last few
                # articles, which a re-run stores again. The ingest tests ran 1.6x faster.
                raw.execute("SET synchronous_commit = off")
                self._migrate()
                self._check_index()
                self._check_stories()
        except psycopg.Error as exc:
            raise StoreError(f"cannot open the store {self.path}: {_one_line(exc)}") from None

    def __repr__(self) -> str:
        return f"<PostgresStore {self.path}>"

    def version(self) -> int:
        row = self.conn.execute("SELECT to_regclass('migrations')").fetchone()
        if row[0] is None:
            return 0
        number = self.conn.execute("SELECT max(number) FROM migrations").fetchone()[0]
        return int(number or 0)

    def _migrate(self) -> None:
        self.conn.execute("CREATE TABLE IF NOT EXISTS migrations (number INTEGER PRIMARY KEY, "
                          "name TEXT NOT NULL, applied TEXT NOT NULL)")
        for migration in PG_MIGRATIONS:
            # Two processes may open a new database at once: the advisory lock makes the
            # second wait and then find the migration applied.
            with self.transaction() as conn:
                conn.execute("SELECT pg_advisory_xact_lock(7210)")
                if migration.number <= self.version():
                    continue
                self._raw.execute(migration.sql)  # several statements, no parameters
                conn.execute("INSERT INTO migrations (number, name, applied) VALUES (?, ?, ?)",
                             (migration.number, migration.name, _now()))

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        import psycopg

        try:
            return self.conn.execute(sql, params)
        except psycopg.Error as exc:
            raise StoreError(f"the store {self.path} could not answer a query: {_one_line(exc)}"
                             ) from None

    def integrity(self) -> str:
        # PostgreSQL checks its pages itself; what can go wrong at warta's level is an article
        # without its full-text row or a part without its article.
        orphans = self.conn.execute(
            "SELECT (SELECT count(*) FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM articles_fts f WHERE f.rowid = a.rowid)) + "
            "(SELECT count(*) FROM minhash_bands m WHERE NOT EXISTS "
            "(SELECT 1 FROM articles a WHERE a.rowid = m.article))").fetchone()[0]
        return "ok" if orphans == 0 else f"{orphans} rows without their article or index"


def _one_line(exc: Exception) -> str:
    # The CLI promises one line per error; libpq's messages carry hints on further lines.
    return " ".join(str(exc).split())


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


__all__ = ["PostgresStore"]
