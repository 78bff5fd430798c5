"""List candidate tajuk-utama articles about diplomacy, foreign conflict, sanctions and protest
for the dev extension of the third session, among ids not yet in gold.jsonl: those whose URL
slug names a country, an international body or a diplomatic or protest word (500-1,800
characters), and the 90 densest in diplomacy and conflict words in the text (600-1,700
characters, at most 12 per outlet). The annotator then picks by topic from the printed titles
and reads each article before it enters gold.jsonl (eval/events/README.md, "Dev extension,
third session").

    python eval/events/tools/candidates_world.py /tmp/ev_cache.json eval/events/gold.jsonl
"""

import json
import re
import sys
from pathlib import Path

SLUG = re.compile(
    r"korut|korea|israel|palestina|suriah|rusia|-as-|trump|china|tiongkok|myanmar|rohingya|irak|"
    r"afghan|yaman|turki|iran|saudi|asean|jepang|australia|malaysia|filipina|duterte|putin|"
    r"erdogan|yerusalem|pbb|dubes|menlu|bilateral|kerja-sama|diplomat|sanksi|isis|demo|"
    r"unjuk-rasa|protes|kunjung|bertemu|temui|pertemuan"
)

TEXT = re.compile(
    r"\b(bertemu|pertemuan|kunjungan|berkunjung|mengunjungi|bilateral|kerja sama|kerjasama|"
    r"perjanjian|kesepakatan|sepakat|menlu|menteri luar negeri|duta besar|dubes|diplomat|sanksi|"
    r"mengecam|kecaman|mengutuk|mendukung|dukungan|serangan|menyerang|militer|tentara|pasukan|"
    r"rudal|nuklir|teroris|bom|unjuk rasa|demonstran|demo|protes|perundingan|negosiasi|PBB|"
    r"presiden|perdana menteri|PM|raja|ISIS|Korea Utara|Korut|Israel|Palestina|Suriah|Rusia|"
    r"Amerika Serikat|AS|China|Tiongkok|Myanmar|Rohingya|Irak|Afghanistan|Yaman|Turki|Iran|"
    r"Arab Saudi|ASEAN|investasi|ekspor|impor)\b")

cache = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
taken = {json.loads(line)["indosum_id"]
         for line in Path(sys.argv[2]).read_text(encoding="utf-8").splitlines()}
pool = {k: v for k, v in cache.items() if k not in taken and v["category"] == "tajuk utama"}
listed = {k for k, v in pool.items()
          if 500 <= len(v["text"]) <= 1800 and SLUG.search(k.split("-", 1)[1])}
dense = sorted(((len(TEXT.findall(v["text"])) / (len(v["text"]) / 1000), v["source"], k)
                for k, v in pool.items() if 600 <= len(v["text"]) <= 1700), reverse=True)
per_outlet: dict[str, int] = {}
for _score, outlet, key in dense[:400]:
    if per_outlet.get(outlet, 0) < 12:
        per_outlet[outlet] = per_outlet.get(outlet, 0) + 1
        listed.add(key)
        if sum(per_outlet.values()) == 90:
            break
for key in sorted(listed, key=lambda k: (pool[k]["source"], k)):
    print(len(pool[key]["text"]), pool[key]["source"], key)
