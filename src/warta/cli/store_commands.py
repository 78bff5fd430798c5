"""The store's commands: ``ingest``, ``search``, ``entities``, ``show``, ``story``, ``export``.

Each command parses its arguments, calls :mod:`warta.store` or :mod:`warta.query`, and prints
what it returns. ``register(app)`` adds them to the ``warta`` Typer app. Domain errors (a bad
store URL, a bad date, a missing article) are one line on stderr and exit code 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from warta.errors import WartaError

EXIT_SOME_REJECTED = 1
EXIT_FAILED = 2

DbOption = Annotated[str | None, typer.Option(
    "--db", help="Store URL (default: the 'db' setting, sqlite:///warta.db).",
    metavar="URL")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON Lines instead of a table.")]


def _fail(message: str) -> typer.Exit:
    typer.echo(f"warta: {message}", err=True)
    return typer.Exit(EXIT_FAILED)


def _db_url(db: str | None) -> str:
    from warta import settings as settings_mod

    return str(settings_mod.load(db=db).db)


@contextmanager
def _reading(db: str | None) -> Iterator[Any]:
    """The query layer's view of the store, with domain errors turned into exit code 2."""
    import warta.query

    try:
        database = warta.query.open(_db_url(db))
    except WartaError as exc:
        raise _fail(str(exc)) from None
    try:
        yield database
    except WartaError as exc:
        raise _fail(str(exc)) from None
    finally:
        database.close()


def ingest(
    inputs: Annotated[list[str], typer.Argument(
        help="Files, folders (recursive) or globs: text, HTML, JSON, JSONL (IndoSum too); "
             "'-' reads stdin.", metavar="PATH…")],
    db: DbOption = None,
    report: Annotated[Path | None, typer.Option(
        "--report", help="Write every rejected input with its reason here (JSON Lines).",
        metavar="FILE")] = None,
    stages: Annotated[str | None, typer.Option(
        help="Comma-separated NLP stages, 'default' or 'none'.")] = None,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print the closing summary as JSON instead of a table.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    reparse: Annotated[bool, typer.Option(
        "--reparse", help="Parse inputs stored before too (after upgrading warta's stages).")
    ] = False,
    engine: Annotated[str, typer.Option(
        help="local (this process) or dask (a cluster: Parquet shards, then the store).")
    ] = "local",
    workers: Annotated[int | None, typer.Option(
        help="With --engine dask: local workers (default: one per CPU).")] = None,
    scheduler: Annotated[str | None, typer.Option(
        help="With --engine dask: address of an existing scheduler.", metavar="ADDRESS")
    ] = None,
    out: Annotated[Path, typer.Option(
        help="With --engine dask: folder for the Parquet shards and the run's manifest.")
    ] = Path("warta-shards"),
) -> None:
    """Parse news into the store; changed articles are updated in place.

    Running the same command again parses only what is new or changed,
    so an interrupted ingest (even kill -9) is finished by re-running it.
    Near-duplicates (syndicated copies, re-posts) are marked with the
    article they copy. The closing summary counts new, updated,
    unchanged, near-duplicate and rejected inputs (by reason).

    Exit codes: 0 all stored; 1 some rejected; 2 store failed or no input.

    [b]Examples[/b]

      warta ingest samples/

      warta ingest 'crawl/**/*.html' --db sqlite:///crawl.db

      warta ingest crawl.jsonl --report rejects.jsonl

      cat articles.jsonl | warta ingest -

      warta ingest crawl/*.warc.gz --engine dask --workers 2 --out shards/
    """
    if engine not in ("local", "dask"):
        raise _fail(f"unknown engine {engine!r}; use local or dask")
    if engine == "dask":
        _ingest_on_dask(inputs, db, stages, workers, scheduler, out, as_json)
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from warta import settings as settings_mod
    from warta.store import open_store
    from warta.store.ingest import IngestReport, count_inputs, write_rejects
    from warta.store.ingest import ingest as run_ingest

    errors = Console(stderr=True)
    try:
        settings = settings_mod.load(db=db, stages=stages)
        store = open_store(settings.db)
    except WartaError as exc:
        raise _fail(str(exc)) from None
    total = None if "-" in inputs else count_inputs(inputs)
    columns = [TextColumn("[b]ingest[/b]"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:>6.1f} articles/s"), TextColumn("ETA"),
               TimeRemainingColumn(), TextColumn("elapsed"), TimeElapsedColumn()]
    progress = Progress(*columns, console=errors, disable=quiet or not errors.is_terminal,
                        transient=False)
    task = progress.add_task("ingest", total=total, rate=0.0)

    def advance(state: IngestReport) -> None:
        rate = state.done / state.seconds if state.seconds else 0.0
        progress.update(task, completed=state.done, rate=rate)

    try:
        with progress:
            result = run_ingest(inputs, store, settings, progress=advance, reparse=reparse)
    except WartaError as exc:
        raise _fail(str(exc)) from None
    finally:
        store.close()
    if report is not None:
        write_rejects(result, report)
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    else:
        _print_summary(result, settings.db)
    if result.done == 0:
        raise _fail("no inputs were read; check the paths")
    if result.rejected:
        raise typer.Exit(EXIT_SOME_REJECTED)


