"""Train the learned event-trigger tagger (``warta/models/events/triggers.*``) on the dev split.

    python training/events/triggers.py --indosum ../shared/data/sum-indosum-dev \\
        --out src/warta/models/events [--cv]

Every annotated event of the dev articles of ``eval/events/gold.jsonl`` labels the words of its
trigger (``B-17`` for the first, ``I-17`` for the rest); all other words are ``O``. The features
are ``warta.nlp.event_triggers.sentence_features`` (the same at tagging time). A CRFsuite model
is trained on all dev articles and written with ``triggers.json``, which records the code, label
and PLOVER type each root's learned triggers get (the root's most frequent annotated code).

``--cv`` first runs a 5-fold cross-validation over articles: for each fold a tagger trained on
the other four codes the held-out articles with the full event coder (actors as its rules pick
them), with and without learned triggers, scored as ``warta eval events`` scores (root and
actors). ``--report-ids FILE`` also reports the articles listed in FILE on their own. The test
split is never read.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import pycrfsuite

from warta.evaluate.events import STAGES, _sentence_of, judge_events, load_gold, parsed_articles
from warta.model import Article
from warta.nlp.event_triggers import TriggerTagger, codes_for, sentence_features, sentence_tokens
from warta.nlp.events import code_events

FOLDS = 5
# CRFsuite L1/L2 penalties and iterations, chosen by --cv on dev: 0.05/0.05, 0.3/0.1 and
# 0.1/0.5 scored within 0.01 of these on events with actors.
C1, C2, ITERATIONS = 0.1, 0.1, 100


def sequences(article: Article, events: list[dict[str, Any]]
              ) -> list[tuple[list[dict[str, float]], list[str]]]:
    """(features, labels) of each sentence of an annotated article."""
    text = article.text
    tokens = [sentence_tokens(text, s) for s in article.sentences]
    labels = [["O"] * len(t) for t in tokens]
    for event in events:
        index = _sentence_of(article, event["trigger_start"], event["sentence_index"])
        first = True
        for i, (start, end, _) in enumerate(tokens[index]):
            if event["trigger_start"] <= start and end <= event["trigger_end"]:
                if labels[index][i] == "O":
                    labels[index][i] = ("B-" if first else "I-") + event["root"]
                first = False
    return [(sentence_features(text, s, t), lab)
            for s, t, lab in zip(article.sentences, tokens, labels, strict=True) if t]


def gold_codes(gold: dict[str, dict[str, Any]]) -> dict[str, dict[str, str]]:
    """The code, label and PLOVER type each root's learned triggers get, from the annotated
    codes of that root."""
    by_root: dict[str, list[str]] = {}
    for row in gold.values():
        for event in row["events"]:
            by_root.setdefault(event["root"], []).append(event["code"])
    return codes_for(by_root)


def train(data: list[tuple[list[dict[str, float]], list[str]]], path: Path,
          c1: float = C1, c2: float = C2, iterations: int = ITERATIONS) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for features, labels in data:
        trainer.append(features, labels)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.possible_transitions": True})
    trainer.train(str(path))


def out_of_fold_taggers(articles: dict[str, Article], gold: dict[str, dict[str, Any]],
                        codes: dict[str, dict[str, str]], work: Path,
                        c1: float = C1, c2: float = C2, iterations: int = ITERATIONS,
                        ) -> dict[str, TriggerTagger]:
    """For each article, a tagger trained on the other folds (articles in id order, every
    FOLDS-th in one fold), its model file written to ``work``."""
    ids = sorted(articles)
    fold_of = {aid: i % FOLDS for i, aid in enumerate(ids)}
    taggers: dict[str, TriggerTagger] = {}
    for fold in range(FOLDS):
        data = [s for aid in ids if fold_of[aid] != fold
                for s in sequences(articles[aid], gold[aid]["events"])]
        model = work / f"fold{fold}.crfsuite"
        train(data, model, c1, c2, iterations)
        tagger = TriggerTagger(model, codes)
        taggers.update({aid: tagger for aid in ids if fold_of[aid] == fold})
        print(f"fold {fold + 1}/{FOLDS} trained", file=sys.stderr)
    return taggers


def score(counts: Counter[str]) -> str:
    p = counts["correct"] / counts["predicted"] if counts["predicted"] else 0.0
    r = counts["correct"] / counts["gold"] if counts["gold"] else 0.0
    rp = counts["root"] / counts["predicted"] if counts["predicted"] else 0.0
    rr = counts["root"] / counts["gold"] if counts["gold"] else 0.0
    return (f"with actors P {p:.3f} R {r:.3f}; root only P {rp:.3f} R {rr:.3f} "
            f"({counts['predicted']} events, {counts['gold']} gold)")


def cross_validate(articles: dict[str, Article], gold: dict[str, dict[str, Any]],
                   codes: dict[str, dict[str, str]], options: argparse.Namespace) -> None:
    listed = set(options.report_ids.read_text().split()) if options.report_ids else set()
    totals: dict[tuple[str, str], Counter[str]] = {}
    with tempfile.TemporaryDirectory() as work:
        taggers = out_of_fold_taggers(articles, gold, codes, Path(work), options.c1, options.c2,
                                      options.iterations)
        for aid in sorted(articles):
            for name, learned in (("lexicon only", False), ("lexicon + learned", True)):
                # The rules' actors: the shipped actor model has seen every dev article.
                events = code_events(articles[aid], tagger=taggers[aid], learned=learned,
                                     learned_actors=False)
                verdicts, _, _ = judge_events(articles[aid], gold[aid]["events"], events)
                for group in ["all", *(["listed"] if aid in listed else [])]:
                    counts = totals.setdefault((group, name), Counter())
                    counts["predicted"] += len(events)
                    counts["gold"] += len(gold[aid]["events"])
                    counts["correct"] += verdicts.count("correct")
                    counts["root"] += verdicts.count("correct") + verdicts.count("root")
    for (group, name), counts in sorted(totals.items()):
        print(f"cross-validated, {group} articles, {name}: {score(counts)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--indosum", type=Path, required=True, help="IndoSum folder")
    parser.add_argument("--gold", type=Path, default=Path("eval/events/gold.jsonl"))
    parser.add_argument("--out", type=Path, required=True, help="folder for triggers.*")
    parser.add_argument("--c1", type=float, default=C1)
    parser.add_argument("--c2", type=float, default=C2)
    parser.add_argument("--iterations", type=int, default=ITERATIONS)
    parser.add_argument("--cv", action="store_true", help="cross-validate first")
    parser.add_argument("--report-ids", type=Path, help="ids to report on their own in --cv")
    options = parser.parse_args(argv)

    gold = {row["indosum_id"]: row for row in load_gold(options.gold, "dev")}
    stages = [s for s in STAGES if s != "events"]
    articles = dict(parsed_articles(options.indosum, set(gold), stages))
    missing = set(gold) - set(articles)
    if missing:
        parser.error(f"{len(missing)} annotated articles not found in {options.indosum}")
    codes = gold_codes(gold)
    options.out.mkdir(parents=True, exist_ok=True)
    if options.cv:
        cross_validate(articles, gold, codes, options)
    data = [s for aid in sorted(articles) for s in sequences(articles[aid], gold[aid]["events"])]
    train(data, options.out / "triggers.crfsuite", options.c1, options.c2, options.iterations)
    meta = {"format": 1, "model": "triggers.crfsuite", "trained_on": f"{options.gold} (dev)",
            "articles": len(articles), "events": sum(len(r["events"]) for r in gold.values()),
            "c1": options.c1, "c2": options.c2, "iterations": options.iterations,
            "codes": codes}
    (options.out / "triggers.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n",
                                               encoding="utf-8")
    print(f"wrote {options.out / 'triggers.crfsuite'} ({len(data)} sentences)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
