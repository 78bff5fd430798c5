"""Fit the event actor model (``warta/models/events/actors.json``) on the dev split.

    python training/events/actors.py --indosum ../shared/data/sum-indosum-dev \\
        --out src/warta/models/events/actors.json

The coder codes every dev article of ``eval/events/gold.jsonl`` with the rules' actor picks,
recording for each event what ``warta.nlp.event_actors`` sees (its options and their features).
Each coded event is paired with the annotated event of the same CAMEO root nearest to it in its
sentence. For each role, a "fill" example says whether the annotator named anyone in it, and,
where the annotated actor is among the options, a "pick" group labels every option right or
wrong as the evaluation judges an actor (``warta.evaluate.events._actor_ok``: overlapping words
or an equal actor code). Each role gets two L2 logistic regressions, one per kind of example.

Every choice is made by 5-fold cross-validation over articles, each article coded by models
and a trigger tagger that did not see it: the regularisation strength of each model by its
held-out accuracy; then the mode (keep the rules' actors and fill only the empty roles, or
override them) and the fill threshold, scored the way ``warta eval events`` scores, among those
that name each role as the annotator did at least as often as the rules alone. The report gives
the rules alone beside it; ``--report-ids`` also reports the listed articles on their own. The
test split is never read.

``--mode M --threshold T`` ships that setting instead of the chosen one (its cross-validated
figures are still reported): for a requirement the cross-validation does not see. The shipped
model uses ``--mode override --threshold 0.3``, the setting this recipe chose on the 352, 396,
426 and 456 dev articles, which passes the seed article's checks (issue 6 check 1,
``tests/test_event_actors.py``). On 426 it passes them only since the option features mark the
agent of a passive relative clause (``relative_agent``); without it the override model gave the
Syrian army's capture of pockets held by ISIS another target, and ``fill-empty-roles`` at 0.4
shipped for a moment. On 456 it passes them only since territory named as an actor takes the
code of its holder (``warta.nlp.events._holder_code``). From the 236 to the 312 articles
``fill-empty-roles`` at 0.5 shipped, because the override models chosen then broke the seed
article's fight event against ISIS.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from warta.evaluate.events import (
    STAGES,
    _actor_ok,
    _sentence_of,
    judge_events,
    load_gold,
    parsed_articles,
)
from warta.model import Article, replace
from warta.nlp.event_actors import (
    ROLES,
    ActorChoice,
    ActorModel,
    features,
    fill_features,
)
from warta.nlp.event_triggers import TriggerTagger
from warta.nlp.events import _Candidate, _to_actor, code_events

sys.path.insert(0, str(Path(__file__).resolve().parent))
import triggers  # the trigger tagger's training, beside this script

FOLDS = 5
# Inverse regularisation strengths tried.
GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
# "override": the model settles every role; "fill-empty-roles": it keeps the actors the rules
# found and decides only the roles they left empty.
MODES = ("fill-empty-roles", "override")
# Fill-probability thresholds tried.
THRESHOLDS = (0.5, 0.4, 0.3, 0.2, 0.1)
# The shipped actor model, whose options the out-of-fold actor models take.
SHIPPED = Path(__file__).resolve().parents[2] / "src/warta/models/events/actors.json"


@dataclass
class Recorder:
    """A chooser that keeps the rules' picks and remembers what it was shown."""

    seen: dict[int, ActorChoice] = field(default_factory=dict)

    def choose(self, choice: ActorChoice) -> tuple[_Candidate | None, _Candidate | None]:
        self.seen[choice.start] = choice
        return choice.source, choice.target


@dataclass
class Example:
    """One role of one coded event: whether the annotator named anyone in it, and, when the
    annotator did and one of the options is that actor, the options and which are right."""

    article: int
    fill: dict[str, float]
    filled: bool
    options: list[dict[str, float]] | None
    labels: list[int] | None
    rules_right: bool  # the rules' pick (or nobody) is what the annotator wrote
    rules_named: bool  # the rules named someone in the role


def _right(gold: dict[str, Any], role: str, option: _Candidate) -> int:
    return int(_actor_ok(gold[role], gold[role + "_code"], _to_actor(option)))


