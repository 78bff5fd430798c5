"""Sentence ends found by warta's splitter against IndoSum's own sentence segmentation.

IndoSum gives each paragraph as a list of tokenised sentences. Each paragraph is joined back into
text (the same detokeniser warta reads IndoSum with); the gold ends are where IndoSum's
sentences end, and a predicted end counts when it falls on one. The last end of a paragraph is
not counted (every splitter gets it). spaCy's rule-based sentencizer on its Indonesian tokenizer
is scored beside it on the same text.

    python benchmarks/sentences_eval.py ../shared/data/sum-indosum-dev --articles 600
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from warta.model import Span
from warta.nlp.sentences import split
from warta.sources.indosum import detokenize, parse_line


def paragraphs(folder: Path, articles: int) -> list[list[str]]:
    seen: set[str] = set()
    out: list[list[str]] = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.open(encoding="utf-8"):
            record = parse_line(line)
            if record.id in seen:
                continue
            seen.add(record.id)
            out.extend([detokenize(s) for s in p] for p in record.paragraphs)
            if len(seen) >= articles:
                return out
    return out


def score(paras: list[list[str]], splitter) -> dict[str, float]:  # type: ignore[no-untyped-def]
    tp = fp = fn = 0
    began = time.process_time()
    for sentences in paras:
        text = " ".join(sentences)
        gold, at = set(), 0
        for sentence in sentences[:-1]:
            at = text.find(sentence, at) + len(sentence)
            gold.add(at)
        ends = {span.end for span in splitter(text)[:-1]}
        tp, fp, fn = tp + len(gold & ends), fp + len(ends - gold), fn + len(gold - ends)
    return {"precision": round(tp / (tp + fp), 4), "recall": round(tp / (tp + fn), 4),
            "cpu_seconds": round(time.process_time() - began, 2)}


def spacy_splitter():  # type: ignore[no-untyped-def]
    import spacy

    nlp = spacy.blank("id")
    nlp.add_pipe("sentencizer")

    def run(text: str) -> list[Span]:
        return [Span(s.start_char, s.start_char + len(s.text_with_ws.rstrip()))
                for s in nlp(text).sents]

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("indosum", type=Path, help="folder with IndoSum *.jsonl files")
    parser.add_argument("--articles", type=int, default=600)
    args = parser.parse_args()
    paras = paragraphs(args.indosum, args.articles)
    report = {
        "paragraphs": len(paras),
        "warta": score(paras, lambda text: split(text, [Span(0, len(text))])),
        "spacy_sentencizer": score(paras, spacy_splitter()),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
