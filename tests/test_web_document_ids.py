"""A document id is any string a user's input gave (`--id-field url` keys by URL): the links
to its page quote it, and its page and API answer however many slashes, spaces, ?, # or %
it holds. Unquoted, "2024/03/01/news #1?x" made a link to /documents/2024/03/01/news, a 404."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape
from urllib.parse import unquote

import pytest

from web_store import store_package_or_skip

pytest.importorskip("fastapi", reason="the web extra (fastapi) is not installed")
from fastapi.testclient import TestClient

from hadath.web.app import create_app

# No "%": Starlette's TestClient decodes a path twice (httpx's URL.path is decoded already,
# then unquoted again), so "%41" would reach the route as "A"; uvicorn decodes once.
ODD_ID = "https://example.org/2024/03/01/خبر 1?x=1&y=2#top"
TEXT = "استقبل وزير الخارجية المصري نظيره الأردني في القاهرة أمس لبحث الأوضاع."


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    store_package_or_skip()
    from hadath.store import Store
    from hadath.store.ingest import ingest

    root = tmp_path_factory.mktemp("odd-ids")
    source = root / "odd.jsonl"
    record = {"id": ODD_ID, "title": "خبر", "published": "2024-03-01", "text": TEXT}
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    with Store(root / "db") as store:
        ingest([source], store)
    with TestClient(create_app(root / "db")) as test_client:
        yield test_client


def _document_link(html: str) -> str:
    links = re.findall(r'href="(/documents/[^"]*)"', html)
    assert links, "the page links no document"
    return unescape(links[0])


def test_an_event_page_links_a_document_whose_id_has_slashes_and_marks(
    client: TestClient,
) -> None:
    events = client.get("/api/events").json()["events"]
    assert events, "the article must code into an event to be a test"
    page = client.get(f"/events/{events[0]['id']}")
    link = _document_link(page.text)
    assert "#" not in link and "?" not in link and " " not in link
    assert unquote(link.removeprefix("/documents/")) == ODD_ID
    document = client.get(link)
    assert document.status_code == 200
    assert "خبر" in document.text


def test_the_api_answers_the_quoted_id(client: TestClient) -> None:
    from urllib.parse import quote

    answer = client.get(f"/api/documents/{quote(ODD_ID)}")
    assert answer.status_code == 200
    assert answer.json()["id"] == ODD_ID


def test_search_results_link_the_document_quoted(client: TestClient) -> None:
    page = client.get("/search", params={"q": "القاهرة"})
    assert page.status_code == 200
    assert unquote(_document_link(page.text).removeprefix("/documents/")) == ODD_ID
