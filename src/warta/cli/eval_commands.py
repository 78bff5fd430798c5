"""``warta eval …``: each command forwards to the evaluation module that does the work.

The evaluation modules (:mod:`warta.evaluate`) are also runnable as ``python -m``; these
commands give them one front door with the same options.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated

import typer

DEFAULT_DATA = Path("../shared/data")

DataOption = Annotated[Path, typer.Option(
    "--data", help="Folder holding the public data sets (see ../shared/data/README.md).")]
IndoSumOption = Annotated[Path, typer.Option(
    "--indosum", help="Folder with the IndoSum *.jsonl files.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the report as JSON.")]


def _run(module: str, argv: list[str]) -> None:
    try:
        code = importlib.import_module(f"warta.evaluate.{module}").main(argv)
    except FileNotFoundError as exc:
        typer.echo(f"warta: cannot read the data: {exc}", err=True)
        raise typer.Exit(2) from None
    raise typer.Exit(code or 0)


def _flags(as_json: bool) -> list[str]:
    return ["--json"] if as_json else []


def ner(
    which: Annotated[str, typer.Option("--set", help="idner, nergrit or nerp.")],
    data: DataOption = DEFAULT_DATA,
    split: Annotated[str, typer.Option(help="train, dev or test.")] = "test",
    as_json: JsonOption = False,
) -> None:
    """NER precision, recall and F1 per type and micro-averaged (strict spans, conlleval).

    [b]Example[/b]

      warta eval ner --data ../shared/data --set nergrit
    """
    _run("ner", ["--data", str(data), "--set", which, "--split", split, *_flags(as_json)])


def dates(indosum: IndoSumOption = DEFAULT_DATA / "sum-indosum-dev",
          as_json: JsonOption = False) -> None:
    """'<weekday> (d/m)' dates in IndoSum: how many are found, how many fall on that weekday.

    [b]Example[/b]

      warta eval dates --indosum ../shared/data/sum-indosum-dev
    """
    _run("dates", ["--indosum", str(indosum), *_flags(as_json)])


def summary(indosum: IndoSumOption = DEFAULT_DATA / "sum-indosum-dev",
            split: Annotated[str, typer.Option(help="train, dev or test.")] = "test",
            as_json: JsonOption = False) -> None:
    """ROUGE-1/2/L of warta's summaries against IndoSum's, with LEAD-3 beside them.

    [b]Example[/b]

      warta eval summary --indosum ../shared/data/sum-indosum-dev
    """
    _run("summary", ["--indosum", str(indosum), "--split", split, *_flags(as_json)])


def topics(indosum: IndoSumOption = DEFAULT_DATA / "sum-indosum-dev",
           as_json: JsonOption = False) -> None:
    """Topic accuracy, macro-F1 and confusion matrix (article-level cross-validation).

    [b]Example[/b]

      warta eval topics --indosum ../shared/data/sum-indosum-dev
    """
    _run("topics", ["--indosum", str(indosum), *_flags(as_json)])


def _events_or_quotes(only: str, indosum: Path, gold: Path, split: str, as_json: bool) -> None:
    _run("events", ["--indosum", str(indosum), "--gold", str(gold), "--split", split,
                    "--only", only, *_flags(as_json)])


GoldOption = Annotated[Path, typer.Option(help="The annotated set (JSON Lines).")]
SplitOption = Annotated[str, typer.Option(help="dev (for tuning), test or all.")]


def events(indosum: IndoSumOption = DEFAULT_DATA / "sum-indosum-dev",
           gold: GoldOption = Path("eval/events/gold.jsonl"), split: SplitOption = "test",
           as_json: JsonOption = False) -> None:
    """Event precision and recall on the annotated set (CAMEO root, correct actors).

    [b]Example[/b]

      warta eval events --indosum ../shared/data/sum-indosum-dev --split test
    """
    _events_or_quotes("events", indosum, gold, split, as_json)


def quotes(indosum: IndoSumOption = DEFAULT_DATA / "sum-indosum-dev",
           gold: GoldOption = Path("eval/events/gold.jsonl"), split: SplitOption = "test",
           as_json: JsonOption = False) -> None:
    """Quote recall and speaker-attribution accuracy on the annotated set.

    [b]Example[/b]

      warta eval quotes --indosum ../shared/data/sum-indosum-dev --split test
    """
    _events_or_quotes("quotes", indosum, gold, split, as_json)


def stories(indosum: IndoSumOption = DEFAULT_DATA / "sum-indosum-dev",
            pairs: Annotated[Path, typer.Option(
                help="Hand-labelled pairs (eval/stories/GUIDELINE.md).")
            ] = Path("eval/stories/pairs.jsonl"),
            split: SplitOption = "test",
            subset: Annotated[bool, typer.Option(
                "--subset", help="Ingest only the articles of the pairs (fast, approximate).")
            ] = False,
            as_json: JsonOption = False) -> None:
    """Story clustering: precision and recall of 'same story' on labelled article pairs.

    Ingests IndoSum into an in-memory store the way warta ingest does,
    then compares the stories it formed with the labels.

    [b]Example[/b]

      warta eval stories --indosum ../shared/data/sum-indosum-dev --split test
    """
    _run("stories", ["--indosum", str(indosum), "--pairs", str(pairs), "--split", split,
                     *(["--subset"] if subset else []), *_flags(as_json)])


def register(eval_app: typer.Typer) -> None:
    for command in (ner, dates, summary, topics, events, quotes, stories):
        eval_app.command()(command)
