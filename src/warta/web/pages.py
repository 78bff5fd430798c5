"""The web UI: server-rendered pages over the same query functions as the JSON API.

Every page reads without JavaScript; ``static/warta.js`` only adds conveniences (a keyboard
shortcut to the search box, a language switch that keeps the page). Templates are autoescaped,
and the few pre-rendered fragments (marked text, charts, maps) escape their own values.
"""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader

from warta.query import analytics
from warta.server.app import Databases
from warta.server.errors import ApiError
from warta.server.limits import MAX_FILTER_CHARS, MAX_OFFSET, MAX_QUERY_CHARS
from warta.web import svg
from warta.web.i18n import CAMEO_ROOTS, DEFAULT, LANGUAGES, Labels
from warta.web.markup import article_html, entity_href, snippet_html

HERE = FilePath(__file__).resolve().parent
PAGE_SIZE = 20
# Empty is allowed: a form submitted without JavaScript sends every field, filled or not.
DATE_PATTERN = r"^([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?$"
ENTITY_TYPES = ("PER", "ORG", "LOC", "GPE", "EVT", "MISC")

router = APIRouter(include_in_schema=False)
_env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                   trim_blocks=True, lstrip_blocks=True)
_env.globals.update(entity_href=entity_href, snippet_html=snippet_html,
                    entity_types=ENTITY_TYPES, cameo_roots=sorted(CAMEO_ROOTS))


def static_files() -> StaticFiles:
    return StaticFiles(directory=HERE / "static")


def _language(request: Request) -> str:
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    cookie = request.cookies.get("lang")
    return cookie if cookie in LANGUAGES else DEFAULT


