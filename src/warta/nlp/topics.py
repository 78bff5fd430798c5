"""Topic labels and keywords for an article.

Topics are IndoSum's six categories (``tajuk utama`` headline news, ``olahraga`` sport,
``teknologi`` technology, ``showbiz`` celebrity news, ``hiburan`` entertainment and lifestyle,
``inspirasi`` inspiring stories), scored by a linear classifier over TF-IDF word features and
the section words of the article's URL (``/hiburan/``, ``/gaya-hidup/``), trained on IndoSum
(Kurniawan & Louvan, 2018). An article without a URL is classified by its words alone: the model
was trained on every article both with and without its URL. The weights ship as plain numpy
arrays in
``warta/models/topics/`` (MODEL_CARD.md gives data, scores and weaknesses); classifying is one
sparse dot product, with no sklearn at run time. Scores are a softmax of the classifier's margins
with a temperature fitted on held-out margins, so they sum to 1 and read as rough probabilities.

Keywords are the article's most characteristic words and short names: runs of up to three
non-stop-words (``Zulkifli Hasan``, ``transportasi online``), scored by frequency times rarity
in IndoSum, with inflected forms counted together through their simplemma lemma
(``pertandingan``, ``bertanding`` → ``tanding``).
"""

from __future__ import annotations

import io
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import numpy as np

from warta.errors import ResourceError
from warta.model import Article, Topic, replace

if TYPE_CHECKING:
    from warta.settings import Settings

FORMAT = "warta.topics-linear/2"
LABELS: tuple[str, ...] = ("tajuk utama", "olahraga", "teknologi", "showbiz", "hiburan",
                           "inspirasi")

_WORD = re.compile(r"[^\W_]+")
#: Prefix of a URL-section feature in the vocabulary. Word tokens never contain "/", so the two
#: kinds of feature cannot collide.
SECTION = "/"
# Keyword candidates keep hyphenated words whole (reduplication: "anak-anak", "sehari-hari").
# Any other character but a space or tab is a token of its own, so punctuation and line breaks
# end a keyphrase: only spaces may stand between its words.
_KEY_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*|[^\w \t\u00a0]")
#: Longest keyphrase, in words. Longer runs are usually clauses, not names or terms.
MAX_PHRASE = 3


class TopicModelError(ResourceError):
    """The shipped topic model is missing or does not match this version of warta."""


@dataclass(frozen=True)
class Model:
    labels: tuple[str, ...]
    index: dict[str, int]  # word -> row of ``weights`` and ``idf``
    idf: np.ndarray
    weights: np.ndarray  # words and URL sections x labels
    intercept: np.ndarray
    temperature: float
    default_idf: float
    #: Length of the URL-section part of the feature vector (the word part has length 1).
    section_weight: float


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def url_sections(url: str | None) -> list[str]:
    """The section words of an article URL: lower-cased path segments before the last one,
    without digits (``/hiburan/20171211082717-220-261486/…`` → ``hiburan``; ``/sehat/….html`` →
    ``sehat``). Dates, ids and the slug are left out; they name the article, not its section."""
    if not url:
        return []
    try:
        path = urlsplit(url).path
    except ValueError:  # a malformed URL carries no section we could trust
        return []
    segments = [s.lower() for s in path.split("/") if s]
    return [s for s in segments[:-1] if not any(c.isdigit() for c in s)]


