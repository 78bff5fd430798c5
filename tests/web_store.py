"""A small store for the API, web and browser tests: the seed article with its entities, events
and quotes, a dozen IndoSum articles, and one hostile article full of markup and quotes.

The seed's entities and events are written here rather than taken from the NLP stages, so the
web tests check the server against known records whatever the models say today.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from warta.model import (
    Actor,
    Article,
    Entity,
    Event,
    Mention,
    Outlet,
    Place,
    Quote,
    Span,
    TimeExpression,
    Topic,
    replace,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "republika-2017-09-14-menteri-rusia-bertemu-assad.txt"
INDOSUM = ROOT / "samples" / "indosum-sample.jsonl"

ASSAD = "PER:bashar al-assad"
SHOIGU = "PER:sergei shoigu"
DAMASCUS = "geonames:170654"
EVIL_KEY = 'PER:<img src=x onerror=alert("k")>'
# Strings that would run a script or break out of an attribute if any page failed to escape.
EVIL_TITLE = '<script>alert("title")</script> "onmouseover="alert(1)" \'x=\'y <b>tebal</b>'
EVIL_BODY = ('Serangan <script>alert("body")</script> di Jakarta "><img src=x onerror=alert(2)> '
             "kata Budi ' onclick='alert(3)' </textarea></p><p>\n\nParagraf kedua menyerang "
             "lagi: javascript:alert(4) &amp; <svg onload=alert(5)>.")


def _mentions(text: str, pattern: str) -> list[Mention]:
    return [Mention(start=m.start(), end=m.end(), text=m.group())
            for m in re.finditer(pattern, text)]


def seed_article() -> Article:
    """The seed, parsed, with hand-checked entities, events and a quote by Assad."""
    import warta

    article = warta.parse(SEED.read_text(encoding="utf-8"), stages=["sentences", "quotes"])
    try:
        from warta.nlp import times

        article = times.build(None)(article)
    except Exception:  # the times stage is another issue's; the web tests do not need it
        pass
    text = article.text
    damascus = Place(name="Damaskus", country_code="SY", latitude=33.5102,
                     longitude=36.2913, gazetteer_id=DAMASCUS, feature="city")
    deir = Place(name="Deir Az Zor", country_code="SY", latitude=35.3359, longitude=40.1408,
                 gazetteer_id="geonames:170794", feature="city")
    entities = [
        Entity(key=ASSAD, type="PER", name="Bashar al-Assad",
               mentions=_mentions(text, r"Bashar [Aa]l-Assad|(?<!-)\bAssad\b"),
               titles=["Presiden Suriah"]),
        Entity(key=SHOIGU, type="PER", name="Sergei Shoigu",
               mentions=_mentions(text, r"Sergei Shoigu|(?<!Sergei )\bShoigu\b"),
               titles=["Menteri Pertahanan Rusia"]),
        Entity(key="PER:vladimir putin", type="PER", name="Vladimir Putin",
               mentions=_mentions(text, r"Vladimir Putin"), titles=["Presiden Rusia"]),
        Entity(key=DAMASCUS, type="GPE", name="Damaskus", mentions=_mentions(text, r"Damaskus"),
               place=damascus),
        Entity(key="geonames:170794", type="GPE", name="Deir Az Zor",
               mentions=_mentions(text, r"Deir Az Zor"), place=deir),
        Entity(key="iso:SY", type="GPE", name="Suriah", mentions=_mentions(text, r"\bSuriah\b"),
               place=Place(name="Suriah", country_code="SY", latitude=35.0, longitude=38.0,
                           gazetteer_id="iso:SY", feature="country")),
        Entity(key="ORG:isis", type="ORG", name="ISIS", mentions=_mentions(text, r"\bISIS\b")),
    ]
    meeting = text.index("menyambut")
    fight = text.index("terbunuh")
    events = [
        Event(code="043", label="Host a visit",
              trigger=Mention(start=meeting, end=meeting + 9, text="menyambut"), sentence=0,
              confidence=0.9, actor1=Actor(text="Bashar al-Assad", entity=ASSAD, code="SYRGOV"),
              actor2=Actor(text="Sergei Shoigu", entity=SHOIGU, code="RUSMIL"), place=damascus,
              date="2017-09-14"),
        Event(code="190", label="Use conventional military force",
              trigger=Mention(start=fight, end=fight + 8, text="terbunuh"), sentence=8,
              confidence=0.7, actor1=Actor(text="tentara Rusia", code="RUSMIL"),
              actor2=Actor(text="ISIS", entity="ORG:isis"), place=deir, date="2017-09-12",
              counts={"fatalities": 450}, factuality="reported"),
    ]
    quotes = [replace(q, speaker_entity=ASSAD) if q.speaker and q.speaker.text == "Assad" else q
              for q in article.quotes]
    return replace(article, entities=entities, events=events, quotes=quotes,
                   topics=[Topic(label="konflik", score=0.8)])


def evil_article() -> Article:
    """Markup and quotes in every field a page shows."""
    text = EVIL_BODY
    second = text.index("Paragraf")
    name = '<img src=x onerror=alert("k")>'
    return Article(
        id="evil0000000000001", url='javascript:alert("url")', title=EVIL_TITLE,
        outlet=Outlet(name='<i onclick="alert(6)">Evil</i>', domain="evil.example"),
        published="2017-09-15T10:00:00+07:00", language="id", text=text,
        paragraphs=[Span(start=0, end=second - 2), Span(start=second, end=len(text))],
        entities=[Entity(key=EVIL_KEY, type="PER", name=name,
                         mentions=_mentions(text, r"Budi"), titles=['"><script>t</script>'])],
        times=[TimeExpression(text="Jakarta", start=text.index("Jakarta"),
                              end=text.index("Jakarta") + 7, type="DATE",
                              value='"><script>alert(7)</script>')],
        quotes=[Quote(kind="indirect", text="Paragraf kedua", start=second, end=second + 14,
                      cue="<b>kata</b>", speaker=Mention(start=0, end=8, text="Serangan"),
                      speaker_entity=EVIL_KEY)],
        events=[Event(code="190", label='<script>alert("ev")</script>',
                      trigger=Mention(start=0, end=8, text="Serangan"), sentence=0,
                      confidence=0.5, actor1=Actor(text=name, entity=EVIL_KEY),
                      place=Place(name='"><script>alert(8)</script>', country_code="ID",
                                  latitude=-6.2, longitude=106.8),
                      date="2017-09-15")],
    )


def indosum_articles(count: int = 12) -> list[Article]:
    import warta

    out = []
    with INDOSUM.open(encoding="utf-8") as handle:
        for line in handle:
            if len(out) >= count:
                break
            record = json.loads(line)
            paragraphs = [" ".join(" ".join(s) for s in p) for p in record["paragraphs"]]
            try:
                out.append(warta.parse("\n\n".join(paragraphs), stages=["sentences"],
                                       url=f"https://example.id/{record['id']}"))
            except Exception:
                continue
    return out


def build_store(path: Path) -> dict[str, str]:
    """Write the test articles into a new SQLite store at ``path``; return their ids."""
    from warta.store import open_store

    seed, evil = seed_article(), evil_article()
    with open_store(f"sqlite:///{path}") as store:
        for article in [seed, evil, *indosum_articles()]:
            store.upsert(article)
    return {"seed": seed.id, "evil": evil.id}


class SharedStore:
    """The test store built once per test run: its path, the ids of the seed and the hostile
    article, and how many articles it holds."""

    def __init__(self, path: Path, ids: dict[str, str], count: int) -> None:
        self.path = path
        self.ids = ids
        self.count = count

    def copy(self, target: Path) -> Path:
        """A private copy to write into (the store is closed, so its file is whole)."""
        import shutil

        shutil.copyfile(self.path, target)
        return target


_SHARED: list[SharedStore] = []


def shared_store(tmp_path_factory) -> SharedStore:  # type: ignore[no-untyped-def]
    """Build the store on first call (about 10 s: the parser loads) and reuse it after."""
    if not _SHARED:
        path = tmp_path_factory.mktemp("web") / "warta.db"
        ids = build_store(path)
        import sqlite3

        with sqlite3.connect(path) as conn:
            count = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        _SHARED.append(SharedStore(path, ids, count))
    return _SHARED[0]
