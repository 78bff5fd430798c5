"""Regenerate the parts of the docs that are program output.

- README.md, between the ``seed-output`` markers: ``warta parse`` on the seed page, with the
  body text and long offset lists shortened.
- docs/cli.md: the command reference, from the commands' own help.

``python scripts/sync_readme.py`` rewrites both; ``--check`` exits 1 if either is stale (the test
suite runs the check).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "republika-2017-09-14-menteri-rusia-bertemu-assad.txt"
START, END = "<!-- seed-output:start -->", "<!-- seed-output:end -->"


# How many items of each list the README shows; the full output is one command away.
_SHOWN = {"paragraphs": 2, "sentences": 2, "entities": 5, "times": 6, "quantities": 3,
          "quotes": 3, "events": 4, "topics": 2}


def _shorten(data: dict[str, Any]) -> dict[str, Any]:
    out = dict(data)
    out["text"] = data["text"][:150] + f"… ({len(data['text'])} characters)"
    for key, shown in _SHOWN.items():
        items = data[key]
        if key == "entities":
            items = [{**e, "mentions": [*e["mentions"][:2], f"… {len(e['mentions'])} in all"]}
                     if len(e["mentions"]) > 2 else e for e in items]
        if len(items) > shown:
            items = [*items[:shown], f"… {len(items)} in all"]
        out[key] = items
    return out


def _one_item_a_line(data: dict[str, Any]) -> str:
    """JSON with one line per field and per list item: readable, and short enough to scan."""
    lines = ["{"]
    for i, (key, value) in enumerate(data.items()):
        comma = "," if i < len(data) - 1 else ""
        if isinstance(value, list) and value:
            lines.append(f'  "{key}": [')
            lines.extend("    " + json.dumps(item, ensure_ascii=False)
                         + ("," if j < len(value) - 1 else "") for j, item in enumerate(value))
            lines.append("  ]" + comma)
        else:
            lines.append(f'  "{key}": {json.dumps(value, ensure_ascii=False)}{comma}')
    lines.append("}")
    return "\n".join(lines)


def seed_block() -> str:
    import warta

    article = warta.parse(SEED.read_text(encoding="utf-8"))
    shown = _one_item_a_line(_shorten(article.to_dict()))
    return f"{START}\n```json\n{shown}\n```\n{END}"


def readme_text() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    before, rest = readme.split(START, 1)
    _, after = rest.split(END, 1)
    return before + seed_block() + after


def cli_reference() -> str:
    import typer

    from warta.cli.main import app

    root = typer.main.get_command(app)
    lines = ["# warta command reference", "",
             "Generated from the commands by `python scripts/sync_readme.py`; do not edit.", ""]

    def walk(command: Any, path: list[str]) -> None:
        if hasattr(command, "commands"):
            for name in sorted(command.commands):
                walk(command.commands[name], [*path, name])
            return
        lines.append(f"## `{' '.join(path)}`")
        lines.append("")
        help_text = (command.help or "").replace("[b]", "**").replace("[/b]", "**")
        # Indented help lines are examples: keep them as a code block.
        lines.extend("    " + line.strip() if line.startswith("  ") else line.strip()
                     for line in help_text.strip().splitlines())
        lines.append("")
        rows = []
        for param in command.params:
            if param.param_type_name == "argument":
                rows.append((param.metavar or param.name.upper(), param.help or "", "argument"))
            elif param.param_type_name == "option" and param.name != "help":
                default = "" if param.default in (None, False) else str(param.default)
                rows.append((", ".join(param.opts), getattr(param, "help", "") or "", default))
        if rows:
            lines.extend(["| parameter | help | default |", "|---|---|---|"])
            lines.extend("| " + " | ".join(cell.replace("|", "\\|") for cell in (f"`{a}`", b, c))
                         + " |" for a, b, c in rows)
            lines.append("")

    walk(root, ["warta"])
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if stale")
    args = parser.parse_args()
    targets = {ROOT / "README.md": readme_text(), ROOT / "docs" / "cli.md": cli_reference()}
    stale = [p for p, text in targets.items()
             if not p.exists() or p.read_text(encoding="utf-8") != text]
    if args.check:
        for path in stale:
            print(f"{path.relative_to(ROOT)} is stale: run python scripts/sync_readme.py")
        return 1 if stale else 0
    for path in stale:
        path.write_text(targets[path], encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
