"""Full-text search over a store: BM25 ranking, filters, and highlighted snippets.

The index holds stems (see :mod:`warta.store.text`), and a query goes through the same stemmer,
so "serang" finds "serangan", "menyerang" and "diserang", whatever the case or diacritics.
Snippets are cut from the original text, highlighting every word whose stem the query asked for.

Query syntax: words (all must occur), ``"quoted phrases"``, and ``word*`` for a prefix. Nothing
the user types reaches SQL or the FTS5 query language unquoted: every word becomes a quoted FTS5
string, and filters are bound parameters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import msgspec

from warta.errors import StoreError
from warta.query.tables import entity_type
from warta.store.sqlite import SQLiteStore
from warta.store.text import DEFAULT_STEMMER, STEMMERS, TOKEN, fold

#: BM25 column weights (title, body): a query word in the headline counts three body hits,
#: which put headline matches first in checks on IndoSum queries ("Zulkifli", "menyerang").
TITLE_WEIGHT = 3.0
BODY_WEIGHT = 1.0
#: Words of context either side of the best window in a snippet.
SNIPPET_WORDS = 28
MAX_LIMIT = 1000

_PHRASE = re.compile(r'"([^"]*)"|(\S+)')
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Hit:
    """One search result. ``highlights`` are (start, end) offsets into ``snippet``."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    score: float
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)
    duplicate_of: str | None = None

    def marked(self, before: str = "[", after: str = "]") -> str:
        """The snippet with each highlight wrapped in ``before``/``after``."""
        out, last = [], 0
        for start, end in self.highlights:
            out += [self.snippet[last:start], before, self.snippet[start:end], after]
            last = end
        out.append(self.snippet[last:])
        return "".join(out)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "outlet": self.outlet,
                "published": self.published, "url": self.url, "score": round(self.score, 4),
                "snippet": self.snippet, "highlights": [list(h) for h in self.highlights],
                "duplicate_of": self.duplicate_of}


@dataclass(frozen=True)
class ParsedQuery:
    match: str  # the FTS5 MATCH expression, or "" for none
    stems: frozenset[str]
    prefixes: tuple[str, ...]


def parse_query(q: str, stemmer: str = DEFAULT_STEMMER) -> ParsedQuery:
    """The user's query as a safe FTS5 expression plus the stems to highlight."""
    stem = STEMMERS[stemmer]
    parts: list[str] = []
    stems: set[str] = set()
    prefixes: list[str] = []
    for phrase, word in _PHRASE.findall(q):
        if phrase:
            words = [stem(t) for t in TOKEN.findall(fold(phrase))]
            if words:
                stems.update(words)
                parts.append('"' + " ".join(words) + '"')
            continue
        is_prefix = word.endswith("*")
        for token in TOKEN.findall(fold(word)):
            if is_prefix and token == TOKEN.findall(fold(word))[-1]:
                # A prefix is matched as typed (folded), not stemmed: "serang*" means words
                # whose stem starts with "serang".
                prefixes.append(token)
                parts.append(f'"{token}" *')
            else:
                stems.add(stem(token))
                parts.append(f'"{stem(token)}"')
    return ParsedQuery(" ".join(parts), frozenset(stems), tuple(prefixes))


_FTS_PART = re.compile(r'"([^"]*)"( \*)?')


def to_tsquery(match: str) -> str:
    """An FTS5 expression from :func:`parse_query` as a PostgreSQL tsquery: the same words,
    phrases (``<->``) and prefixes (``:*``), all required. Words are letters and digits only,
    so nothing needs quoting."""
    parts = []
    for words, star in _FTS_PART.findall(match):
        terms = words.split()
        if not terms:
            continue
        if star:
            terms[-1] += ":*"
        parts.append("(" + " <-> ".join(terms) + ")" if len(terms) > 1 else terms[0])
    return " & ".join(parts)


