"""The web UI in process: every page, escaping of hostile articles, the language switch, the
offline assets, and the SVG charts and maps."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import quote

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from warta.server import create_app
from web_store import ASSAD, DAMASCUS, EVIL_KEY, SHOIGU, shared_store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return shared_store(tmp_path_factory)


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(f"sqlite:///{store.path}")) as test_client:
        yield test_client


def entity_url(key: str) -> str:
    return "/entity/" + quote(key, safe="")


class _Tags(HTMLParser):
    """Every start tag and its attributes, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def assert_no_injected_markup(html: str) -> None:
    """Nothing the hostile article holds became a tag or an attribute."""
    found = tags(html)
    scripts = [attrs for tag, attrs in found if tag == "script"]
    assert scripts == [{"src": "/static/warta.js", "defer": None}], scripts
    for tag, attrs in found:
        assert tag not in ("img", "textarea", "b", "i"), (tag, attrs)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            assert not (value or "").lower().startswith("javascript:"), (tag, name, value)
    assert "<script>alert" not in html


# -- pages ---------------------------------------------------------------------------------


def test_search_page_lists_newest_and_searches_with_facets(client, store):
    home = client.get("/")
    assert home.status_code == 200 and home.headers["content-type"].startswith("text/html")
    assert "Artikel terbaru" in home.text
    page = client.get("/", params={"q": "Assad"}).text
    assert f'href="/article/{store.ids["seed"]}"' in page
    assert "<mark>Assad</mark>" in page
    assert 'class="facet facet-outlet"' in page and "Republika" in page
    assert 'class="facet facet-entity"' in page
    facet_link = re.search(r'href="([^"]*entity=PER%3Abashar[^"]*)"', page)
    assert facet_link, "the entity facet links to a filtered search"
    filtered = client.get(facet_link.group(1).replace("&amp;", "&")).text
    assert f'/article/{store.ids["seed"]}' in filtered


def test_search_page_filters_and_empty_fields(client, store):
    page = client.get("/", params={"q": "", "outlet": "", "from": "", "to": "", "entity": "",
                                   "type": "PER"}).text
    assert f'/article/{store.ids["seed"]}' in page
    assert client.get("/", params={"type": "NOPE"}).status_code == 422
    assert client.get("/", params={"from": "kemarin"}).status_code == 422


def test_article_page_marks_entities_times_and_quotes(client, store):
    page = client.get(f"/article/{store.ids['seed']}").text
    assert "Menteri Rusia Bertemu Assad Bahas Serangan Deir Az Zor" in page
    href = entity_url(ASSAD)
    assert re.search(rf'<a class="ent ent-PER" data-type="PER" href="{re.escape(href)}" '
                     r'title="Bashar al-Assad \(PER\)">Bashar al-Assad</a>', page)
    assert f'href="{entity_url(DAMASCUS)}"' in page
    assert 'class="quote quote-direct"' in page and 'class="quote quote-indirect"' in page
    assert re.search(r'<span class="tx" data-value="2017-09-14" title="2017-09-14"', page) or \
        'class="tx"' not in page.split('id="article-body"')[1]
    # The metadata panel.
    for value in ("Marniati", "Endro Yuwanto", "Republika", "2017-09-14T15:02:00+07:00"):
        assert value in page
    assert 'id="entity-list"' in page and ">Orang</h3>" in page


def test_article_body_html_is_well_formed(client, store):
    from warta.web.markup import article_html
    from web_store import seed_article

    html = str(article_html(seed_article()))
    depth = 0
    for match in re.finditer(r"<(/?)(p|a|span)\b", html):
        depth += -1 if match.group(1) else 1
        assert depth >= 0
    assert depth == 0


def test_entity_page_has_chart_co_mentions_quotes_events_and_maps(client, store):
    page = client.get(entity_url(ASSAD)).text
    assert "Bashar al-Assad" in page and "Presiden Suriah" in page
    chart = page.split('id="timeline"')[1]
    assert '<svg class="chart"' in chart and '<rect class="bar"' in chart
    assert "<title>2017-09-14: 5</title>" in chart
    co = page.split('id="co-mentions"')[1]
    assert f'href="{entity_url(SHOIGU)}"' in co
    assert "pertemuan kali ini" in page  # his quote
    assert "Host a visit" in page
    maps = page.split('id="maps"')[1]
    assert '<svg class="map map-world"' in maps and '<svg class="map map-indonesia"' in maps
    assert '<circle class="spot"' in maps and "Damaskus: 1" in maps
    assert 'class="land home"' in maps and '<circle class="province"' in maps