def examples_of(article: Article, number: int, gold_events: list[dict[str, Any]],
                tagger: TriggerTagger | None) -> dict[str, list[Example]]:
    """The examples of one article, per role, from each coded event that matches an annotated
    event by root and sentence (the annotated event nearest to its trigger)."""
    recorder = Recorder()
    events = code_events(article, tagger=tagger, chooser=recorder)
    found: dict[str, list[Example]] = {role: [] for role in ROLES}
    for event in events:
        choice = recorder.seen.get(event.trigger.start)
        matching = [g for g in gold_events if g["root"] == event.code[:2] and _sentence_of(
            article, g["trigger_start"], g["sentence_index"]) == event.sentence]
        if choice is None or not matching:
            continue
        gold = min(matching, key=lambda g: abs(g["trigger_start"] - event.trigger.start))
        for role, key in zip(ROLES, ("actor1", "actor2"), strict=True):
            # An actor only implied by its code (no words) is none the text names.
            filled = bool(gold[key])
            listed = choice.options
            labels = [_right(gold, key, option) for option in listed] if filled else []
            ranked = filled and any(labels)
            picked = choice.source if role == "a1" else choice.target
            rules_right = (picked is None) != filled and (
                not filled or bool(labels[listed.index(picked)]))
            found[role].append(Example(
                number, fill_features(choice, role), filled,
                [features(choice, o, role) for o in listed] if ranked else None,
                labels if ranked else None, rules_right, picked is not None))
    return found


def logistic_weights(x: list[dict[str, float]], y: list[int], c: float) -> dict[str, float]:
    """The weights, by feature name and "bias", of an L2 logistic regression of inverse
    strength c (also the confidence model's final fit, ``confidence.py``)."""
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(x)
    model = LogisticRegression(C=c, max_iter=3000).fit(matrix, np.array(y))
    weights = {"bias": float(model.intercept_[0])}
    for name, weight in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True):
        weights[name] = weights.get(name, 0.0) + float(weight)
    return weights


def fit(examples: list[Example], c_fill: float, c_pick: float) -> dict[str, dict[str, float]]:
    """The two models of one role: "fill" over every example, "pick" over the options of
    those with a right option (an L2 logistic regression each, of inverse strength c)."""
    ranked = [e for e in examples if e.options is not None and e.labels is not None]
    return {
        "fill": logistic_weights([e.fill for e in examples],
                                 [int(e.filled) for e in examples], c_fill),
        "pick": logistic_weights([f for e in ranked for f in e.options or []],
                                 [label for e in ranked for label in e.labels or []], c_pick),
    }


def fold_weights(per_article: dict[str, dict[str, list[Example]]], c_fill: float,
                 c_pick: float) -> list[dict[str, dict[str, dict[str, float]]]]:
    """For each fold (the trigger tagger's: articles in id order, every FOLDS-th in one fold),
    the models of both roles fitted on the other folds."""
    fold_of = {aid: i % FOLDS for i, aid in enumerate(sorted(per_article))}
    return [{role: fit([e for aid, by_role in per_article.items() if fold_of[aid] != fold
                        for e in by_role[role]], c_fill, c_pick) for role in ROLES}
            for fold in range(FOLDS)]


def out_of_fold_models(articles: dict[str, Article], gold: dict[str, dict[str, Any]],
                       taggers: dict[str, TriggerTagger], shipped: dict[str, Any]
                       ) -> dict[str, ActorModel]:
    """For each article, an actor model with the options of ``shipped`` (the contents of
    ``actors.json``) fitted on the other folds: what the coder would do on unseen text."""
    ids = sorted(articles)
    per_article = {aid: examples_of(articles[aid], i, gold[aid]["events"], taggers[aid])
                   for i, aid in enumerate(ids)}
    folds = fold_weights(per_article, shipped["C"]["fill"], shipped["C"]["pick"])
    return {aid: ActorModel(folds[i % FOLDS], shipped["fill_threshold"],
                            shipped["mode"] == "fill-empty-roles") for i, aid in enumerate(ids)}


def coded_out_of_fold(articles: dict[str, Article], gold: dict[str, dict[str, Any]], work: Path
                      ) -> dict[str, Article]:
    """Each article with the events the coder finds when its learned triggers and the actors
    the actor model settles come from models that did not see it (trigger taggers written to
    ``work``; actor models with the options of the shipped ``actors.json``): the coder as it
    would be on unseen text, but for the rules and lexicon."""
    taggers = triggers.out_of_fold_taggers(articles, gold, triggers.gold_codes(gold), work)
    shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
    choosers = out_of_fold_models(articles, gold, taggers, shipped)
    return {aid: replace(article, events=code_events(article, tagger=taggers[aid],
                                                     chooser=choosers[aid]))
            for aid, article in articles.items()}


