"""The JSON API in process: every route, the one error shape, limits, ingest over HTTP, hostile
filters, and schemathesis against /openapi.json."""

from __future__ import annotations

from urllib.parse import quote

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from warta.server import create_app
from web_store import ASSAD, DAMASCUS, EVIL_KEY, SHOIGU, shared_store

ERROR_KEYS = {"ok", "status", "error", "message", "details"}
TOKEN = "test-token-123"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return shared_store(tmp_path_factory)


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(f"sqlite:///{store.path}")) as test_client:
        yield test_client


@pytest.fixture()
def ingest_client(tmp_path, store):
    # A copy of the store, so articles posted here do not change what other tests see.
    path = store.copy(tmp_path / "ingest.db")
    with TestClient(create_app(f"sqlite:///{path}", allow_ingest=True, token=TOKEN)) as c:
        yield c


def key_path(key: str) -> str:
    return quote(key, safe="")


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["message"], str) and body["message"]
    assert isinstance(body["details"], list)
    if code is not None:
        assert body["error"] == code
    assert "Traceback" not in response.text and 'File "' not in response.text
    return body


# -- every route ---------------------------------------------------------------------------


def test_search_finds_the_seed_with_highlights_and_facets(client, store):
    body = client.get("/api/articles", params={"q": "Assad"}).json()
    assert body["total"] >= 1
    top = body["results"][0]
    assert top["id"] == store.ids["seed"]
    start, end = top["highlights"][0]
    assert top["snippet"][start:end].lower().startswith("assad")
    assert {"outlet", "month", "entity", "topic"} <= set(body["facets"])
    assert {"value": "Republika", "label": "Republika", "count": 1} in body["facets"]["outlet"]
    assert any(f["value"] == ASSAD for f in body["facets"]["entity"])
    assert body["facets"]["topic"] == [{"value": "konflik", "label": "konflik", "count": 1}]
    everything = client.get("/api/articles").json()
    assert everything["total"] == store.count
    assert {"value": "konflik", "label": "konflik", "count": 1} in everything["facets"]["topic"]
    assert sum(f["count"] for f in everything["facets"]["outlet"]) <= store.count


def test_search_filters_and_paging(client, store):
    by_entity = client.get("/api/articles", params={"entity": ASSAD}).json()
    assert [r["id"] for r in by_entity["results"]] == [store.ids["seed"]]
    by_type = client.get("/api/articles", params={"type": "PER", "limit": 100}).json()
    assert store.ids["seed"] in {r["id"] for r in by_type["results"]}
    dated = client.get("/api/articles", params={"from": "2017-09-14", "to": "2017-09"}).json()
    assert store.ids["seed"] in {r["id"] for r in dated["results"]}
    none = client.get("/api/articles", params={"q": "Assad", "outlet": "Kompas"}).json()
    assert none["results"] == [] and none["total"] == 0
    first = client.get("/api/articles", params={"limit": 3}).json()["results"]
    second = client.get("/api/articles", params={"limit": 3, "offset": 3}).json()["results"]
    assert len(first) == 3 and not {r["id"] for r in first} & {r["id"] for r in second}
    plain = client.get("/api/articles", params={"q": "serang", "facets": "false"}).json()
    assert "facets" not in plain and plain["results"]


def test_one_article_is_the_full_record(client, store):
    body = client.get(f"/api/articles/{store.ids['seed']}").json()
    assert body["schema"] == "warta.article/1"
    assert body["title"] == "Menteri Rusia Bertemu Assad Bahas Serangan Deir Az Zor"
    assert any(e["key"] == ASSAD for e in body["entities"])


def test_entities_routes(client):
    listed = client.get("/api/entities", params={"type": "PER"}).json()["results"]
    assert ASSAD in {e["key"] for e in listed}
    assert all(e["type"] == "PER" for e in listed)
    named = client.get("/api/entities", params={"name": "shoigu"}).json()["results"]
    assert [e["key"] for e in named] == [SHOIGU]
    one = client.get(f"/api/entities/{key_path(ASSAD)}").json()
    assert one["name"] == "Bashar al-Assad" and "Presiden Suriah" in one["titles"]
    assert {"Assad", "Bashar al-Assad"} <= set(one["spellings"])
    days = client.get(f"/api/entities/{key_path(ASSAD)}/timeline").json()["days"]
    assert days == [{"day": "2017-09-14", "articles": 1, "mentions": one["mentions"]}]
    co = client.get(f"/api/entities/{key_path(ASSAD)}/co-mentions").json()["results"]
    assert {SHOIGU, DAMASCUS} <= {c["key"] for c in co}
    quotes = client.get(f"/api/entities/{key_path(ASSAD)}/quotes").json()["results"]
    assert quotes and quotes[0]["speaker_entity"] == ASSAD
    events = client.get(f"/api/entities/{key_path(ASSAD)}/events").json()["results"]
    assert [e["code"] for e in events] == ["043"]


