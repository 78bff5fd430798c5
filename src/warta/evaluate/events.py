"""``warta eval events`` and ``warta eval quotes``: the coder against the annotated IndoSum set.

The gold set (``eval/events/gold.jsonl``, written by hand to ``eval/GUIDELINE.md``) holds, per
article, its events (CAMEO code, trigger offsets, actors with codes, place, date, counts,
factuality) and quotes (span, cue, speaker, who the speaker is). Each article is re-read from
IndoSum through the full default pipeline and compared:

- events: a predicted event matches a gold event in the same sentence with the same CAMEO root;
  it is *correct* when, in addition, each actor the gold event names is found in the same role
  (by overlapping words or an equal actor code). Precision and recall are reported for correct
  events and, beside them, for the root alone;
- quotes: a predicted quote matches a gold quote whose span it overlaps by half or more; the
  speaker is correct when the speaker warta resolved (entity name, else antecedent, else the
  speaker as written) shares a word with the gold speaker or the one it refers to.

Tune on ``--split dev`` only; report on ``--split test``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from warta.model import Actor, Article, Event, Quote
from warta.nlp.event_codes import CAMEO_ROOTS

_WORD = re.compile(r"[\w-]+")
# Words that make two actor phrases look alike without naming the same actor.
_FUNCTION_WORDS = frozenset({"dan", "yang", "di", "ke", "dari", "para", "pihak", "the", "of",
                             "berinisial", "seorang", "dua", "tiga", "empat", "lima"})


# Confidence thresholds the report gives precision and recall at.
THRESHOLDS = (0.5, 0.6, 0.7)

# The default pipeline up to events: summaries and topics change nothing scored here.
STAGES = ("sentences", "entities", "times", "quantities", "quotes", "events")


def _words(text: str | None) -> set[str]:
    return {w.lower() for w in _WORD.findall(text or "")} - _FUNCTION_WORDS


def load_gold(path: Path, split: str) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if split == "all" or r["split"] == split]


def parsed_articles(indosum_dir: Path, ids: set[str], stages: Sequence[str] = STAGES
                    ) -> Iterator[tuple[str, Article]]:
    """The IndoSum articles with these ids, read once each and parsed up to ``stages``."""
    import warta
    from warta.sources.indosum import parse_line, to_raw

    seen: set[str] = set()
    for path in sorted(indosum_dir.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record = parse_line(line)
                if record.id not in ids or record.id in seen:
                    continue
                seen.add(record.id)
                raw = to_raw(record)
                yield record.id, warta.parse(raw.content, url=raw.url,
                                             published=raw.hints.get("published"),
                                             stages=list(stages))


def _actor_ok(text: str | None, code: str | None, predicted: Actor | None) -> bool:
    if not text:
        return True
    if predicted is None:
        return False
    if code and predicted.code == code:
        return True
    return bool(_words(text) & _words(predicted.text))


def _event_correct(gold: dict[str, Any], predicted: Event) -> bool:
    return (_actor_ok(gold.get("actor1"), gold.get("actor1_code"), predicted.actor1)
            and _actor_ok(gold.get("actor2"), gold.get("actor2_code"), predicted.actor2))


def _sentence_of(article: Article, offset: int, annotated: int) -> int:
    """The article's sentence holding `offset`. The gold's `sentence_index` counts sentences as
    the splitter cut them at annotation time; the trigger offset is the stable reference, so a
    later change to the splitter does not turn right events into misses."""
    for index, sentence in enumerate(article.sentences):
        if sentence.start <= offset < sentence.end:
            return index
    return annotated


def judge_events(article: Article, gold: list[dict[str, Any]], predicted: list[Event]
                 ) -> tuple[list[str | None], Counter[str], Counter[str]]:
    """Each prediction's verdict ("correct": root and actors right, "root": the root only,
    None: no gold event), with per-root hits and misses of the gold events."""
    verdicts: list[str | None] = [None] * len(predicted)
    hits: Counter[str] = Counter()
    misses: Counter[str] = Counter()
    for g in gold:
        sentence = _sentence_of(article, g["trigger_start"], g["sentence_index"])
        options = [(i, p) for i, p in enumerate(predicted) if verdicts[i] is None
                   and p.sentence == sentence and p.code[:2] == g["root"]]
        if not options:
            misses[g["root"]] += 1
            continue
        # Prefer the prediction whose actors are right, then the nearest trigger.
        options.sort(key=lambda o: (not _event_correct(g, o[1]),
                                    abs(o[1].trigger.start - g["trigger_start"])))
        index, best = options[0]
        if _event_correct(g, best):
            verdicts[index] = "correct"
            hits[g["root"]] += 1
        else:
            verdicts[index] = "root"
            misses[g["root"]] += 1
    return verdicts, hits, misses


def _speaker_name(article: Article, quote: Quote) -> str:
    """The names of the speaker the quote was resolved to: its entity's name and the other
    names the article gives it ("KPK", "Komisi Pemberantasan Korupsi"), else the words of its
    antecedent or speaker phrase."""
    if quote.speaker_entity:
        for entity in article.entities:
            if entity.key == quote.speaker_entity:
                return " ".join([entity.name, *entity.aliases])
    if quote.antecedent is not None:
        return quote.antecedent.text
    return quote.speaker.text if quote.speaker else ""


def _match_quotes(article: Article, gold: list[dict[str, Any]]
                  ) -> tuple[int, int, int, int, int]:
    """(gold quotes found, gold quotes with a speaker, speakers right, predicted quotes,
    predicted quotes that found a gold one). One long predicted quote may find two gold ones,
    so precision counts the predicted quotes, not the gold quotes found."""
    found = with_speaker = right = 0
    hit: set[int] = set()
    for g in gold:
        length = max(1, g["end"] - g["start"])
        best = max(article.quotes, default=None,
                   key=lambda q: min(q.end, g["end"]) - max(q.start, g["start"]))
        if best is None or (min(best.end, g["end"]) - max(best.start, g["start"])) * 2 < length:
            if g.get("speaker_refers_to") or g.get("speaker"):
                with_speaker += 1
            continue
        found += 1
        hit.add(id(best))
        wanted = _words(g.get("speaker_refers_to")) | _words(g.get("speaker"))
        if wanted:
            with_speaker += 1
            if wanted & _words(_speaker_name(article, best)):
                right += 1
    return found, with_speaker, right, len(article.quotes), len(hit)


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def evaluate(gold_path: Path, indosum_dir: Path, split: str = "test") -> dict[str, Any]:
    gold = {row["indosum_id"]: row for row in load_gold(gold_path, split)}
    totals: Counter[str] = Counter()
    per_root_hits: Counter[str] = Counter()
    per_root_misses: Counter[str] = Counter()
    per_root_predicted: Counter[str] = Counter()
    per_root_right: Counter[str] = Counter()  # predictions of the root judged correct
    drifted = []
    for article_id, article in parsed_articles(indosum_dir, set(gold)):
        row = gold[article_id]
        if hashlib.sha1(article.text.encode("utf-8")).hexdigest() != row["text_sha1"]:
            drifted.append(article_id)  # offsets no longer point at the annotated text
            continue
        verdicts, hits, misses = judge_events(article, row["events"], article.events)
        for threshold in THRESHOLDS:
            kept = [v for e, v in zip(article.events, verdicts, strict=True)
                    if e.confidence >= threshold]
            totals.update({f"kept@{threshold}": len(kept),
                           f"correct@{threshold}": kept.count("correct")})
        totals.update(gold_events=len(row["events"]), predicted_events=len(article.events),
                      correct=verdicts.count("correct"),
                      by_root=len(verdicts) - verdicts.count(None), articles=1)
        per_root_hits.update(hits)
        per_root_misses.update(misses)
        per_root_predicted.update(e.code[:2] for e in article.events)
        per_root_right.update(e.code[:2] for e, v in zip(article.events, verdicts, strict=True)
                              if v == "correct")
        found, with_speaker, right, predicted, hit = _match_quotes(article, row["quotes"])
        totals.update(gold_quotes=len(row["quotes"]), predicted_quotes=predicted,
                      quotes_found=found, quotes_hit=hit, quotes_with_speaker=with_speaker,
                      speakers_right=right)
    roots = sorted(set(per_root_hits) | set(per_root_misses) | set(per_root_predicted))
    return {
        "split": split,
        "articles": totals["articles"],
        "drifted_articles": drifted,
        "events": {
            "gold": totals["gold_events"], "predicted": totals["predicted_events"],
            "precision": _ratio(totals["correct"], totals["predicted_events"]),
            "recall": _ratio(totals["correct"], totals["gold_events"]),
            "root_only_precision": _ratio(totals["by_root"], totals["predicted_events"]),
            "root_only_recall": _ratio(totals["by_root"], totals["gold_events"]),
            # Only events at or above a confidence: what a user who filters on it gets.
            "by_confidence": {
                str(t): {"kept": totals[f"kept@{t}"],
                         "precision": _ratio(totals[f"correct@{t}"], totals[f"kept@{t}"]),
                         "recall": _ratio(totals[f"correct@{t}"], totals["gold_events"])}
                for t in THRESHOLDS},
            # Per CAMEO root, with correct actors: precision over the events coded with that
            # root, recall over the annotated events of that root.
            "by_root": {r: {"gold": per_root_hits[r] + per_root_misses[r],
                            "predicted": per_root_predicted[r],
                            "precision": _ratio(per_root_right[r], per_root_predicted[r]),
                            "recall": _ratio(per_root_hits[r],
                                             per_root_hits[r] + per_root_misses[r])}
                        for r in roots},
        },
        "quotes": {
            "gold": totals["gold_quotes"], "predicted": totals["predicted_quotes"],
            "recall": _ratio(totals["quotes_found"], totals["gold_quotes"]),
            "precision": _ratio(totals["quotes_hit"], totals["predicted_quotes"]),
            "speaker_accuracy": _ratio(totals["speakers_right"], totals["quotes_with_speaker"]),
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=Path("eval/events/gold.jsonl"))
    parser.add_argument("--indosum", type=Path, default=Path("../shared/data/sum-indosum-dev"))
    parser.add_argument("--split", choices=["dev", "test", "all"], default="test")
    parser.add_argument("--only", choices=["events", "quotes"], default=None,
                        help="report only events or only quotes")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    report = evaluate(args.gold, args.indosum, args.split)
    if args.only:
        report.pop("quotes" if args.only == "events" else "events")
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"split {report['split']}: {report['articles']} articles"
          + (f" ({len(report['drifted_articles'])} skipped: text changed)"
             if report["drifted_articles"] else ""))
    if ev := report.get("events"):
        print(f"events: gold {ev['gold']}, predicted {ev['predicted']}; with actors P "
              f"{ev['precision']:.3f} R {ev['recall']:.3f}; root only P "
              f"{ev['root_only_precision']:.3f} R {ev['root_only_recall']:.3f}")
        for threshold, at in ev["by_confidence"].items():
            print(f"  confidence >= {threshold}: {at['kept']} events, with actors P "
                  f"{at['precision']:.3f} R {at['recall']:.3f}")
        print("  by CAMEO root, with correct actors:")
        for root, at in ev["by_root"].items():
            name = CAMEO_ROOTS.get(root, ("", ""))[0]
            print(f"    {root} {name[:32]:<32} gold {at['gold']:>4}, "
                  f"predicted {at['predicted']:>4}; P {at['precision']:.3f} "
                  f"R {at['recall']:.3f}")
    if qu := report.get("quotes"):
        print(f"quotes: gold {qu['gold']}, predicted {qu['predicted']}; found R "
              f"{qu['recall']:.3f} P {qu['precision']:.3f}; speaker accuracy "
              f"{qu['speaker_accuracy']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
