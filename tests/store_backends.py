"""The stores the store tests run against: SQLite always, PostgreSQL when
``WARTA_TEST_POSTGRES`` names a database the tests may wipe (``postgresql://user@host/db``)."""

from __future__ import annotations

import os

import pytest

POSTGRES_URL = os.environ.get("WARTA_TEST_POSTGRES")

#: Parameters for a fixture: ("sqlite", "postgresql"), the second skipped without a database.
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.skipif(
        not POSTGRES_URL, reason="set WARTA_TEST_POSTGRES to test PostgreSQL")),
]


def wipe_postgres() -> str:
    """Drop everything in the test database and return its URL."""
    import psycopg

    assert POSTGRES_URL
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    return POSTGRES_URL


def fresh_url(backend: str, tmp_path=None) -> str:
    """A URL of an empty store: in memory (or a file under ``tmp_path``), or a wiped database."""
    if backend == "postgresql":
        return wipe_postgres()
    return f"sqlite:///{tmp_path}/store.db" if tmp_path is not None else "sqlite://:memory:"


def count_articles(url: str) -> int:
    """Articles stored so far, read from outside the writing process (0 if not created)."""
    if url.startswith("postgresql"):
        import psycopg

        try:
            with psycopg.connect(url, autocommit=True) as conn:
                return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        except psycopg.Error:
            return 0
    import sqlite3
    from pathlib import Path

    path = Path(url.removeprefix("sqlite:///"))
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # not created yet, or the schema is still being written
