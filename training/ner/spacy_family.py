"""The comparison family: spaCy's transition-based NER trained from ``spacy.blank("id")``.

Same training sentences as the CRF (``train.py --family spacy``), default CPU tok2vec (hash
embeddings of NORM/PREFIX/SUFFIX/SHAPE + CNN), no pretrained vectors; best model on the
idner + NERGrit dev splits is kept. Scored with warta's own span scorer on pre-tokenised input.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path
from typing import Any

from warta.evaluate.ner_data import SETS, Sentence, read
from warta.evaluate.spans import chunks, score


def to_doc(nlp: Any, tokens: list[str], tags: list[str]) -> Any:
    from spacy.tokens import Doc, Span

    doc = Doc(nlp.vocab, words=tokens)
    doc.ents = [Span(doc, s, e, label=kind) for s, e, kind in chunks(tags)]
    return doc


def tag_docs(nlp: Any, sentences: list[list[str]]) -> list[list[str]]:
    from spacy.tokens import Doc

    docs = (Doc(nlp.vocab, words=tokens) for tokens in sentences)
    out = []
    for doc in nlp.pipe(docs, batch_size=256):
        out.append([f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ != "O" else "O" for t in doc])
    return out


def dev_scores(nlp: Any, data: Path, types: set[str], split: str = "dev") -> dict[str, float]:
    results = {}
    for which in SETS:
        gold = [
            (tokens, [t if t == "O" or t[2:] in types else "O" for t in tags])
            for tokens, tags in read(data, which, split)
        ]
        table = score([g for _, g in gold], tag_docs(nlp, [tokens for tokens, _ in gold]))
        results[which] = table["micro"]["f1"]
    return results


def train_spacy(args: argparse.Namespace, sentences: list[Sentence]) -> None:
    import spacy
    from spacy.training import Example
    from spacy.util import minibatch

    types = set(args.types.split(","))
    random.seed(0)
    spacy.util.fix_random_seed(0)
    nlp = spacy.blank("id")
    ner = nlp.add_pipe("ner")
    for kind in sorted(types):
        ner.add_label(kind)
    examples = [
        Example(to_doc(nlp, tokens, ["O"] * len(tags)), to_doc(nlp, tokens, tags))
        for tokens, tags in sentences
    ]
    optimizer = nlp.initialize(lambda: examples)
    best = -1.0
    started = time.time()
    for epoch in range(args.iterations):
        random.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=64):
            nlp.update(batch, sgd=optimizer, drop=0.2, losses=losses)
        scores = dev_scores(nlp, args.data, types)
        mean = (scores["idner"] + scores["nergrit"]) / 2
        print(
            f"epoch {epoch} loss {losses.get('ner', 0):.0f} "
            + " ".join(f"{k}={v:.4f}" for k, v in scores.items())
            + f" {time.time() - started:.0f}s",
            flush=True,
        )
        if mean > best:
            best = mean
            nlp.to_disk(args.out / "spacy-model")
        if time.time() - started > args.time_limit:
            break
