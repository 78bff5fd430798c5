"""``warta run``: a whole crawl on Dask into Parquet shards (see :mod:`warta.dist`).

``register(app)`` adds the command to the ``warta`` Typer app. The command parses its arguments,
calls :func:`warta.dist.run` and prints the report; domain errors become one line and exit 2.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from warta.errors import WartaError

if TYPE_CHECKING:
    from warta.dist.runner import DistReport

EXIT_SOME_REJECTED = 1
EXIT_FAILED = 2


def run_command(
    inputs: Annotated[list[str], typer.Argument(
        help="Files, folders (recursive) or globs: WARC/WARC.gz, text, HTML, JSON, JSONL.",
        metavar="PATH…")],
    out: Annotated[Path, typer.Option(
        "--out", help="Folder for the Parquet shards and the manifest (shared by all workers).",
        metavar="DIR")],
    workers: Annotated[int | None, typer.Option(
        help="Worker processes of a local Dask cluster, one thread each (default: one per "
             "CPU).", metavar="N", show_default=False)] = None,
    scheduler: Annotated[str | None, typer.Option(
        help="Address of a running Dask scheduler (tcp://host:8786), or 'synchronous' to run "
             "in this process.", metavar="ADDRESS")] = None,
    partition_size: Annotated[int, typer.Option(
        help="Documents per partition (the unit of work and of resuming).")] = 500,
    db: Annotated[str | None, typer.Option(
        help="Also load the articles into this store (sqlite:///warta.db).",
        metavar="URL")] = None,
    granularity: Annotated[str, typer.Option(
        help="Date folders of the shards: day, month or year.")] = "day",
    stages: Annotated[str | None, typer.Option(
        help="Comma-separated NLP stages, 'default' or 'none'.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress lines.")] = False,
) -> None:
    """Parse a crawl on Dask into Parquet shards of articles, entities, mentions, events,
    quotes and rejects, partitioned by publication date.

    Running the same command again skips the partitions already finished (listed in
    DIR/manifest.jsonl), so a failed or interrupted run is completed by running it again.
    Prints the report as JSON. Exit codes: 0 every input became an article; 1 some were
    rejected (see DIR/rejects); 2 the run failed.

    [b]Examples[/b]

      warta run CC-NEWS-20170914*.warc.gz --out shards/ --workers 2

      warta run crawl/ --out shards/ --scheduler tcp://10.0.0.5:8786 --db sqlite:///crawl.db

      warta run samples/indosum-sample.jsonl --out /tmp/shards --scheduler synchronous
    """
    from warta import settings as settings_mod
    from warta.dist import run

    def tell(report: DistReport) -> None:
        if not quiet:
            data = report.to_dict()
            typer.echo(f"warta run: {data['partitions'] - data['skipped']} partitions done, "
                       f"{data['articles']} articles, "
                       f"{data['articles_per_second']:.1f} articles/s", err=True)

    try:
        settings = settings_mod.load(stages=stages)
        report = run(inputs, out, settings, workers=workers, scheduler=scheduler,
                     partition_size=partition_size, db=db, granularity=granularity,
                     progress=tell)
    except WartaError as exc:
        typer.echo(f"warta: {exc}", err=True)
        raise typer.Exit(EXIT_FAILED) from None
    except OSError as exc:  # a scheduler that cannot be reached, an unwritable folder
        typer.echo(f"warta: the run failed: {exc}", err=True)
        raise typer.Exit(EXIT_FAILED) from None
    typer.echo(json.dumps(report.to_dict(), ensure_ascii=False))
    if report.failed or (report.documents == 0 and report.skipped == 0):
        raise typer.Exit(EXIT_FAILED)
    if report.rejected:
        raise typer.Exit(EXIT_SOME_REJECTED)


def register(app: typer.Typer) -> None:
    """Add ``warta run`` to the ``warta`` app."""
    app.command("run")(run_command)


__all__ = ["register", "run_command"]
