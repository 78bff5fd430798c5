"""Where the event coder's errors are, counted on the dev split with out-of-fold models.

    python eval/events/tools/error_classes.py --indosum DIR [--gold eval/events/gold.jsonl]

Every dev article is coded by a trigger tagger and an actor model that did not see it (the
folds of training/events/triggers.py and actors.py, with the options of the shipped actor
model), so the counts describe the coder on text its models were not fitted to. The lexicon and
rules were written while reading these articles, so they still flatter it. Printed:

- the scores (events with correct actors, root only), as `warta eval events` counts them;
- each annotated event with no coded event of its root in its sentence, by why: no lexicon
  trigger at its words (the sentence coded nothing / coded other events), a lexicon trigger the
  context rules set aside (of the right root or another), or coded with another root; and how
  many different phrasings the misses without a lexicon trigger are;
- the words that are an annotated trigger's first word in at least three articles and at least
  half of their occurrences, but that no lexicon trigger covers (candidates for the lexicon);
- coded events from the learned tagger and from the lexicon, right and wrong;
- events with the right root and wrong actors, by role: a wrong actor or an empty role;
- extra events (no annotated event) by factuality and by the word before the trigger.

``--examples FILE`` also writes every error, one JSON object per line, to read them one by one:
a missed annotated event (``kind: "missed"``, with why, as the report counts it), an extra coded
event (``"extra"``), and a right root with wrong actors (``"actors"``), each with its article
id, sentence text, and the annotated and coded codes, triggers and actors.

The test split is never read.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warta.evaluate.events import (
    STAGES,
    _actor_ok,
    _sentence_of,
    judge_events,
    load_gold,
    parsed_articles,
)
from warta.model import Article, Event
from warta.nlp.event_lexicon import find_triggers, lexicon
from warta.nlp.event_triggers import stem

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "training" / "events"))
import actors  # the actor model's training, which codes articles out of fold

_WORD = re.compile(r"\w+(?:-\w+)*")


def out_of_fold(indosum: Path, gold: dict[str, dict[str, Any]]) -> dict[str, Article]:
    """Each dev article with the events its out-of-fold models code."""
    before_events = [stage for stage in STAGES if stage != "events"]
    articles = dict(sorted(parsed_articles(indosum, set(gold), before_events)))
    with tempfile.TemporaryDirectory() as work:
        return actors.coded_out_of_fold(articles, gold, Path(work))


def _lexicon_spans(article: Article) -> dict[tuple[int, int], str]:
    """Each lexicon trigger of the article: its span and CAMEO root."""
    lex = lexicon()
    return {(start, end): lex.triggers[key].code[:2] for s in article.sentences
            for start, end, key in find_triggers(article.text, s.start, s.end)}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _annotated_outcome(article: Article, g: dict[str, Any], spans: dict[tuple[int, int], str]
                       ) -> tuple[str, list[Event]]:
    """What the coder made of one annotated event: "right" (an event of its root in its sentence
    with the annotated actors), "actors" (the root, wrong actors; with the coded event nearest
    its trigger), or why it was missed (the counts' labels in ``report``; with the events coded
    at its trigger under another root)."""
    events = article.events
    sentence = _sentence_of(article, g["trigger_start"], g["sentence_index"])
    trigger = (g["trigger_start"], g["trigger_end"])
    same = [e for e in events if e.sentence == sentence and e.code[:2] == g["root"]]
    if same:
        if any(_actor_ok(g["actor1"], g["actor1_code"], e.actor1)
               and _actor_ok(g["actor2"], g["actor2_code"], e.actor2) for e in same):
            return "right", []
        return "actors", [min(same, key=lambda e: abs(e.trigger.start - g["trigger_start"]))]
    lexical = [root for span, root in spans.items() if _overlaps(span, trigger)]
    at_trigger = [e for e in events if e.sentence == sentence
                  and _overlaps((e.trigger.start, e.trigger.end), trigger)]
    if at_trigger:
        return "coded with another root", at_trigger
    if g["root"] in lexical:
        return "lexicon trigger of the right root, set aside", []
    if lexical:
        return "lexicon trigger of another root, set aside", []
    if any(e.sentence == sentence for e in events):
        return "no lexicon trigger; the sentence coded other events", []
    return "no lexicon trigger; the sentence coded nothing", []


def report(articles: dict[str, Article], gold: dict[str, dict[str, Any]]) -> None:
    scores: Counter[str] = Counter()
    misses: Counter[str] = Counter()
    phrasings: Counter[tuple[str, str]] = Counter()
    by_source: Counter[tuple[str, str]] = Counter()
    roles: Counter[str] = Counter()
    extra_factuality: Counter[str] = Counter()
    extra_before: Counter[str] = Counter()
    before_all: Counter[str] = Counter()
    first_words: dict[str, Counter[str]] = defaultdict(Counter)
    word_articles: dict[tuple[str, str], set[str]] = defaultdict(set)
    occurrences: Counter[str] = Counter()
    covered: Counter[str] = Counter()
    for aid, article in articles.items():
        events: list[Event] = article.events
        annotated = gold[aid]["events"]
        verdicts, _, _ = judge_events(article, annotated, events)
        scores.update(predicted=len(events), gold=len(annotated),
                      correct=verdicts.count("correct"),
                      root=verdicts.count("correct") + verdicts.count("root"))
        spans = _lexicon_spans(article)
        text = article.text
        for event, verdict in zip(events, verdicts, strict=True):
            span = (event.trigger.start, event.trigger.end)
            source = "lexicon" if span in spans else "learned"
            by_source[source, verdict or "extra"] += 1
            sentence = article.sentences[event.sentence]
            words = _WORD.findall(text[sentence.start:event.trigger.start].lower())
            before = words[-1] if words else "<start>"
            before_all[before] += 1
            if verdict is None:
                extra_factuality[event.factuality] += 1
                extra_before[before] += 1
        for g in annotated:
            kind, coded = _annotated_outcome(article, g, spans)
            if kind == "actors":
                best = coded[0]
                for role, key, actor in (("source", "actor1", best.actor1),
                                         ("target", "actor2", best.actor2)):
                    if not _actor_ok(g[key], g[key + "_code"], actor):
                        roles[f"{role} {'empty' if actor is None else 'wrong'}"] += 1
            elif kind != "right":
                misses[kind] += 1
                if kind.startswith("no lexicon trigger"):
                    phrasings[g["root"],
                              " ".join(stem(w) for w in g["trigger"].lower().split())] += 1
        for g in annotated:
            first = g["trigger"].split()[0].lower()
            first_words[first][g["root"]] += 1
            word_articles[first, g["root"]].add(aid)
    # How often each annotated first word occurs at all, and how often a lexicon trigger covers it.
    for article in articles.values():
        spans = _lexicon_spans(article)
        for match in _WORD.finditer(article.text):
            word = match.group(0).lower()
            if word in first_words:
                occurrences[word] += 1
                if any(_overlaps(span, match.span()) for span in spans):
                    covered[word] += 1

    def ratio(a: int, b: int) -> str:
        return f"{a / b:.3f}" if b else "-"

    print(f"{len(articles)} dev articles, {scores['gold']} annotated events, "
          f"{scores['predicted']} coded (out of fold)")
    print(f"events with correct actors: P {ratio(scores['correct'], scores['predicted'])} "
          f"R {ratio(scores['correct'], scores['gold'])}; root only: P "
          f"{ratio(scores['root'], scores['predicted'])} R {ratio(scores['root'], scores['gold'])}")
    print(f"\nannotated events with no coded event of their root in their sentence: "
          f"{sum(misses.values())}")
    for kind, n in misses.most_common():
        print(f"  {n:5d}  {kind}")
    without = sum(phrasings.values())
    print(f"  the {without} without a lexicon trigger are {len(phrasings)} different phrasings "
          "(stems of the annotated trigger words)")
    print("\nrecurring annotated first words the lexicon does not cover "
          "(in >= 3 articles, >= half of their occurrences):")
    rows = []
    for word, roots in first_words.items():
        root, n = max(roots.items(), key=lambda item: item[1])
        if (len(word_articles[word, root]) >= 3 and occurrences[word]
                and n / occurrences[word] >= 0.5 and covered[word] <= occurrences[word] / 2):
            rows.append((n / occurrences[word], word, root, n, occurrences[word]))
    for share, word, root, n, total in sorted(rows, reverse=True):
        print(f"  {word:20s} root {root}: {n} of {total} occurrences ({share:.2f})")
    if not rows:
        print("  none")
    print("\ncoded events by source and verdict:")
    for (source, verdict), n in sorted(by_source.items()):
        print(f"  {source:8s} {verdict:8s} {n}")
    print(f"\nevents with the right root and wrong actors, by role: {dict(roles.most_common())}")
    extra = sum(extra_factuality.values())
    print(f"\nextra events (no annotated event): {extra}; by factuality "
          f"{dict(extra_factuality.most_common())}")
    print("  by the word before the trigger (extra of all coded, where at least 8 coded):")
    for word, n in extra_before.most_common():
        if before_all[word] >= 8 and n / before_all[word] >= 0.5:
            print(f"    {word:12s} {n} of {before_all[word]}")


def _sentence_text(article: Article, index: int) -> str:
    sentence = article.sentences[index]
    return article.text[sentence.start:sentence.end]


def _actor(actor: Any) -> str | None:
    return None if actor is None else f"{actor.text} / {actor.code}"


def examples(articles: dict[str, Article], gold: dict[str, dict[str, Any]]
             ) -> Iterator[dict[str, Any]]:
    """Every error of the out-of-fold coder, for reading (see ``--examples``)."""
    for aid, article in articles.items():
        annotated = gold[aid]["events"]
        verdicts, _, _ = judge_events(article, annotated, article.events)
        spans = _lexicon_spans(article)
        for event, verdict in zip(article.events, verdicts, strict=True):
            if verdict is None:
                yield {"kind": "extra", "id": aid,
                       "sentence": _sentence_text(article, event.sentence),
                       "coded": event.code, "trigger": event.trigger.text,
                       "factuality": event.factuality, "actor1": _actor(event.actor1),
                       "actor2": _actor(event.actor2)}
        for g in annotated:
            kind, coded = _annotated_outcome(article, g, spans)
            if kind == "right":
                continue
            index = _sentence_of(article, g["trigger_start"], g["sentence_index"])
            record = {"id": aid, "sentence": _sentence_text(article, index), "annotated": g["code"],
                      "trigger": g["trigger"], "gold_actor1": f"{g['actor1']} / {g['actor1_code']}",
                      "gold_actor2": f"{g['actor2']} / {g['actor2_code']}"}
            if kind == "actors":
                best = coded[0]
                yield {"kind": "actors", **record, "coded": best.code,
                       "coded_trigger": best.trigger.text, "actor1": _actor(best.actor1),
                       "actor2": _actor(best.actor2)}
            else:
                yield {"kind": "missed", **record, "why": kind,
                       "coded_there": [e.code for e in coded]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--indosum", type=Path, required=True)
    parser.add_argument("--gold", type=Path, default=Path("eval/events/gold.jsonl"))
    parser.add_argument("--examples", type=Path, metavar="FILE",
                        help="also write every error as a JSON line to FILE")
    args = parser.parse_args(argv)
    gold = {row["indosum_id"]: row for row in load_gold(args.gold, "dev")}
    articles = out_of_fold(args.indosum, gold)
    report(articles, gold)
    if args.examples:
        with args.examples.open("w", encoding="utf-8") as out:
            for record in examples(articles, gold):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
