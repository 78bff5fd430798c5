"""Error listing for the event coder and the quote finder on one split (dev only, for tuning).

    python eval/events/tools/errors.py --indosum DIR [--split dev] [--only events|quotes]

For each article: gold events no prediction matched (MISS), predictions that matched no gold
event (FP), matches by root whose actors are wrong (ACTORS), and quotes whose speaker was
resolved wrongly (SPEAKER) or not found (NOQUOTE). Matching is the scorer's own
(warta.evaluate.events), so the lines add up to its figures.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from warta.evaluate.events import (
    _actor_ok,
    _event_correct,
    _sentence_of,
    _speaker_name,
    _words,
    load_gold,
    parsed_articles,
)


def _actor(a):
    return f"{a.text}[{a.code}]" if a else "-"


def events(article, gold):
    used: set[int] = set()
    predicted = article.events
    for g in gold:
        sentence = _sentence_of(article, g["trigger_start"], g["sentence_index"])
        options = [(i, p) for i, p in enumerate(predicted) if i not in used
                   and p.sentence == sentence and p.code[:2] == g["root"]]
        gtxt = (f"{g['code']} {g['trigger']!r} {g['actor1']}[{g['actor1_code']}] -> "
                f"{g['actor2']}[{g['actor2_code']}] ({g['factuality']})")
        if not options:
            same = [p for p in predicted if p.sentence == sentence]
            print(f"  MISS s{sentence} {gtxt}"
                  + (f"   | sys: {', '.join(p.code + ' ' + p.trigger.text for p in same)}"
                     if same else ""))
            continue
        options.sort(key=lambda o: (not _event_correct(g, o[1]),
                                    abs(o[1].trigger.start - g["trigger_start"])))
        index, best = options[0]
        used.add(index)
        if not _event_correct(g, best):
            bad = []
            if not _actor_ok(g["actor1"], g["actor1_code"], best.actor1):
                bad.append(f"a1 {_actor(best.actor1)}")
            if not _actor_ok(g["actor2"], g["actor2_code"], best.actor2):
                bad.append(f"a2 {_actor(best.actor2)}")
            print(f"  ACTORS s{sentence} {gtxt}   | sys {best.code} {best.trigger.text!r} "
                  + "; ".join(bad))
    for i, p in enumerate(predicted):
        if i not in used:
            sent = article.sentences[p.sentence]
            shown = article.text[sent.start:sent.end][:160]
            print(f"  FP s{p.sentence} {p.code} {p.trigger.text!r} {_actor(p.actor1)} -> "
                  f"{_actor(p.actor2)} ({p.factuality})   «{shown}»")


def quotes(article, gold):
    for g in gold:
        length = max(1, g["end"] - g["start"])
        best = max(article.quotes, default=None,
                   key=lambda q: min(q.end, g["end"]) - max(q.start, g["start"]))
        if best is None or (min(best.end, g["end"]) - max(best.start, g["start"])) * 2 < length:
            print(f"  NOQUOTE {g['kind']} {g['cue']!r} {g['speaker']!r}: {g['text'][:90]!r}")
            continue
        wanted = _words(g.get("speaker_refers_to")) | _words(g.get("speaker"))
        got = _speaker_name(article, best)
        if wanted and not wanted & _words(got):
            spk = best.speaker.text if best.speaker else None
            print(f"  SPEAKER {g['kind']} cue {g['cue']!r} gold {g['speaker']!r}->"
                  f"{g['speaker_refers_to']!r}; sys cue {best.cue!r} speaker {spk!r} -> {got!r}"
                  f"   «{article.text[best.start:best.end][:70]}»")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--indosum", type=Path, required=True)
    ap.add_argument("--gold", type=Path, default=Path("eval/events/gold.jsonl"))
    ap.add_argument("--split", default="dev", choices=["dev"])  # never tune on test
    ap.add_argument("--only", choices=["events", "quotes"])
    args = ap.parse_args(argv)
    gold = {r["indosum_id"]: r for r in load_gold(args.gold, args.split)}
    for aid, article in parsed_articles(args.indosum, set(gold)):
        print(f"@ {aid}")
        if args.only != "quotes":
            events(article, gold[aid]["events"])
        if args.only != "events":
            quotes(article, gold[aid]["quotes"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
