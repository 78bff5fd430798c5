"""Pick candidate tajuk-utama articles (politics, security, crime, disasters, diplomacy, protest)
by keyword density, a length window and a per-outlet cap. Prints ids; the annotator then reads
each article and may drop it (off-topic) before it enters gold.jsonl.

(Named candidates.py, not select.py: a script called select.py shadows the stdlib module
`select` for every script run from this folder, which silently broke dump.py.)"""

import json
import re
import sys
from pathlib import Path

KW = re.compile(
    r"\b(menyerang|serangan|tewas|ditangkap|menangkap|demo|unjuk rasa|demonstran|"
    r"bertemu|kunjungan|teroris|bom|polisi|tersangka|menteri|presiden|gempa|banjir|"
    r"militer|tentara|pasukan|sanksi|mengecam|menolak|korban|KPK|ditahan|diplomat|"
    r"perang)\b",
    re.I,
)
CAP = {
    "cnn indonesia": 20,
    "kumparan": 13,
    "antaranews": 14,
    "suara": 12,
    "rimanews": 11,
    "merdeka": 11,
    "poskotanews": 11,
}

d = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
rows = []
for k, v in d.items():
    t = v["text"]
    if v["category"] != "tajuk utama" or not 600 <= len(t) <= 1900:
        continue
    n = len(KW.findall(t))
    quotes = len(
        re.findall(
            r"\b(kata|ujar|ujarnya|katanya|ungkap|tutur|jelas|tegas|menurut|mengatakan)\b", t
        )
    )
    rows.append((n / (len(t) / 1000) + 0.8 * quotes, v["source"], k))
rows.sort(reverse=True)
taken = {}
for _score, src, k in rows:
    if taken.get(src, 0) < CAP.get(src, 0):
        taken[src] = taken.get(src, 0) + 1
        print(k)
