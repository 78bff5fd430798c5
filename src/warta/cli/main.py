"""The ``warta`` command line: each command parses its arguments, calls the library, prints.

Domain errors become one line on stderr and a non-zero exit code, never a traceback.
Exit codes: 0 all inputs became articles; 1 some inputs were rejected (each reported);
2 nothing could be processed (bad usage, unreadable or rejected input).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Annotated, Any

import typer

from warta.errors import WartaError

app = typer.Typer(
    name="warta",
    help="Indonesian online news into structured, searchable knowledge.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
eval_app = typer.Typer(help="Measure warta against public data sets.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

EXIT_SOME_REJECTED = 1
EXIT_FAILED = 2


def _fail(message: str) -> typer.Exit:
    typer.echo(f"warta: {message}", err=True)
    return typer.Exit(EXIT_FAILED)


def _report_rejection(rejection: object) -> None:
    from warta.model import Rejection

    assert isinstance(rejection, Rejection)
    where = rejection.origin.get("path", "-")
    if "line" in rejection.origin:
        where += f":{rejection.origin['line']}"
    typer.echo(f"warta: rejected {where} ({rejection.code}): {rejection.reason.message}",
               err=True)


@app.command()
def parse(
    inputs: Annotated[list[str], typer.Argument(
        help="Files, folders or globs of pages (text, HTML, JSON, JSONL); '-' reads stdin.",
        metavar="FILE|-")],
    url: Annotated[str | None, typer.Option(help="The page's URL (identifies the outlet).")] = None,
    published: Annotated[str | None, typer.Option(
        help="Publication time, overriding the page's (ISO 8601 or Indonesian).")] = None,
    stages: Annotated[str | None, typer.Option(
        help="Comma-separated NLP stages, 'default' or 'none'.")] = None,
    compact: Annotated[bool, typer.Option(
        "--compact", help="One JSON object per line (JSON Lines) instead of indented JSON.")
    ] = False,
) -> None:
    """Parse news pages into Article JSON (schema warta.article/1).

    One input prints one JSON document; several (or a JSONL file) print JSON Lines.
    Rejected inputs are reported on stderr with their reason.

    [b]Examples[/b]

      warta parse page.txt

      cat page.html | warta parse - --url https://www.republika.co.id/berita/…

      warta parse crawl.jsonl --compact > articles.jsonl
    """
    from warta import settings as settings_mod
    from warta.api import parse_many
    from warta.model import Article
    from warta.sources.files import read_all

    try:
        settings = settings_mod.load(stages=stages)
        documents = list(read_all(inputs, settings.max_input_bytes, url=url))
        if published:
            from warta.model import replace
            from warta.sources.raw import RawDocument

            documents = [replace(d, hints={**d.hints, "published": published})
                         if isinstance(d, RawDocument) else d for d in documents]
        results = list(parse_many(documents, settings=settings))
    except WartaError as exc:
        raise _fail(str(exc)) from None
    articles = [r for r in results if isinstance(r, Article)]
    rejected = [r for r in results if not isinstance(r, Article)]
    for rejection in rejected:
        _report_rejection(rejection)
    single = len(results) == 1 and not compact
    for article in articles:
        typer.echo(article.to_json(indent=2 if single else None))
    if not articles:
        raise typer.Exit(EXIT_FAILED)
    if rejected:
        raise typer.Exit(EXIT_SOME_REJECTED)


@app.command()
def demo(
    folder: Annotated[Path, typer.Argument(help="Folder of sample pages.")] = Path("samples"),
) -> None:
    """Parse the bundled sample corpus and print one line per article, then a summary.

    [b]Example[/b]

      warta demo samples
    """
    from warta import settings as settings_mod
    from warta.api import parse_many
    from warta.model import Article
    from warta.sources.files import read_all

    settings = settings_mod.load()
    reasons: Counter[str] = Counter()
    outlets: Counter[str] = Counter()
    typer.echo(f"{'published':<16}  {'outlet':<14}  {'dateline':<12}  title")
    for result in parse_many(read_all([str(folder)], settings.max_input_bytes),
                             settings=settings):
        if not isinstance(result, Article):
            reasons[result.code] += 1
            _report_rejection(result)
            continue
        outlet = result.outlet.name if result.outlet else "?"
        outlets[outlet] += 1
        typer.echo(
            f"{(result.published or '')[:16]:<16}  {outlet[:14]:<14}  "
            f"{(result.dateline.text if result.dateline else '')[:12]:<12}  "
            f"{(result.title or result.text[:60])[:70]}"
        )
    total = sum(outlets.values())
    by_outlet = ", ".join(f"{name} {n}" for name, n in outlets.most_common())
    rejected = ", ".join(f"{n} {reason}" for reason, n in reasons.most_common()) or "none"
    typer.echo(f"\n{total} articles parsed ({by_outlet}); rejected: {rejected}")


@app.command()
def stages() -> None:
    """List the NLP stages that can be named in --stages, with what each needs and adds.

    [b]Example[/b]

      warta stages
    """
    from warta.nlp.pipeline import BUILTIN, DEFAULT_STAGES

    for name, (_, requires, assigns) in sorted(BUILTIN.items()):
        marker = "*" if name in DEFAULT_STAGES else " "
        typer.echo(f"{marker} {name:<12} needs {', '.join(requires):<32} adds {', '.join(assigns)}")
    typer.echo("(* = run by default)")


@app.command("settings")
def show_settings(
    as_json: Annotated[bool, typer.Option("--json", help="Print as JSON.")] = False,
) -> None:
    """List every setting with its type, default and current value.

    Settings come from defaults, then warta.toml (or $WARTA_CONFIG), then WARTA_<NAME>
    environment variables, then command options.

    [b]Example[/b]

      WARTA_LANGUAGES=id,ms warta settings --json
    """
    from warta import settings as settings_mod

    try:
        current = settings_mod.load()
    except WartaError as exc:
        raise _fail(str(exc)) from None
    rows = settings_mod.describe()
    for row in rows:
        row["value"] = str(current.values[row["name"]])
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        typer.echo(f"{row['name']} = {row['value']}  ({row['type']}, default {row['default']})")
        typer.echo(f"    {row['help']}")


@app.command()
def bench(
    corpus: Annotated[list[str], typer.Argument(
        help="Corpus: IndoSum JSONL, folders or files of pages.")] = ["samples"],  # noqa: B006
    limit: Annotated[int | None, typer.Option(help="Use at most this many documents.")] = None,
    workers: Annotated[int, typer.Option(
        help="Also measure end to end on this many processes (0 = skip).")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    out: Annotated[Path | None, typer.Option(
        help="Also write the JSON report to this file (e.g. benchmarks/results/x.json).")
    ] = None,
) -> None:
    """Measure throughput per stage and end to end, and peak memory.

    Model loading is excluded (every stage is warmed up first). Tokens are whitespace tokens
    of the clean body.

    [b]Examples[/b]

      warta bench samples

      warta bench dev.01.jsonl --workers 2 --out benchmarks/results/dev01.json
    """
    from rich.console import Console

    from warta import bench as bench_mod
    from warta import settings as settings_mod

    console = Console(stderr=True)
    try:
        settings = settings_mod.load()
        with console.status("benchmarking…") as status:
            report = bench_mod.run(corpus, settings, limit=limit, workers=workers,
                                   progress=lambda msg: status.update(msg))
    except WartaError as exc:
        raise _fail(str(exc)) from None
    data = report.to_dict()
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    if as_json:
        typer.echo(json.dumps(data, indent=2))
        return
    typer.echo(f"corpus: {report.corpus}: {report.articles} articles "
               f"({report.rejected} rejected), {report.tokens:,} tokens")
    typer.echo(f"{'stage':<12} {'articles/s':>11} {'tokens/s':>11} {'ms/article':>11}")
    for s in report.stages:
        tokens_per_s = s.tokens / s.seconds if s.seconds else 0.0
        typer.echo(f"{s.name:<12} {s.articles_per_second:>11.1f} {tokens_per_s:>11,.0f} "
                   f"{s.ms_per_article:>11.2f}")
    typer.echo(f"end to end, 1 core: {report.end_to_end_1:.1f} articles/s")
    if report.end_to_end_n is not None:
        typer.echo(f"end to end, {report.workers} processes: {report.end_to_end_n:.1f} articles/s")
    typer.echo(f"peak RSS: {report.peak_rss_mb:.0f} MB")


@app.command()
def events(
    inputs: Annotated[list[str] | None, typer.Argument(
        help="Pages to parse (as for 'warta parse'); or use --db.", metavar="[FILE|-]...")
    ] = None,
    db: Annotated[str | None, typer.Option(help="Read events from this store instead.",
                                           metavar="URL")] = None,
    output_format: Annotated[str, typer.Option(
        "--format", help="tsv (GDELT-like columns, docs/events-tsv.md) or jsonl.")] = "tsv",
    code: Annotated[str | None, typer.Option(help="Only CAMEO codes with this prefix.")] = None,
    min_confidence: Annotated[float, typer.Option(
        min=0.0, max=1.0,
        help="Only events at least this likely to be right (0-1). On the annotated test "
             "set, 0.6 trades recall for precision: see the README's event figures.")] = 0.0,
    limit: Annotated[int, typer.Option(help="With --db: at most this many events.")] = 1000,
) -> None:
    """Who did what to whom: CAMEO-coded events, one row each.

    [b]Examples[/b]

      warta events page.txt

      warta events --db sqlite:///warta.db --code 19 --min-confidence 0.6 --format jsonl
    """
    from warta.nlp import event_table

    rows: Any
    try:
        if db:
            from warta.query import open as open_db

            with open_db(db) as database:
                rows = list(event_table.from_store(database.events(
                    code=code, min_confidence=min_confidence, limit=limit)))
        else:
            if not inputs:
                raise _fail("give pages to parse, or --db URL")
            from warta import settings as settings_mod
            from warta.api import parse_many
            from warta.model import Article
            from warta.sources.files import read_all

            settings = settings_mod.load()
            stages = ["sentences", "entities", "times", "quantities", "quotes", "events"]
            rows = []
            for result in parse_many(read_all(inputs, settings.max_input_bytes),
                                     settings=settings, stages=stages):
                if isinstance(result, Article):
                    rows.extend(r for r in event_table.from_article(result)
                                if (not code or str(r["code"]).startswith(code))
                                and float(r["confidence"]) >= min_confidence)
                else:
                    _report_rejection(result)
    except WartaError as exc:
        raise _fail(str(exc)) from None
    if output_format == "jsonl":
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
    elif output_format == "tsv":
        event_table.write_tsv(rows, sys.stdout)
    else:
        raise _fail(f"unknown format {output_format!r}; use tsv or jsonl")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the Article record (warta.article/1).

    [b]Example[/b]

      warta schema > warta.article-1.json
    """
    from warta.model import json_schema

    typer.echo(json.dumps(json_schema(), indent=2, sort_keys=True))


def _register_commands() -> None:
    """Commands that live in their own modules, added the same way as the ones above."""
    from warta.cli import dist_command, eval_commands, serve_command, store_commands

    store_commands.register(app)
    dist_command.register(app)
    serve_command.register(app)
    eval_commands.register(eval_app)


_register_commands()


def main() -> None:
    try:
        app()
    except WartaError as exc:
        typer.echo(f"warta: {exc}", err=True)
        sys.exit(EXIT_FAILED)
    except KeyboardInterrupt:
        typer.echo("warta: interrupted", err=True)
        sys.exit(130)
