"""Safety of the web layer: escaping of untrusted article text, headers, body and page limits,
read-only by default, token-guarded writes, no external references in what we serve."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from web_store import HOSTILE_ARTICLE, built_store, store_package_or_skip

pytest.importorskip("fastapi", reason="the web extra (fastapi) is not installed")
from fastapi.testclient import TestClient

from hadath.web.app import create_app
from hadath.web.settings import WebSettings

WEB = Path(__file__).resolve().parent.parent / "src" / "hadath" / "web"
RAW_MARKUP = ("<script>window.__pwned", "<img src=x")


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    store_package_or_skip()
    with TestClient(create_app(built_store("hostile"))) as test_client:
        yield test_client


def _hostile_event_id(client: TestClient) -> str:
    document = client.get(f"/api/documents/{HOSTILE_ARTICLE['id']}").json()
    assert document["events"], "the hostile article must code into an event to be a test"
    return str(document["events"][0]["event_id"])


def test_hostile_article_text_is_escaped_on_every_page(client: TestClient) -> None:
    event_id = _hostile_event_id(client)
    for url in (
        f"/documents/{HOSTILE_ARTICLE['id']}",
        f"/events/{event_id}",
        "/search?q=المحادثات",
        "/events?q=الأوضاع",
        "/",
    ):
        html = client.get(url).text
        for markup in RAW_MARKUP:
            assert markup not in html, (url, markup)
    document = client.get(f"/documents/{HOSTILE_ARTICLE['id']}").text
    assert "&lt;script&gt;window.__pwned_text = 1&lt;/script&gt;" in document
    assert "&lt;script&gt;window.__pwned_title = 1&lt;/script&gt;" in document


def test_the_api_returns_the_text_as_data(client: TestClient) -> None:
    document = client.get(f"/api/documents/{HOSTILE_ARTICLE['id']}").json()
    assert "<script>window.__pwned_text = 1</script>" in document["clean_text"]
    assert (
        client.get(f"/api/documents/{HOSTILE_ARTICLE['id']}")
        .headers["content-type"]
        .startswith("application/json")
    )


def test_posted_text_is_escaped_on_the_code_page(client: TestClient) -> None:
    text = "استقبل وزير الخارجية المصري نظيره الأردني أمس &lt;script&gt;alert(1)&lt;/script&gt;"
    html = client.post("/code", data={"text": text}).text
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html  # the cleaner decoded it; we escaped it again


def test_query_values_are_escaped_back_into_forms(client: TestClient) -> None:
    html = client.get("/events", params={"place": '"><script>alert(1)</script>'}).text
    assert "<script>alert(1)" not in html
    html = client.get("/search", params={"q": '"><img src=x onerror=alert(1)>'}).text
    assert "<img src=x" not in html


def test_sql_in_a_filter_is_just_a_value(client: TestClient) -> None:
    total = client.get("/api/events").json()["total"]
    for payload in ("' OR 1=1 --", "x'); DROP TABLE events; --"):
        # an actor code has a shape: anything else is refused before any query runs
        refused = client.get("/api/events", params={"actor": payload})
        assert refused.status_code == 400 and "actor code" in refused.json()["detail"]
        body = client.get("/api/events", params={"place": payload, "q": payload}).json()
        assert body["total"] == 0
        body = client.get("/api/events", params={"outlet": payload}).json()
        assert body["total"] == 0
    assert client.get("/api/events").json()["total"] == total


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for method, url in (
        ("GET", "/"),
        ("GET", "/api/events"),
        ("GET", "/static/hadath.css"),
        ("GET", "/no/such/page"),
        ("GET", "/events/nope"),
    ):
        response = client.request(method, url)
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp, url
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"


def test_request_bodies_over_the_limit_are_refused(client: TestClient) -> None:
    limit = WebSettings().max_body_bytes
    big = b'{"text": "' + b"a" * limit + b'"}'
    response = client.post("/api/code", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413

    def chunks() -> Iterator[bytes]:  # no Content-Length: the counting path
        yield b'{"text": "'
        for _ in range(limit // 1024 + 2):
            yield b"a" * 1024
        yield b'"}'

    response = client.post(
        "/api/code", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert response.headers["x-content-type-options"] == "nosniff"


def test_read_only_by_default(client: TestClient) -> None:
    for method in ("POST", "PUT", "DELETE"):
        response = client.request(method, "/api/documents", json={"text": "نص"})
        assert response.status_code in (404, 405), method
    assert client.delete("/api/events").status_code == 405


def test_writes_need_the_token_when_enabled(tmp_path: Path) -> None:
    store_package_or_skip()
    copy = tmp_path / "db"
    shutil.copytree(built_store("examples"), copy)
    settings = WebSettings(allow_writes=True, write_token="s3cret-token")
    text = "استقبل وزير الخارجية العراقي نظيره الأردني في بغداد أمس."
    with TestClient(create_app(copy, settings=settings)) as writer:
        before = writer.get("/api/stats").json()["documents"]
        body = {"text": text, "published": "2024-05-01"}
        assert writer.post("/api/documents", json=body).status_code == 401
        wrong = {"Authorization": "Bearer not-it"}
        assert writer.post("/api/documents", json=body, headers=wrong).status_code == 401
        right = {"Authorization": "Bearer s3cret-token"}
        added = writer.post("/api/documents", json=body, headers=right)
        assert added.status_code == 200, added.text
        assert added.json()["documents"] == 1
        assert writer.get("/api/stats").json()["documents"] == before + 1
        again = writer.post("/api/documents", json=body, headers=right).json()
        assert again["documents"] == 0  # idempotent: the content hash is the key


def test_nothing_we_serve_refers_to_another_host() -> None:
    """Templates, our CSS and JS name no external URL (cytoscape's licence comment aside)."""
    external = re.compile(r"(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}", re.IGNORECASE)
    for path in [
        *WEB.glob("templates/*.html"),
        *WEB.glob("static/*.css"),
        *WEB.glob("static/*.js"),
    ]:
        text = path.read_text("utf-8")
        # the SVG namespace is a name, not a request
        found = [m for m in external.findall(text) if not m.endswith("//www.w3.org")]
        assert found == [], (path.name, found)


def test_templates_never_disable_escaping() -> None:
    for path in WEB.glob("templates/*.html"):
        text = path.read_text("utf-8")
        assert "|safe" not in text.replace(" ", ""), path.name
        assert "autoescape false" not in text, path.name
        assert "Markup(" not in text, path.name