def _ingest_on_dask(inputs: list[str], db: str | None, stages: str | None, workers: int | None,
                    scheduler: str | None, out: Path, as_json: bool) -> None:
    """``ingest --engine dask``: the same pipeline on a Dask cluster (see ``warta run``), its
    shards then loaded into the store."""
    from warta import settings as settings_mod
    from warta.dist import run as run_on_dask

    try:
        settings = settings_mod.load(db=db, stages=stages)
        report = run_on_dask(inputs, out, settings, workers=workers, scheduler=scheduler,
                             db=settings.db)
    except WartaError as exc:
        raise _fail(str(exc)) from None
    summary = report.to_dict()
    if as_json:
        typer.echo(json.dumps(summary, ensure_ascii=False))
    else:
        typer.echo(f"ingested on dask into {settings.db}: {report.articles} articles, "
                   f"{report.stored} stored, rejected {dict(report.rejected) or 'none'}; "
                   f"shards in {out}")
    if report.rejected:
        raise typer.Exit(EXIT_SOME_REJECTED)


def _print_summary(result: Any, url: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"ingest into {url}", show_header=True)
    table.add_column("result")
    table.add_column("inputs", justify="right")
    for label, count in (("new", result.new), ("updated", result.updated),
                         ("unchanged", result.unchanged),
                         ("  of which near-duplicate", result.near_duplicates)):
        table.add_row(label, f"{count:,}")
    for reason, count in result.rejected.most_common():
        table.add_row(f"rejected: {reason}", f"{count:,}")
    rate = result.done / result.seconds if result.seconds else 0.0
    table.add_row("[b]total[/b]", f"[b]{result.done:,}[/b]")
    console = Console()
    console.print(table)
    console.print(f"{result.seconds:.1f} s, {rate:.1f} inputs/s")


