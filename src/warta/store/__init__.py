"""Where articles are kept: SQLite (one file, FTS5) by default.

>>> from warta.store import open_store
>>> store = open_store("sqlite://:memory:")
>>> store.count()
0

URLs: ``sqlite:///relative/path.db``, ``sqlite:////absolute/path.db``, ``sqlite://:memory:``; a
plain file path is read as a SQLite file; ``postgresql://user@host:port/dbname`` opens a
PostgreSQL database (needs psycopg 3). The store never imports the query layer or the CLI.
"""

from __future__ import annotations

from warta.errors import StoreError
from warta.store.sqlite import SQLiteStore, Written, content_hash, origin_key

Store = SQLiteStore


def sqlite_path(url: str) -> str:
    """The file path (or ``:memory:``) a SQLite store URL names."""
    if url in ("sqlite://:memory:", "sqlite:///:memory:", "sqlite://", ":memory:"):
        return ":memory:"
    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///"):]
        if not path:
            raise StoreError(f"store URL {url!r} names no file; try sqlite:///warta.db")
        return path
    if "://" not in url:
        return url
    raise StoreError(f"store URL {url!r} is not a sqlite:/// URL")


def open_store(url: str, *, readonly: bool = False) -> SQLiteStore:
    """Open (creating and migrating if needed) the store at ``url``.

    ``readonly`` opens an existing SQLite file without write access, for searches beside a
    running ingest. Raises :class:`~warta.errors.StoreError` for an unknown or unusable URL.
    """
    if url.startswith(("postgresql://", "postgres://")):
        from warta.store.postgres import PostgresStore

        return PostgresStore(url, readonly=readonly)
    if url.startswith("sqlite:") or "://" not in url:
        return SQLiteStore(sqlite_path(url), readonly=readonly)
    raise StoreError(f"unknown store URL {url!r}; use sqlite:///warta.db, sqlite://:memory: "
                     "or postgresql://user@host/dbname")


__all__ = ["Store", "StoreError", "Written", "content_hash", "open_store", "origin_key",
           "sqlite_path"]