def _score(weights: dict[str, float], features: dict[str, float]) -> float:
    return sum(weights.get(k, 0.0) * v for k, v in features.items())


def held_out_accuracy(per_article: dict[str, dict[str, list[Example]]], fold_of: dict[str, int],
                      c: float) -> tuple[float, float]:
    """Cross-validated accuracy of the fill model and of the pick model (both roles) at
    inverse strength ``c``."""
    fill = pick = fills = picks = 0
    for fold in range(FOLDS):
        for role in ROLES:
            weights = fit([e for aid, by_role in per_article.items() if fold_of[aid] != fold
                           for e in by_role[role]], c, c)
            held = [e for aid, by_role in per_article.items() if fold_of[aid] == fold
                    for e in by_role[role]]
            for e in held:
                fills += 1
                fill += (_score(weights["fill"], e.fill) >= 0.0) == e.filled
                if e.options is not None and e.labels is not None:
                    scores = [_score(weights["pick"], f) for f in e.options]
                    picks += 1
                    pick += e.labels[scores.index(max(scores))]
    return fill / fills, pick / picks


def agreement(examples: list[Example], models: dict[int, dict[str, dict[str, float]]],
              threshold: float, keep_rules: bool) -> tuple[int, int]:
    """(roles the model fills as the annotator did, roles), each example scored by the model
    of its article (the role on its own: the coder also keeps source and target apart)."""
    right = 0
    for example in examples:
        if keep_rules and example.rules_named:
            right += example.rules_right
            continue
        weights = models[example.article]
        fills = _score(weights["fill"], example.fill) >= math.log(threshold / (1 - threshold))
        if not example.filled:
            right += not fills
        elif fills and example.options is not None and example.labels is not None:
            scores = [_score(weights["pick"], f) for f in example.options]
            right += example.labels[scores.index(max(scores))]
    return right, len(examples)


