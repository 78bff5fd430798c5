"""Print articles sentence by sentence (index: text) for reading, with the weekdays of the
seven days up to publication (Indonesian names) to resolve 'Senin', 'kemarin' by hand."""

import datetime as dt
import json
import sys
from pathlib import Path

HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
d = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
for k in sys.argv[2:]:
    v = d[k]
    pub = dt.date.fromisoformat(v["published"][:10])
    week = " ".join(
        f"{HARI[(pub - dt.timedelta(i)).weekday()]}={(pub - dt.timedelta(i)).isoformat()}"
        for i in range(7)
    )
    print(f"@@ {k} | {v['source']} | {v['published']} | {week}")
    for i, (s, e) in enumerate(v["sentences"]):
        print(f"[{i}] {v['text'][s:e]}")
    print()
