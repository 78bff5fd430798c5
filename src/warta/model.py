"""The records that flow through warta.

One typed, versioned record, :class:`Article`, carries a news page from the moment it is read to
the moment it is stored. Every stage adds fields; none keeps state elsewhere. All character
offsets (``start``/``end``) point into ``Article.text``, the clean body, with ``end`` exclusive.

The records are frozen ``msgspec.Struct`` types: cheap to create, safe to share between threads,
picklable for worker processes, and with a JSON form validated on the way in. The JSON form is the
public contract; its schema lives in ``schema/warta.article-1.json`` and is generated from these
types (``warta schema > schema/warta.article-1.json``, or ``make schema``).
"""

from __future__ import annotations

import json
from typing import Any, Literal

import msgspec

SCHEMA = "warta.article/1"

AuthorRole = Literal["reporter", "editor", "writer", "photographer", "contributor", "source"]
EntityType = Literal["PER", "ORG", "LOC", "GPE", "EVT", "MISC"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
QuoteKind = Literal["direct", "indirect"]


class Record(msgspec.Struct, frozen=True, omit_defaults=False, forbid_unknown_fields=True):
    """Base of every record: frozen, with a plain-dict form."""

    def to_dict(self) -> dict[str, Any]:
        return msgspec.to_builtins(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Any:
        return msgspec.convert(data, cls)


class Span(Record, frozen=True):
    """A stretch of ``Article.text``."""

    start: int
    end: int


class Outlet(Record, frozen=True):
    """The publisher: a display name and its web domain."""

    name: str
    domain: str | None = None


class Author(Record, frozen=True):
    name: str
    role: AuthorRole


class Image(Record, frozen=True):
    caption: str | None = None
    credit: str | None = None
    url: str | None = None


class Place(Record, frozen=True):
    """A resolved place. ``gazetteer_id`` is prefixed by its source (``geonames:170654``,
    ``iso:SY``, ``wilayah:31.71``)."""

    name: str
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    gazetteer_id: str | None = None
    feature: str | None = None  # country, city, province, regency, district, ...


class Dateline(Record, frozen=True):
    """The place line that opens a story (``DAMASKUS``), as written and resolved."""

    text: str
    place: Place | None = None


class Attribution(Record, frozen=True):
    """An outlet or agency the article says it draws on (``Dilansir dari Aljazirah``)."""

    name: str
    cue: str
    start: int
    end: int


class Mention(Record, frozen=True):
    start: int
    end: int
    text: str


class Entity(Record, frozen=True):
    """One real-world thing named in the article, with every mention of it.

    ``key`` is stable across articles (a gazetteer id, else type + normalised name), so a store
    can gather all articles about one person or place.
    """

    key: str
    type: EntityType
    name: str
    mentions: list[Mention]
    titles: list[str] = []
    aliases: list[str] = []
    place: Place | None = None


class TimeExpression(Record, frozen=True):
    """A time expression normalised TIMEX3-style (``2017-09-14``, ``2016-06``, ``2017-W36``,
    ``P3Y``), with the anchor it was resolved against."""

    text: str
    start: int
    end: int
    type: TimeType
    value: str
    anchor: str | None = None
    mod: str | None = None  # APPROX, START, MID, END, BEFORE, AFTER
    end_value: str | None = None  # for intervals ("14-16 September")
    # Why the value may be wrong, when it may: "weekday-mismatch" (Rabu (25/2/2018) was a
    # Sunday; the explicit date wins), "bad-date". The article's warnings say more.
    warning: str | None = None


class Quantity(Record, frozen=True):
    text: str
    start: int
    end: int
    value: float
    approximation: str | None = None  # the hedge as written: "lebih dari", "sekitar"
    unit: str | None = None  # IDR, USD, percent, ...
    counted: str | None = None  # the noun counted: "militan", "penerbangan"


class Quote(Record, frozen=True):
    """Who said what. ``speaker_entity`` is the key of an entry in ``Article.entities``."""

    kind: QuoteKind
    text: str
    start: int
    end: int
    cue: str | None = None
    speaker: Mention | None = None  # as written: "Assad", "ia", "pernyataan tersebut"
    speaker_entity: str | None = None
    antecedent: Mention | None = None  # what a pronoun or "pernyataan tersebut" points back to


class Actor(Record, frozen=True):
    text: str
    entity: str | None = None  # key into Article.entities
    code: str | None = None  # CAMEO-style actor code, e.g. RUSMIL


class Event(Record, frozen=True):
    code: str  # CAMEO code, e.g. "042"
    label: str
    trigger: Mention
    sentence: int
    confidence: float
    plover: str | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    place: Place | None = None
    date: str | None = None
    counts: dict[str, int] = {}
    factuality: Literal["asserted", "negated", "future", "modal", "reported"] = "asserted"


class Topic(Record, frozen=True):
    label: str
    score: float


class Notice(Record, frozen=True):
    """A warning about an article (kept) or the reason for a rejection (not kept).

    ``code`` is a short machine-readable word a batch report counts by (``empty``, ``binary``,
    ``language``); ``message`` says what happened and what to do, for a person.
    """

    code: str
    message: str


class Article(Record, frozen=True, kw_only=True):
    """A news article and everything warta has read from it."""

    schema: str = SCHEMA
    id: str
    url: str | None = None
    outlet: Outlet | None = None
    language: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601 with offset
    updated: str | None = None
    authors: list[Author] = []
    dateline: Dateline | None = None
    images: list[Image] = []
    attributions: list[Attribution] = []
    text: str
    paragraphs: list[Span]
    sentences: list[Span] = []
    entities: list[Entity] = []
    times: list[TimeExpression] = []
    quantities: list[Quantity] = []
    quotes: list[Quote] = []
    events: list[Event] = []
    summary: list[int] = []  # indices into sentences
    topics: list[Topic] = []
    keywords: list[str] = []
    duplicate_of: str | None = None
    story: str | None = None
    warnings: list[Notice] = []
    source: dict[str, str] = {}  # where it came from: path, line, format

    def span_text(self, span: Span | Mention) -> str:
        return self.text[span.start : span.end]

    def to_json(self, indent: int | None = 2) -> str:
        if indent is None:
            return msgspec.json.encode(self).decode()
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_json(cls, data: str | bytes) -> Article:
        return msgspec.json.decode(data, type=cls)


class Rejection(Record, frozen=True):
    """An input that did not become an article, and why. Batches yield these beside articles,
    so nothing is dropped without a trace."""

    reason: Notice
    origin: dict[str, str] = {}  # path, line, url: where to find the input again

    @property
    def code(self) -> str:
        return self.reason.code


def replace(record: Any, **changes: Any) -> Any:
    """A copy of a frozen record with some fields changed."""
    return msgspec.structs.replace(record, **changes)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`Article`, as committed in ``schema/``."""
    schema = msgspec.json.schema(Article)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://warta.example/schema/warta.article-1.json"
    schema["title"] = SCHEMA
    return schema
