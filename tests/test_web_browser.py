"""The workbench in a real browser: Debian's chromium driven by Playwright (never
`playwright install`; CI installs chromium with .ci/install-browser.sh), on a store of real
news (a SaudiNewsNet slice, or $HADATH_WEB_TEST_STORE).

Every page is loaded at 1400 px and at 390 px and screenshotted under the test session's
temporary folder (printed at the end; $HADATH_SCREENSHOTS puts them elsewhere), never in the
repository. Each page's text direction is checked as the browser computes it, every request
must stay on the server, and no script error or CSP violation may occur. Then each piece of
the workbench is driven as an analyst would: names, filters, sorting and paging, downloads,
the map, clickable charts, the network, and the error pages. A second server on the
examples plus a hostile article checks that article text can never run as script.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlparse

import httpx
import pytest

from web_store import built_store, saudinewsnet_store, store_package_or_skip

CHROMIUM = Path("/usr/bin/chromium")
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
WIDTHS = (1400, 390)

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


def _serve(store: Path) -> Iterator[str]:
    import uvicorn

    from hadath.web.app import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    store_package_or_skip()
    pytest.importorskip("playwright", reason="playwright (dev extra) is not installed")
    yield from _serve(saudinewsnet_store())


@pytest.fixture(scope="module")
def hostile_server() -> Iterator[str]:
    store_package_or_skip()
    pytest.importorskip("playwright", reason="playwright (dev extra) is not installed")
    yield from _serve(built_store("hostile"))


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = Path(os.environ.get("HADATH_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    yield folder
    print(f"\nscreenshots: {folder} ({len(list(folder.glob('*.png')))} files)")


class Recorder:
    """Every request, console error and dialog of a page."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []

    def attach(self, page: Any) -> None:
        page.on("request", lambda request: self.urls.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", self._console)
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
            if not u.startswith(("data:", "about:", "blob:")) and urlparse(u).netloc != host
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


def _open(browser: Any, width: int = 1400) -> tuple[Any, Any, Recorder]:
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="ar", accept_downloads=True
    )
    tab = context.new_page()
    recorder = Recorder()
    recorder.attach(tab)
    return context, tab, recorder


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Recorder]]:
    context, tab, recorder = _open(browser)
    yield tab, recorder
    context.close()


def _visit(tab: Any, url: str, status: int = 200) -> None:
    response = tab.goto(url, wait_until="networkidle")
    assert response is not None and response.status == status, url


def _total(tab: Any) -> int:
    return int(tab.locator("#total").inner_text())


def _listed(server: str, url: str) -> int:
    """The total of the events list a page's link leads to, asked of the API."""
    query = dict(parse_qsl(urlparse(url).query))
    query.pop("lang", None)
    return int(httpx.get(f"{server}/api/events", params={**query, "limit": 1}).json()["total"])


# -- every page, at both widths --------------------------------------------------------------


def _pages(server: str) -> dict[str, str]:
    stats = httpx.get(f"{server}/api/stats").json()
    actor = next(a["code"] for a in stats["top_actors"] if len(a["code"]) == 3)
    dyad = stats["top_dyads"][0]
    event = httpx.get(f"{server}/api/events", params={"both": 1, "limit": 1}).json()["events"][0]
    detail = httpx.get(f"{server}/api/events/{event['id']}").json()
    return {
        "overview": "/",
        "events": "/events",
        "events-filtered": "/events?source=SAU*&hide=negated&sort=-mentions",
        "event": f"/events/{event['id']}",
        "actor": f"/actors/{actor}",
        "actor-family": f"/actors/{actor}*",
        "dyad": f"/dyad?source={dyad['source']}&target={dyad['target']}",
        "document": f"/documents/{detail['reports'][0]['document']['id']}",
        "network": "/network",
        "timeline": "/timeline",
        "timeline-root": "/timeline?by=root",
        "map": "/map",
        "search": "/search?q=وزير",
        "code": "/code",
        "api-docs": "/api/docs",
        "events-en": "/events?lang=en",
        "actor-en": f"/actors/{actor}?lang=en",
        "map-en": "/map?lang=en",
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_at_1400_and_390_px(server: str, browser: Any, shots: Path, width: int) -> None:
    context, tab, recorder = _open(browser, width)
    pages = _pages(server)
    for name, path in pages.items():
        _visit(tab, server + path)
        if name.startswith("network"):
            tab.wait_for_selector("#network-graph[data-ready]")
        if name.startswith("map"):
            tab.wait_for_selector("#event-map[data-ready]")
        tab.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True)
        direction = tab.evaluate("() => getComputedStyle(document.body).direction")
        assert direction == ("ltr" if name.endswith("-en") else "rtl"), path
        # Nothing wider than the screen: tables scroll inside their own box.
        scroll, inner = tab.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll <= inner + 1, (name, width, scroll, inner)
    assert recorder.outside(server) == []
    assert recorder.dialogs == []
    assert recorder.errors == [], recorder.errors  # no CSP violation, no script error
    context.close()


