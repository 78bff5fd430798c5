"""The ``serve`` command: the JSON API and the web UI over a store, with uvicorn.

``register(app)`` adds it to the ``warta`` Typer app. A store that cannot be opened, or ingest
asked for without a token, is one line on stderr and exit code 2, before anything listens.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from warta.errors import WartaError

EXIT_FAILED = 2


def serve(
    db: Annotated[str | None, typer.Option(
        "--db", help="Store URL (default: the 'db' setting, sqlite:///warta.db).",
        metavar="URL")] = None,
    host: Annotated[str, typer.Option(
        help="Address to listen on; 0.0.0.0 exposes the server to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    allow_ingest: Annotated[bool, typer.Option(
        "--allow-ingest", help="Accept POST /api/articles (needs --token).")] = False,
    token: Annotated[str | None, typer.Option(
        help="Bearer token that POST /api/articles must send (or $WARTA_TOKEN).",
        metavar="TOKEN")] = None,
    workers: Annotated[int, typer.Option(
        help="Server processes; more use more cores under many clients.", min=1, max=64)] = 1,
) -> None:
    """Serve the web UI at / and the JSON API at /api/ (OpenAPI at /openapi.json).

    Read-only unless --allow-ingest is given with a token; clients then send
    'Authorization: Bearer TOKEN' to POST one article at a time. Nothing is fetched from
    another host: styles, scripts, charts and maps all come from this server.

    [b]Examples[/b]

      warta serve

      warta serve --db sqlite:///crawl.db --port 8080 --workers 4

      WARTA_TOKEN=s3cret warta serve --allow-ingest
    """
    try:
        import uvicorn

        from warta import settings as settings_mod
        from warta.query import open as open_database
        from warta.server import create_app
    except ImportError as exc:
        typer.echo(f"warta: serve needs the server extra ({exc.name} is missing): "
                   "pip install 'warta[server]'", err=True)
        raise typer.Exit(EXIT_FAILED) from None
    token = token or os.environ.get("WARTA_TOKEN") or None
    try:
        url = str(settings_mod.load(db=db).db)
        # Open the store once now, so a wrong path fails here and not on the first request.
        open_database(url).close()
        app = create_app(url, allow_ingest=allow_ingest, token=token)
    except WartaError as exc:
        typer.echo(f"warta: {exc}", err=True)
        raise typer.Exit(EXIT_FAILED) from None
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"warta: serving {url} on http://{shown}:{port}/ "
               f"({'ingest allowed' if allow_ingest else 'read-only'}); Ctrl+C stops")
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
        return
    from warta.server.app import ENV_DB, ENV_INGEST, ENV_TOKEN

    os.environ[ENV_DB] = url
    os.environ[ENV_INGEST] = "1" if allow_ingest else "0"
    if token:
        os.environ[ENV_TOKEN] = token
    uvicorn.run("warta.server.app:from_environment", factory=True, workers=workers, host=host,
                port=port, log_level="warning", server_header=False)


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the ``warta`` command line."""
    app.command("serve")(serve)


__all__ = ["register", "serve"]

if __name__ == "__main__":  # python -m warta.cli.serve_command: serve without the full CLI
    typer.run(serve)