def test_a_key_with_a_slash_is_reachable(client):
    # A key is a path parameter that may itself hold "/": the sub-routes still resolve.
    assert_error(client.get("/api/entities/PER:a/b"), 404, "not-found")
    assert_error(client.get("/api/entities/PER:a/b/timeline"), 404, "not-found")


def test_events_filters(client):
    assert [e["code"] for e in client.get("/api/events", params={"root": "04"}).json()[
        "results"]] == ["043"]
    fights = client.get("/api/events", params={"root": "19"}).json()["results"]
    assert any(e["counts"] == {"fatalities": 450} for e in fights)
    by_actor = client.get("/api/events", params={"actor": "RUSMIL"}).json()["results"]
    assert {e["code"] for e in by_actor} == {"043", "190"}
    by_place = client.get("/api/events", params={"place": "Damaskus"}).json()["results"]
    assert [e["code"] for e in by_place] == ["043"]
    by_country = client.get("/api/events", params={"place": "SY"}).json()["results"]
    assert len(by_country) == 2
    dated = client.get("/api/events", params={"from": "2017-09-13", "to": "2017-09-14"}).json()
    assert [e["code"] for e in dated["results"]] == ["043"]
    sure = client.get("/api/events", params={"min_confidence": 0.8}).json()["results"]
    assert [e["code"] for e in sure] == ["043"]  # 0.9; the fight is 0.7
    assert_error(client.get("/api/events", params={"min_confidence": 2}), 422, "invalid")


def test_quotes_and_stats(client):
    quotes = client.get("/api/quotes", params={"speaker": ASSAD}).json()["results"]
    assert quotes and all(q["speaker_entity"] == ASSAD for q in quotes)
    assert client.get("/api/quotes").json()["results"]
    stats = client.get("/api/stats").json()
    assert stats["overview"]["articles"] >= 3
    assert {"day": "2017-09-14", "outlet": "Republika", "articles": 1} in stats["per_day"]
    only = client.get("/api/stats", params={"outlet": "republika.co.id"}).json()["per_day"]
    assert only == [{"day": "2017-09-14", "outlet": "Republika", "articles": 1}]


def test_openapi_lists_every_route(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/entities",
                 "/api/entities/{key}", "/api/entities/{key}/timeline",
                 "/api/entities/{key}/co-mentions", "/api/entities/{key}/quotes",
                 "/api/entities/{key}/events", "/api/events", "/api/quotes", "/api/stats",
                 "/api/stories/{story_id}"):
        assert path in paths, path
    assert "post" in paths["/api/articles"]


# -- the one error shape -------------------------------------------------------------------


def test_every_error_has_one_shape(client, ingest_client, store, monkeypatch):
    assert_error(client.get("/api/articles/nope"), 404, "not-found")
    assert_error(client.get("/api/entities/PER:nobody"), 404, "not-found")
    assert_error(client.get("/api/stories/nope"), 404, "not-found")
    assert_error(client.get("/api/nothing-here"), 404, "not-found")
    body = assert_error(client.get("/api/articles", params={"limit": 0}), 422, "invalid")
    assert body["details"][0]["where"] == "query.limit"
    assert_error(client.get("/api/events", params={"from": "14/09/2017"}), 422, "invalid")
    assert_error(client.get("/api/articles", params={"type": "PERSON"}), 422, "invalid")
    assert_error(client.delete("/api/articles"), 405, "method-not-allowed")
    assert_error(client.post("/api/articles", json={"text": "x"}), 403, "read-only")
    unauthorised = assert_error(ingest_client.post("/api/articles", json={"text": "x"}), 401,
                                "unauthorized")
    assert unauthorised["message"].startswith("send the server's token")
    assert_error(ingest_client.post("/api/articles", content=b"x" * 10_000_000,
                                    headers={"Authorization": f"Bearer {TOKEN}"}),
                 413, "too-large")

    from warta.query import analytics

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail /etc/passwd")

    monkeypatch.setattr(analytics, "overview", broken)
    with TestClient(create_app(f"sqlite:///{store.path}"),
                    raise_server_exceptions=False) as failing:
        response = failing.get("/api/stats")
        body = assert_error(response, 500, "internal")
        assert "secret" not in response.text and "RuntimeError" not in response.text


def test_a_missing_store_is_a_500_without_details(tmp_path):
    with TestClient(create_app(f"sqlite:///{tmp_path / 'none.db'}"),
                    raise_server_exceptions=False) as missing:
        response = missing.get("/api/articles")
        assert_error(response, 500, "store")
        assert str(tmp_path) not in response.text