# -- 1. names --------------------------------------------------------------------------------


def test_codes_and_actors_carry_their_names(server: str, page: tuple[Any, Recorder]) -> None:
    tab, _ = page
    _visit(tab, f"{server}/?lang=en")
    roots = tab.locator("table").filter(has_text="01 public statement")
    assert roots.count() == 1  # the root list reads "04 consult", not "root 04"
    _visit(tab, f"{server}/events?actor=SAU&lang=en")
    cell = tab.locator("table.events a.actor").filter(has_text=re.compile(r"^Saudi Arabia$")).first
    assert cell.get_attribute("title") == "SAU"
    assert tab.locator("table.events a.event-link").first.inner_text().split(" ", 1)[1]
    _visit(tab, f"{server}/events?actor=SAU")
    assert tab.locator("table.events a.actor").filter(has_text=re.compile(r"^السعودية$")).count()
    _visit(tab, f"{server}/actors/SAU")
    assert tab.locator("h1").inner_text().startswith("السعودية")
    headers = tab.locator("table.roles thead th").all_inner_texts()
    assert len(headers) == 4  # roles have headers


# -- 2. filters, sorting, paging ------------------------------------------------------------


def test_the_filter_form_sorts_and_pages_what_the_api_lists(
    server: str, page: tuple[Any, Recorder], shots: Path
) -> None:
    tab, recorder = page
    _visit(tab, f"{server}/events")
    everything = _total(tab)
    tab.fill("input[name=source]", "SAU*")
    tab.locator("details.more-filters summary").click()
    tab.check("input[name=hide][value=negated]")
    tab.check("input[name=both]")
    tab.select_option("select[name=quad_class]", "1")
    tab.locator("form.filters button[type=submit]").click()
    tab.wait_for_load_state("networkidle")
    query = dict(parse_qsl(urlparse(tab.url).query))
    assert query["source"] == "SAU*" and query["hide"] == "negated" and query["both"] == "1"
    assert 0 < _total(tab) == _listed(server, tab.url) < everything
    tab.screenshot(path=str(shots / "filters-applied-1400.png"), full_page=True)
    # A place by its Arabic name finds what its English name finds.
    _visit(tab, f"{server}/events")
    tab.fill("input[name=place]", "الرياض")
    tab.locator("form.filters button[type=submit]").click()
    tab.wait_for_load_state("networkidle")
    arabic = _total(tab)
    assert arabic > 0 and arabic == _listed(server, f"{server}/events?place=Riyadh")
    # Sorting by a column header, then a page number and a page size.
    _visit(tab, f"{server}/events")
    tab.locator("table.events thead a.sort").filter(has_text="الثقة").click()
    tab.wait_for_load_state("networkidle")
    assert "sort=-confidence" in tab.url
    shown = [float(x) for x in tab.locator("table.events tbody td:last-child").all_inner_texts()]
    assert shown == sorted(shown, reverse=True)
    tab.select_option("select[name=limit]", "25")
    tab.locator("form.filters button[type=submit]").click()
    tab.wait_for_load_state("networkidle")
    assert tab.locator("table.events tbody tr").count() == 25
    tab.locator("nav.pager a.page").filter(has_text="2").first.click()
    tab.wait_for_load_state("networkidle")
    assert "offset=25" in tab.url and "sort=-confidence" in tab.url
    assert tab.locator("nav.pager .current").inner_text() == "2"
    assert recorder.errors == []


# -- 3. downloads ---------------------------------------------------------------------------


def test_the_page_downloads_its_filtered_list(server: str, page: tuple[Any, Recorder]) -> None:
    tab, _ = page
    _visit(tab, f"{server}/events?quad_class=4")
    total = _total(tab)
    with tab.expect_download() as waiting:
        tab.locator("a.download[data-format=csv]").click()
    rows = list(csv.DictReader(io.StringIO(Path(waiting.value.path()).read_text("utf-8"))))
    assert len(rows) == total and {r["quad_class"] for r in rows} == {"4"}
    with tab.expect_download() as waiting:
        tab.locator("a.download[data-format=parquet]").click()
    assert Path(waiting.value.path()).read_bytes()[:4] == b"PAR1"


# -- 4. the map -----------------------------------------------------------------------------


