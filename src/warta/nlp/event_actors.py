"""Who is the source and who the target of a coded event, where the coder's rules found nobody:
a model learned from the annotated articles.

The coder's rules (:mod:`warta.nlp.events`) pick an event's source (actor1) and target (actor2)
by word order, prepositions and voice. Where they find nobody for a role, the annotators still
named someone about half of the time: a pronoun ("kami sita"), initials ("FI kemudian
diamankan"), a plain noun phrase ("sang ibu"), a name the clause rules did not reach. For each
role this module weighs two questions with a linear model each:

- *fill*: does the text name anyone in this role? (from the trigger's voice, root and
  neighbours, and whether the rules found anyone);
- *pick*: which option is it? Options are the rules' picks, every actor candidate of the
  sentence, and the possible actors no dictionary knows (pronouns, initials, the clause's subject
  phrase, the phrase after the trigger); features are the option's side of the trigger and
  distance, the words around it, its kind and actor code, the trigger's voice and root.

The two are combined into the most probable (source, target) pair, one actor never both.
The shipped model (``warta/models/events/actors.json``, fitted on the dev split of the annotated
set by ``training/events/actors.py``) keeps every actor the rules found and decides only the
roles they left empty (``mode = "fill-empty-roles"``): on cross-validation that scored as well
as letting it override the rules, and changes less. Without that file the rules' choice stands.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Protocol

from warta.model import Span
from warta.nlp.event_triggers import stem
from warta.nlp.quote_lexicon import grammar as verb_grammar

if TYPE_CHECKING:
    from warta.nlp.events import _Candidate

__all__ = ["ROLES", "ActorChoice", "ActorModel", "Chooser", "default_model", "features",
           "fill_features"]

_WORD = re.compile(r"[\w-]+")
# The agent of a passive relative clause right before an option: "pasukan Suriah yang didukung
# oleh tentara Rusia", "wilayah yang telah diduduki oleh militan ISIS".
_RELATIVE_AGENT = re.compile(r"\byang\s+(?:telah\s+|sudah\s+|sempat\s+|kini\s+)?di\w+\s+"
                             r"(?:oleh\s+)?$", re.I)
ROLES = ("a1", "a2")


@dataclass(frozen=True)
class ActorChoice:
    """What the model sees of one coded event: the trigger, its clause, the sentence's actor
    candidates and the rules' picks."""

    text: str
    sentence: Span
    start: int  # the trigger
    end: int
    floor: int  # actors before this are sources of a report, not participants
    clause_start: int
    clause_end: int
    root: str
    passive: bool
    noun: bool
    setting: bool  # a noun trigger told as the setting: "tewas dalam serangan"
    learned: bool
    quoted: bool  # the trigger is inside a quotation
    speakers: tuple[tuple[int, int], ...]  # who said the quotations the trigger is inside
    candidates: tuple[_Candidate, ...]
    source: _Candidate | None
    target: _Candidate | None
    # Finds who else the sentence names that no dictionary knows (``extra``), called only when
    # the model looks beyond the rules' picks.
    find_unlisted: Callable[[], tuple[tuple[str, _Candidate], ...]] = tuple

    @cached_property
    def extra(self) -> tuple[tuple[str, _Candidate], ...]:
        """Who else the sentence names that no dictionary knows, each with its kind: pronouns,
        initials, the clause's subject phrase and the phrase after the trigger."""
        return self.find_unlisted()

    @cached_property
    def trigger_stem(self) -> str:
        return stem(self.text[self.start:self.end].split()[0])

    @cached_property
    def word_before(self) -> str:
        """The word before the trigger, lower case (``<s>`` at the sentence's start)."""
        words = _WORD.findall(self.text, max(self.sentence.start, self.start - 20), self.start)
        return words[-1].lower() if words else "<s>"

    @cached_property
    def word_after(self) -> str:
        """The word after the trigger, lower case (``</s>`` at the sentence's end)."""
        words = _WORD.findall(self.text, self.end, min(self.sentence.end, self.end + 20))
        return words[0].lower() if words else "</s>"

    @cached_property
    def options(self) -> list[_Candidate]:
        """Who may fill a role: the rules' picks, every candidate of the sentence, then the
        possible actors no dictionary knows (each once)."""
        found: list[_Candidate] = []
        seen: set[tuple[int, int]] = set()
        for candidate in (self.source, self.target, *self.candidates,
                          *(c for _, c in self.extra)):
            if candidate is not None and (candidate.start, candidate.end) not in seen:
                seen.add((candidate.start, candidate.end))
                found.append(candidate)
        return found


class Chooser(Protocol):
    """Anything that settles an event's (source, target) from an :class:`ActorChoice`."""

    def choose(self, choice: ActorChoice) -> tuple[_Candidate | None, _Candidate | None]: ...


