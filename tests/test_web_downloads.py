"""Downloads of a filtered list: CSV, JSON lines and Parquet with the columns of `hadath
export`, every matching event (no page limit), from the page and from the API."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from hadath.store import Store
from hadath.store.export import export
from hadath.web.app import create_app
from hadath.web.settings import WebSettings
from web_store import built_store, saudinewsnet_store, store_package_or_skip


@pytest.fixture(scope="module")
def store_dir() -> Path:
    store_package_or_skip()
    return saudinewsnet_store()


#: A small page, so every download of the slice must hold more than a page to pass.
SETTINGS = WebSettings(default_page_size=20, max_page_size=50)


@pytest.fixture(scope="module")
def client(store_dir: Path) -> Iterator[TestClient]:
    with TestClient(create_app(store_dir, settings=SETTINGS)) as test_client:
        yield test_client


def _export_csv(store_dir: Path, tmp_path: Path) -> list[dict[str, str]]:
    out = tmp_path / "export.csv"
    with Store(store_dir, read_only=True) as store:
        export(store, "csv", out)
    return list(csv.DictReader(out.open(encoding="utf-8")))


def test_csv_of_everything_is_hadath_export_csv(
    client: TestClient, store_dir: Path, tmp_path: Path
) -> None:
    """More rows than a page holds, the same columns and the same values as the export."""
    exported = _export_csv(store_dir, tmp_path)
    assert len(exported) > SETTINGS.max_page_size, "the download must pass a page"
    response = client.get("/api/events", params={"format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert list(rows[0]) == list(exported[0])  # the export's columns, in its order
    key = lambda row: row["event_id"]  # noqa: E731 - a sort key read once
    assert sorted(rows, key=key) == sorted(exported, key=key)


def test_every_format_of_a_filtered_view_holds_the_list(client: TestClient) -> None:
    filters = {"quad_class": "1", "hide": "negated", "sort": "-confidence"}
    ids: list[str] = []
    while True:
        listed = client.get("/api/events", params={**filters, "offset": len(ids)}).json()
        ids += [e["id"] for e in listed["events"]]
        if len(ids) >= listed["total"]:
            break
    assert listed["total"] == len(ids) > SETTINGS.max_page_size
    as_csv = client.get("/events", params={**filters, "format": "csv"})  # from the page
    assert [r["event_id"] for r in csv.DictReader(io.StringIO(as_csv.text))] == ids
    as_jsonl = client.get("/api/events", params={**filters, "format": "jsonl"})
    lines = [json.loads(line) for line in as_jsonl.text.splitlines()]
    assert [line["event_id"] for line in lines] == ids
    assert as_jsonl.headers["content-type"].startswith("application/x-ndjson")
    as_parquet = client.get("/api/events", params={**filters, "format": "parquet"})
    table = pq.read_table(io.BytesIO(as_parquet.content))
    assert table.column("event_id").to_pylist() == ids
    assert table.column_names == list(lines[0])


def test_an_empty_view_downloads_the_columns_and_no_row(client: TestClient) -> None:
    nothing = {"since": "1900-01-01", "until": "1900-01-02"}
    as_csv = client.get("/api/events", params={**nothing, "format": "csv"}).text
    assert as_csv.strip().split(",")[0] == "event_id" and len(as_csv.splitlines()) == 1
    table = pq.read_table(
        io.BytesIO(client.get("/api/events", params={**nothing, "format": "parquet"}).content)
    )
    assert table.num_rows == 0 and "event_id" in table.column_names
    assert client.get("/api/events", params={**nothing, "format": "jsonl"}).text == ""


def test_a_bad_download_request_is_refused_before_streaming(client: TestClient) -> None:
    assert client.get("/api/events", params={"format": "csv", "sort": "colour"}).status_code == 400
    assert client.get("/api/events", params={"format": "csv", "since": "x"}).status_code == 400
    assert client.get("/api/events", params={"format": "xlsx"}).status_code == 406


def test_the_page_links_its_downloads_with_its_filters() -> None:
    store_package_or_skip()
    with TestClient(create_app(built_store("examples"))) as client:
        html = client.get("/events", params={"root": "04", "lang": "en"}).text
        for fmt in ("csv", "jsonl", "parquet"):
            assert f"root=04&amp;sort=-date&amp;format={fmt}&amp;lang=en" in html, fmt