def test_the_map_draws_countries_and_places_and_clicks_to_the_events(
    server: str, page: tuple[Any, Recorder]
) -> None:
    tab, recorder = page
    _visit(tab, f"{server}/map")
    tab.wait_for_selector("#event-map[data-ready]")
    data = json.loads(tab.locator("#map-data").inner_text())
    assert tab.locator("#event-map path.country").count() > 150  # the whole world outline
    assert tab.locator("#event-map path.country.has-events").count() == len(data["countries"])
    clusters = tab.locator("#event-map .marker-cluster").count()
    assert clusters + tab.locator("#event-map path.place").count() >= 1
    busiest = data["countries"][0]
    tab.locator(f"#event-map path.c{busiest['id']}").first.dispatch_event("click")
    tab.wait_for_url("**/events?**")
    tab.wait_for_load_state("networkidle")
    assert _total(tab) == busiest["count"] == _listed(server, tab.url)
    assert recorder.outside(server) == [] and recorder.errors == []


# -- 5. charts ------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["home", "actor", "dyad"])
def test_a_chart_bar_lists_the_events_it_counts(
    server: str, page: tuple[Any, Recorder], where: str
) -> None:
    tab, _ = page
    pages = _pages(server)
    url = {"home": "/", "actor": pages["actor"], "dyad": pages["dyad"]}[where]
    twin = httpx.get(server + url + ("&" if "?" in url else "?") + "format=json").json()
    bars = twin["chart"]["bars"]
    assert bars and twin["chart"]["points"], where
    _visit(tab, server + url)
    assert tab.locator("figure.chart svg.goldstein circle").count() == len(twin["chart"]["points"])
    tallest = max(range(len(bars)), key=lambda i: bars[i]["count"])
    tab.locator("figure.chart a.bar").nth(tallest).click()
    tab.wait_for_url("**/events?**")
    tab.wait_for_load_state("networkidle")
    assert _total(tab) == bars[tallest]["count"]


def test_the_unfiltered_timeline_keeps_to_the_corpus_span(server: str) -> None:
    from hadath.web.views_analysis import CONTEXT_DAYS

    twin = httpx.get(f"{server}/timeline", params={"format": "json"}).json()
    outside = twin["chart"]["outside"]
    import datetime as dt

    first, last = dt.date.fromisoformat(outside["first"]), dt.date.fromisoformat(outside["last"])
    assert (last - first).days <= 60 + 2 * CONTEXT_DAYS  # three days of news, not 1859-2035
    for bar in twin["chart"]["bars"]:
        assert outside["first"] <= bar["filters"]["since"] <= outside["last"]


# -- 6. the network -------------------------------------------------------------------------


