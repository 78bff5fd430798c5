"""How likely a coded event is right: a logistic model over what the coder found.

The coder's rules decide whether a clause is an event; this module says how much to trust each
one, so that a user can trade recall for precision with a threshold (``--min-confidence``)
instead of taking every event at face value. "Right" means what ``warta eval events`` counts as
correct: the CAMEO root, in the same sentence as an annotated event, with the annotated actors.

The features describe the event as coded (root, code, the trigger's words, factuality, which
actors were found and what kind they are, whether the trigger is a noun, a passive verb, inside a
quotation or one the learned tagger added rather than the lexicon, and the word before it); the
weights are data (``warta/models/events/confidence.json``), fitted on the dev split of the
annotated set by ``training/events/confidence.py``. Without that file every event keeps the
rule-based score the coder gives it, so the module is never needed to code events.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from warta.model import Actor, Article, Event
from warta.nlp.event_lexicon import find_triggers, is_noun, lexicon

__all__ = ["event_features", "score"]

_WORD = re.compile(r"[\w-]+")

# Actor code endings grouped by what they say about the actor (CAMEO roles); anything else is
# "other", a bare country code is "state".
_ROLES = ("GOV", "MIL", "COP", "JUD", "LEG", "CRM", "CVL", "REB", "RAD", "UAF", "OPP", "BUS",
          "MED", "NGO", "REL", "EDU", "SPY", "LAB", "PTY", "REF")


def _role(actor: Actor | None) -> str:
    if actor is None:
        return "none"
    code = actor.code or ""
    if not code:
        return "uncoded"
    if code.startswith("IGO"):
        return "igo"
    if code.startswith("IMG"):
        return "img"
    if len(code) == 3:
        return "state"
    return code[-3:] if code.endswith(_ROLES) else "other"


def _actor_features(name: str, actor: Actor | None) -> dict[str, float]:
    if actor is None:
        return {f"{name}:none": 1.0}
    text = actor.text.strip().lower()
    return {
        f"{name}:role={_role(actor)}": 1.0,
        f"{name}:implied": float(not text),
        # The coder resolved a pronoun or pointer, which goes wrong more often.
        f"{name}:pointer": float(text in lexicon().pointers),
        f"{name}:entity": float(actor.entity is not None),
        f"{name}:long": float(len(text.split()) > 4),
        f"{name}:kind={(actor.entity or 'none:').split(':')[0]}": 1.0,
    }


def event_features(article: Article, event: Event, quoted: Sequence[tuple[int, int]],
                   in_sentence: int) -> dict[str, float]:
    """The features of one event; ``quoted`` are the article's quotation spans and
    ``in_sentence`` the number of events coded in the event's sentence."""
    form = event.trigger.text.lower()
    learned = not any(start == event.trigger.start for start, _, _ in find_triggers(
        article.text, event.trigger.start, event.trigger.end))
    sentence = article.sentences[event.sentence]
    before = _WORD.findall(article.text[sentence.start:event.trigger.start].lower())
    features = {
        "bias": 1.0,
        f"root={event.code[:2]}": 1.0,
        # The full code and the trigger's words: some forms are nearly always annotated
        # ("ditangkap"), others mostly not ("rapat", "membantu").
        f"code={event.code}": 1.0,
        f"form={form}": 1.0,
        f"factuality={event.factuality}": 1.0,
        "noun": float(is_noun(form)),
        "passive": float(form.startswith("di") and not is_noun(form)),
        "multiword": float(" " in form),
        "quoted": float(any(s <= event.trigger.start < e for s, e in quoted)),
        "place": float(event.place is not None),
        "counts": float(bool(event.counts)),
        # A trigger the learned tagger added: the lexicon has no trigger starting there.
        "learned": float(learned),
        # The word before the trigger: "untuk" names a purpose, "tidak" a negation, "dalam" a
        # setting ("tewas dalam serangan").
        f"before={before[-1] if before else '<s>'}": 1.0,
        "lead": float(event.sentence == 0),
        "position": event.sentence / max(1, len(article.sentences) - 1),
        "crowded": float(min(in_sentence - 1, 3)) / 3,
    }
    features.update(_actor_features("a1", event.actor1))
    features.update(_actor_features("a2", event.actor2))
    return features


@lru_cache(maxsize=1)
def _weights() -> dict[str, float] | None:
    source = resources.files("warta").joinpath("models/events/confidence.json")
    if not source.is_file():
        return None
    data: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    return {str(k): float(v) for k, v in data["weights"].items()}


def score(article: Article, events: Sequence[Event]) -> list[float] | None:
    """The probability that each event is right, or None without a fitted model."""
    weights = _weights()
    if weights is None:
        return None
    quoted = [(q.start, q.end) for q in article.quotes]
    per_sentence: dict[int, int] = {}
    for event in events:
        per_sentence[event.sentence] = per_sentence.get(event.sentence, 0) + 1
    scores = []
    for event in events:
        features = event_features(article, event, quoted, per_sentence[event.sentence])
        z = sum(weights.get(name, 0.0) * value for name, value in features.items())
        scores.append(1.0 / (1.0 + math.exp(-z)))
    return scores
