"""Event triggers learned from the annotated articles, beside the lexicon's.

The lexicon (``events.toml``) names an event only by the words it lists; in articles it was not
written from it finds a trigger of the right CAMEO root for only about half of the annotated
events. This module adds a CRF sequence tagger (CRFsuite) trained on the dev split of the
annotated set (``training/events/triggers.py``): each word gets a label such as ``B-17`` (a
trigger of root 17 starts here), ``I-17`` or ``O``, from features of the word and its neighbours
(the word, its stem without Indonesian affixes, their word classes, the lexicon's own label for
it, suffixes). The coder (:mod:`warta.nlp.events`) takes a learned trigger only where the
lexicon found no event of that root in the sentence, and reads its actors, place, date and
factuality with the same rules.

The model is data: ``warta/models/events/triggers.crfsuite`` and ``triggers.json`` (the code,
label and PLOVER type given to each root's learned triggers). Without them no trigger is added.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from warta.model import Article, Span
from warta.nlp.event_lexicon import find_triggers, is_noun, lexicon, without_clitic
from warta.nlp.ner import word_classes

__all__ = ["MODEL_DIR", "LearnedTrigger", "TriggerTagger", "codes_for", "default_tagger",
           "sentence_features", "sentence_tokens", "stem"]

_WORD = re.compile(r"\w+(?:-\w+)*")
# Indonesian verbal and nominal affixes, longest first: a stem joins "menangkap", "ditangkap",
# "penangkapan" and "tangkapan" ("tangkap").
_PREFIXES = ("memper", "diper", "meng", "meny", "peng", "peny", "mem", "men", "pem", "pen",
             "ber", "ter", "per", "me", "di", "pe", "ke")
_SUFFIXES = ("kan", "an", "i")


# The consonants a nasal prefix swallows: meN-/peN- + tangkap is "menangkap", + pukul
# "memukul", + kirim "mengirim", + serang "menyerang".
_SWALLOWED = ("t", "p", "k", "s")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A rough stem that joins the forms of one verb: the word without one clitic, one suffix
    and one prefix (each only if enough letters remain), and without a first consonant a nasal
    prefix would swallow, so that "menangkap", "ditangkap", "penangkapan" and "tangkapan" all
    give "angkap". Not a dictionary form: a feature that relates words."""
    word = without_clitic(word.lower())
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[:-len(suffix)]
            break
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix):]
            break
    if word.startswith(_SWALLOWED) and len(word) >= 4 and word[1] not in "rl":
        word = word[1:]
    return word


def sentence_tokens(text: str, sentence: Span) -> list[tuple[int, int, str]]:
    """(start, end, word) of the sentence's words."""
    return [(m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text, sentence.start,
                                                                       sentence.end)]


def _lexicon_labels(text: str, sentence: Span, tokens: Sequence[tuple[int, int, str]],
                    found: Sequence[tuple[int, int, str]] | None) -> list[str]:
    """The lexicon's trigger under each word, as a label: ``B-17``, ``I-17`` or ``O``.
    ``found`` are the sentence's lexicon triggers if the caller has them already."""
    labels = ["O"] * len(tokens)
    lex = lexicon()
    if found is None:
        found = list(find_triggers(text, sentence.start, sentence.end))
    for start, end, key in found:
        root = lex.triggers[key].code[:2]
        for i, (s, e, _) in enumerate(tokens):
            if start <= s and e <= end:
                labels[i] = ("B-" if s == start else "I-") + root
    return labels


