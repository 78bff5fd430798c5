"""Story clusters: which articles, across outlets, report the same happening.

A near-duplicate (``duplicate_of``) is the same text posted twice; a story is the same news told
in different words, by different outlets, over a few days. Each article gets a short *profile*:
its most distinctive words and entities, weighted by TF-IDF and scaled to unit length. At ingest
the store looks up earlier articles published within :data:`WINDOW_DAYS` days that share a
profile term (an indexed lookup in ``story_terms``, never a comparison of all pairs), scores
each candidate by the dot product of the two profiles (the cosine of the truncated vectors), and
the article joins the story of the best candidate scoring at least :data:`THRESHOLD`. Otherwise it
starts a story of its own, named by its id. A near-duplicate joins its original's story.

This is online single-link clustering, the classic first-story-detection set-up: the result can
depend on the order articles arrive in, and an article never moves story once stored (unless it
is updated). The figures and the choice of TF-IDF over sentence embeddings are in
``eval/stories/README.md``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping

from warta.model import Article
from warta.store.text import fold, tokens

# Tuned on the dev pairs of eval/stories (grid: terms 24/60, threshold 0.15-0.50, window 1/3
# days, entity weight 0/1/2, time values as terms or not); the table is in eval/stories/README.md.

#: Bump when profiles or the rule change (a new topic model changes the IDF, so it counts):
#: stores clustered by another version re-cluster on opening for writing
#: (:meth:`~warta.store.sqlite.SQLiteStore.restory`).
VERSION = "1"
#: Profile terms kept per article.
PROFILE_TERMS = 24
#: Articles at most this many days apart (by publication day) can share a story.
WINDOW_DAYS = 3
#: The lowest profile cosine at which an article joins an earlier article's story.
THRESHOLD = 0.25
#: An entity key weighs as much as a word seen once that the vocabulary never saw (the highest
#: IDF), so a name shared by two articles counts like a rare word shared.
ENTITY_WEIGHT = 1.0
#: Words shorter than this, and numbers, carry no story signal.
MIN_WORD = 3


def profile(article: Article, idf: Mapping[str, float], default_idf: float,
            stop: frozenset[str], words: list[str] | None = None) -> dict[str, float]:
    """The article's top :data:`PROFILE_TERMS` terms with unit-length TF-IDF weights.

    Terms are folded words (``w:serangan``) and folded entity keys (``e:per:bashar al-assad``);
    a word's weight is ``(1 + log tf) * idf``.
    """
    if words is None:
        words = tokens(article.text)
    counts = Counter(word for word in words
                     if len(word) >= MIN_WORD and not word.isdigit() and word not in stop)
    weights = {f"w:{word}": (1.0 + math.log(count)) * idf.get(word, default_idf)
               for word, count in counts.items()}
    for entity in article.entities:
        if entity.type in ("PER", "ORG", "LOC", "GPE", "EVT"):
            weights[f"e:{fold(entity.key)}"] = ENTITY_WEIGHT * default_idf
    top = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:PROFILE_TERMS]
    norm = math.sqrt(sum(value * value for _, value in top))
    return {term: value / norm for term, value in top} if norm else {}


def article_profile(article: Article, words: list[str] | None = None) -> dict[str, float]:
    """:func:`profile` with warta's shipped word rarities (the topic model's IDF table, fitted
    on IndoSum) and stop words. ``words`` are the body's folded tokens
    (:func:`warta.store.text.tokens`) when the caller has them already."""
    from warta.nlp import topics

    return profile(article, topics.word_idf(), topics.load_model().default_idf,
                   topics.stopwords(), words)


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(value * b.get(term, 0.0) for term, value in a.items())


__all__ = ["PROFILE_TERMS", "THRESHOLD", "WINDOW_DAYS", "article_profile", "cosine", "profile"]