def test_entities_events_and_stats_pages(client):
    listing = client.get("/entities", params={"type": "PER"}).text
    assert f'href="{entity_url(ASSAD)}"' in listing
    events = client.get("/events").text
    assert "Host a visit" in events and '<svg class="map map-world"' in events
    assert re.search(r'<a href="/events\?place=Damaskus">', events)
    filtered = client.get("/events", params={"root": "19", "place": "", "from": ""}).text
    assert "Use conventional military force" in filtered and "Host a visit" not in filtered
    assert '<option value="19" selected>19 Bertempur</option>' in filtered
    sure = client.get("/events", params={"min_confidence": "0.8"}).text  # 0.9 meeting, 0.7 fight
    assert "Host a visit" in sure and "Use conventional military force" not in sure
    stats = client.get("/stats").text
    assert '<svg class="chart"' in stats and "Republika" in stats


def test_missing_things_are_html_error_pages(client):
    response = client.get("/article/nothing")
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]
    assert "Galat 404" in response.text
    assert client.get(entity_url("PER:nobody")).status_code == 404
    assert client.get("/no/such/page").status_code == 404


def test_language_switch_by_parameter_and_cookie(store):
    client = TestClient(create_app(f"sqlite:///{store.path}"))  # its own cookie jar
    english = client.get("/", params={"lang": "en"})
    assert 'lang="en"' in english.text and "Newest articles" in english.text
    assert english.cookies.get("lang") == "en" or "lang=en" in english.headers["set-cookie"]
    later = client.get("/entities")  # the cookie keeps the choice
    assert "Entities" in later.text and 'href="/entities?lang=id"' in later.text
    assert 'lang="id"' in client.get("/entities", params={"lang": "id"}).text
    indonesian = client.get("/entities")
    assert 'lang="id"' in indonesian.text and "Entitas" in indonesian.text
    assert client.get("/", params={"lang": "xx"}).status_code == 422


# -- hostile content -----------------------------------------------------------------------


def test_the_hostile_article_is_escaped_everywhere(client, store):
    evil = store.ids["evil"]
    pages = [
        f"/article/{evil}",
        "/",
        "/?q=serangan",
        "/?q=Paragraf",
        f"/?entity={quote(EVIL_KEY)}",
        entity_url(EVIL_KEY),
        "/entities",
        "/entities?name=onerror",
        "/events",
        "/events?root=19",
        "/stats",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_injected_markup(response.text)
    article = client.get(f"/article/{evil}").text
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=alert(2)&gt;" in article
    assert 'javascript:alert(&#34;url&#34;)' in article  # shown as text, never as a link


def test_hostile_query_strings_are_escaped(client):
    payload = '"><script>alert(9)</script><img src=x onerror=alert(10)>'
    for url in ("/", "/entities", "/events"):
        page = client.get(url, params={"q": payload, "name": payload, "actor": payload,
                                       "place": payload, "entity": payload}).text
        assert_no_injected_markup(page)
    missing = client.get("/article/" + quote(payload, safe="")).text
    assert_no_injected_markup(missing)


# -- offline assets ------------------------------------------------------------------------


def test_every_asset_comes_from_this_server(client, store):
    for url in ("/", f"/article/{store.ids['seed']}", entity_url(ASSAD), "/events", "/stats"):
        page = client.get(url).text
        for tag, attrs in tags(page):
            for name in ("src", "href"):
                value = attrs.get(name) or ""
                assert not re.match(r"^(https?:)?//", value), (url, tag, value)
    css = client.get("/static/warta.css")
    assert css.status_code == 200 and "url(" not in css.text and "@import" not in css.text
    js = client.get("/static/warta.js")
    assert js.status_code == 200 and "http" not in js.text and "fetch(" not in js.text
    assert "default-src 'self'" in client.get("/").headers["content-security-policy"]


def test_base_map_data_ships_with_the_package():
    from warta.web import svg

    names = {c["code"] for c in svg._countries()}
    assert {"ID", "SY", "RU", "MY", "AU"} <= names
    assert len(svg._provinces()) >= 34
    x, y = svg.INDONESIA.project(106.8, -6.2)  # Jakarta
    width, height = svg.INDONESIA.size
    assert 0 < x < width and 0 < y < height


def test_timeline_chart_spaces_days_by_date():
    from warta.web.svg import timeline_chart

    chart = str(timeline_chart([{"day": "2017-09-01", "mentions": 2},
                                {"day": "2017-09-30", "mentions": 4},
                                {"day": "kemarin", "mentions": 9}], label="<x>"))
    bars = re.findall(r'<rect class="bar" x="([0-9.]+)"', chart)
    assert len(bars) == 2 and float(bars[1]) - float(bars[0]) > 500
    assert 'aria-label="&lt;x&gt;"' in chart
    assert str(timeline_chart([])) == ""
