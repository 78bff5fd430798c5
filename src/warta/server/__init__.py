"""warta's HTTP server: the JSON API under ``/api/`` and the web UI at ``/``.

>>> from warta.server import create_app
>>> app = create_app("sqlite:///warta.db")        # doctest: +SKIP
>>> # uvicorn.run(app) — or `warta serve --db sqlite:///warta.db`

Needs the ``server`` extra (FastAPI, uvicorn, Jinja2). The package is ``warta.server`` rather
than ``warta.api`` because ``warta.api`` is the module behind ``warta.parse``.
"""

from __future__ import annotations

from warta.server.app import create_app

__all__ = ["create_app"]
