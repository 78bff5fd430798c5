"""Score warta's NER model on a public test set: strict spans, per type and micro-averaged.

    python -m warta.evaluate.ner --data ../shared/data --set idner [--split test] [--json]

Gold tags are mapped to warta's types (see :mod:`warta.evaluate.ner_data`); gold types the model
does not predict (NERP's EVT and FNB for the shipped model) become O before scoring. A model
trained on a set's own labels (``--model DIR`` whose types are, say, NERP's PPL/PLC/IND/EVT/FNB) is
scored on those native labels instead.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from warta.evaluate.ner_data import LABELS, SETS, read
from warta.evaluate.spans import score

WARTA_TYPES = frozenset({"PER", "ORG", "LOC", "EVT"})


def default_data_dir() -> Path:
    """``$WARTA_DATA`` if set, else ``../shared/data`` from the working directory."""
    return Path(os.environ.get("WARTA_DATA", "../shared/data"))


def evaluate(
    data_dir: str | Path, which: str, split: str = "test", model_dir: str | Path | None = None
) -> dict[str, Any]:
    """Precision/recall/F1 per type and ``micro`` for the shipped (or given) model on one split."""
    from warta.nlp import ner

    tagger = ner.NerTagger.load(Path(model_dir)) if model_dir else ner._tagger()
    types = set(tagger.types)
    native = not types <= WARTA_TYPES
    if native and not types <= set(LABELS[which]):
        raise ValueError(f"model types {sorted(types)} do not match set {which!r}")
    gold = [
        (tokens, [tag if tag == "O" or tag[2:] in types else "O" for tag in tags])
        for tokens, tags in read(data_dir, which, split, native=native)
    ]
    # CPU time, not wall time: the figure is per core and does not depend on other load.
    started = time.process_time()
    predicted = tagger.tag([tokens for tokens, _ in gold])
    seconds = time.process_time() - started
    tokens = sum(len(tokens) for tokens, _ in gold)
    return {
        "set": which,
        "split": split,
        "sentences": len(gold),
        "tokens": tokens,
        "types": sorted(types),
        "scores": score([tags for _, tags in gold], predicted),
        "sentences_per_second": len(gold) / seconds if seconds else 0.0,
        "tokens_per_second": tokens / seconds if seconds else 0.0,
    }


def format_table(result: dict[str, Any]) -> str:
    lines = [
        f"{result['set']} {result['split']}: {result['sentences']} sentences, "
        f"{result['tokens']} tokens, strict span match",
        f"{'type':8s} {'precision':>9s} {'recall':>9s} {'F1':>9s} {'support':>8s}",
    ]
    for kind, row in result["scores"].items():
        lines.append(
            f"{kind:8s} {row['precision']:9.4f} {row['recall']:9.4f} {row['f1']:9.4f} "
            f"{int(row['support']):8d}"
        )
    lines.append(
        f"speed: {result['sentences_per_second']:.0f} sentences/s, "
        f"{result['tokens_per_second']:.0f} tokens/s (CPU time of one core, features + CRF)"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m warta.evaluate.ner", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--data", type=Path, default=default_data_dir(), help="shared data dir")
    parser.add_argument("--set", dest="which", choices=SETS, required=True)
    parser.add_argument("--split", choices=("train", "dev", "test"), default="test")
    parser.add_argument("--model", type=Path, default=None, help="model dir (default: shipped)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args(argv)
    try:
        result = evaluate(args.data, args.which, args.split, args.model)
    except (FileNotFoundError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(json.dumps(result, indent=2) if args.json else format_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