def _bucket(n: int) -> str:
    return str(n) if n < 3 else "3-4" if n < 5 else "5-8" if n < 9 else "9+"


def _code_kind(code: str | None) -> str:
    if not code:
        return "none"
    if code.startswith(("IGO", "IMG")):
        return code[:3]
    return "state" if len(code) == 3 else code[-3:]


def _voice(choice: ActorChoice) -> str:
    return ("passive" if choice.passive else "setting" if choice.setting
            else "noun" if choice.noun else "active")


def _kind(choice: ActorChoice, option: _Candidate) -> str:
    return next((k for k, c in choice.extra if (c.start, c.end) == (option.start, option.end)),
                None) or (option.entity.type if option.entity is not None
                          else "pointer" if option.code is None else "phrase")


def fill_features(choice: ActorChoice, role: str) -> dict[str, float]:
    """The features of whether ``role`` is filled at all: the text names someone in it."""
    voice = _voice(choice)
    picked = choice.source if role == "a1" else choice.target
    kind = _kind(choice, picked) if picked is not None else "none"
    before = sum(1 for c in choice.options
                 if choice.clause_start <= c.start and c.end <= choice.start)
    after = sum(1 for c in choice.options if choice.end <= c.start < choice.clause_end)
    return {
        "bias": 1.0,
        f"rule={kind}": 1.0,
        f"rule={kind}&voice={voice}": 1.0,
        f"rule={kind}&root={choice.root}": 1.0,
        f"voice={voice}": 1.0,
        f"root={choice.root}": 1.0,
        f"learned={choice.learned}": 1.0,
        f"learned={choice.learned}&rule={picked is not None}": 1.0,
        f"before={min(before, 2)}&voice={voice}": 1.0,
        f"after={min(after, 2)}&voice={voice}": 1.0,
        "quoted": float(choice.quoted),
        f"next={choice.word_after}": 1.0,
        f"prev={choice.word_before}": 1.0,
        f"stem={choice.trigger_stem}": 1.0,
    }


def features(choice: ActorChoice, option: _Candidate, role: str) -> dict[str, float]:
    """The features of ``option`` filling ``role`` ("a1", the source, or "a2", the target)."""
    voice = _voice(choice)
    picked = choice.source if role == "a1" else choice.target
    other = choice.target if role == "a1" else choice.source
    text = choice.text
    same = picked is not None and (picked.start, picked.end) == (option.start, option.end)
    is_other = other is not None and (other.start, other.end) == (option.start, option.end)
    if option.end <= choice.start:
        side = "before"
        gap = len(_WORD.findall(text, option.end, choice.start))
        rank = sum(1 for c in choice.candidates if option.end <= c.start and c.end <= choice.start)
    else:
        side = "after"
        gap = len(_WORD.findall(text, choice.end, option.start))
        rank = sum(1 for c in choice.candidates if choice.end <= c.start < option.start)
    previous = _WORD.findall(text, max(choice.sentence.start, option.start - 20), option.start)
    following = _WORD.findall(text, option.end, min(choice.sentence.end, option.end + 20))
    prev_word = previous[-1].lower() if previous else "<s>"
    next_word = following[0].lower() if following else "</s>"
    if text[option.end:option.end + 2].strip().startswith(","):
        next_word = ","
    between = (text[option.end:choice.start] if side == "before"
               else text[choice.end:option.start])
    kind = _kind(choice, option)
    # A description ("dua kantong wilayah") where the same side also names a coded actor.
    coded_beside = option.code is None and any(
        o.code and (o.end <= choice.start) == (side == "before") for o in choice.options)
    relative_agent = _RELATIVE_AGENT.search(
        text, max(choice.sentence.start, option.start - 60), option.start) is not None
    where = ("report" if option.start < choice.floor
             else "clause" if choice.clause_start <= option.start < choice.clause_end
             else "sentence")
    return {
        "bias": 1.0,
        "rule": float(same),
        "rule_other_role": float(is_other),
        f"rule_none&side={side}&voice={voice}": float(picked is None),
        f"rule&voice={voice}": float(same),
        f"rule&root={choice.root}": float(same),
        f"rule&learned={choice.learned}": float(same),
        f"side={side}": 1.0,
        f"side={side}&voice={voice}": 1.0,
        f"side={side}&gap={_bucket(gap)}": 1.0,
        f"side={side}&rank={min(rank, 3)}": 1.0,
        f"side={side}&rank={min(rank, 3)}&voice={voice}": 1.0,
        f"where={where}": 1.0,
        f"where={where}&voice={voice}": 1.0,
        f"prev={prev_word}": 1.0,
        f"prev={prev_word}&side={side}": 1.0,
        f"next={next_word}&side={side}": 1.0,
        f"kind={kind}": 1.0,
        f"kind={kind}&voice={voice}": 1.0,
        f"code={_code_kind(option.code)}": 1.0,
        f"code={_code_kind(option.code)}&root={choice.root}": 1.0,
        f"side={side}&root={choice.root}": 1.0,
        "first": float(not text[choice.sentence.start:option.start].strip()),
        "quoted_trigger": float(choice.quoted),
        "speaker": float(any(s < option.end and option.start < e for s, e in choice.speakers)),
        f"verb_between&side={side}": float(verb_grammar().verb.search(between) is not None),
        f"comma_between&side={side}": float("," in between),
        f"yang_between&side={side}": float(re.search(r"\byang\b", between) is not None),
        f"trigger_next={choice.word_after}&side={side}": float(gap <= 2),
        f"trigger_prev={choice.word_before}&side={side}": 1.0,
        f"stem={choice.trigger_stem}&side={side}": 1.0,
        "long": float(len(option.text.split()) > 4),
        f"relative_agent&side={side}": float(relative_agent),
        f"relative_agent&side={side}&voice={voice}": float(relative_agent),
        f"uncoded_beside_coded&side={side}": float(coded_beside),
        f"uncoded_beside_coded&root={choice.root}": float(coded_beside),
    }