def search(
    query: Annotated[str, typer.Argument(
        help='Words (all must occur), "quoted phrases", word* for a prefix. Affixes do not '
             'matter: serang finds serangan, menyerang, diserang.', metavar='"QUERY"')] = "",
    outlet: Annotated[str | None, typer.Option(help="Outlet name or domain.")] = None,
    date_from: Annotated[str | None, typer.Option(
        "--from", help="Published on or after (YYYY-MM-DD, YYYY-MM or YYYY).")] = None,
    date_to: Annotated[str | None, typer.Option(
        "--to", help="Published on or before (YYYY-MM-DD, YYYY-MM or YYYY).")] = None,
    entity: Annotated[str | None, typer.Option(
        help="Only articles naming this entity (key or name).")] = None,
    type: Annotated[str | None, typer.Option(
        "--type", help="Entity type for --entity (PER, ORG, LOC, GPE, EVT, MISC).")] = None,
    limit: Annotated[int, typer.Option(help="How many results.")] = 20,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Search the store, best matches first (BM25), with highlighted snippets.

    [b]Examples[/b]

      warta search serang

      warta search "Zulkifli Hasan" --from 2016-01-01 --limit 5

      warta search banjir --outlet Kompas --entity Jakarta --json
    """
    from rich.console import Console
    from rich.text import Text

    with _reading(db) as database:
        hits = database.search(query, outlet=outlet, date_from=date_from, date_to=date_to,
                               entity=entity, type=type, limit=limit)
    if as_json:
        for hit in hits:
            typer.echo(json.dumps(hit.to_dict(), ensure_ascii=False))
        return
    console = Console()
    if not hits:
        console.print("no matching articles")
        return
    for number, hit in enumerate(hits, 1):
        head = Text(f"{number}. ", style="bold")
        head.append(hit.title or "(untitled)", style="bold")
        head.append(f"  {hit.id}", style="dim")
        console.print(head)
        meta = " · ".join(x for x in ((hit.published or "")[:16], hit.outlet or "",
                                      f"score {hit.score:.2f}") if x)
        if hit.duplicate_of:
            meta += f" · copy of {hit.duplicate_of}"
        console.print(Text(meta, style="dim"))
        snippet = Text(hit.snippet)
        for start, end in hit.highlights:
            snippet.stylize("bold yellow", start, end)
        console.print(snippet)
        console.print()


def entities(
    type: Annotated[str | None, typer.Option(
        "--type", help="Only this type (PER, ORG, LOC, GPE, EVT, MISC).")] = None,
    top: Annotated[int, typer.Option(help="How many entities.")] = 30,
    name: Annotated[str | None, typer.Option(help="Only entities whose name contains this.")
                    ] = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The most mentioned people, organisations and places.

    Each with its mention and article counts and first and last seen.

    [b]Examples[/b]

      warta entities --type PER --top 20

      warta entities --name Jokowi --json
    """
    from rich.console import Console
    from rich.table import Table

    with _reading(db) as database:
        rows = database.entities(type=type, top=top, name=name)
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    table = Table(title="entities")
    for column in ("name", "type", "mentions", "articles", "first seen", "last seen", "key"):
        table.add_column(column, justify="right" if column in ("mentions", "articles")
                         else "left", overflow="fold")
    for row in rows:
        table.add_row(row["name"], row["type"], f"{row['mentions']:,}", f"{row['articles']:,}",
                      (row["first_seen"] or "")[:10], (row["last_seen"] or "")[:10], row["key"])
    Console().print(table)


def show(
    article_id: Annotated[str, typer.Argument(help="The article's id.", metavar="ID")],
    db: DbOption = None,
) -> None:
    """Print one stored article as JSON (schema warta.article/1).

    [b]Example[/b]

      warta show 90e2265d2f9e659d
    """
    with _reading(db) as database:
        article = database.article(article_id)
    if article is None:
        raise _fail(f"no article with id {article_id!r} in the store; "
                    "find ids with warta search")
    typer.echo(article.to_json(indent=2))


def story(
    article_id: Annotated[str, typer.Argument(help="An article's id (or a story id).",
                                              metavar="ID")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The articles that tell the same story as an article, oldest first.

    Stories are clustered at ingest: articles of the last few days whose
    most distinctive words and entities match (see eval/stories/README.md).

    [b]Examples[/b]

      warta story 90e2265d2f9e659d

      warta story 90e2265d2f9e659d --json
    """
    from rich.console import Console
    from rich.table import Table

    with _reading(db) as database:
        article = database.article(article_id)
        story_id = article.story if article is not None and article.story else article_id
        rows = database.story(story_id)
    if not rows:
        raise _fail(f"no article or story with id {article_id!r} in the store; "
                    "find ids with warta search")
    if as_json:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    table = Table(title=f"story {story_id}: {len(rows)} article(s)")
    for column in ("published", "outlet", "title or url", "id"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row((row["published"] or "")[:16].replace("T", " "), row["outlet"] or "",
                      row["title"] or row["url"] or "", row["id"])
    Console().print(table)


def export(
    format: Annotated[str, typer.Option(
        "--format", help="jsonl, csv or parquet (parquet needs pyarrow).")] = "jsonl",
    what: Annotated[str, typer.Option(
        "--what", help="articles, entities, mentions, events, quotes or rejects.")
    ] = "articles",
    out: Annotated[Path | None, typer.Option(
        "--out", help="File to write (default: stdout; parquet needs a file).",
        metavar="FILE")] = None,
    db: DbOption = None,
) -> None:
    """Export a table of the store, streamed (memory stays flat).

    Articles in JSON Lines are whole Article records; every other table
    is flat rows carrying the article id, ready for pandas, R or QGIS.

    [b]Examples[/b]

      warta export --what articles > articles.jsonl

      warta export --format csv --what entities --out entities.csv

      warta export --format parquet --what events --out events.parquet
    """
    from warta.query.tables import EXPORTS, FORMATS

    if format not in FORMATS:
        raise _fail(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    if what not in EXPORTS:
        raise _fail(f"cannot export {what!r}; choose one of {', '.join(EXPORTS)}")
    if format == "parquet" and out is None:
        raise _fail("parquet is binary: give a file with --out")
    with _reading(db) as database:
        if out is None:
            count = database.export(what, format, sys.stdout)
        else:
            try:
                handle = out.open("wb" if format == "parquet" else "w", encoding=None
                                  if format == "parquet" else "utf-8",
                                  newline=None if format == "parquet" else "")
            except OSError as exc:
                raise _fail(f"cannot write {out}: {exc.strerror}") from None
            with handle:
                count = database.export(what, format, handle)
    if out is not None:
        typer.echo(f"wrote {count:,} {what} to {out}", err=True)


def register(app: typer.Typer) -> None:
    """Add the store's commands to the ``warta`` app."""
    app.command()(ingest)
    app.command()(search)
    app.command()(entities)
    app.command()(show)
    app.command()(story)
    app.command()(export)


__all__ = ["register"]