def vectorize(model: Model, words: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
    """Rows and values of the article's sublinear, L2-normalised TF-IDF vector."""
    counts = Counter(words)
    rows, values = [], []
    for word, count in counts.items():
        row = model.index.get(word)
        if row is not None:
            rows.append(row)
            values.append(1.0 + math.log(count))
    idx = np.asarray(rows, dtype=np.intp)
    vals = np.asarray(values) * model.idf[idx]
    norm = float(np.sqrt(vals @ vals))
    return idx, (vals / norm if norm else vals)


def section_vector(model: Model, url: str | None) -> tuple[np.ndarray, np.ndarray]:
    """Rows and values of the URL's known sections: binary, scaled to length
    ``model.section_weight``."""
    rows = sorted({row for s in url_sections(url)
                   if (row := model.index.get(SECTION + s)) is not None})
    idx = np.asarray(rows, dtype=np.intp)
    value = model.section_weight / math.sqrt(len(rows)) if rows else 0.0
    return idx, np.full(len(rows), value)


def margins(model: Model, text: str, url: str | None = None) -> np.ndarray:
    idx, vals = vectorize(model, tokens(text))
    score = vals @ model.weights[idx] + model.intercept
    sections, ones = section_vector(model, url)
    if len(sections):
        score = score + ones @ model.weights[sections]
    return score


def softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    z = scores / temperature
    z = np.exp(z - z.max())
    return z / z.sum()


def classify(text: str, url: str | None = None) -> list[Topic]:
    """All topic labels with scores that sum to 1, best first. ``url``, when known, adds the
    sections its path names."""
    model = load_model()
    probs = softmax(margins(model, text, url), model.temperature)
    order = np.argsort(-probs, kind="stable")
    return [Topic(model.labels[i], round(float(probs[i]), 4)) for i in order]


# --- keywords ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    text = resources.files("warta").joinpath("data/id/stopwords.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=50_000)
def lemma(word: str) -> str:
    """simplemma's Indonesian lemma of a lower-case word, cached: uncached it costs ~10 µs a
    word, a few ms an article; news vocabulary repeats, so the cache makes it ~free. Bounded at
    50,000 words so a long crawl's memory stays flat (the frequent words fill it early)."""
    import simplemma

    return simplemma.lemmatize(word, lang="id")


def _runs(text: str, stop: frozenset[str]) -> list[list[str]]:
    """Runs of adjacent content words (as written), split at stop words, numbers, punctuation
    and line breaks."""
    runs: list[list[str]] = []
    current: list[str] = []
    for token in _KEY_TOKEN.findall(text):
        low = token.lower()
        if low in stop or len(low) < 2 or not low[0].isalpha():  # also punctuation, numbers
            if current:
                runs.append(current)
                current = []
            continue
        current.append(token)
    if current:
        runs.append(current)
    return runs


def keywords(text: str, k: int = 8) -> list[str]:
    """The ``k`` keywords or keyphrases (1–3 words) that best characterise ``text``."""
    model = load_model()
    stop = stopwords()
    runs = _runs(text, stop)
    # Lemmas and rarities once per word: this loop is the hot path of the topics stage.
    lemmas = [[lemma(w.lower()) for w in run] for run in runs]
    idf_of, default_idf = word_idf(), model.default_idf
    rarity = [[idf_of.get(w.lower(), default_idf) for w in run] for run in runs]
    lemma_count = Counter(lem for run in lemmas for lem in run)

    # Candidates: every single word; a whole run of two or three words (a name such as
    # "Zulkifli Hasan" or a term such as "transportasi online") when some word of it recurs in
    # the article; and any two- or three-word stretch of a longer run that itself recurs.
    # One-off stretches cut from long runs are mostly fragments of clauses or of a headline.
    phrase_count: Counter[tuple[str, ...]] = Counter()
    surface: dict[tuple[str, ...], dict[str, int]] = {}
    mean_weight: dict[tuple[str, ...], float] = {}
    whole: set[tuple[str, ...]] = set()
    for run, lems, rars in zip(runs, lemmas, rarity, strict=True):
        weights = [(1.0 + math.log(lemma_count[lem])) * r for lem, r in zip(lems, rars,
                                                                           strict=True)]
        for n in range(1, min(MAX_PHRASE, len(run)) + 1):
            for i in range(len(run) - n + 1):
                key = tuple(lems[i : i + n])
                phrase_count[key] += 1
                form = " ".join(run[i : i + n])
                forms = surface.get(key)
                if forms is None:
                    surface[key] = {form: 1}
                    mean_weight[key] = sum(weights[i : i + n]) / n
                else:
                    forms[form] = forms.get(form, 0) + 1
                if n == len(run) > 1:
                    whole.add(key)
    scored: list[tuple[float, tuple[str, ...]]] = []
    for key, count in phrase_count.items():
        n = len(key)
        if n > 1 and count < 2 and (key not in whole or max(lemma_count[w] for w in key) < 2):
            continue
        # Mean word weight, lifted a little per extra word and per repeat, so that a recurring
        # name beats its own parts; the exponents were set by reading the keywords of 30 dev
        # articles, not by a metric.
        value = mean_weight[key] * n**0.5
        if n > 1:
            value *= (1.0 + math.log(count)) ** 0.5
        scored.append((value, key))
    scored.sort(key=lambda item: (-item[0], item[1]))
    chosen: list[tuple[str, ...]] = []
    for _, key in scored:
        # Skip a candidate that overlaps one already chosen ("Zulkifli" after "Zulkifli Hasan").
        if any(set(key) & set(other) for other in chosen):
            continue
        chosen.append(key)
        if len(chosen) == k:
            break
    return [_display(surface[key]) for key in chosen]


@lru_cache(maxsize=1)
def word_idf() -> dict[str, float]:
    """Word -> IDF as plain floats, for keywords here and story profiles in the store. (Indexing
    a numpy array per word costs more than the rest of the keyword loop.)"""
    model = load_model()
    return {w: idf for w, idf in zip(model.index, model.idf.tolist(), strict=True)
            if not w.startswith(SECTION)}


def _display(forms: dict[str, int]) -> str:
    """The spelling most often written; lower-case unless the word is always capitalised."""
    form, _ = max(forms.items(), key=lambda item: (item[1], item[0]))
    if any(f[:1].islower() for f in forms):
        return form.lower()
    return form


# --- the model file ---------------------------------------------------------------------------


def save_model(model: Model, meta: dict[str, Any]) -> tuple[bytes, str]:
    """The model as ``model.npz`` bytes and ``model.json`` text."""
    vocab = sorted(model.index, key=model.index.__getitem__)
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        vocab=np.frombuffer("\n".join(vocab).encode("utf-8"), dtype=np.uint8),
        idf=model.idf.astype(np.float32),
        weights=model.weights.astype(np.float32),
        intercept=model.intercept.astype(np.float64),
    )
    header = {"format": FORMAT, "labels": list(model.labels), "temperature": model.temperature,
              "default_idf": model.default_idf, "section_weight": model.section_weight, **meta}
    return buffer.getvalue(), json.dumps(header, ensure_ascii=False, indent=2) + "\n"


