"""Review aid: print each gold article sentence by sentence with its events and quotes."""
import json, sys
cache = json.load(open(sys.argv[1]))
docs = [json.loads(l) for l in open(sys.argv[2])]
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
                print(f"    E {ev['code']} «{ev['trigger']}» {ev['actor1']}/{ev['actor1_code']} -> {ev['actor2']}/{ev['actor2_code']} @{ev['place']} {ev['date']} {c} {ev['factuality']}")
        for q in d["quotes"]:
            if s <= q["start"] < e:
                print(f"    Q {q['kind']} cue={q['cue']} spk={q['speaker']} -> {q['speaker_refers_to']} | {t[q['start']:q['start']+40]}…{t[q['end']-25:q['end']]}")
    print()
