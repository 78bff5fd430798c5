"""Review aid: list sentences that contain a quote mark or a reporting word but no gold quote,
and sentences that contain a common event word but no gold event. Plain keyword lists written
for this review (not warta's lexicon); the annotator reads each hit and decides."""

import json
import re
import sys
from pathlib import Path

QUOTE_WORDS = re.compile(
    r"[\"“”]|\b(kata|katanya|ujar|ujarnya|ungkap|ungkapnya|tutur|tuturnya|"
    r"mengatakan|menjelaskan|menambahkan|menyatakan|menurut|menurutnya|"
    r"menegaskan|menyebut|menyebutkan|tegas|jelas|imbuh|papar|terang)\b",
    re.I,
)
EVENT_WORDS = re.compile(
    r"\b(\w*tangkap\w*|\w*tahan\b|ditahan|menahan|dibekuk|diringkus|diamankan|"
    r"mengamankan|menyerang|serangan|diserang|menembak|ditembak|membunuh|dibunuh|"
    r"bertemu|pertemuan|kunjungan|mengunjungi|menyita|disita|memeriksa|diperiksa|"
    r"pemeriksaan|menyelidiki|penyelidikan|unjuk rasa|demo\w*|mengecam|menuduh|"
    r"dituduh|menolak|ditolak|bantuan|membantu|sanksi|mendesak|meminta|tersangka|"
    r"bom|meledak\w*|menguasai|merebut|pertempuran|bentrok\w*)\b",
    re.I,
)

cache = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
for line in Path(sys.argv[2]).read_text(encoding="utf-8").splitlines():
    d = json.loads(line)
    v = cache[d["indosum_id"]]
    text, sents = v["text"], v["sentences"]
    qspans = [(q["start"], q["end"]) for q in d["quotes"]]
    evs = {e["sentence_index"] for e in d["events"]}
    out = []
    for i, (s, e) in enumerate(sents):
        st = text[s:e]
        covered_q = any(a < e and s < b for a, b in qspans)
        if QUOTE_WORDS.search(st) and not covered_q:
            out.append(f"  Q? [{i}] {st[:160]}")
        m = EVENT_WORDS.search(st)
        if m and i not in evs:
            out.append(f"  E? [{i}] ({m.group(0)}) {st[:160]}")
    if out:
        print(d["split"], d["indosum_id"])
        print("\n".join(out))