def evaluate(articles: dict[str, Article], gold: dict[str, dict[str, Any]],
             taggers: dict[str, TriggerTagger], choosers: dict[str, ActorModel | None]
             ) -> Counter[str]:
    """``warta eval events`` counts over the articles, each coded with its own chooser (None:
    the rules alone)."""
    counts: Counter[str] = Counter()
    for aid, article in articles.items():
        chooser = choosers[aid]
        events = code_events(article, tagger=taggers[aid], chooser=chooser,
                             learned_actors=chooser is not None)
        verdicts, _, _ = judge_events(article, gold[aid]["events"], events)
        counts.update(predicted=len(events), gold=len(gold[aid]["events"]),
                      correct=verdicts.count("correct"),
                      root=verdicts.count("correct") + verdicts.count("root"))
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--indosum", type=Path, default=Path("../shared/data/sum-indosum-dev"))
    parser.add_argument("--gold", type=Path, default=Path("eval/events/gold.jsonl"))
    parser.add_argument("--out", type=Path, default=Path("src/warta/models/events/actors.json"))
    parser.add_argument("--report-ids", type=Path, help="ids to report on their own as well")
    parser.add_argument("--mode", choices=MODES,
                        help="ship this mode instead of the one cross-validation chooses")
    parser.add_argument("--threshold", type=float, choices=THRESHOLDS,
                        help="with --mode: ship this fill threshold")
    args = parser.parse_args(argv)
    if (args.mode is None) != (args.threshold is None):
        parser.error("--mode and --threshold go together")

    gold = {row["indosum_id"]: row for row in load_gold(args.gold, "dev")}
    before_events = [stage for stage in STAGES if stage != "events"]
    articles = dict(sorted(parsed_articles(args.indosum, set(gold), before_events)))
    ids = list(articles)
    fold_of = {aid: i % FOLDS for i, aid in enumerate(ids)}  # the tagger's folds
    listed = set(args.report_ids.read_text().split()) if args.report_ids else set()
    with tempfile.TemporaryDirectory() as work:
        # The learned triggers of each article come from a tagger that did not see it.
        taggers = triggers.out_of_fold_taggers(articles, gold, triggers.gold_codes(gold),
                                               Path(work))
        per_article = {aid: examples_of(articles[aid], i, gold[aid]["events"], taggers[aid])
                       for i, aid in enumerate(ids)}
        for role in ROLES:
            every = [e for by_role in per_article.values() for e in by_role[role]]
            print(f"dev, {role}: {len(every)} matched events, {sum(e.filled for e in every)} "
                  f"with an annotated actor, {sum(e.options is not None for e in every)} of "
                  "them among the options")
        subsets = {"all": ids, **({"listed": [a for a in ids if a in listed]} if listed else {})}
        rules = {aid: None for aid in ids}
        results: dict[tuple[str, float], tuple[Counter[str], dict[str, float]]] = {}
        for name, subset in subsets.items():
            base = evaluate({a: articles[a] for a in subset}, gold, taggers, rules)
            print(f"rules alone, {name}: {triggers.score(base)}")
        rules_annotated = {}
        for role in ROLES:
            every = [e for by_role in per_article.values() for e in by_role[role]]
            rules_annotated[role] = sum(e.rules_right for e in every) / len(every)
            print(f"rules alone, {role} as annotated: {rules_annotated[role]:.3f}")
        rules_pick = [e for by_role in per_article.values() for role in ROLES
                      for e in by_role[role] if e.options is not None]
        print(f"rules alone, pick accuracy: "
              f"{sum(e.rules_right for e in rules_pick) / len(rules_pick):.3f}")
        accuracy = {c: held_out_accuracy(per_article, fold_of, c) for c in GRID}
        for c, (fill, pick) in accuracy.items():
            print(f"C {c:<5} cross-validated accuracy: fill {fill:.3f}, pick {pick:.3f}")
        c_fill = max(GRID, key=lambda c: accuracy[c][0])
        c_pick = max(GRID, key=lambda c: accuracy[c][1])
        print(f"chosen: C {c_fill} (fill), C {c_pick} (pick)")
        folds = fold_weights(per_article, c_fill, c_pick)
        for mode, threshold in [(m, t) for m in MODES for t in THRESHOLDS]:
            keep = mode == "fill-empty-roles"
            annotated = {}
            for role in ROLES:
                right, total = agreement(
                    [e for by_role in per_article.values() for e in by_role[role]],
                    {i: folds[fold_of[aid]][role] for i, aid in enumerate(ids)}, threshold, keep)
                annotated[role] = round(right / total, 4)
            choosers: dict[str, ActorModel | None] = {
                aid: ActorModel(folds[fold_of[aid]], threshold, keep) for aid in ids}
            for name, subset in subsets.items():
                counts = evaluate({a: articles[a] for a in subset}, gold, taggers, choosers)
                if name == "all":
                    results[mode, threshold] = (counts, annotated)
                print(f"{mode}, fill at {threshold}, cross-validated, {name}: "
                      f"{triggers.score(counts)}"
                      + (f"; a1 as annotated {annotated['a1']:.3f}, a2 {annotated['a2']:.3f}"
                         if name == "all" else ""))
    # The mode and threshold: among those that name each role as the annotator did at least as
    # often as the rules alone, taken in MODES x THRESHOLDS order (the output changing more and
    # more from the rules'), a later one replaces the one kept only if it gets more events right
    # by at least 1 % of the annotated events: smaller differences are noise on 186 articles.
    fair = [key for key, (_, annotated) in results.items()
            if all(annotated[role] >= rules_annotated[role] for role in ROLES)]
    mode, threshold = fair[0] if fair else ("fill-empty-roles", 0.5)
    for key in fair[1:]:
        if results[key][0]["correct"] >= results[mode, threshold][0]["correct"] + 0.01 * len(
                [e for row in gold.values() for e in row["events"]]):
            mode, threshold = key
    print(f"chosen: {mode}, fill threshold {threshold}")
    if args.mode is not None:
        # A setting fixed by hand, for a requirement cross-validation does not see (the seed
        # article's events, issue 6 check 1: see the model card).
        mode, threshold = args.mode, args.threshold
        print(f"shipped instead, as asked: {mode}, fill threshold {threshold}")
    counts, annotated = results[mode, threshold]
    weights = {role: fit([e for aid in ids for e in per_article[aid][role]], c_fill, c_pick)
               for role in ROLES}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "format": "warta.event-actors/1",
        "trained_on": "eval/events/gold.jsonl, split dev",
        "articles": len(ids), "C": {"fill": c_fill, "pick": c_pick},
        "mode": mode, "fill_threshold": threshold,
        "cross_validated": {**{k: counts[k] for k in ("predicted", "gold", "correct", "root")},
                            "as_annotated": annotated,
                            "rules_as_annotated": {r: round(v, 4)
                                                   for r, v in rules_annotated.items()}},
        "weights": {role: {part: {k: round(v, 5) for k, v in sorted(w.items()) if abs(v) >= 1e-5}
                           for part, w in weights[role].items()} for role in ROLES},
    }, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
