"""Dump deduplicated IndoSum dev records with warta's clean text and sentence spans.

Only the `sentences` stage is run (sentence splitting); no event/quote output is used.
Usage: python eval/events/tools/dump.py --indosum DIR --out CACHE.json
"""

import argparse
import glob
import json
import os
from pathlib import Path

import warta
from warta.sources.indosum import parse_line, to_raw


def clean(line):
    rec = parse_line(line)
    raw = to_raw(rec)
    art = warta.parse(
        raw.content, url=raw.url, published=raw.hints.get("published"), stages=["sentences"]
    )
    sents = [(s.start, s.end) for s in art.sentences]
    return rec, art, sents


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--indosum", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    seen, out = set(), {}
    for path in sorted(glob.glob(os.path.join(a.indosum, "dev.0*.jsonl"))):
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            rec = parse_line(line)
            if rec.id in seen:
                continue
            seen.add(rec.id)
            try:
                _, art, sents = clean(line)
            except Exception:  # rejected (language etc.): not eligible
                continue
            out[rec.id] = {
                "category": rec.category,
                "source": rec.source,
                "url": rec.source_url,
                "published": art.published,
                "text": art.text,
                "sentences": sents,
            }
    Path(a.out).write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    print(len(out))


if __name__ == "__main__":
    main()