def model_from_files(npz: bytes, header_text: str) -> Model:
    header = json.loads(header_text)
    if header.get("format") != FORMAT:
        raise TopicModelError(
            f"the topic model has format {header.get('format')!r}, warta reads {FORMAT!r}; "
            "retrain it with training/topics/train.py"
        )
    with np.load(io.BytesIO(npz), allow_pickle=False) as arrays:
        vocab = arrays["vocab"].tobytes().decode("utf-8").split("\n")
        weights = arrays["weights"].astype(np.float64)
        idf = arrays["idf"].astype(np.float64)
        intercept = arrays["intercept"]
    labels = tuple(header["labels"])
    if weights.shape != (len(vocab), len(labels)) or idf.shape != (len(vocab),):
        raise TopicModelError("the topic model's arrays do not fit together; retrain it")
    return Model(labels, {w: i for i, w in enumerate(vocab)}, idf, weights, intercept,
                 float(header["temperature"]), float(header["default_idf"]),
                 float(header["section_weight"]))


@lru_cache(maxsize=1)
def load_model() -> Model:
    folder = resources.files("warta").joinpath("models/topics")
    try:
        npz = folder.joinpath("model.npz").read_bytes()
        header = folder.joinpath("model.json").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise TopicModelError(
            f"warta's topic model is missing ({exc}); reinstall warta or retrain it with "
            "training/topics/train.py"
        ) from None
    return model_from_files(npz, header)


