"""The store's schema as numbered migrations, applied in order and recorded in ``migrations``.

A migration is never edited once released: a change to the schema is a new, higher-numbered
entry, so every database can be brought forward from whatever version it is at.
"""

from __future__ import annotations

from typing import NamedTuple


class Migration(NamedTuple):
    number: int
    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, parts, rejects, full-text and near-duplicate index", """
CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT,
    outlet TEXT,
    outlet_domain TEXT,
    published TEXT,
    day TEXT,                 -- the local publication date (YYYY-MM-DD), for date filters
    title TEXT,
    language TEXT,
    duplicate_of TEXT,
    story TEXT,
    content_hash TEXT NOT NULL,
    ingested TEXT NOT NULL,
    modified TEXT NOT NULL,
    json TEXT NOT NULL        -- the whole Article (schema warta.article/1)
);
CREATE INDEX articles_outlet ON articles (outlet, day);
CREATE INDEX articles_day ON articles (day);
CREATE INDEX articles_url ON articles (url);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of);
CREATE INDEX articles_story ON articles (story);

CREATE TABLE entities (
    key TEXT PRIMARY KEY,     -- Entity.key: stable across articles
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    country_code TEXT,
    latitude REAL,
    longitude REAL,
    gazetteer_id TEXT
);
CREATE INDEX entities_type ON entities (type);
CREATE INDEX entities_name ON entities (name COLLATE NOCASE);

-- One row per entity per article, so counts and first/last seen need no scan of mentions.
CREATE TABLE article_entities (
    article INTEGER NOT NULL REFERENCES articles (rowid),
    key TEXT NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    titles TEXT NOT NULL,     -- JSON list
    PRIMARY KEY (key, article)
) WITHOUT ROWID;
CREATE INDEX article_entities_article ON article_entities (article);

CREATE TABLE mentions (
    article INTEGER NOT NULL REFERENCES articles (rowid),
    key TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions (article);
CREATE INDEX mentions_key ON mentions (key);

CREATE TABLE times (
    article INTEGER NOT NULL REFERENCES articles (rowid),
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    type TEXT NOT NULL,
    value TEXT NOT NULL,
    anchor TEXT,
    mod TEXT,
    end_value TEXT
);
CREATE INDEX times_article ON times (article);
CREATE INDEX times_value ON times (value);

CREATE TABLE quotes (
    article INTEGER NOT NULL REFERENCES articles (rowid),
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    cue TEXT,
    speaker TEXT,
    speaker_entity TEXT
);
CREATE INDEX quotes_article ON quotes (article);
CREATE INDEX quotes_speaker_entity ON quotes (speaker_entity);

CREATE TABLE events (
    article INTEGER NOT NULL REFERENCES articles (rowid),
    code TEXT NOT NULL,
    label TEXT NOT NULL,
    plover TEXT,
    trigger TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    confidence REAL NOT NULL,
    actor1 TEXT,
    actor1_entity TEXT,
    actor1_code TEXT,
    actor2 TEXT,
    actor2_entity TEXT,
    actor2_code TEXT,
    place TEXT,
    country_code TEXT,
    latitude REAL,
    longitude REAL,
    date TEXT,
    counts TEXT NOT NULL,     -- JSON object: fatalities, injured, arrested, ...
    factuality TEXT NOT NULL
);
CREATE INDEX events_article ON events (article);
CREATE INDEX events_code ON events (code);
CREATE INDEX events_date ON events (date);

CREATE TABLE authors (
    article INTEGER NOT NULL REFERENCES articles (rowid),
    name TEXT NOT NULL,
    role TEXT NOT NULL
);
CREATE INDEX authors_article ON authors (article);
CREATE INDEX authors_name ON authors (name COLLATE NOCASE);

-- Inputs that did not become articles. Keyed on where they came from, so a re-run that meets the
-- same bad input again updates its row instead of adding another.
CREATE TABLE rejects (
    origin_key TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    origin TEXT NOT NULL,     -- JSON object: path, line, url
    seen TEXT NOT NULL
);
CREATE INDEX rejects_code ON rejects (code);

-- What each input (path + line) became under which pipeline, so a re-run can skip inputs it
-- has already parsed without parsing them again (the expensive part of an ingest).
CREATE TABLE sources (
    origin_key TEXT PRIMARY KEY,
    raw_hash TEXT NOT NULL,
    pipeline TEXT NOT NULL,
    article_id TEXT           -- NULL when the input was rejected
);

-- MinHash LSH buckets: one row per article per band. Persisted so a later ingest sees every
-- earlier article without loading signatures into memory.
CREATE TABLE minhash_bands (
    band INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    article INTEGER NOT NULL REFERENCES articles (rowid),
    PRIMARY KEY (band, bucket, article)
) WITHOUT ROWID;
CREATE INDEX minhash_bands_article ON minhash_bands (article);

-- Title and body reduced to Indonesian stems (warta.store.text), for BM25 search.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, body, tokenize = 'unicode61 remove_diacritics 2'
);
"""),
    Migration(2, "meta: how the full-text index was built", """
-- The stemmer the full-text index was built with; when warta's stemmer changes, opening the
-- store for writing rebuilds the index from the stored articles.
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""),
    Migration(3, "story clusters: each article's profile terms by publication day", """
-- The profile of each dated article (warta.store.stories): its most distinctive words and
-- entities with unit-length weights. An ingest finds the earlier articles of the same days
-- that share a term here, without comparing all pairs.
CREATE TABLE story_terms (
    term TEXT NOT NULL,
    day INTEGER NOT NULL,     -- the publication day as a day count (date.toordinal)
    article INTEGER NOT NULL REFERENCES articles (rowid),
    weight REAL NOT NULL,
    PRIMARY KEY (term, day, article)
) WITHOUT ROWID;
CREATE INDEX story_terms_article ON story_terms (article);
"""),
    Migration(4, "entity filters: article entities by name", """
-- Search's entity filter matches a key or a name in any case; with this index both sides of
-- the OR are index lookups (240 ms -> 16 ms on the 100,000-article benchmark store).
CREATE INDEX article_entities_name ON article_entities (lower(name));
"""),
)

