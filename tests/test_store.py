"""The SQLite store: migrations, idempotent upserts, updates in place, parts, rejects."""

from __future__ import annotations

import pytest

from store_backends import BACKENDS, fresh_url
from warta.errors import StoreError
from warta.model import (
    Actor,
    Article,
    Author,
    Entity,
    Event,
    Mention,
    Notice,
    Outlet,
    Place,
    Quote,
    Rejection,
    Span,
    TimeExpression,
    replace,
)
from warta.store import open_store, sqlite_path
from warta.store.schema import LATEST

BODY = ("Menteri Pertahanan Rusia Sergei Shoigu bertemu Presiden Suriah Bashar al-Assad di "
        "Damaskus, Kamis (14/9). Keduanya membahas serangan di Deir Az Zor. \"Baru kemarin, "
        "angkatan udara Rusia melakukan lebih dari 50 penerbangan,\" kata pernyataan tersebut.")


def make_article(article_id: str = "a1", text: str = BODY, **changes: object) -> Article:
    shoigu = Entity(key="PER:sergei shoigu", type="PER", name="Sergei Shoigu",
                    mentions=[Mention(24, 37, "Sergei Shoigu")], titles=["Menteri Pertahanan"])
    damaskus = Entity(key="geonames:170654", type="GPE", name="Damaskus",
                      mentions=[Mention(83, 91, "Damaskus")],
                      place=Place("Damascus", "SY", 33.5, 36.3, "geonames:170654", "city"))
    article = Article(
        id=article_id, url=f"https://www.republika.co.id/berita/{article_id}",
        outlet=Outlet("Republika", "republika.co.id"), language="id",
        title="Menteri Rusia Bertemu Assad", published="2017-09-14T15:02:00+07:00",
        authors=[Author("Marniati", "reporter"), Author("Endro Yuwanto", "editor")],
        text=text, paragraphs=[Span(0, len(text))], entities=[shoigu, damaskus],
        times=[TimeExpression("Kamis (14/9)", 93, 105, "DATE", "2017-09-14")],
        quotes=[Quote("direct", "Baru kemarin", 160, 172, "kata", Mention(240, 260, "pernyataan"),
                      None)],
        events=[Event("040", "Consult", Mention(38, 45, "bertemu"), 0, 0.9,
                      actor1=Actor("Sergei Shoigu", "PER:sergei shoigu", "RUSMIL"),
                      actor2=Actor("Bashar al-Assad", None, "SYRGOV"),
                      place=Place("Damascus", "SY"), date="2017-09-14",
                      counts={"fatalities": 0})],
        source={"path": "seed.txt"},
    )
    return replace(article, **changes) if changes else article


@pytest.fixture(params=BACKENDS)
def store(request):
    with open_store(fresh_url(request.param)) as opened:
        yield opened


def test_urls():
    assert sqlite_path("sqlite:///warta.db") == "warta.db"
    assert sqlite_path("sqlite:////tmp/x.db") == "/tmp/x.db"
    assert sqlite_path("sqlite://:memory:") == ":memory:"
    with pytest.raises(StoreError, match="unknown store URL"):
        open_store("mysql://localhost/warta")


def test_migrations_recorded_once(tmp_path):
    url = f"sqlite:///{tmp_path}/w.db"
    with open_store(url) as first:
        assert [m["number"] for m in first.migrations()] == list(range(1, LATEST + 1))
    with open_store(url) as again:
        assert len(again.migrations()) == LATEST
        assert again.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_readonly_needs_an_existing_store(tmp_path):
    with pytest.raises(StoreError, match="no store"):
        open_store(f"sqlite:///{tmp_path}/missing.db", readonly=True)


def test_upsert_is_idempotent_and_updates_in_place(store):
    article = make_article()
    assert store.upsert(article).status == "new"
    rowid = store.conn.execute("SELECT rowid FROM articles WHERE id = 'a1'").fetchone()[0]
    assert store.upsert(article).status == "unchanged"
    # The same article read from another file is still the same article.
    assert store.upsert(replace(article, source={"path": "copy.txt"})).status == "unchanged"
    changed = replace(article, title="Shoigu dan Assad Bahas Deir Az Zor")
    assert store.upsert(changed).status == "updated"
    assert store.count() == 1
    assert store.conn.execute("SELECT rowid, title FROM articles WHERE id = 'a1'").fetchone() == (
        rowid, "Shoigu dan Assad Bahas Deir Az Zor")
    # The store fills in the story (a story of its own: no other article is like it).
    assert store.get("a1") == replace(changed, story="a1")
    # Parts are replaced, not added to.
    assert store.count("mentions") == 2
    assert store.count("authors") == 2
    assert store.count("events") == 1
    fts = store.conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
    assert fts == 1


def test_parts_are_stored(store):
    store.upsert(make_article())
    entity = store.conn.execute(
        "SELECT type, name, country_code FROM entities WHERE key = 'geonames:170654'").fetchone()
    assert entity == ("GPE", "Damaskus", "SY")
    assert store.conn.execute("SELECT value FROM times").fetchone()[0] == "2017-09-14"
    assert store.conn.execute("SELECT cue, speaker FROM quotes").fetchone() == (
        "kata", "pernyataan")
    event = store.conn.execute("SELECT code, actor1_code, actor2_code, counts FROM events"
                               ).fetchone()
    assert event == ("040", "RUSMIL", "SYRGOV", '{"fatalities": 0}')
    assert store.conn.execute("SELECT day, outlet FROM articles").fetchone() == (
        "2017-09-14", "Republika")


def test_full_record_round_trips(store):
    article = make_article()
    store.upsert(article)
    assert store.get("a1") == replace(article, story="a1")  # the store names its story
    assert store.get("nope") is None


def test_rejects_are_kept_with_reasons_once(store):
    rejection = Rejection(Notice("empty", "input is empty"), {"path": "x.txt"})
    store.record_rejection(rejection)
    store.record_rejection(rejection)
    rows = store.conn.execute("SELECT origin_key, code, message FROM rejects").fetchall()
    assert rows == [("x.txt", "empty", "input is empty")]


def test_failed_write_leaves_nothing(store, monkeypatch):
    article = make_article()

    def broken(*args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "_write_parts", broken)
    with pytest.raises(RuntimeError):
        store.upsert(article)
    assert store.count() == 0
    assert not store.conn.in_transaction


def test_hostile_values_are_data(store):
    nasty = "'; DROP TABLE articles; --"
    store.upsert(make_article(article_id=nasty, title=nasty))
    assert store.get(nasty) is not None
    assert store.count() == 1


def test_stemmer_change_rebuilds_the_index(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path}/w.db"
    with open_store(url) as store:
        store.upsert(make_article())
        store.conn.execute("UPDATE articles_fts SET body = 'stale'")
        store.conn.execute("UPDATE meta SET value = 'hybrid/0' WHERE key = 'index_stemmer'")
    with open_store(url) as store:
        body = store.conn.execute("SELECT body FROM articles_fts").fetchone()[0]
        assert "serang" in body.split()
