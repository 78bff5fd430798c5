"""Compile the hand-written annotation files (eval/events/ann/*.txt) into gold.jsonl.

This script only turns what the annotator wrote into character offsets: a trigger is written
as the word plus a context string (or '#k' = k-th occurrence) and a quote as its first and last
words (the first words may end in '#k' too, for a quote whose opening words recur in the
article); the script finds them in the clean text and refuses anything ambiguous or missing.

Annotation file syntax, one item per line ('|' separates fields, '#' starts a comment line):
  @ <indosum_id> [dev|test]
  E code|trigger|ctx|actor1|actor1_code|actor2|actor2_code|place|date|counts|fact
  Q kind|span_start|span_end|cue|speaker|speaker_refers_to
fact: a=asserted n=negated f=future m=modal r=reported-claim. kind: d=direct i=indirect.
counts: killed=3,injured=2,arrested=1 (or empty).

    python build.py CACHE.json ANN_DIR OUT.jsonl            # rebuild OUT from every ann/*.txt
    python build.py CACHE.json ANN_DIR OUT.jsonl --append b19.txt [...]
                                                            # append only the named files' records

--append leaves every existing line of OUT untouched (byte for byte) and refuses an id that is
already in OUT, so a new batch can be added without re-deriving earlier records (whose stored
sentence_index stays as annotated even if the splitter has changed since).
"""

import glob
import hashlib
import json
import os
import sys
from pathlib import Path

FACT = {"a": "asserted", "n": "negated", "f": "future", "m": "modal", "r": "reported-claim"}
KIND = {"d": "direct", "i": "indirect"}


def find_unique(text, s, what):
    n = text.count(s)
    if n != 1:
        raise ValueError(f"{what} {s!r} occurs {n} times")
    return text.index(s)


def locate_trigger(text, trig, ctx):
    if ctx.startswith("#"):
        k = int(ctx[1:])
        pos = -1
        for _ in range(k):
            pos = text.find(trig, pos + 1)
            if pos < 0:
                raise ValueError(f"trigger {trig!r} has fewer than {k} occurrences")
        return pos
    if not ctx:
        return find_unique(text, trig, "trigger")
    c = find_unique(text, ctx, "context")
    off = ctx.find(trig)
    if off < 0:
        raise ValueError(f"trigger {trig!r} not in context {ctx!r}")
    return c + off


def locate_quote_start(text, s0):
    """The offset of a quote's first words: unique in the text, or 'words#k', the k-th time."""
    words, _, k = s0.rpartition("#")
    if words and k.isdigit():
        return locate_trigger(text, words, "#" + k)
    return find_unique(text, s0, "quote start")


def sent_index(sents, pos):
    for i, (s, e) in enumerate(sents):
        if s <= pos < e:
            return i
    raise ValueError(f"offset {pos} in no sentence")


def main(cache_path, ann_dir, out_path, append=None):
    cache = json.loads(Path(cache_path).read_text(encoding="utf-8"))
    docs, order = {}, []
    cur = None
    paths = sorted(glob.glob(os.path.join(ann_dir, "*.txt")))
    if append:
        paths = [os.path.join(ann_dir, os.path.basename(a)) for a in append]
    errors = 0
    for path in paths:
        for ln, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(True), 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            where = f"{os.path.basename(path)}:{ln}"
            try:
                if line.startswith("@"):
                    parts = line[1:].split()
                    aid, split = parts[0], (parts[1] if len(parts) > 1 else None)
                    v = cache[aid]
                    cur = {
                        "indosum_id": aid,
                        "split": split,
                        "published": v["published"],
                        "source": v["source"],
                        "text_sha1": hashlib.sha1(v["text"].encode("utf-8")).hexdigest(),
                        "events": [],
                        "quotes": [],
                    }
                    docs[aid] = cur
                    order.append(aid)
                    continue
                text = cache[cur["indosum_id"]]["text"]
                sents = cache[cur["indosum_id"]]["sentences"]
                tag, rest = line[0], line[1:].strip()
                f = [x.strip() for x in rest.split("|")]
                if tag == "E":
                    code, trig, ctx, a1, c1, a2, c2, place, date, counts, fact = f
                    pos = locate_trigger(text, trig, ctx)
                    cnt = {}
                    for kv in filter(None, counts.split(",")):
                        k, n = kv.split("=")
                        cnt[k.strip()] = int(n)
                    for name in (a1, a2, place):
                        if name and name not in text:
                            raise ValueError(f"{name!r} is not written in the text")
                    cur["events"].append(
                        {
                            "code": code,
                            "root": code[:2],
                            "trigger": trig,
                            "trigger_start": pos,
                            "trigger_end": pos + len(trig),
                            "actor1": a1,
                            "actor1_code": c1,
                            "actor2": a2,
                            "actor2_code": c2,
                            "place": place,
                            "date": date,
                            "counts": cnt,
                            "factuality": FACT[fact],
                            "sentence_index": sent_index(sents, pos),
                        }
                    )
                elif tag == "Q":
                    kind, s0, s1, cue, spk, ref = f
                    start = locate_quote_start(text, s0)
                    end = text.find(s1, start)
                    if end < 0:
                        raise ValueError(f"quote end {s1!r} not after start")
                    end += len(s1)
                    if spk and spk != "-nya" and spk not in text:
                        raise ValueError(f"speaker {spk!r} not written in the text")
                    cur["quotes"].append(
                        {
                            "kind": KIND[kind],
                            "start": start,
                            "end": end,
                            "cue": cue,
                            "speaker": spk,
                            "speaker_refers_to": ref,
                            "text": text[start:end],
                        }
                    )
                else:
                    raise ValueError("unknown line")
            except Exception as e:  # report every problem, keep going
                errors += 1
                print(f"{where}: {e}", file=sys.stderr)
    # split: explicit, else every 4th article (in annotation order) goes to dev until 20
    ndev = sum(1 for a in order if docs[a]["split"] == "dev")
    for i, a in enumerate(order):
        if docs[a]["split"] is None:
            if i % 4 == 0 and ndev < 20:
                docs[a]["split"] = "dev"
                ndev += 1
            else:
                docs[a]["split"] = "test"
    if append:
        old = Path(out_path).read_text(encoding="utf-8") if os.path.exists(out_path) else ""
        have = {json.loads(x)["indosum_id"] for x in old.splitlines() if x.strip()}
        clash = [a for a in order if a in have]
        if clash or errors or len(set(order)) != len(order):
            print(f"not appended: {errors} errors, already in {out_path}: {clash}",
                  file=sys.stderr)
            sys.exit(1)
        with open(out_path, "a", encoding="utf-8") as out:
            for a in order:
                out.write(json.dumps(docs[a], ensure_ascii=False) + "\n")
    else:
        with open(out_path, "w", encoding="utf-8") as out:
            for a in order:
                out.write(json.dumps(docs[a], ensure_ascii=False) + "\n")
    ev = sum(len(docs[a]["events"]) for a in order)
    qu = sum(len(docs[a]["quotes"]) for a in order)
    print(f"{len(order)} articles, {ev} events, {qu} quotes")


if __name__ == "__main__":
    if "--append" in sys.argv and (len(sys.argv) < 6 or sys.argv[4] != "--append"):
        sys.exit("--append comes after OUT and needs the annotation files to append")
    if len(sys.argv) > 5 and sys.argv[4] == "--append":
        main(*sys.argv[1:4], append=sys.argv[5:])
    else:
        main(*sys.argv[1:4])