# The same schema for PostgreSQL, migration for migration. The full-text table keeps the same
# stemmed title and body and adds a weighted tsvector over them ('simple' configuration: the
# text is already folded and stemmed by warta.store.text), so the writing code is shared.
PG_MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, parts, rejects, full-text and near-duplicate index", """
CREATE TABLE articles (
    rowid BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT,
    outlet TEXT,
    outlet_domain TEXT,
    published TEXT,
    day TEXT,
    title TEXT,
    language TEXT,
    duplicate_of TEXT,
    story TEXT,
    content_hash TEXT NOT NULL,
    ingested TEXT NOT NULL,
    modified TEXT NOT NULL,
    json TEXT NOT NULL
);
CREATE INDEX articles_outlet ON articles (lower(outlet), day);
CREATE INDEX articles_day ON articles (day);
CREATE INDEX articles_url ON articles (url);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of);
CREATE INDEX articles_story ON articles (story);

CREATE TABLE entities (
    key TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    country_code TEXT,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    gazetteer_id TEXT
);
CREATE INDEX entities_type ON entities (type);
CREATE INDEX entities_name ON entities (lower(name));

CREATE TABLE article_entities (
    article BIGINT NOT NULL REFERENCES articles (rowid),
    key TEXT NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    titles TEXT NOT NULL,
    PRIMARY KEY (key, article)
);
CREATE INDEX article_entities_article ON article_entities (article);

CREATE TABLE mentions (
    rowid BIGSERIAL PRIMARY KEY,
    article BIGINT NOT NULL REFERENCES articles (rowid),
    key TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions (article);
CREATE INDEX mentions_key ON mentions (key);

CREATE TABLE times (
    rowid BIGSERIAL PRIMARY KEY,
    article BIGINT NOT NULL REFERENCES articles (rowid),
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    type TEXT NOT NULL,
    value TEXT NOT NULL,
    anchor TEXT,
    mod TEXT,
    end_value TEXT
);
CREATE INDEX times_article ON times (article);
CREATE INDEX times_value ON times (value);

CREATE TABLE quotes (
    rowid BIGSERIAL PRIMARY KEY,
    article BIGINT NOT NULL REFERENCES articles (rowid),
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    cue TEXT,
    speaker TEXT,
    speaker_entity TEXT
);
CREATE INDEX quotes_article ON quotes (article);
CREATE INDEX quotes_speaker_entity ON quotes (speaker_entity);

CREATE TABLE events (
    rowid BIGSERIAL PRIMARY KEY,
    article BIGINT NOT NULL REFERENCES articles (rowid),
    code TEXT NOT NULL,
    label TEXT NOT NULL,
    plover TEXT,
    trigger TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    confidence DOUBLE PRECISION NOT NULL,
    actor1 TEXT,
    actor1_entity TEXT,
    actor1_code TEXT,
    actor2 TEXT,
    actor2_entity TEXT,
    actor2_code TEXT,
    place TEXT,
    country_code TEXT,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    date TEXT,
    counts TEXT NOT NULL,
    factuality TEXT NOT NULL
);
CREATE INDEX events_article ON events (article);
CREATE INDEX events_code ON events (code);
CREATE INDEX events_date ON events (date);

CREATE TABLE authors (
    rowid BIGSERIAL PRIMARY KEY,
    article BIGINT NOT NULL REFERENCES articles (rowid),
    name TEXT NOT NULL,
    role TEXT NOT NULL
);
CREATE INDEX authors_article ON authors (article);
CREATE INDEX authors_name ON authors (lower(name));

CREATE TABLE rejects (
    origin_key TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    origin TEXT NOT NULL,
    seen TEXT NOT NULL
);
CREATE INDEX rejects_code ON rejects (code);

CREATE TABLE sources (
    origin_key TEXT PRIMARY KEY,
    raw_hash TEXT NOT NULL,
    pipeline TEXT NOT NULL,
    article_id TEXT
);

CREATE TABLE minhash_bands (
    band INTEGER NOT NULL,
    bucket BIGINT NOT NULL,
    article BIGINT NOT NULL REFERENCES articles (rowid),
    PRIMARY KEY (band, bucket, article)
);
CREATE INDEX minhash_bands_article ON minhash_bands (article);

CREATE TABLE articles_fts (
    rowid BIGINT PRIMARY KEY REFERENCES articles (rowid),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'D')
    ) STORED
);
CREATE INDEX articles_fts_document ON articles_fts USING GIN (document);
"""),
    Migration(2, "meta: how the full-text index was built", """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""),
    Migration(3, "story clusters: each article's profile terms by publication day", """
CREATE TABLE story_terms (
    term TEXT NOT NULL,
    day INTEGER NOT NULL,
    article BIGINT NOT NULL REFERENCES articles (rowid),
    weight DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (term, day, article)
);
CREATE INDEX story_terms_article ON story_terms (article);
"""),
    Migration(4, "entity filters: article entities by name", """
-- Search's entity filter matches a key or a name in any case; with this index both sides of
-- the OR are index lookups.
CREATE INDEX article_entities_name ON article_entities (lower(name));
"""),
)

LATEST = MIGRATIONS[-1].number
assert [m.number for m in PG_MIGRATIONS] == [m.number for m in MIGRATIONS]
