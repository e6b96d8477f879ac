"""The pages in a real browser: Debian's chromium driven by Playwright (never `playwright
install`; CI installs chromium with .ci/install-browser.sh).

A uvicorn server on a free 127.0.0.1 port serves a store built from examples/ plus a hostile
article. Each page is loaded, screenshots go to test-output/screenshots/, the text direction
is checked as computed by the browser, every request a page makes is recorded and must stay
on the server, and we click event -> actor -> network.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from web_store import built_store, store_package_or_skip

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-output" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.is_file(),
        reason="/usr/bin/chromium is absent: run .ci/install-browser.sh (CI does)",
    ),
]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    store_package_or_skip()
    pytest.importorskip("playwright", reason="playwright (dev extra) is not installed")
    import uvicorn

    from hadath.web.app import create_app

    port = _free_port()
    config = uvicorn.Config(
        create_app(built_store("hostile")), host="127.0.0.1", port=port, log_level="warning"
    )
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


class Recorder:
    """Every request, console error and dialog of a page."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []

    def attach(self, page: Any) -> None:
        page.on("request", lambda request: self.urls.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on(
            "console",
            self._console,
        )
        page.on("dialog", self._dialog)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"{message.text} ({message.location.get('url')})")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def outside(self, base: str) -> list[str]:
        host = urlparse(base).netloc
        return [
            u
            for u in self.urls
            if not u.startswith(("data:", "about:")) and urlparse(u).netloc != host
        ]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Recorder]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    opened = context.new_page()
    recorder = Recorder()
    recorder.attach(opened)
    yield opened, recorder
    context.close()


def _visit(page: Any, url: str, shot: str) -> None:
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200, url
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{shot}.png"), full_page=True)


def _not_pwned(page: Any) -> None:
    flags = page.evaluate("() => [window.__pwned_title, window.__pwned_text, window.__pwned_img]")
    assert flags == [None, None, None]


def test_every_page_loads_rtl_with_no_request_off_the_server(
    server: str, page: tuple[Any, Recorder]
) -> None:
    tab, recorder = page
    import httpx

    events = httpx.get(f"{server}/api/events", params={"limit": 500}).json()["events"]
    event_id = events[0]["id"]
    actor = httpx.get(f"{server}/api/network").json()["edges"][0]["source"]
    doc_id = httpx.get(f"{server}/api/events/{event_id}").json()["reports"][0]["document"]["id"]
    pages = {
        "overview": "/",
        "events": "/events",
        "event": f"/events/{event_id}",
        "actor": f"/actors/{actor}",
        "document": f"/documents/{doc_id}",
        "network": "/network",
        "timeline": "/timeline",
        "search": "/search?q=وزير",
        "code": "/code",
        "api-docs": "/api/docs",
        "events-en": "/events?lang=en",
    }
    for shot, path in pages.items():
        _visit(tab, server + path, shot)
        direction = tab.evaluate("() => getComputedStyle(document.body).direction")
        assert direction == ("ltr" if shot.endswith("-en") else "rtl"), path
        _not_pwned(tab)
    assert recorder.outside(server) == []
    assert recorder.dialogs == []
    assert recorder.errors == [], recorder.errors  # no CSP violation, no script error
    assert len(recorder.urls) >= len(pages)


def test_click_from_an_event_to_its_actor_and_the_network(
    server: str, page: tuple[Any, Recorder]
) -> None:
    tab, recorder = page
    _visit(tab, f"{server}/events", "click-1-events")
    row = tab.locator("table.events tbody tr").filter(has=tab.locator("a.actor")).first
    row.locator("a.event-link").click()
    tab.wait_for_load_state("networkidle")
    assert "/events/" in tab.url
    assert tab.locator("blockquote.sentence mark.trigger").count() >= 1
    _visit(tab, tab.url, "click-2-event")
    tab.locator("dl.facts a.actor").first.click()
    tab.wait_for_load_state("networkidle")
    assert "/actors/" in tab.url
    _visit(tab, tab.url, "click-3-actor")
    assert tab.locator("figure.chart svg rect").count() >= 1
    tab.locator("#actor-network").click()
    tab.wait_for_selector("#network-graph[data-ready]")
    nodes = int(tab.get_attribute("#network-graph", "data-ready") or 0)
    assert nodes >= 2
    assert tab.locator("#network-graph canvas").count() >= 1
    _visit(tab, tab.url, "click-4-network")
    assert recorder.outside(server) == []
    assert recorder.errors == [], recorder.errors


def test_hostile_article_renders_as_text(server: str, page: tuple[Any, Recorder]) -> None:
    tab, recorder = page
    _visit(tab, f"{server}/documents/hostile-1", "hostile-document")
    text = tab.locator("article.document-text").inner_text()
    assert "<script>window.__pwned_text = 1</script>" in text
    assert tab.locator("article.document-text script, article.document-text img").count() == 0
    assert "<script>" in tab.locator("h1").inner_text()
    _not_pwned(tab)
    _visit(tab, f"{server}/search?q=المحادثات", "hostile-search")
    _not_pwned(tab)
    assert recorder.dialogs == []


def test_code_page_codes_posted_text(server: str, page: tuple[Any, Recorder]) -> None:
    tab, recorder = page
    _visit(tab, f"{server}/code", "code-empty")
    tab.fill("textarea[name=text]", "استقبل وزير الخارجية المصري نظيره الأردني في القاهرة أمس.")
    tab.fill("input[name=published]", "2024-02-10")
    tab.locator("form.code-form button").click()
    tab.wait_for_load_state("networkidle")
    assert tab.locator("section.coded-event").count() >= 1
    assert tab.locator("section.coded-event mark.trigger").first.inner_text() == "استقبل"
    tab.screenshot(path=str(SCREENSHOTS / "code-result.png"), full_page=True)
    assert recorder.outside(server) == []
