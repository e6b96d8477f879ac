"""An event's date precision and its place's Arabic mention, from the coder to the JSON, the
store (migration 3), the exports and `hadath stats` (issue 12): every field survives the trip."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from hadath.api import code
from hadath.events.output import coded_document_to_json
from hadath.store import Store, queries
from hadath.store.export import GDELT_COLUMNS, GDELT_EXTENSION, export
from hadath.store.filters import EventQuery
from hadath.store.ingest import IngestSettings, ingest

# Our own article (a Saturday): the clash is yesterday's, in a district geonames lacks; the
# meeting is next week's; the statement has no date of its own and its place is its clause's.
ARTICLE = (
    "اندلعت اشتباكات عنيفة أمس بين الجيش والمسلحين في مديرية قعطبة بمحافظة الضالع.\n"
    "وقصفت الطائرات مواقع المسلحين في شمال العراق الأسبوع الماضي.\n"
    "وسيلتقي وزير الخارجية السعودي نظيره المصري في القاهرة الأسبوع المقبل."
)
PUBLISHED = dt.date(2015, 8, 1)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("issue12")
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    with Store(folder / "db") as opened:
        ingest([folder / "article.txt"], opened, IngestSettings(published=PUBLISHED))
        yield opened


def test_the_json_carries_precision_expression_and_the_place_mention() -> None:
    doc = code(ARTICLE, published=PUBLISHED)
    events = coded_document_to_json(doc)["events"]
    assert events, "the article codes events"
    for event in events:
        assert "date_precision" in event and "date_expression" in event
        expression = event["date_expression"]
        if expression is not None:
            start, end = expression["start"], expression["end"]
            assert doc.clean_text[start:end] == expression["text"]
            assert expression["first"] <= event["date"] <= expression["last"]
        place = event["location"]
        if place is not None and "text" in place:
            assert doc.clean_text[place["start"] : place["end"]] == place["text"]
    placed = {e["location"]["text"] for e in events if e["location"]}
    assert {"قعطبة", "شمال العراق"} <= placed


def test_the_store_keeps_every_new_field(store: Store) -> None:
    rows = store.connection.execute(
        """SELECT date_precision, date_expression, place_text, place_start, place_end,
        place_precision, place_basis FROM event_reports"""
    ).fetchall()
    assert rows
    assert {r[0] for r in rows} >= {"day", "week"}
    with_words = [r for r in rows if r[1] is not None]
    assert with_words and all(json.loads(r[1])["text"] for r in with_words)
    located = [r for r in rows if r[2] is not None]
    assert located and all(r[3] < r[4] for r in located)
    merged = store.connection.execute("SELECT date_precision, place_text FROM events").fetchall()
    assert any(r[0] for r in merged) and any(r[1] for r in merged)


def test_stats_count_each_precision_and_nothing_dated_outside(store: Store) -> None:
    result = queries.stats(store)
    counts = {row["date_precision"]: row["count"] for row in result["by_date_precision"]}
    assert sum(counts.values()) == store.count("events") and counts.get("day")
    outside = result["dated_outside_publication"]
    assert outside["after_publication_not_own"] == outside["before_5_years_not_own"] == 0


def test_the_place_filter_takes_the_arabic_words(store: Store) -> None:
    # قعطبة is in no gazetteer: only the stored mention finds it.
    found = queries.events(store, EventQuery(place="قعطبة"))["events"]
    assert found and all(e["place"] and e["place"]["country"] == "YE" for e in found)
    assert not queries.events(store, EventQuery(place="قعطبه الجديدة"))["events"]


def test_plover_gdelt_csv_and_parquet_carry_them(store: Store, tmp_path: Path) -> None:
    export(store, "plover", tmp_path / "events.jsonl")
    records = [json.loads(x) for x in (tmp_path / "events.jsonl").read_text().splitlines()]
    located = [r["event_loc"] for r in records if r["event_loc"]]
    assert located and all({"extracted_place", "resolved_place"} <= set(p) for p in located)
    weekly = [r for r in records if "date precision week" in r["comment"]]
    assert weekly and all(r["enddate"] > r["date"] for r in weekly)

    export(store, "gdelt", tmp_path / "events.tsv")
    rows = list(csv.reader((tmp_path / "events.tsv").open(encoding="utf-8"), delimiter="\t"))
    columns = [*GDELT_COLUMNS, *GDELT_EXTENSION]
    assert rows and all(len(row) == len(columns) for row in rows)
    precision = columns.index("DatePrecision")
    assert {row[precision] for row in rows} >= {"day"}

    export(store, "csv", tmp_path / "events.csv")
    header = next(csv.reader((tmp_path / "events.csv").open(encoding="utf-8")))
    assert {"date_precision", "place_text", "place_precision"} <= set(header)

    export(store, "parquet", tmp_path / "parquet")
    reports = pq.read_table(tmp_path / "parquet" / "event_reports.parquet")
    assert {"date_precision", "date_expression", "place_text"} <= set(reports.column_names)