def test_the_network_is_readable_stable_and_clickable(
    server: str, page: tuple[Any, Recorder], shots: Path
) -> None:
    tab, recorder = page
    _visit(tab, f"{server}/network?nodes=12")
    tab.wait_for_selector("#network-graph[data-ready]")
    assert tab.get_attribute("#network-graph", "data-ready") == "12"
    positions = tab.get_attribute("#network-graph", "data-positions")
    tab.reload(wait_until="networkidle")
    tab.wait_for_selector("#network-graph[data-ready]")
    assert tab.get_attribute("#network-graph", "data-positions") == positions  # same picture
    assert tab.locator(".network-legend .edge-swatch").count() == 4
    graph = json.loads(tab.locator("#graph-data").inner_text())
    assert all(e["source"] != e["target"] for e in graph["edges"])  # no self-loop drawn
    # Hovering a node names it.
    node_id, x, y = json.loads(tab.get_attribute("#network-graph", "data-rendered") or "[]")[0]
    tab.locator("#network-graph").scroll_into_view_if_needed()
    box = tab.locator("#network-graph").bounding_box()
    tab.mouse.move(box["x"] + x - 40, box["y"] + y - 40)
    tab.mouse.move(box["x"] + x, box["y"] + y, steps=8)  # cytoscape reads mouse moves
    tab.wait_for_selector("#network-tip:not([hidden])", timeout=10_000)
    name = next(n["name"] for n in graph["nodes"] if n["id"] == node_id)
    assert name in tab.locator("#network-tip").inner_text()
    tab.screenshot(path=str(shots / "network-hover-1400.png"))
    # PNG export.
    with tab.expect_download() as waiting:
        tab.locator("#network-png").click()
    assert Path(waiting.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # An edge leads to its events (tap as cytoscape dispatches it), a node to its actor.
    edge = graph["edges"][0]
    tab.evaluate("() => document.getElementById('network-graph').cytoscape.edges()[0].emit('tap')")
    tab.wait_for_url("**/events?**")
    tab.wait_for_load_state("networkidle")
    assert _total(tab) == edge["weight"]
    _visit(tab, f"{server}/network?nodes=12")
    tab.wait_for_selector("#network-graph[data-ready]")
    tab.locator("#network-graph").scroll_into_view_if_needed()
    box = tab.locator("#network-graph").bounding_box()
    # As a user does: onto the node until its tip shows (cytoscape has then found it under the
    # pointer), then a click; a click dropped on a freshly drawn graph was sometimes lost.
    tab.mouse.move(box["x"] + x - 40, box["y"] + y - 40)
    tab.mouse.move(box["x"] + x, box["y"] + y, steps=8)
    tab.wait_for_selector(f"#network-tip[data-for='{node_id}']:not([hidden])", timeout=10_000)
    with tab.expect_navigation(url=f"**/actors/{node_id}"):
        tab.mouse.down()
        tab.mouse.up()
    assert recorder.outside(server) == [] and recorder.errors == []


# -- 7. errors and layout -------------------------------------------------------------------


def test_error_pages_keep_the_user_s_input(
    server: str, page: tuple[Any, Recorder], shots: Path
) -> None:
    tab, _ = page
    _visit(tab, f"{server}/events")
    tab.fill("input[name=since]", "yesterday")
    tab.fill("input[name=place]", "صنعاء")
    # the browser's own pattern check would stop the form; the server must answer too
    tab.evaluate("() => document.querySelector('form.filters').noValidate = true")
    tab.locator("form.filters button[type=submit]").click()
    tab.wait_for_load_state("networkidle")
    assert tab.locator("p.error").inner_text().startswith("since must be a date")
    assert tab.input_value("input[name=since]") == "yesterday"
    assert tab.input_value("input[name=place]") == "صنعاء"
    tab.screenshot(path=str(shots / "error-400-1400.png"), full_page=True)
    _visit(tab, f"{server}/nowhere", status=404)
    assert tab.locator("header.site nav a").count() >= 5  # a page, not a JSON string
    tab.screenshot(path=str(shots / "error-404-1400.png"), full_page=True)
    _visit(tab, f"{server}/events?format=xml", status=406)
    assert "format" in tab.locator("p.error").inner_text()
    _visit(tab, f"{server}/events?colour=red", status=400)
    assert "unknown parameter colour" in tab.locator("p.error").inner_text()


def test_inputs_follow_their_text_and_dates_are_iso(
    server: str, page: tuple[Any, Recorder]
) -> None:
    tab, _ = page
    _visit(tab, f"{server}/events?lang=en")
    tab.fill("input[name=place]", "صنعاء")
    assert (
        tab.evaluate(
            "() => getComputedStyle(document.querySelector('input[name=place]')).direction"
        )
        == "rtl"
    )
    tab.fill("input[name=q]", "Sanaa")
    assert (
        tab.evaluate("() => getComputedStyle(document.querySelector('input[name=q]')).direction")
        == "ltr"
    )
    since = tab.locator("input[name=since]")
    assert (
        since.get_attribute("type") is None and since.get_attribute("placeholder") == "YYYY-MM-DD"
    )
    tab.fill("input[name=since]", "2015-08-01")
    tab.locator("form.filters button[type=submit]").click()
    tab.wait_for_load_state("networkidle")
    assert "since=2015-08-01" in tab.url and tab.input_value("input[name=since]") == "2015-08-01"


# -- safety, on the examples and a hostile article ------------------------------------------


def _not_pwned(tab: Any) -> None:
    flags = tab.evaluate("() => [window.__pwned_title, window.__pwned_text, window.__pwned_img]")
    assert flags == [None, None, None]


def test_hostile_article_renders_as_text(
    hostile_server: str, page: tuple[Any, Recorder], shots: Path
) -> None:
    tab, recorder = page
    _visit(tab, f"{hostile_server}/documents/hostile-1")
    text = tab.locator("article.document-text").inner_text()
    assert "<script>window.__pwned_text = 1</script>" in text
    assert tab.locator("article.document-text script, article.document-text img").count() == 0
    assert "<script>" in tab.locator("h1").inner_text()
    _not_pwned(tab)
    for path in ("/search?q=المحادثات", "/events?q=الأوضاع", "/", "/network", "/map"):
        _visit(tab, hostile_server + path)
        _not_pwned(tab)
    tab.screenshot(path=str(shots / "hostile-document-1400.png"), full_page=True)
    assert recorder.dialogs == [] and recorder.outside(hostile_server) == []


def test_code_page_codes_posted_text(
    hostile_server: str, page: tuple[Any, Recorder], shots: Path
) -> None:
    tab, recorder = page
    _visit(tab, f"{hostile_server}/code")
    tab.fill("textarea[name=text]", "استقبل وزير الخارجية المصري نظيره الأردني في القاهرة أمس.")
    tab.fill("input[name=published]", "2024-02-10")
    tab.locator("form.code-form button").click()
    tab.wait_for_load_state("networkidle")
    assert tab.locator("section.coded-event").count() >= 1
    assert tab.locator("section.coded-event mark.trigger").first.inner_text() == "استقبل"
    assert "استضافة زيارة" in tab.locator("section.coded-event h3").first.inner_text()
    tab.screenshot(path=str(shots / "code-result-1400.png"), full_page=True)
    assert recorder.outside(hostile_server) == []