def sentence_features(text: str, sentence: Span, tokens: Sequence[tuple[int, int, str]],
                      found: Sequence[tuple[int, int, str]] | None = None
                      ) -> list[dict[str, float]]:
    """The features of each word of a sentence, the same in training and tagging (``found``:
    the sentence's lexicon triggers, as ``find_triggers`` gives them, if already at hand)."""
    lexical = _lexicon_labels(text, sentence, tokens, found)
    words = [w.lower() for _, _, w in tokens]
    stems = [stem(w) for w in words]
    out = []
    for i, word in enumerate(words):
        features = {"w=" + word: 1.0, "stem=" + stems[i]: 1.0, "lex=" + lexical[i]: 1.0,
                    "suffix=" + word[-3:]: 1.0, "prefix=" + word[:2]: 1.0,
                    "capital": float(tokens[i][2][:1].isupper()), "noun": _noun(word)}
        for name in _clusters(word):
            features[name] = 1.0
        for name in _clusters(stems[i]):
            features["stem" + name] = 1.0
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < len(words):
                features[f"{offset}:w={words[j]}"] = 1.0
                features[f"{offset}:stem={stems[j]}"] = 1.0
                features[f"{offset}:lex={lexical[j]}"] = 1.0
            else:
                features[f"{offset}:edge"] = 1.0
        out.append(features)
    return out


@lru_cache(maxsize=65536)
def _clusters(word: str) -> tuple[str, ...]:
    """The word's distributional classes at 1,024, 256 and 64 (the NER lexicon's, learned from
    unlabelled news), which carry what the tagger learned to words of like use that the
    annotated articles lack."""
    classes = word_classes(word)
    return tuple(f"c{size}={c}" for size, c in zip(("1k", "256", "64"), classes, strict=True)
                 ) if classes else ()


@lru_cache(maxsize=65536)
def _noun(word: str) -> float:
    return float(is_noun(word))


@dataclass(frozen=True)
class LearnedTrigger:
    """A trigger the tagger found: its span and the code, label and PLOVER type of its root."""

    start: int
    end: int
    code: str
    label: str
    plover: str


class TriggerTagger:
    """A trained trigger tagger: the CRFsuite model and the code each root's triggers get."""

    def __init__(self, model: Path, codes: dict[str, dict[str, str]]) -> None:
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model))
        self._codes = codes

    @classmethod
    def load(cls, folder: Path) -> TriggerTagger:
        meta = json.loads((folder / "triggers.json").read_text(encoding="utf-8"))
        return cls(folder / meta["model"], meta["codes"])

    def triggers(self, article: Article, sentence: Span,
                 listed: Sequence[tuple[int, int, str]] | None = None) -> list[LearnedTrigger]:
        """The triggers of one sentence, in order (``listed``: its lexicon triggers, if the
        caller has them already)."""
        tokens = sentence_tokens(article.text, sentence)
        if not tokens:
            return []
        labels = self._tagger.tag(sentence_features(article.text, sentence, tokens, listed))
        found: list[LearnedTrigger] = []
        i = 0
        while i < len(tokens):
            label = labels[i]
            if not label.startswith("B-") or label[2:] not in self._codes:
                i += 1
                continue
            root, j = label[2:], i + 1
            while j < len(tokens) and labels[j] == "I-" + root:
                j += 1
            code = self._codes[root]
            found.append(LearnedTrigger(tokens[i][0], tokens[j - 1][1], code["code"],
                                        code["label"], code["plover"]))
            i = j
        return found


MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "events"


@lru_cache(maxsize=1)
def default_tagger() -> TriggerTagger | None:
    """The tagger shipped with warta, or None if its files are missing."""
    if not (MODEL_DIR / "triggers.json").is_file():
        return None
    return TriggerTagger.load(MODEL_DIR)


def codes_for(gold_codes: dict[str, list[str]]) -> dict[str, dict[str, Any]]:
    """For each root, the code its learned triggers get: the root's most frequent annotated code
    that the lexicon also gives, with the lexicon's label and PLOVER type for it."""
    by_code = {t.code: t for t in lexicon().triggers.values()}
    out: dict[str, dict[str, Any]] = {}
    for root, codes in sorted(gold_codes.items()):
        ranked = sorted(set(codes), key=lambda c: (-codes.count(c), c))
        chosen = next((c for c in ranked if c in by_code), None)
        if chosen is not None:
            out[root] = {"code": chosen, "label": by_code[chosen].label,
                         "plover": by_code[chosen].plover}
    return out
