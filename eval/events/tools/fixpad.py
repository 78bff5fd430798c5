"""Pad event lines that are one field short when the missing field can only be an empty one
(the three fields before factuality are all empty). Prints lines it cannot fix."""

import sys
from pathlib import Path

for path in sys.argv[1:]:
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines(True):
        s = line.rstrip("\n")
        if s.startswith("E "):
            f = s[2:].split("|")
            if len(f) == 10 and f[-2] == f[-3] == "" and f[-4] == "":
                s = "E " + "|".join([*f[:-1], "", f[-1]])
            elif len(f) != 11:
                print("CHECK", path, s)
        out.append(s + "\n")
    Path(path).write_text("".join(out), encoding="utf-8")
