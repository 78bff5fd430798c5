"""Inter-annotator agreement between two annotations of the same articles (events and quotes).

    python eval/events/tools/agreement.py --reference eval/events/gold.jsonl \
        --other eval/events/agreement/a2-test20.jsonl --indosum DIR [--diff]

Only the articles present in ``--other`` are compared. The reference (the existing gold) is
treated as the gold and the other annotation as the "system", with the matching rules of
``warta eval events`` / ``warta eval quotes`` (``warta.evaluate.events``), so the figures are
directly comparable with the coder's:

- events: an event of the other annotation matches a reference event in the same sentence
  (found from each trigger's offset in warta's sentence split of the clean text) with the same
  CAMEO root; it is *correct* when every actor the reference names agrees by ``_actor_ok``
  (same actor code, or a shared content word). Reported: precision / recall / F1 with actors
  and for the root alone, per-root counts, and, among root matches, how often the 3-digit code
  and the factuality agree. A stricter variant also requires the two triggers to overlap;
- quotes: a reference quote is found when an other-annotation quote overlaps half of its span
  or more (the scorer's rule, taking the quote with the largest overlap); the speaker agrees
  when the other annotation's ``speaker_refers_to`` (else its ``speaker`` as written: what the
  scorer compares warta's resolved speaker with) shares a content word with the reference's
  ``speaker_refers_to`` or ``speaker``. Quote "precision" is the share of the other
  annotation's quotes that overlap a reference quote by half of their own span.

Swapping the two annotations swaps precision and recall, so one direction suffices. ``--diff``
lists, per article, the unmatched events on both sides, root matches with other actors, and
quotes missed or attributed differently.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from warta.evaluate.events import (
    _event_correct,
    _sentence_of,
    _words,
    judge_events,
    parsed_articles,
)


def _load(path: Path) -> dict[str, dict[str, Any]]:
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line)
    return {row["indosum_id"]: row for row in rows}


def _actor(text: str, code: str) -> SimpleNamespace | None:
    """An annotated actor in the shape the scorer reads (``.text``, ``.code``)."""
    if not text and not code:
        return None
    return SimpleNamespace(text=text, code=code)


def _as_events(article: Any, events: list[dict[str, Any]]) -> list[SimpleNamespace]:
    """The other annotation's events in the shape ``judge_events`` reads from warta's."""
    return [SimpleNamespace(
        code=e["code"],
        sentence=_sentence_of(article, e["trigger_start"], e["sentence_index"]),
        trigger=SimpleNamespace(start=e["trigger_start"], end=e["trigger_end"]),
        actor1=_actor(e["actor1"], e["actor1_code"]),
        actor2=_actor(e["actor2"], e["actor2_code"]),
        source=e,
    ) for e in events]


def _pair(article: Any, reference: list[dict[str, Any]], other: list[SimpleNamespace],
          overlap: bool = False
          ) -> list[tuple[dict[str, Any], SimpleNamespace | None, str | None]]:
    """The pairing ``judge_events`` makes, spelt out: (reference event, other event or None,
    "correct" | "root" | None). Same order of preference as the scorer. With ``overlap`` the
    two triggers must also overlap (the stricter match the guideline's scoring advice
    describes)."""
    taken: set[int] = set()
    pairs = []
    for g in reference:
        sentence = _sentence_of(article, g["trigger_start"], g["sentence_index"])
        options = [(i, p) for i, p in enumerate(other) if i not in taken
                   and p.sentence == sentence and p.code[:2] == g["root"]
                   and (not overlap or (p.trigger.start < g["trigger_end"]
                                        and g["trigger_start"] < p.trigger.end))]
        if not options:
            pairs.append((g, None, None))
            continue
        options.sort(key=lambda o: (not _event_correct(g, o[1]),
                                    abs(o[1].trigger.start - g["trigger_start"])))
        index, best = options[0]
        taken.add(index)
        pairs.append((g, best, "correct" if _event_correct(g, best) else "root"))
    return pairs


def _speaker(quote: dict[str, Any]) -> str:
    return quote.get("speaker_refers_to") or quote.get("speaker") or ""


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def _quotes(reference: list[dict[str, Any]], other: list[dict[str, Any]]
            ) -> tuple[Counter[str], list[str]]:
    counts: Counter[str] = Counter(reference=len(reference), other=len(other))
    notes = []
    for g in reference:
        best = max(other, default=None, key=lambda q: _overlap(q, g))
        if best is None or _overlap(best, g) * 2 < max(1, g["end"] - g["start"]):
            if g.get("speaker_refers_to") or g.get("speaker"):
                counts["with_speaker"] += 1
            notes.append(f"  QUOTE only in reference: {g['kind']} {g['text'][:70]!r} "
                         f"({_speaker(g)})")
            continue
        counts["found"] += 1
        counts["same_kind"] += best["kind"] == g["kind"]
        wanted = _words(g.get("speaker_refers_to")) | _words(g.get("speaker"))
        if wanted:
            counts["with_speaker"] += 1
            if wanted & _words(_speaker(best)):
                counts["speaker_right"] += 1
            else:
                notes.append(f"  SPEAKER {g['text'][:50]!r}: reference {_speaker(g)!r}, "
                             f"other {_speaker(best)!r}")
    for q in other:
        if any(_overlap(g, q) * 2 >= max(1, q["end"] - q["start"]) for g in reference):
            counts["other_matched"] += 1
        else:
            notes.append(f"  QUOTE only in other: {q['kind']} {q['text'][:70]!r} "
                         f"({_speaker(q)})")
    return counts, notes


def _describe(e: dict[str, Any]) -> str:
    return (f"{e['code']} {e['trigger']!r} [{e['sentence_index']}] "
            f"{e['actor1'] or '-'}[{e['actor1_code']}] -> {e['actor2'] or '-'}"
            f"[{e['actor2_code']}] {e['factuality']}")


def _prf(hits_p: int, n_other: int, hits_r: int, n_reference: int) -> dict[str, float]:
    p = hits_p / n_other if n_other else 0.0
    r = hits_r / n_reference if n_reference else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def compare(reference_path: Path, other_path: Path, indosum: Path, diff: bool = False
            ) -> dict[str, Any]:
    reference, other = _load(reference_path), _load(other_path)
    missing = sorted(set(other) - set(reference))
    if missing:
        raise SystemExit(f"not in the reference: {missing}")
    totals: Counter[str] = Counter()
    per_root: dict[str, Counter[str]] = {}
    quotes: Counter[str] = Counter()
    drifted = []
    for aid, article in parsed_articles(indosum, set(other), stages=("sentences",)):
        ref, oth = reference[aid], other[aid]
        sha = hashlib.sha1(article.text.encode("utf-8")).hexdigest()
        if sha != ref["text_sha1"] or sha != oth["text_sha1"]:
            drifted.append(aid)  # offsets would not point at the same text
            continue
        mine = _as_events(article, oth["events"])
        verdicts, _, _ = judge_events(article, ref["events"], mine)
        pairs = _pair(article, ref["events"], mine)
        strict = [v for _, _, v in _pair(article, ref["events"], mine, overlap=True)]
        totals.update(strict_correct=strict.count("correct"),
                      strict_by_root=len(strict) - strict.count(None))
        # The spelt-out pairing must give the scorer's own verdicts.
        assert Counter(filter(None, verdicts)) == Counter(v for _, _, v in pairs if v), aid
        totals.update(articles=1, reference=len(ref["events"]), other=len(mine),
                      correct=verdicts.count("correct"),
                      by_root=len(verdicts) - verdicts.count(None))
        for g, p, verdict in pairs:
            root = per_root.setdefault(g["root"], Counter())
            root["reference"] += 1
            if p is not None:
                root["matched"] += 1
                root["correct"] += verdict == "correct"
                totals["same_code"] += p.code == g["code"]
                totals["same_factuality"] += p.source["factuality"] == g["factuality"]
        for p in mine:
            per_root.setdefault(p.code[:2], Counter())["other"] += 1
        q, notes = _quotes(ref["quotes"], oth["quotes"])
        quotes.update(q)
        if diff:
            print(f"@ {aid}")
            for g, p, verdict in pairs:
                if p is None:
                    print(f"  EVENT only in reference: {_describe(g)}")
                elif verdict == "root":
                    print(f"  ACTORS reference {_describe(g)}\n"
                          f"         other     {_describe(p.source)}")
                elif p.code != g["code"]:
                    print(f"  CODE reference {_describe(g)}\n"
                          f"       other     {_describe(p.source)}")
            paired = {id(p) for _, p, _ in pairs if p is not None}
            for p in mine:
                if id(p) not in paired:
                    print(f"  EVENT only in other: {_describe(p.source)}")
            for note in notes:
                print(note)
    matched = totals["by_root"]
    return {
        "articles": totals["articles"],
        "drifted_articles": drifted,
        "events": {
            "reference": totals["reference"], "other": totals["other"],
            "with_actors": _prf(totals["correct"], totals["other"],
                                totals["correct"], totals["reference"]),
            "root_only": _prf(matched, totals["other"], matched, totals["reference"]),
            "trigger_overlap_with_actors": _prf(totals["strict_correct"], totals["other"],
                                                totals["strict_correct"], totals["reference"]),
            "trigger_overlap_root_only": _prf(totals["strict_by_root"], totals["other"],
                                              totals["strict_by_root"], totals["reference"]),
            "same_code_among_root_matches": round(totals["same_code"] / matched, 3)
            if matched else 0.0,
            "same_factuality_among_root_matches": round(totals["same_factuality"] / matched, 3)
            if matched else 0.0,
            "per_root": {r: dict(per_root[r]) for r in sorted(per_root)},
        },
        "quotes": {
            "reference": quotes["reference"], "other": quotes["other"],
            "found": round(quotes["found"] / quotes["reference"], 3)
            if quotes["reference"] else 0.0,
            "other_matched": round(quotes["other_matched"] / quotes["other"], 3)
            if quotes["other"] else 0.0,
            "same_kind": round(quotes["same_kind"] / quotes["found"], 3)
            if quotes["found"] else 0.0,
            "speaker_agreement": round(quotes["speaker_right"] / quotes["with_speaker"], 3)
            if quotes["with_speaker"] else 0.0,
            "counts": dict(quotes),
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", type=Path, default=Path("eval/events/gold.jsonl"))
    parser.add_argument("--other", type=Path,
                        default=Path("eval/events/agreement/a2-test20.jsonl"))
    parser.add_argument("--indosum", type=Path, default=Path("../shared/data/sum-indosum-dev"))
    parser.add_argument("--diff", action="store_true", help="list the disagreements")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    report = compare(args.reference, args.other, args.indosum, args.diff)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    ev, qu = report["events"], report["quotes"]
    print(f"{report['articles']} articles"
          + (f" ({len(report['drifted_articles'])} skipped: text changed)"
             if report["drifted_articles"] else ""))
    for name in ("with_actors", "root_only", "trigger_overlap_with_actors",
                 "trigger_overlap_root_only"):
        m = ev[name]
        print(f"events {name.replace('_', ' ')}: reference {ev['reference']}, other "
              f"{ev['other']}; P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f}")
    print(f"  among root matches: same 3-digit code {ev['same_code_among_root_matches']:.3f}, "
          f"same factuality {ev['same_factuality_among_root_matches']:.3f}")
    print("  root  reference  other  matched  correct")
    for root, c in ev["per_root"].items():
        print(f"  {root}    {c.get('reference', 0):>9}  {c.get('other', 0):>5}  "
              f"{c.get('matched', 0):>7}  {c.get('correct', 0):>7}")
    print(f"quotes: reference {qu['reference']}, other {qu['other']}; found {qu['found']:.3f}, "
          f"other matched {qu['other_matched']:.3f}, same kind {qu['same_kind']:.3f}, "
          f"speaker agreement {qu['speaker_agreement']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
