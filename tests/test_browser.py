"""The web UI in a real browser: headless Chromium (Debian's ``chromium`` package) driven by
Playwright, against the server running in this process on loopback.

Skipped when Playwright or ``/usr/bin/chromium`` is missing (``apt-get install -y chromium``).
Screenshots go to ``$WARTA_ARTIFACTS`` (default ``build/artifacts/browser``).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
playwright_api = pytest.importorskip("playwright.sync_api")

from warta.server import create_app  # noqa: E402
from web_store import ASSAD, shared_store  # noqa: E402

CHROMIUM = os.environ.get("WARTA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).is_file(),
                                reason="no chromium (apt-get install -y chromium)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class _DemoStore:
    """The demo database as `make demo` builds it: the bundled samples through the real default
    pipeline (NER, resolution, events), not hand-written records."""

    def __init__(self, path: Path, seed_id: str) -> None:
        self.path = path
        self.ids = {"seed": seed_id}


def _demo_store(folder: Path) -> _DemoStore:
    import warta
    from warta import settings as settings_mod
    from warta.store import open_store
    from warta.store.ingest import ingest

    path = folder / "demo.db"
    settings = settings_mod.load(env={}, db=f"sqlite:///{path}")
    store = open_store(settings.db)
    try:
        ingest([str(ROOT / "samples")], store, settings)
    finally:
        store.close()
    seed = ROOT / "samples" / "republika-2017-09-14-menteri-rusia-bertemu-assad.txt"
    seed_id = warta.parse(seed.read_text(encoding="utf-8"), stages=[]).id
    return _DemoStore(path, seed_id)


@pytest.fixture(scope="module", params=["fixture-store", "demo-database"])
def server(request, tmp_path_factory):
    import uvicorn

    if request.param == "demo-database":
        store = _demo_store(tmp_path_factory.mktemp("demo"))
    else:
        store = shared_store(tmp_path_factory)
    port = _free_port()
    config = uvicorn.Config(create_app(f"sqlite:///{store.path}"), host="127.0.0.1", port=port,
                            log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", store, request.param
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def artifacts() -> Path:
    folder = Path(os.environ.get("WARTA_ARTIFACTS", ROOT / "build" / "artifacts")) / "browser"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_search_open_article_and_follow_an_entity(server, artifacts):
    base, store, name = server
    artifacts = artifacts / name
    artifacts.mkdir(exist_ok=True)
    requests: list[str] = []
    problems: list[str] = []
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("request", lambda request: requests.append(request.url))
            page.on("console", lambda message: problems.append(message.text)
                    if message.type == "error" else None)
            page.on("pageerror", lambda error: problems.append(str(error)))

            page.goto(base + "/")
            page.screenshot(path=str(artifacts / "1-home.png"), full_page=True)
            page.fill("#quick-q", "Assad")
            page.press("#quick-q", "Enter")
            page.wait_for_selector("#total")
            assert page.locator(".hit mark").first.inner_text() == "Assad"
            page.screenshot(path=str(artifacts / "2-search.png"), full_page=True)

            page.click(f"a.title[href='/article/{store.ids['seed']}']")
            page.wait_for_selector("#article-title")
            person = page.locator("#article-body a.ent-PER", has_text="Bashar al-Assad").first
            assert person.is_visible()
            assert person.get_attribute("data-type") == "PER"
            # Styled as a person (the stylesheet loaded from this server and applied).
            colour = person.evaluate("node => getComputedStyle(node).color")
            assert colour == "rgb(194, 65, 12)", colour
            page.screenshot(path=str(artifacts / "3-article.png"), full_page=True)

            person.click()
            page.wait_for_selector("#entity-name")
            assert "Bashar al-Assad" in page.inner_text("#entity-name")
            chart = page.locator("#timeline svg.chart")
            assert chart.is_visible() and page.locator("#timeline rect.bar").count() >= 1
            world = page.locator("#maps svg.map-world")
            assert world.is_visible() and world.bounding_box()["height"] > 100
            assert page.locator("#maps svg.map-world circle.spot").count() >= 1
            assert page.locator("#maps svg.map-indonesia path.land.home").count() == 1
            page.screenshot(path=str(artifacts / "4-entity.png"), full_page=True)
            assert ASSAD in page.inner_text("#entity-name")
        finally:
            browser.close()
    outside = [url for url in requests if not url.startswith(base + "/")]
    assert not outside, outside
    assert not problems, problems