def _url(request: Request, **changes: Any) -> str:
    """This page's address with some query parameters changed (None removes one)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return request.url.path + ("?" + urlencode(params) if params else "")


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = _language(request)
    labels = Labels(lang)
    html = _env.get_template(template).render(
        request=request, L=labels, lang=lang, url=lambda **c: _url(request, **c),
        switch_url=_url(request, lang=labels.other), **context)
    response = HTMLResponse(html, status_code=status)
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie("lang", lang, max_age=365 * 86400, samesite="lax", httponly=True)
    return response


def error_page(request: Request, status: int, code: str, message: str) -> Response:
    return render(request, "error.html", status=status, status_code=status, code=code,
                  message=message)


def _db(request: Request) -> Databases:
    found: Databases = request.app.state.databases
    return found


Text = Annotated[str, Query(max_length=MAX_QUERY_CHARS)]
Filter = Annotated[str | None, Query(max_length=MAX_FILTER_CHARS)]
DateFrom = Annotated[str | None, Query(alias="from", pattern=DATE_PATTERN)]
DateTo = Annotated[str | None, Query(alias="to", pattern=DATE_PATTERN)]
Page = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Lang = Annotated[Literal["id", "en"] | None, Query()]


def _blank(value: str | None) -> str | None:
    """An empty form field means no filter."""
    return value or None


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, q: Text = "", outlet: Filter = None,
                date_from: DateFrom = None, date_to: DateTo = None, entity: Filter = None,
                type: Annotated[str | None, Query(max_length=8)] = None, offset: Page = 0,
                lang: Lang = None) -> HTMLResponse:
    db = _db(request)
    kind = _blank(type)
    if kind is not None and kind not in ENTITY_TYPES:
        raise ApiError(422, f"unknown entity type {type!r}; use one of {', '.join(ENTITY_TYPES)}")
    filters: dict[str, Any] = {"outlet": _blank(outlet), "date_from": _blank(date_from),
               "date_to": _blank(date_to), "entity": _blank(entity), "type": kind}
    searching = bool(q.strip() or any(filters.values()))
    if searching:
        hits = db.read(lambda d: d.search(q, limit=offset + PAGE_SIZE, **filters))
        results = [hit.to_dict() for hit in hits[offset:]]
    else:
        results = db.read(lambda d: analytics.latest(d.store, limit=PAGE_SIZE, offset=offset))
    found = db.read(lambda d: analytics.facets(d.store, q, **filters))
    total = found.pop("total")
    return render(request, "search.html", q=q, filters=filters, results=results, total=total,
                  facets=found, searching=searching, offset=offset, page_size=PAGE_SIZE,
                  overview=db.read(lambda d: analytics.overview(d.store)))


@router.get("/article/{article_id}", response_class=HTMLResponse)
def article_page(request: Request,
                 article_id: Annotated[str, Path(max_length=MAX_FILTER_CHARS)],
                 lang: Lang = None) -> HTMLResponse:
    article = _db(request).read(lambda d: d.article(article_id))
    if article is None:
        raise ApiError(404, f"no article with id {article_id!r}")
    by_type: dict[str, list[Any]] = {}
    for entity in sorted(article.entities, key=lambda e: (-len(e.mentions), e.name)):
        by_type.setdefault(entity.type, []).append(entity)
    summary = [article.text[s.start:s.end] for i, s in enumerate(article.sentences)
               if i in set(article.summary)]
    story = article.story
    same_story = [row for row in _db(request).read(lambda d: d.story(story))
                  if row["id"] != article.id] if story else []
    return render(request, "article.html", article=article, body=article_html(article),
                  by_type=by_type, summary=summary, same_story=same_story)


@router.get("/entity/{key:path}", response_class=HTMLResponse)
def entity_page(request: Request, key: Annotated[str, Path(max_length=MAX_FILTER_CHARS)],
                lang: Lang = None) -> HTMLResponse:
    db = _db(request)
    entity = db.read(lambda d: analytics.entity(d.store, key))
    if entity is None:
        raise ApiError(404, f"no entity with key {key!r}")
    labels = Labels(_language(request))
    timeline = db.read(lambda d: analytics.entity_timeline(d.store, key))
    events = db.read(lambda d: analytics.find_events(d.store, analytics.EventFilter(actor=key),
                                                     limit=100))
    places = svg.places_of(events)
    if entity.get("latitude") is not None and not places:
        places = [{"name": entity["name"], "latitude": entity["latitude"],
                   "longitude": entity["longitude"], "count": entity["articles"]}]
    articles = db.read(lambda d: d.search("", entity=key, limit=PAGE_SIZE))
    return render(
        request, "entity.html", entity=entity, events=events[:30],
        chart=svg.timeline_chart(timeline, label=labels.mentions_per_day),
        co_mentions=db.read(lambda d: analytics.co_mentions(d.store, key, limit=20)),
        quotes=db.read(lambda d: analytics.entity_quotes(d.store, key, limit=30)),
        articles=[hit.to_dict() for hit in articles],
        world=svg.event_map(places, svg.WORLD, label=labels.world),
        indonesia=svg.event_map(places, svg.INDONESIA, label=labels.indonesia),
        has_places=bool(places))


@router.get("/entities", response_class=HTMLResponse)
def entities_page(request: Request, name: Filter = None,
                  type: Annotated[str | None, Query(max_length=8)] = None, offset: Page = 0,
                  lang: Lang = None) -> HTMLResponse:
    kind = _blank(type)
    if kind is not None and kind not in ENTITY_TYPES:
        raise ApiError(422, f"unknown entity type {type!r}; use one of {', '.join(ENTITY_TYPES)}")
    rows = _db(request).read(lambda d: analytics.list_entities(
        d.store, type=kind, name=_blank(name), limit=50, offset=offset))
    return render(request, "entities.html", rows=rows, name=name or "", type=kind,
                  offset=offset, page_size=50)


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request,
                root: Annotated[str | None, Query(pattern=r"^[0-9]{0,4}$")] = None,
                actor: Filter = None, place: Filter = None, date_from: DateFrom = None,
                date_to: DateTo = None,
                min_confidence: Annotated[float, Query(ge=0, le=1)] = 0.0,
                offset: Page = 0, lang: Lang = None) -> HTMLResponse:
    db = _db(request)
    labels = Labels(_language(request))
    filters: dict[str, Any] = {"root": _blank(root), "actor": _blank(actor), "place": _blank(place),
               "date_from": _blank(date_from), "date_to": _blank(date_to),
               "min_confidence": min_confidence}
    what = analytics.EventFilter(**filters)
    rows = db.read(lambda d: analytics.find_events(d.store, what, limit=50, offset=offset))
    # The map shows every place the filters select, not only this page's.
    mapped = db.read(lambda d: analytics.find_events(d.store, what, limit=1000))
    places = svg.places_of(mapped)
    link = _url(request, place="{place}", offset=None).replace("%7Bplace%7D", "{place}")
    return render(request, "events.html", rows=rows, filters=filters, offset=offset,
                  page_size=50, has_places=bool(places),
                  world=svg.event_map(places, svg.WORLD, label=labels.world, href=link),
                  indonesia=svg.event_map(places, svg.INDONESIA, label=labels.indonesia,
                                          href=link))


@router.get("/stats", response_class=HTMLResponse)
def stats_page(request: Request, outlet: Filter = None, lang: Lang = None) -> HTMLResponse:
    db = _db(request)
    labels = Labels(_language(request))
    rows = db.read(lambda d: analytics.stats_per_day(d.store, outlet=_blank(outlet)))
    per_day: dict[str, int] = {}
    for row in rows:
        per_day[row["day"]] = per_day.get(row["day"], 0) + row["articles"]
    outlets: dict[str, int] = {}
    for row in rows:
        outlets[row["outlet"]] = outlets.get(row["outlet"], 0) + row["articles"]
    chart = svg.timeline_chart([{"day": d, "articles": n} for d, n in sorted(per_day.items())],
                               value="articles", label=labels.articles_per_day)
    return render(request, "stats.html", chart=chart, overview=db.read(
        lambda d: analytics.overview(d.store)),
        outlets=sorted(outlets.items(), key=lambda item: -item[1]))


__all__ = ["error_page", "render", "router", "static_files"]
