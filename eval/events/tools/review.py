"""Review aid: print each gold article sentence by sentence with its events and quotes."""

import json
import sys
from pathlib import Path

cache = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
docs = [json.loads(x) for x in Path(sys.argv[2]).read_text(encoding="utf-8").splitlines()]
lo, hi = int(sys.argv[3]), int(sys.argv[4])
for d in docs[lo:hi]:
    v = cache[d["indosum_id"]]
    t = v["text"]
    print(f"@@ {d['split']} {d['indosum_id']} {d['published'][:10]}")
    for i, (s, e) in enumerate(v["sentences"]):
        print(f"[{i}] {t[s:e]}")
        for ev in d["events"]:
            if ev["sentence_index"] == i:
                c = ",".join(f"{k}={n}" for k, n in ev["counts"].items())
                a1 = f"{ev['actor1']}/{ev['actor1_code']}"
                a2 = f"{ev['actor2']}/{ev['actor2_code']}"
                where = f"@{ev['place']} {ev['date']} {c} {ev['factuality']}"
                print(f"    E {ev['code']} «{ev['trigger']}» {a1} -> {a2} {where}")
        for q in d["quotes"]:
            if s <= q["start"] < e:
                head = t[q["start"] : q["start"] + 40]
                tail = t[q["end"] - 25 : q["end"]]
                who = f"cue={q['cue']} spk={q['speaker']} -> {q['speaker_refers_to']}"
                print(f"    Q {q['kind']} {who} | {head}…{tail}")
    print()