def classifier_text(article: Article) -> str:
    """What the stage classifies: the title, when there is one, and the body."""
    return article.text if not article.title else f"{article.title}\n\n{article.text}"


def build(settings: Settings | None = None) -> Any:
    load_model()  # fail when the pipeline is built, not on the first article
    stopwords()

    def topics(article: Article) -> Article:
        text = classifier_text(article)
        return replace(article, topics=classify(text, article.url), keywords=keywords(text))

    return topics


# --- training (needs scikit-learn; used by training/topics and warta.evaluate.topics) ---------


@dataclass(frozen=True)
class Params:
    """How the classifier is trained. Chosen by 5-fold cross-validation on the IndoSum articles
    outside the summary test split (MODEL_CARD.md). Words alone: C in {0.3, 1, 3, 10}, class
    weights none/balanced, max_df in {0.3, 0.5, 1.0}, bigrams, lemmas and character n-grams
    (none better than C 3, balanced, max_df 0.5). With URL sections and every article seen twice
    (with and without its URL): C in {0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 1, 2} by section weight in
    {0.3, 0.5, 0.7, 1.0, 1.5}; accuracy moved by under 0.002 for C 0.1–0.5."""

    c: float = 0.2
    balanced: bool = True  # lifts "hiburan" recall: it is the class most often taken for others
    max_df: float = 0.5  # words in over half the articles carry no topic
    #: Length of the URL-section part of an article's vector; the word part has length 1.
    section_weight: float = 0.7


def fit(texts: list[str], labels: list[str], urls: list[str | None] | None = None,
        params: Params = Params(), temperature: float = 1.0) -> Model:
    """Train the topic classifier: sublinear TF-IDF words plus URL sections, one-vs-rest linear
    SVM. Each article is a training example twice, with its URL sections and without them, so
    that an article whose URL is unknown (or names no section) is still classified well."""
    import scipy.sparse as sparse
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC

    # Our own tokenizer, so the vocabulary matches what :func:`tokens` gives at run time.
    vectorizer = TfidfVectorizer(sublinear_tf=True, tokenizer=tokens, lowercase=False,
                                 token_pattern=None, max_df=params.max_df)
    words = vectorizer.fit_transform(texts)
    # Section indicators scaled to length section_weight, as :func:`section_vector` does.
    found = [sorted(set(url_sections(u))) for u in (urls or [None] * len(texts))]
    section_names = sorted({s for names in found for s in names})
    column = {s: j for j, s in enumerate(section_names)}
    sections = sparse.csr_matrix(
        ([params.section_weight / math.sqrt(len(names)) for names in found for _ in names],
         ([i for i, names in enumerate(found) for _ in names],
          [column[s] for names in found for s in names])),
        shape=(len(texts), len(section_names)))
    x = sparse.vstack([sparse.hstack([words, sections]),
                       sparse.hstack([words, sparse.csr_matrix(sections.shape)])]).tocsr()
    # A fixed seed: liblinear shuffles its coordinate order, so reruns would differ slightly.
    svm = LinearSVC(C=params.c, class_weight="balanced" if params.balanced else None,
                    random_state=0)
    svm.fit(x, list(labels) * 2)
    order = [list(svm.classes_).index(label) for label in LABELS if label in svm.classes_]
    vocab = [str(w) for w in vectorizer.get_feature_names_out()]
    vocab += [SECTION + s for s in section_names]
    idf = np.concatenate([vectorizer.idf_, np.ones(len(section_names))])  # sections: no IDF
    return Model(
        labels=tuple(str(svm.classes_[i]) for i in order),
        index={w: i for i, w in enumerate(vocab)},
        idf=np.asarray(idf, dtype=np.float64),
        weights=np.asarray(svm.coef_[order].T, dtype=np.float64),
        intercept=np.asarray(svm.intercept_[order], dtype=np.float64),
        temperature=temperature,
        default_idf=float(vectorizer.idf_.max()),
        section_weight=params.section_weight,
    )
