"""The application factory: the JSON API, the web UI, the limits and the error handlers."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TypeVar

from fastapi import FastAPI

import warta
from warta.errors import ConfigError, StoreError
from warta.query import Database
from warta.query import open as open_database
from warta.server.errors import ApiError, install
from warta.server.limits import MAX_BODY_BYTES, LimitsMiddleware
from warta.store import Store, open_store

log = logging.getLogger("warta.server")
T = TypeVar("T")


class Databases:
    """One read-only connection per worker thread, opened on first use.

    FastAPI runs each request's handler on a thread of a pool; a SQLite connection is not safe
    to use from two threads at once, and a per-thread connection needs no lock, so concurrent
    searches run in parallel. Ingest (when allowed) writes through one more connection, one
    article at a time.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self._local = threading.local()
        self._opened: list[Database] = []
        self._lock = threading.Lock()
        self._writer: Store | None = None
        self._write_lock = threading.Lock()

    def get(self) -> Database:
        database = getattr(self._local, "database", None)
        if database is None:
            database = open_database(self.url)
            self._local.database = database
            with self._lock:
                self._opened.append(database)
        return database

    def read(self, question: Callable[[Database], T]) -> T:
        """Ask the store a question; a store that cannot answer is a 500 without details."""
        try:
            return question(self.get())
        except StoreError as exc:
            log.error("store error: %s", exc)
            raise ApiError(500, "the store could not answer; the error is in the server's log",
                           code="store") from None

    def write(self, action: Callable[[Store], T]) -> T:
        with self._write_lock:
            if self._writer is None:
                self._writer = open_store(self.url)
            return action(self._writer)

    def close(self) -> None:
        with self._lock:
            for database in self._opened:
                database.close()
            self._opened.clear()
        if self._writer is not None:
            self._writer.close()
            self._writer = None


def create_app(db_url: str, *, allow_ingest: bool = False, token: str | None = None,
               max_body: int = MAX_BODY_BYTES) -> FastAPI:
    """The warta HTTP server for the store at ``db_url``: JSON API under ``/api/``, OpenAPI at
    ``/openapi.json``, the web UI at ``/``.

    Read-only unless ``allow_ingest``, which also needs a ``token``: ``POST /api/articles``
    then takes one article from a client sending ``Authorization: Bearer <token>``. The store
    is opened when the first request needs it, so a bad URL shows in the first answer and in
    the log, while ``warta serve`` checks it before it starts listening.
    """
    if allow_ingest and not token:
        raise ConfigError("ingest over HTTP needs a token: pass --token (or token=...) with "
                          "--allow-ingest")
    databases = Databases(db_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        databases.close()

    app = FastAPI(
        title="warta",
        version=warta.__version__,
        description="Indonesian news as structured knowledge: search articles, follow entities "
                    "over time, list events and quotes. Every error has one JSON shape: "
                    '`{"ok": false, "status", "error", "message", "details"}`.',
        lifespan=lifespan,
        # The interactive docs pages load their scripts from a CDN; the schema itself is
        # served at /openapi.json for any offline viewer.
        docs_url=None,
        redoc_url=None,
    )
    app.state.databases = databases
    app.state.allow_ingest = allow_ingest
    app.state.token = token

    from warta.server.routes import router
    from warta.web.pages import error_page, static_files
    from warta.web.pages import router as pages

    install(app, html=error_page)
    app.include_router(router)
    app.include_router(pages)
    app.mount("/static", static_files(), name="static")
    app.add_middleware(LimitsMiddleware, max_body=max_body)
    return app


#: Where each worker process of ``warta serve --workers N`` finds its arguments: uvicorn starts
#: workers by import string, so the settings travel in the environment, not in Python objects.
ENV_DB, ENV_INGEST, ENV_TOKEN = "WARTA_SERVE_DB", "WARTA_SERVE_INGEST", "WARTA_TOKEN"


def from_environment() -> FastAPI:
    """:func:`create_app` with its arguments from the environment (uvicorn's app factory)."""
    import os

    return create_app(os.environ[ENV_DB], allow_ingest=os.environ.get(ENV_INGEST) == "1",
                      token=os.environ.get(ENV_TOKEN) or None)


__all__ = ["Databases", "create_app", "from_environment"]