# -- limits --------------------------------------------------------------------------------


def test_limits_give_4xx(client, ingest_client):
    assert_error(client.get("/api/articles", params={"q": "a" * 501}), 422)
    assert client.get("/api/articles", params={"q": "serang " * 70}).status_code == 200
    assert_error(client.get("/api/articles", params={"limit": 101}), 422)
    assert_error(client.get("/api/articles", params={"offset": 901}), 422)
    assert_error(client.get("/api/entities", params={"name": "x" * 201}), 422)
    assert_error(client.get(f"/api/entities/{'x' * 201}"), 422)
    assert_error(client.get("/api/events", params={"root": "0" * 5}), 422)
    headers = {"Authorization": f"Bearer {TOKEN}"}
    # A chunked body sends no length: it is counted as it arrives.
    chunks = (b"x" * 1_000_000 for _ in range(10))
    assert_error(ingest_client.post("/api/articles", content=chunks, headers=headers), 413)


def test_security_headers(client):
    headers = client.get("/api/stats").headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


# -- ingest over HTTP ----------------------------------------------------------------------


def test_ingest_needs_the_token_and_stores_the_article(ingest_client):
    from web_store import SEED

    page = {"text": SEED.read_text(encoding="utf-8").replace("Assad", "Asad"),
            "url": "https://example.id/asad"}
    wrong = {"Authorization": "Bearer wrong"}
    assert_error(ingest_client.post("/api/articles", json=page, headers=wrong), 401)
    assert_error(ingest_client.post("/api/articles", json=page,
                                    headers={"Authorization": TOKEN}), 401)
    right = {"Authorization": f"Bearer {TOKEN}"}
    created = ingest_client.post("/api/articles", json=page, headers=right)
    assert created.status_code == 201, created.text
    answer = created.json()
    assert answer["status"] == "new"
    stored = ingest_client.get(answer["href"]).json()
    assert stored["url"] == "https://example.id/asad"
    again = ingest_client.post("/api/articles", json=page, headers=right).json()
    assert again["status"] == "unchanged"
    empty = ingest_client.post("/api/articles", json={"text": "   "}, headers=right)
    assert assert_error(empty, 422)["error"] == "empty"
    assert_error(ingest_client.post("/api/articles", json={"txt": "x"}, headers=right), 422,
                 "invalid")
    assert_error(ingest_client.post("/api/articles", content=b"{not json",
                                    headers={**right, "content-type": "application/json"}),
                 422, "invalid")


def test_ingest_without_a_token_is_refused_at_start():
    from warta.errors import ConfigError

    with pytest.raises(ConfigError):
        create_app("sqlite:///x.db", allow_ingest=True)


# -- hostile input -------------------------------------------------------------------------

INJECTIONS = [
    "'; DROP TABLE articles; --", "\" OR 1=1 --", "' OR '1'='1", "1; SELECT * FROM rejects",
    "%", "_", "\\", "*", "\"", "NEAR(a b)", "title:assad", "assad OR", "') UNION SELECT 1--",
    "../../etc/passwd", "<script>alert(1)</script>", "\u0000", "🙂" * 10, "PER:%",
]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_injection_strings_in_every_filter_are_harmless(client, store, payload):
    routes = {
        "/api/articles": ["q", "outlet", "entity", "type", "from", "to"],
        "/api/entities": ["name", "type"],
        "/api/events": ["root", "actor", "place", "from", "to"],
        "/api/quotes": ["speaker"],
        "/api/stats": ["outlet", "from", "to"],
    }
    for route, params in routes.items():
        for param in params:
            response = client.get(route, params={param: payload})
            assert response.status_code in (200, 422), (route, param, response.text)
            if response.status_code == 200 and param not in ("q",):
                # A filter value is matched literally: no payload matches everything.
                results = response.json().get("results", response.json().get("per_day"))
                if param == "name":  # a substring search: only names holding the payload
                    assert all(payload.lower() in r["name"].lower() for r in results)
                else:
                    assert results == [], (route, param, results)
    for path in (f"/api/articles/{quote(payload, safe='')}",
                 f"/api/entities/{quote(payload, safe='')}",
                 f"/api/entities/{quote(payload, safe='')}/events"):
        assert client.get(path).status_code in (404, 422)
    assert client.get("/api/stats").json()["overview"]["articles"] == store.count


def test_the_hostile_article_comes_back_unchanged_as_json(client, store):
    from web_store import EVIL_TITLE

    body = client.get(f"/api/articles/{store.ids['evil']}").json()
    assert body["title"] == EVIL_TITLE
    found = client.get("/api/entities", params={"name": "onerror"}).json()["results"]
    assert [e["key"] for e in found] == [EVIL_KEY]


