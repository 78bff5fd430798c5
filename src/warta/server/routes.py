"""The JSON API under ``/api/``: articles, entities, events, quotes, stats.

Every parameter is bounded (length, range, pattern), so a request the API cannot answer well is
a 422 in the one error shape before any query runs; every value reaches SQL as a bound
parameter through :mod:`warta.query`.
"""

from __future__ import annotations

import hmac
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from warta.errors import InputError, WartaError
from warta.query import analytics
from warta.server.app import Databases
from warta.server.errors import ApiError
from warta.server.limits import (
    MAX_BODY_BYTES,
    MAX_FILTER_CHARS,
    MAX_OFFSET,
    MAX_PAGE_SIZE,
    MAX_QUERY_CHARS,
)


class ErrorBody(BaseModel):
    """The shape of every error answer."""

    ok: Literal[False] = False
    status: int
    error: str = Field(description="A short code: not-found, invalid, too-large, unauthorized, …")
    message: str
    details: list[dict[str, str]] = []


_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (404, 413, 422, 500)}
router = APIRouter(prefix="/api", responses=_ERRORS)

DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
EntityType = Literal["PER", "ORG", "LOC", "GPE", "EVT", "MISC"]

Text = Annotated[str, Query(max_length=MAX_QUERY_CHARS, description=(
    'Words (all must occur), "quoted phrases", word* for a prefix; stems match, so "serang" '
    "finds serangan and diserang."))]
Outlet = Annotated[str | None, Query(max_length=MAX_FILTER_CHARS,
                                     description="Outlet name or domain.")]
DateFrom = Annotated[str | None, Query(alias="from", pattern=DATE_PATTERN,
                                       description="First day: YYYY, YYYY-MM or YYYY-MM-DD.")]
DateTo = Annotated[str | None, Query(alias="to", pattern=DATE_PATTERN,
                                     description="Last day (2017-09 is the whole month).")]
EntityFilter = Annotated[str | None, Query(max_length=MAX_FILTER_CHARS,
                                           description="Entity key or exact name.")]
TypeFilter = Annotated[EntityType | None, Query(description="Entity type.")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Results per page.")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Results to skip.")]
Key = Annotated[str, Path(min_length=1, max_length=MAX_FILTER_CHARS,
                          description="Entity key, e.g. PER:bashar al-assad or geonames:170654")]


def databases(request: Request) -> Databases:
    found: Databases = request.app.state.databases
    return found


Db = Annotated[Databases, Depends(databases)]


@router.get("/articles", summary="Search articles")
def search_articles(db: Db, q: Text = "", outlet: Outlet = None, date_from: DateFrom = None,
                    date_to: DateTo = None, entity: EntityFilter = None,
                    type: TypeFilter = None, limit: Limit = 20, offset: Offset = 0,
                    facets: bool = True) -> dict[str, Any]:
    """Articles matching the query and every filter, best first (BM25), with highlighted
    snippets (``highlights`` are offsets into ``snippet``) and, unless ``facets=false``,
    counts by outlet, month, entity and topic. No query and no filter lists the newest."""
    filters: dict[str, Any] = {"outlet": outlet, "date_from": date_from, "date_to": date_to,
               "entity": entity, "type": type}
    if q.strip() or any(filters.values()):
        hits = db.read(lambda d: d.search(q, limit=offset + limit, **filters))
        results = [hit.to_dict() for hit in hits[offset:]]
    else:
        results = db.read(lambda d: analytics.latest(d.store, limit=limit, offset=offset))
    answer: dict[str, Any] = {
        "query": {"q": q, "outlet": outlet, "from": date_from, "to": date_to, "entity": entity,
                  "type": type, "limit": limit, "offset": offset},
        "results": results,
    }
    if facets:
        found = db.read(lambda d: analytics.facets(d.store, q, **filters))
        answer["total"] = found.pop("total")
        answer["facets"] = found
    return answer


@router.get("/articles/{article_id}", summary="One article")
def get_article(db: Db, article_id: Annotated[str, Path(max_length=MAX_FILTER_CHARS)],
                ) -> dict[str, Any]:
    """The whole Article record (schema ``warta.article/1``)."""
    article = db.read(lambda d: d.article(article_id))
    if article is None:
        raise ApiError(404, f"no article with id {article_id!r}; search for one at "
                       "/api/articles")
    return article.to_dict()


@router.get("/stories/{story_id}", summary="The articles of one story")
def get_story(db: Db, story_id: Annotated[str, Path(max_length=MAX_FILTER_CHARS)],
              limit: Annotated[int, Query(ge=1, le=500)] = 50) -> dict[str, Any]:
    """The articles that tell one story (an article's ``story``), oldest first."""
    articles = db.read(lambda d: d.story(story_id, limit=limit))
    if not articles:
        raise ApiError(404, f"no story with id {story_id!r}; an article's story is its "
                       "'story' field")
    return {"story": story_id, "articles": articles}


class NewArticle(BaseModel):
    """One page to parse and store: plain text or HTML."""

    text: str = Field(min_length=1, max_length=MAX_BODY_BYTES)
    url: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, max_length=64,
                                  description="Publication time, overriding the page's.")


def require_token(request: Request) -> None:
    if not request.app.state.allow_ingest:
        raise ApiError(403, "this server is read-only; start it with --allow-ingest and "
                       "--token to accept articles", code="read-only")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    expected: str = request.app.state.token
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(),
                                                             expected.encode()):
        raise ApiError(401, "send the server's token as 'Authorization: Bearer <token>'",
                       headers={"WWW-Authenticate": 'Bearer realm="warta"'})


