"""Pick candidate tajuk-utama articles (politics, security, crime, disasters, diplomacy, protest)
by keyword density, a length window and a per-outlet cap. Prints ids; the annotator then reads
each article and may drop it (off-topic) before it enters gold.jsonl.

    python eval/events/tools/candidates.py CACHE.json                      # first session
    python eval/events/tools/candidates.py CACHE.json --exclude eval/events/gold.jsonl \
        --cap 6 --no-disaster --verbose                                      # fourth session

--exclude drops ids already in a gold file (any split); --cap replaces the per-outlet caps of
the first session by one cap for every outlet; --min-len/--max-len set the length window
(default 600-1900 characters, the window of every batch to b28; b29 walks 1901-3200);
--no-disaster drops the disaster keywords
(gempa, banjir) from the density, so the ranking is by politics, security, crime, diplomacy,
conflict and protest words only; --verbose prints score, outlet and length with each id.

(Named candidates.py, not select.py: a script called select.py shadows the stdlib module
`select` for every script run from this folder, which silently broke dump.py.)"""

import argparse
import json
import re
from pathlib import Path

WORDS = (
    "menyerang|serangan|tewas|ditangkap|menangkap|demo|unjuk rasa|demonstran|"
    "bertemu|kunjungan|teroris|bom|polisi|tersangka|menteri|presiden|gempa|banjir|"
    "militer|tentara|pasukan|sanksi|mengecam|menolak|korban|KPK|ditahan|diplomat|"
    "perang"
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

ap = argparse.ArgumentParser()
ap.add_argument("cache")
ap.add_argument("--exclude", help="gold.jsonl whose ids (any split) are skipped")
ap.add_argument("--cap", type=int, help="one per-outlet cap for every outlet")
ap.add_argument("--no-disaster", action="store_true", help="drop gempa/banjir from the keywords")
ap.add_argument("--min-len", type=int, default=600, help="shortest clean text, characters")
ap.add_argument("--max-len", type=int, default=1900, help="longest clean text, characters")
ap.add_argument("--verbose", action="store_true")
a = ap.parse_args()
words = WORDS.replace("gempa|banjir|", "") if a.no_disaster else WORDS
KW = re.compile(rf"\b({words})\b", re.I)
skip = set()
if a.exclude:
    skip = {json.loads(x)["indosum_id"]
            for x in Path(a.exclude).read_text(encoding="utf-8").splitlines() if x.strip()}

d = json.loads(Path(a.cache).read_text(encoding="utf-8"))
rows = []
for k, v in d.items():
    t = v["text"]
    if k in skip or v["category"] != "tajuk utama" or not a.min_len <= len(t) <= a.max_len:
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
for score, src, k in rows:
    if taken.get(src, 0) < (a.cap if a.cap is not None else CAP.get(src, 0)):
        taken[src] = taken.get(src, 0) + 1
        print(f"{score:6.1f} {src:15} {len(d[k]['text']):5} {k}" if a.verbose else k)
