"""Read-only questions to a store: search, entities, events, quotes, export.

>>> import warta.query
>>> db = warta.query.open("sqlite:///warta.db")                     # doctest: +SKIP
>>> [hit.title for hit in db.search("serang", outlet="Republika")]  # doctest: +SKIP
>>> db.to_pandas("entities").head()                                 # doctest: +SKIP

``warta.open(url)`` is the same function.
"""

from __future__ import annotations

from typing import IO, Any

from warta.model import Article
from warta.query.search import Hit, search
from warta.query.tables import EXPORTS, FORMATS, entities, events, export, quotes, rows
from warta.store import Store, open_store


class Database:
    """An open store seen through the query layer. Close it, or use it in a ``with`` block."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def search(self, q: str = "", **filters: Any) -> list[Hit]:
        """See :func:`warta.query.search.search` for the filters."""
        return search(self.store, q, **filters)

    def entities(self, *, type: str | None = None, top: int = 50,
                 name: str | None = None) -> list[dict[str, Any]]:
        return entities(self.store, type=type, top=top, name=name)

    def events(self, *, code: str | None = None, entity: str | None = None,
               min_confidence: float = 0.0, limit: int = 100) -> list[dict[str, Any]]:
        return events(self.store, code=code, entity=entity, min_confidence=min_confidence,
                      limit=limit)

    def quotes(self, *, speaker: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        return quotes(self.store, speaker=speaker, limit=limit)

    def article(self, article_id: str) -> Article | None:
        return self.store.get(article_id)

    def story(self, story_id: str, *, limit: int = 50) -> list[dict[str, Any]]:
        """The articles of one story cluster (an article's ``story``), oldest first."""
        from warta.query.analytics import story

        return story(self.store, story_id, limit=limit)

    def export(self, what: str, format: str, out: IO[str] | IO[bytes]) -> int:
        return export(self.store, what, format, out)

    def to_pandas(self, what: str = "articles") -> Any:
        """One export table as a pandas DataFrame (needs pandas: ``pip install pandas``)."""
        from warta.errors import StoreError

        try:
            import pandas as pd
        except ImportError:
            raise StoreError("to_pandas needs pandas: pip install pandas") from None
        records = list(rows(self.store, what))
        if records:
            return pd.DataFrame.from_records(records)
        cursor = self.store.execute(f"SELECT * FROM ({_empty_select(what)}) AS t LIMIT 0")
        return pd.DataFrame(columns=[d[0] for d in cursor.description])

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<warta.Database {self.store!r}>"


def _empty_select(what: str) -> str:
    from warta.query.tables import _select

    return _select(what, [], None)


def open(url: str = "sqlite:///warta.db") -> Database:
    """Open a store for reading. A store file that does not exist is an error, not a new one."""
    memory = ":memory:" in url
    return Database(open_store(url, readonly=not memory))


__all__ = ["EXPORTS", "FORMATS", "Database", "Hit", "entities", "events", "export", "open",
           "quotes", "search"]
