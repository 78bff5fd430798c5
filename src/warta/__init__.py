"""warta: Indonesian online news into structured, searchable knowledge.

>>> import warta
>>> article = warta.parse(open("page.txt").read())      # doctest: +SKIP
>>> article.title, article.published                       # doctest: +SKIP

Heavy parts (trafilatura, spaCy, the models) load on first use, so ``import warta`` is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from warta.model import SCHEMA, Article, Rejection

if TYPE_CHECKING:
    from warta.api import parse, parse_many
    from warta.nlp.pipeline import Pipeline
    from warta.query import open

__version__ = "0.1.0"

__all__ = [
    "SCHEMA", "Article", "Pipeline", "Rejection", "__version__", "open", "parse", "parse_many"]

_LAZY = {"parse": "warta.api", "parse_many": "warta.api", "Pipeline": "warta.nlp.pipeline",
         "open": "warta.query"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'warta' has no attribute {name!r}")
