"""``warta eval dates``: how well the time tagger reads "<weekday> (d/m)" on IndoSum.

Indonesian news dates events as ``Kamis (14/9)`` or ``Rabu (25/2/2018)``: a weekday and a
bracketed day/month, the year left to the reader. IndoSum gives no gold times, but it gives a
check for free: the stated weekday. For every unique article (the dev folds overlap, so articles
are deduplicated by id) this finds each such expression with a plain regular expression of its
own, independent of the tagger, so "found" is measured honestly, then asks:

- found: did the tagger return an expression covering it, with a day value?
- on weekday: does that day fall on the stated weekday?
- warned: when it does not, did the tagger say so (a ``weekday-mismatch`` notice)?

The anchor is the time in the article id, which is when the aggregator crawled the article, not
always when it was published; a late crawl moves the inferred year, and some articles state a
wrong weekday. Failures are listed with their text so they can be read, and characterised by
how far the resolved date is from the nearest day with the stated weekday.

    python -m warta.evaluate.dates --indosum DIR [--json] [--show N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

from warta.nlp.times import analyse, notice_span, parse_anchor
from warta.sources.indosum import parse_line, published_from_id, to_raw

# Written out here, not read from the tagger's data, so the tagger's own lexicon cannot hide
# its misses. Jum'at keeps its apostrophe in some outlets.
_WEEKDAYS = {"senin": 1, "selasa": 2, "rabu": 3, "kamis": 4, "jumat": 5, "jum'at": 5,
             "jum’at": 5, "sabtu": 6, "minggu": 7, "ahad": 7}
_EXPRESSION = re.compile(
    r"\b(Senin|Selasa|Rabu|Kamis|Jumat|Jum['’]at|Sabtu|Minggu|Ahad)\s*,?\s*"
    r"\(\s*(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{2,4}))?\s*\)",
    re.IGNORECASE,
)


def read_articles(indosum_dir: str | Path) -> list[tuple[str, str]]:
    """(id, detokenised text) of every unique article in the ``*.jsonl`` files of a folder."""
    seen: set[str] = set()
    articles: list[tuple[str, str]] = []
    for path in sorted(Path(indosum_dir).glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if not line.strip():
                    continue
                record = parse_line(line)
                if record.id in seen:
                    continue
                seen.add(record.id)
                content = to_raw(record).content
                if isinstance(content, str):
                    articles.append((record.id, content))
    return articles


def _day_of(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def evaluate(indosum_dir: str | Path, show: int = 30) -> dict[str, Any]:
    """Scores for weekday-(d/m) expressions over an IndoSum folder; see the module docstring."""
    articles = read_articles(indosum_dir)
    if not articles:
        raise FileNotFoundError(f"no IndoSum *.jsonl files with articles in {indosum_dir}")
    total = found = on_weekday = warned = 0
    misses: list[dict[str, Any]] = []
    wrong: list[dict[str, Any]] = []
    wrong_kinds: Counter[str] = Counter()
    wrong_offsets: Counter[str] = Counter()
    tag_seconds = 0.0
    chars = 0
    for article_id, text in articles:
        anchor: datetime | None = parse_anchor(published_from_id(article_id))
        # CPU time, not wall time: the figure should not depend on what else the machine runs.
        started = time.process_time()
        tagged = analyse(text, anchor)
        tag_seconds += time.process_time() - started
        chars += len(text)
        mismatch_at = [span for n in tagged.notices
                       if n.code == "weekday-mismatch" and (span := notice_span(n))]
        for m in _EXPRESSION.finditer(text):
            total += 1
            stated = _WEEKDAYS[m.group(1).lower()]
            # The smallest expression covering the match: the day itself inside a pair.
            covering = [t for t in tagged.times
                        if t.start <= m.start() and m.end() <= t.end and _day_of(t.value)]
            if not covering:
                misses.append({"id": article_id, "text": m.group(0),
                               "context": text[max(0, m.start() - 40) : m.end() + 40]})
                continue
            found += 1
            # A range "Senin-Rabu (11-13/9)" is judged by its start, which its first weekday
            # names; the evaluation regex only matches a single weekday before the bracket.
            best = min(covering, key=lambda t: t.end - t.start)
            day = _day_of(best.value)
            assert day is not None
            if day.isoweekday() == stated:
                on_weekday += 1
                continue
            is_warned = any(start < m.end() and m.start() < end for start, end in mismatch_at)
            warned += is_warned
            has_year = m.group(4) is not None
            wrong_kinds["stated year" if has_year else "inferred year"] += 1
            # How far the written date is from the nearest day with the stated weekday: +1 or
            # -1 is a slip of one day in the weekday or the date, the common newsroom typo.
            offset = (stated - day.isoweekday() + 3) % 7 - 3
            wrong_offsets[f"{offset:+d}"] += 1
            wrong.append({"id": article_id, "text": m.group(0), "value": best.value,
                          "anchor": anchor.isoformat() if anchor else None,
                          "warned": is_warned, "year_written": has_year})
    return {
        "articles": len(articles),
        "expressions": total,
        "found": found,
        "found_pct": round(100 * found / total, 2) if total else 0.0,
        "on_weekday": on_weekday,
        "on_weekday_pct": round(100 * on_weekday / found, 2) if found else 0.0,
        "wrong_weekday": found - on_weekday,
        "wrong_weekday_warned": warned,
        "wrong_weekday_by_kind": dict(wrong_kinds),
        "wrong_weekday_by_offset": dict(sorted(wrong_offsets.items())),
        "ms_per_article": round(1000 * tag_seconds / len(articles), 3),
        "ms_per_10k_chars": round(1000 * tag_seconds / chars * 10_000, 3) if chars else 0.0,
        "misses": misses[:show],
        "wrong": wrong[:show],
    }


def _print(report: dict[str, Any]) -> None:
    print(f"articles            {report['articles']}")
    print(f"expressions         {report['expressions']}  (weekday + (d/m) or (d/m/yyyy))")
    print(f"found               {report['found']}  ({report['found_pct']}%)")
    print(f"on stated weekday   {report['on_weekday']}  ({report['on_weekday_pct']}% of found)")
    print(f"wrong weekday       {report['wrong_weekday']}  "
          f"(warned: {report['wrong_weekday_warned']}; {report['wrong_weekday_by_kind']})")
    print(f"  stated weekday minus the date's weekday: {report['wrong_weekday_by_offset']}")
    print(f"tagger CPU time     {report['ms_per_article']} ms/article, "
          f"{report['ms_per_10k_chars']} ms per 10k characters")
    if report["misses"]:
        print("\nnot found:")
        for miss in report["misses"]:
            print(f"  {miss['id']}: {miss['text']!r} in …{miss['context']}…")
    if report["wrong"]:
        print("\nnot on the stated weekday:")
        for item in report["wrong"]:
            flag = "warned" if item["warned"] else "SILENT"
            print(f"  {item['id'][:40]}: {item['text']!r} -> {item['value']} "
                  f"(anchor {item['anchor']}, {flag})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m warta.evaluate.dates",
        description="Score the time tagger on '<weekday> (d/m)' expressions in IndoSum.",
    )
    parser.add_argument("--indosum", required=True, help="folder with IndoSum *.jsonl files")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--show", type=int, default=30, help="how many failures to list")
    args = parser.parse_args(argv)
    try:
        report = evaluate(args.indosum, show=args.show)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