# -- generated requests --------------------------------------------------------------------


def _fuzz(operation, mode, failures: list[tuple[str, int, str]]) -> None:
    from hypothesis import HealthCheck, Phase, given, settings

    # 25 valid and 8 invalid examples an operation keep the run near 20 s: invalid path
    # parameters (over-long keys) are slow to generate, and they all end in one 422.
    examples = 25 if mode.name == "POSITIVE" else 8

    @given(operation.as_strategy(generation_mode=mode))
    @settings(max_examples=examples, deadline=None, database=None,
              phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    def run(case):
        headers = {"Authorization": f"Bearer {TOKEN}"} if case.method == "POST" else {}
        response = case.call(headers=headers)
        if response.status_code >= 500:
            failures.append((operation.label, response.status_code, response.text))

    run()


def test_schemathesis_finds_no_server_error(store, tmp_path):
    """Every operation in /openapi.json with generated valid and invalid requests: no 5xx."""
    schemathesis = pytest.importorskip("schemathesis")

    path = store.copy(tmp_path / "fuzz.db")
    app = create_app(f"sqlite:///{path}", allow_ingest=True, token=TOKEN)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures: list[tuple[str, int, str]] = []
    for result in schema.get_all_operations():
        for mode in (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE):
            _fuzz(result.ok(), mode, failures)
    assert not failures, failures[:5]


def test_every_route_is_documented(client):
    for path, operations in client.get("/openapi.json").json()["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary"), (method, path)
            assert "422" in operation["responses"] or not operation.get("parameters"), path


# -- the serve command ---------------------------------------------------------------------


def _serve_cli():
    import typer

    from warta.cli.serve_command import register

    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """warta"""

    register(app)
    return app


def test_serve_command_checks_the_store_and_token_before_listening(store, monkeypatch,
                                                                    tmp_path):
    import uvicorn
    from typer.testing import CliRunner

    runner = CliRunner()
    missing = runner.invoke(_serve_cli(), ["serve", "--db", f"sqlite:///{tmp_path / 'no.db'}"])
    assert missing.exit_code == 2 and "no store" in missing.output
    no_token = runner.invoke(_serve_cli(), ["serve", "--db", f"sqlite:///{store.path}",
                                            "--allow-ingest"])
    assert no_token.exit_code == 2 and "token" in no_token.output
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: calls.append(options))
    monkeypatch.delenv("WARTA_SERVE_DB", raising=False)
    served = runner.invoke(_serve_cli(), ["serve", "--db", f"sqlite:///{store.path}",
                                          "--port", "8123"])
    assert served.exit_code == 0, served.output
    assert "http://127.0.0.1:8123/" in served.output
    assert calls == [{"host": "127.0.0.1", "port": 8123, "log_level": "warning",
                      "server_header": False}]
    calls.clear()
    several = runner.invoke(_serve_cli(), ["serve", "--db", f"sqlite:///{store.path}",
                                           "--workers", "3"])
    assert several.exit_code == 0, several.output
    assert calls[0]["factory"] is True and calls[0]["workers"] == 3
    import os

    from warta.server.app import from_environment

    assert os.environ["WARTA_SERVE_DB"] == f"sqlite:///{store.path}"
    assert from_environment().state.allow_ingest is False
    monkeypatch.delenv("WARTA_SERVE_DB")
    monkeypatch.delenv("WARTA_SERVE_INGEST")
    help_text = runner.invoke(_serve_cli(), ["serve", "--help"]).output
    assert "Examples" in help_text and "warta serve --db" in help_text


def test_concurrent_requests_each_get_their_answer(client, store):
    """Handlers run on a thread pool, each thread with its own read connection."""
    from concurrent.futures import ThreadPoolExecutor

    paths = ["/api/articles?q=Assad", f"/api/articles/{store.ids['seed']}",
             f"/api/entities/{key_path(ASSAD)}/timeline", "/api/events?root=04", "/"] * 12

    def fetch(path: str) -> tuple[str, int, int]:
        response = client.get(path)
        return path, response.status_code, len(response.content)

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(fetch, paths))
    assert all(status == 200 for _, status, _ in answers)
    sizes: dict[str, set[int]] = {}
    for path, _, size in answers:
        sizes.setdefault(path, set()).add(size)
    assert all(len(found) == 1 for found in sizes.values()), sizes


def test_every_route_is_in_the_docs(client):
    from pathlib import Path

    docs = (Path(__file__).resolve().parent.parent / "docs" / "serve.md").read_text("utf-8")
    for path, operations in client.get("/openapi.json").json()["paths"].items():
        for method in operations:
            assert f"`{method.upper()} {path}`" in docs, (method, path)