def _check_date(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not _DATE.match(value):
        raise StoreError(f"{name} must be a date like 2017-09-14 (or 2017-09, 2017), "
                         f"got {value!r}")
    return value


def article_filters(outlet: str | None, date_from: str | None, date_to: str | None,
                    entity: str | None, type: str | None, *, day: str = "a.day",
                    names: tuple[str, str] = ("--from", "--to"), few: bool = False,
                    ) -> tuple[list[str], list[Any]]:
    """WHERE clauses (over ``articles a``) and parameters for the search filters; shared by the
    CLI's search and the web API so a filter means the same everywhere. ``day`` is the date
    column compared; ``names`` are what errors call the two dates. ``few`` says the clauses
    will be tested on few articles (the matches of a text query), which changes how a type
    filter is asked, not what it means."""
    where: list[str] = []
    params: list[Any] = []
    if outlet:
        where.append("(lower(a.outlet) = lower(?) OR lower(a.outlet_domain) = lower(?))")
        params += [outlet, outlet]
    start = _check_date(date_from, names[0])
    end = _check_date(date_to, names[1])
    if start:
        where.append(f"{day} >= ?")
        params.append(start)
    if end:
        # "2017-09" as an end date means the whole of September: compare on a prefix.
        where.append(f"substr({day}, 1, ?) <= ?")
        params += [len(end), end]
    if type and not entity and few:
        # A type alone holds for most articles: asking each match (by the index on article)
        # beats listing every article that names, say, a person (225 -> 130 ms for a common
        # word on 100,000 articles). Without a text query the list is faster (190 against
        # 660 ms), so that case keeps it.
        where.append("EXISTS (SELECT 1 FROM article_entities ae WHERE ae.article = a.rowid "
                     "AND ae.type = ?)")
        params.append(entity_type(type))
    elif entity or type:
        clause = "a.rowid IN (SELECT ae.article FROM article_entities ae WHERE 1 = 1"
        if entity:
            clause += " AND (ae.key = ? OR lower(ae.name) = lower(?))"
            params += [entity, entity]
        if type:
            clause += " AND ae.type = ?"
            params.append(entity_type(type))
        where.append(clause + ")")
    return where, params


class _Text(msgspec.Struct):
    text: str


def search(store: SQLiteStore, q: str = "", *, outlet: str | None = None,
           date_from: str | None = None, date_to: str | None = None,
           entity: str | None = None, type: str | None = None, limit: int = 20,
           exhaustive: bool = True) -> list[Hit]:
    """Articles matching ``q`` and every filter given, best first (BM25).

    With an empty ``q`` the filters alone select articles, newest first. ``entity`` is an
    entity key or name (any case); ``type`` (PER, ORG, LOC, GPE, EVT, MISC) restricts it, or
    alone keeps articles naming any entity of that type. Dates are ``YYYY[-MM[-DD]]``.

    Every match is ranked. With ``exhaustive=False`` a query matching more than
    :data:`BROAD_MATCHES` articles is ranked among the most recently stored of them only, which
    bounds latency on stores far larger than 100,000 articles (see the constant).
    """
    limit = max(1, min(int(limit), MAX_LIMIT))
    parsed = parse_query(q)
    where, params = article_filters(outlet, date_from, date_to, entity, type,
                                    few=bool(parsed.match))
    if parsed.match:
        cutoff = None if exhaustive else _broad_cutoff(store, parsed.match)
        ranked = _ranked(store, parsed.match, where, params, limit, cutoff)
        if cutoff is not None and len(ranked) < limit and where:
            # The filters left too few of the recent matches: rank all of them after all.
            ranked = _ranked(store, parsed.match, where, params, limit, None)
    elif where:
        ranked = store.execute(
            "SELECT a.rowid, 0.0 FROM articles a WHERE " + " AND ".join(where)
            + " ORDER BY a.published DESC LIMIT ?", [*params, limit]).fetchall()
    else:
        return []
    if not ranked:
        return []
    # The wide columns (the whole article) are read for the final few hits only.
    marks = ", ".join("?" for _ in ranked)
    details = {row[0]: row[1:] for row in store.execute(
        "SELECT rowid, id, title, outlet, published, url, duplicate_of, json FROM articles "
        f"WHERE rowid IN ({marks})", [rowid for rowid, _ in ranked])}
    decoder = msgspec.json.Decoder(_Text)
    hits = []
    for rowid, score in ranked:
        art_id, title, outlet_name, published, url, duplicate_of, raw = details[rowid]
        snippet, highlights = make_snippet(decoder.decode(raw).text, parsed)
        # bm25() is lower for better matches; a positive score reads more naturally.
        hits.append(Hit(art_id, title, outlet_name, published, url, -float(score), snippet,
                        highlights, duplicate_of))
    return hits


#: BM25 costs about 1-2 µs per matching article, so the time to rank a broad word grows with the
#: store. On the 100,000-article benchmark store (benchmarks/store_bench.py) ranking every match
#: kept p95 at 33 ms, so it is the default; with ``exhaustive=False`` a query past
#: this many matches is ranked among its most recently stored matches only (p95 29 ms there),
#: for much larger stores, where a news search for so broad a word wants recent articles anyway.
BROAD_MATCHES = 4000


def _broad_cutoff(store: SQLiteStore, match: str) -> int | None:
    """The smallest row id among the newest BROAD_MATCHES matches, if there are more."""
    if store.dialect == "postgresql":
        row = store.execute("SELECT rowid FROM articles_fts WHERE document @@ to_tsquery("
                            "'simple', ?) ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                            [to_tsquery(match), BROAD_MATCHES - 1]).fetchone()
    else:
        row = store.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                            "ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                            [match, BROAD_MATCHES - 1]).fetchone()
    return None if row is None else int(row[0])


def _ranked(store: SQLiteStore, match: str, where: list[str], params: list[Any], limit: int,
            cutoff: int | None) -> list[tuple[int, float]]:
    # Rank on the full-text table alone (row id and score, nothing wide), then join the narrow
    # article columns the filters need.
    inner = ("SELECT rowid, bm25(articles_fts, ?, ?) AS score FROM articles_fts "
             "WHERE articles_fts MATCH ?")
    args: list[Any] = [TITLE_WEIGHT, BODY_WEIGHT, match]
    if store.dialect == "postgresql":
        # PostgreSQL has no BM25; ts_rank with the title (weight A) counting TITLE_WEIGHT
        # times the body (weight D) is the nearest, negated to sort like bm25().
        inner = ("SELECT rowid, -ts_rank(?::float4[], document, to_tsquery('simple', ?)) "
                 "AS score FROM articles_fts WHERE document @@ to_tsquery('simple', ?)")
        weights = [BODY_WEIGHT / TITLE_WEIGHT, 0.0, 0.0, 1.0]
        args = [weights, to_tsquery(match), to_tsquery(match)]
    if cutoff is not None:
        inner += " AND rowid >= ?"
        args.append(cutoff)
    if where:
        sql = (f"SELECT f.rowid, f.score FROM ({inner}) f JOIN articles a ON a.rowid = f.rowid "
               "WHERE " + " AND ".join(where) + " ORDER BY f.score LIMIT ?")
        args += [*params, limit]
    else:
        sql = inner + " ORDER BY score LIMIT ?"
        args.append(limit)
    return [(int(rowid), float(score)) for rowid, score in store.execute(sql, args)]


@lru_cache(maxsize=65_536)
def _fold_word(word: str) -> str:
    # Snippets fold every word of every hit; the same words recur, so they are folded once.
    return fold(word)


def make_snippet(text: str, parsed: ParsedQuery, stemmer: str = DEFAULT_STEMMER,
                 ) -> tuple[str, list[tuple[int, int]]]:
    """The stretch of ``text`` with the most query words, and where they are in it."""
    stem = STEMMERS[stemmer]
    words = list(TOKEN.finditer(text))
    if not words:
        return "", []

    def is_hit(token: str) -> bool:
        folded = _fold_word(token)
        stemmed = stem(folded)
        return stemmed in parsed.stems or any(
            stemmed.startswith(p) or folded.startswith(p) for p in parsed.prefixes)

    hits = [i for i, m in enumerate(words) if is_hit(m.group())]
    if hits:
        # The window of SNIPPET_WORDS * 2 words holding the most hits.
        width = SNIPPET_WORDS * 2
        best_start, best_count, j = hits[0], 0, 0
        for i, first in enumerate(hits):
            while hits[j] < first - width:
                j += 1
            if i - j + 1 > best_count:
                best_count, best_start = i - j + 1, hits[j]
        first_word = max(0, best_start - SNIPPET_WORDS // 4)
    else:
        first_word = 0
    last_word = min(len(words) - 1, first_word + SNIPPET_WORDS * 2)
    start, end = words[first_word].start(), words[last_word].end()
    snippet = ("…" if first_word else "") + text[start:end].replace("\n", " ")
    shift = (1 if first_word else 0) - start
    highlights = [(words[i].start() + shift, words[i].end() + shift) for i in hits
                  if first_word <= i <= last_word]
    if last_word < len(words) - 1:
        snippet += "…"
    return snippet, highlights


__all__ = ["BROAD_MATCHES", "Hit", "ParsedQuery", "make_snippet", "parse_query", "search",
           "to_tsquery"]