class ActorModel:
    """Two fitted linear models for each role: whether the text names anyone in it ("fill"),
    and which option it names ("pick"). A role is filled where the first gives it at least
    ``threshold``, with the option the second scores best; ``keep_rules`` keeps the actors the
    rules found and decides only the empty roles."""

    def __init__(self, weights: dict[str, dict[str, dict[str, float]]], threshold: float = 0.5,
                 keep_rules: bool = False) -> None:
        self.weights = weights
        # Keep every actor the rules found, and decide only the roles they left empty.
        self.keep_rules = keep_rules
        # The fill model's log-odds a role needs to be filled.
        self.margin = math.log(threshold / (1 - threshold))

    def fill_odds(self, choice: ActorChoice, role: str) -> float:
        """The log-odds that the text names anyone in ``role``, less the threshold's."""
        weights = self.weights[role]["fill"]
        return sum(weights.get(name, 0.0) * value
                   for name, value in fill_features(choice, role).items()) - self.margin

    def score(self, choice: ActorChoice, option: _Candidate, role: str) -> float:
        weights = self.weights[role]["pick"]
        return sum(weights.get(name, 0.0) * value
                   for name, value in features(choice, option, role).items())

    def _log_odds(self, choice: ActorChoice, found: list[_Candidate], role: str
                  ) -> list[float]:
        """For nobody, then each option: how much better than nobody it fills ``role``. The
        best option stands at the fill model's log-odds against the threshold (so the role is
        filled exactly when that probability reaches the threshold), the others below it by
        how much lower the pick model scores them."""
        scores = [self.score(choice, o, role) for o in found]
        top = max(scores, default=0.0)
        fill = self.fill_odds(choice, role)
        return [0.0, *(fill + s - top for s in scores)]

    def choose(self, choice: ActorChoice) -> tuple[_Candidate | None, _Candidate | None]:
        """The most probable (source, target) pair; one actor does not act on itself."""
        keep = self.keep_rules
        if keep and choice.source is not None and choice.target is not None:
            return choice.source, choice.target
        found = choice.options
        first, second = self._log_odds(choice, found, "a1"), self._log_odds(choice, found, "a2")
        people: list[_Candidate | None] = [None, *found]
        allowed_1 = ([people.index(choice.source)] if keep and choice.source is not None
                     else range(len(people)))
        allowed_2 = ([people.index(choice.target)] if keep and choice.target is not None
                     else range(len(people)))

        def distinct(i: int, j: int) -> bool:
            a, b = people[i], people[j]
            return a is None or b is None or a.text != b.text

        best = max(((i, j) for i in allowed_1 for j in allowed_2 if distinct(i, j)),
                   key=lambda pair: first[pair[0]] + second[pair[1]])
        return people[best[0]], people[best[1]]


@lru_cache(maxsize=1)
def default_model() -> ActorModel | None:
    """The shipped model, or None if the package has none (the rules' choice then stands)."""
    source = resources.files("warta").joinpath("models/events/actors.json")
    if not source.is_file():
        return None
    data: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    return ActorModel({role: {part: {str(k): float(v) for k, v in weights.items()}
                              for part, weights in data["weights"][role].items()}
                       for role in ROLES}, float(data["fill_threshold"]),
                      data["mode"] == "fill-empty-roles")