@router.post("/articles", summary="Ingest one article", status_code=201,
             dependencies=[Depends(require_token)],
             responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}})
def post_article(db: Db, body: NewArticle) -> JSONResponse:
    """Parse one page and store it (only on a server started with ``--allow-ingest`` and
    ``--token``). Answers the article's id and whether it was new, updated or unchanged; a
    page that cannot become an article is a 422 whose ``error`` is the rejection code."""
    import warta

    try:
        article = warta.parse(body.text, url=body.url, published=body.published)
    except InputError as exc:
        raise ApiError(422, exc.message, code=exc.code) from None
    except WartaError as exc:
        raise ApiError(422, str(exc), code="rejected") from None
    written = db.write(lambda store: store.upsert(article))
    return JSONResponse(status_code=201, content={
        "id": written.id, "status": written.status, "duplicate_of": written.duplicate_of,
        "href": f"/api/articles/{written.id}"})


@router.get("/entities", summary="List entities")
def list_entities(db: Db, type: TypeFilter = None,
                  name: Annotated[str | None, Query(max_length=MAX_FILTER_CHARS)] = None,
                  limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """The most mentioned entities; ``name`` matches any part of the name."""
    rows = db.read(lambda d: analytics.list_entities(d.store, type=type, name=name,
                                                     limit=limit, offset=offset))
    return {"results": rows, "limit": limit, "offset": offset}


def _entity(db: Databases, key: str) -> dict[str, Any]:
    found = db.read(lambda d: analytics.entity(d.store, key))
    if found is None:
        raise ApiError(404, f"no entity with key {key!r}; list them at /api/entities")
    return found


# The sub-resources come first: a key may hold "/", so the key is a path parameter and the
# one-entity route, which would match them all, is registered last.
@router.get("/entities/{key:path}/timeline", summary="An entity's mentions per day")
def entity_timeline(db: Db, key: Key) -> dict[str, Any]:
    """Articles and mentions per publication day, oldest first."""
    _entity(db, key)
    return {"key": key, "days": db.read(lambda d: analytics.entity_timeline(d.store, key))}


@router.get("/entities/{key:path}/co-mentions", summary="Entities named beside one")
def entity_co_mentions(db: Db, key: Key, limit: Limit = 20) -> dict[str, Any]:
    """Entities named in the same articles, by the number of articles shared."""
    _entity(db, key)
    rows = db.read(lambda d: analytics.co_mentions(d.store, key, limit=limit))
    return {"key": key, "results": rows}


@router.get("/entities/{key:path}/quotes", summary="What an entity is quoted as saying")
def entity_quotes(db: Db, key: Key, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    _entity(db, key)
    rows = db.read(lambda d: analytics.entity_quotes(d.store, key, limit=limit, offset=offset))
    return {"key": key, "results": rows}


@router.get("/entities/{key:path}/events", summary="Events an entity takes part in")
def entity_events(db: Db, key: Key, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    _entity(db, key)
    rows = db.read(lambda d: analytics.find_events(d.store, analytics.EventFilter(actor=key),
                                                   limit=limit, offset=offset))
    return {"key": key, "results": rows}


@router.get("/entities/{key:path}", summary="One entity")
def get_entity(db: Db, key: Key) -> dict[str, Any]:
    """Type, name, counts, first and last seen, place, titles and spellings seen."""
    return _entity(db, key)


@router.get("/events", summary="Events")
def list_events(db: Db,
                root: Annotated[str | None, Query(pattern=r"^[0-9]{1,4}$",
                                                  description="CAMEO code or prefix.")] = None,
                actor: Annotated[str | None, Query(
                    max_length=MAX_FILTER_CHARS,
                    description="Entity key, name as written or actor code.")] = None,
                place: Annotated[str | None, Query(
                    max_length=MAX_FILTER_CHARS,
                    description="Place name or country code.")] = None,
                date_from: DateFrom = None, date_to: DateTo = None,
                min_confidence: Annotated[float, Query(
                    ge=0, le=1, description="Only events at least this likely to be right "
                    "(the event's confidence, 0-1).")] = 0.0,
                limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Events newest first (by the event's date, else the article's day)."""
    what = analytics.EventFilter(root=root, actor=actor, place=place, date_from=date_from,
                                 date_to=date_to, min_confidence=min_confidence)
    rows = db.read(lambda d: analytics.find_events(d.store, what, limit=limit, offset=offset))
    return {"results": rows, "limit": limit, "offset": offset}


@router.get("/quotes", summary="Quotes")
def list_quotes(db: Db,
                speaker: Annotated[str | None, Query(
                    max_length=MAX_FILTER_CHARS,
                    description="Entity key or the speaker as written.")] = None,
                limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    rows = db.read(lambda d: analytics.find_quotes(d.store, speaker=speaker, limit=limit,
                                                   offset=offset))
    return {"results": rows, "limit": limit, "offset": offset}


@router.get("/stats", summary="Articles per day per outlet")
def stats(db: Db, outlet: Outlet = None, date_from: DateFrom = None,
          date_to: DateTo = None) -> dict[str, Any]:
    """What the store holds, and how many articles each outlet published each day."""
    return {
        "overview": db.read(lambda d: analytics.overview(d.store)),
        "per_day": db.read(lambda d: analytics.stats_per_day(
            d.store, outlet=outlet, date_from=date_from, date_to=date_to)),
    }


__all__ = ["router"]
