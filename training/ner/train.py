"""Train warta's NER model (CRF, the shipped family) and report dev-split scores.

    python training/ner/train.py --data ../shared/data --out src/warta/models/ner

The lexicon, gazetteer and flat clusters are taken from ``--resources`` (default: the shipped
ones, which ``training/ner/resources.py`` builds) and copied next to the model.
``--family spacy`` trains the comparison model instead (see ``spacy_family.py``).
Every choice below was made on the dev splits; the test splits are only read by
``python -m warta.evaluate.ner``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import alfina_gold, cased_sentences
from truecase import Truecaser

from warta.evaluate.ner import evaluate
from warta.evaluate.ner_data import SETS, Sentence, read
from warta.nlp.ner_features import Featurizer, Resources


def restrict(sentences: list[Sentence], types: set[str]) -> list[Sentence]:
    """Tags of types the model does not learn become O."""
    return [
        (tokens, [tag if tag == "O" or tag[2:] in types else "O" for tag in tags])
        for tokens, tags in sentences
    ]


def training_set(args: argparse.Namespace) -> list[tuple[str, list[str], list[str]]]:
    """(source set, tokens, tags) of every training sentence, after the chosen augmentations."""
    types = set(args.types.split(","))
    sentences: list[tuple[str, list[str], list[str]]] = []
    truecaser = None
    # --with-dev: the final refit on train + dev, with hyperparameters already chosen on dev.
    splits = ("train", "dev") if args.with_dev else ("train",)
    for which in args.sets.split(","):
        if which == "alfina":
            sentences.extend(("alfina", t, g) for t, g in restrict(alfina_gold(args.data), types))
            continue
        part = [s for split in splits for s in read(args.data, which, split, native=args.native)]
        if which == "nerp" and args.nerp_drop:
            # NERP marks organisations (IND) and events its own way; its sentences with those
            # types can be left out so that they do not teach the cased sets' ORG tokens as O.
            dropped = {f"{p}-{t}" for p in "BI" for t in args.nerp_drop.split(",")}
            part = [(tokens, tags) for tokens, tags in part if not dropped & set(tags)]
        part = restrict(part, types)
        if which == "nerp" and args.nerp_case != "lower":
            truecaser = truecaser or Truecaser(cased_sentences(args.data))
            recased = [(truecaser.sentence(tokens, tags), tags) for tokens, tags in part]
            part = recased if args.nerp_case == "truecase" else part + recased
        if which != "nerp" and args.lower_copies:
            part = part + [([t.lower() for t in tokens], tags) for tokens, tags in part]
        repeat = args.upweight if which == "idner" else 1
        sentences.extend((which, tokens, tags) for tokens, tags in part * repeat)
    return sentences


def train_crf(args: argparse.Namespace, sentences: list[tuple[str, list[str], list[str]]]) -> None:
    import pycrfsuite

    names = ["lexicon.tsv.gz", "gazetteer.tsv.gz"] + (["clusters.tsv.gz"] if args.clusters else [])
    for name in names:
        source, target = args.resources / name, args.out / name
        if source.resolve() != target.resolve():
            shutil.copyfile(source, target)
    resources = Resources.load(
        args.out / "lexicon.tsv.gz" if args.lexicon else None,
        args.out / "gazetteer.tsv.gz" if args.gazetteer else None,
        args.out / "clusters.tsv.gz" if args.clusters else None,
    )
    featurizer = Featurizer(resources)
    trainer = pycrfsuite.Trainer(verbose=False)
    for source, tokens, tags in sentences:
        # Tagging recases a sentence with no capitals before computing features; training
        # can see its lowercased sentences the same way.
        features = featurizer.sentence(featurizer.recase(tokens) if args.recase else tokens)
        if args.domain_features:
            # Daume's feature augmentation: a per-set copy of every feature absorbs that set's
            # annotation habits; tagging uses the shared copy only.
            features = [f + [source + "|" + x for x in f] for f in features]
        trainer.append(features, tags)
    trainer.set_params({
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.iterations,
        "feature.possible_transitions": True,
        "feature.minfreq": args.minfreq,
    })
    trainer.train(str(args.out / "crf.model"))
    meta = {
        "family": "crf",
        "model": "crf.model",
        "lexicon": "lexicon.tsv.gz" if args.lexicon else None,
        "gazetteer": "gazetteer.tsv.gz" if args.gazetteer else None,
        **({"clusters": "clusters.tsv.gz"} if args.clusters else {}),
        "types": sorted(args.types.split(",")),
        "style": args.style if args.domain_features else None,
        "training": {
            key: (str(value) if isinstance(value, Path) else value)
            for key, value in vars(args).items()
            # Options added later are recorded only when used, so that a model trained
            # without them keeps the meta.json it had.
            if key not in ("data", "out", "resources")
            and not (key in ("recase", "clusters", "with_dev") and not value)
        },
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def report(args: argparse.Namespace) -> dict[str, float]:
    """Micro F1 (and per type) of the model just trained on ``args.split`` of every set."""
    results: dict[str, float] = {}
    for which in SETS:
        try:
            result = evaluate(args.data, which, args.split, args.out)
        except ValueError:
            continue  # a model with one set's native labels is scored on that set only
        table = result["scores"]
        results[which] = table["micro"]["f1"]
        per_type = " ".join(
            f"{kind}={row['f1']:.3f}" for kind, row in table.items() if kind != "micro"
        )
        print(f"{args.split} {which:8s} micro F1 {table['micro']['f1']:.4f}  {per_type}")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path("src/warta/models/ner"))
    parser.add_argument(
        "--resources", type=Path, default=Path("src/warta/models/ner"),
        help="folder with lexicon.tsv.gz and gazetteer.tsv.gz (resources.py); copied to --out",
    )
    parser.add_argument("--family", choices=("crf", "spacy"), default="crf")
    parser.add_argument("--sets", default="idner,nergrit,alfina", help="idner,nergrit,nerp,alfina")
    parser.add_argument("--types", default="PER,ORG,LOC", help="entity types learned")
    parser.add_argument(
        "--nerp-case", choices=("lower", "truecase", "both"), default="both",
        help="NERP as given (lowercased), recased, or both copies",
    )
    parser.add_argument("--nerp-drop", default="", help="leave out NERP sentences with types")
    parser.add_argument("--lower-copies", action="store_true", help="add lowercased copies")
    parser.add_argument(
        "--recase", action="store_true",
        help="recase training sentences that have no capitals, as tagging does",
    )
    parser.add_argument(
        "--with-dev", action="store_true",
        help="train on the dev splits too (the final refit; CRF only; alfina has no dev)",
    )
    parser.add_argument("--upweight", type=int, default=1, help="repeat idner n times")
    parser.add_argument("--native", action="store_true", help="keep the set's own labels")
    parser.add_argument("--domain-features", action="store_true", help="per-set feature copies")
    parser.add_argument("--style", default=None, help="with --domain-features: tag as this set")
    parser.add_argument("--c1", type=float, default=0.05)
    # c2 0.4: dev mean of idner and NERGrit 0.8047 with the flat clusters, against 0.7978 at
    # 0.1 (model card, "Family and training-set comparison").
    parser.add_argument("--c2", type=float, default=0.4)
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--minfreq", type=float, default=1)
    parser.add_argument("--no-lexicon", dest="lexicon", action="store_false")
    parser.add_argument("--no-gazetteer", dest="gazetteer", action="store_false")
    parser.add_argument(
        "--no-clusters", dest="clusters", action="store_false",
        help="leave out the flat clusters (clusters.tsv.gz from resources.py)",
    )
    parser.add_argument("--split", default="dev", help="split to report after training")
    parser.add_argument("--time-limit", type=float, default=1500, help="spaCy: seconds")
    args = parser.parse_args()
    if args.with_dev and args.family == "spacy":
        parser.error("--with-dev: the spaCy family picks its epoch on dev")
    args.out.mkdir(parents=True, exist_ok=True)

    started = time.time()
    if args.family == "spacy":
        from spacy_family import train_spacy

        train_spacy(args, [(tokens, tags) for _, tokens, tags in training_set(args)])
        return
    sentences = training_set(args)
    print(f"training on {len(sentences)} sentences ({args.sets}, types {args.types})")
    train_crf(args, sentences)
    print(f"trained in {time.time() - started:.0f} s")
    if args.with_dev and args.split == "dev":
        trained = ",".join(s for s in args.sets.split(",") if s != "alfina")
        print(f"--with-dev: trained on the dev splits of {trained}; their scores are NOT held out")
    report(args)


if __name__ == "__main__":
    main()
