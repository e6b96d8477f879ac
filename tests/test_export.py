"""Exports: PLOVER JSON against the manual's field table, GDELT-style TSV column count,
CSV and Parquet round trips."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from hadath.store import Store
from hadath.store.actor_codes import split_actor_code
from hadath.store.export import GDELT_COLUMNS, GDELT_EXTENSION, PARQUET_TABLES, export
from hadath.store.ingest import IngestSettings, ingest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store(tmp_path_factory.mktemp("export")) as opened:
        ingest([EXAMPLES], opened, IngestSettings(published=dt.date(2024, 2, 10)))
        yield opened


def plover_manual_fields(manual: Path) -> dict[str, bool]:
    """Field name -> required, read from the table captioned "PLOVER JSON" in the manual."""
    text = manual.read_text(encoding="utf-8")
    table = text[text.index(r"\caption{PLOVER JSON") :]
    table = table[: table.index(r"\end{tabular}")]
    fields = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.rstrip("\\ ").split("&")]
        if len(cells) == 4 and cells[0] != "Name":
            fields[cells[0].replace(r"\_", "_")] = cells[3].startswith("Y")
    return fields


def manual_entity_fields(manual: Path) -> set[str]:
    """Field names of the manual's table "Information object for entities"."""
    text = manual.read_text(encoding="utf-8")
    table = text[text.index(r"\caption{Information object for entities") :]
    table = table[: table.index(r"\end{tabular}")]
    names = set()
    for line in table.splitlines():
        cells = [c.strip() for c in line.split("&")]
        if len(cells) == 2 and cells[0] != "Name":
            names.add(cells[0].replace(r"\_", "_"))
    return names


def test_plover_records_have_the_manual_fields(
    store: Store, shared_path: Path, tmp_path: Path
) -> None:
    manual = shared_path / "data/reference/plover/PLOVER_MANUAL.tex"
    fields = plover_manual_fields(manual)
    entity_fields = manual_entity_fields(manual)
    assert {"code", "sector", "entity_text"} <= entity_fields
    assert {name for name, required in fields.items() if required} == {
        "id",
        "date",
        "actor",
        "event",
    }
    out = tmp_path / "events.jsonl"
    count = export(store, "plover", out)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    typed = store.connection.execute(
        "SELECT count(*) FROM events WHERE plover_type IS NOT NULL"
    ).fetchone()
    assert typed is not None and count == len(records) == typed[0] > 0
    ids = [r["id"] for r in records]
    assert len(set(ids)) == len(ids)
    for record in records:
        assert set(record) <= set(fields), set(record) - set(fields)
        for name, required in fields.items():
            if required:
                assert name in record
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["date"])
        assert isinstance(record["actor"], list) and isinstance(record["event"], list)
        assert len(record["event"]) == 1 and record["event"][0]
        assert record["quad_code"] in (1, 2, 3, 4)
        for entity in record["actor"] + record["recipient"]:
            assert set(entity) <= entity_fields
            assert len(entity["code"]) == 3 and entity["identifier_id"].startswith(entity["code"])


def test_gdelt_tsv_has_the_documented_columns(store: Store, tmp_path: Path) -> None:
    assert len(GDELT_COLUMNS) == 61  # GDELT 2.0 event table
    out = tmp_path / "events.tsv"
    count = export(store, "gdelt", out)
    rows = list(csv.reader(out.open(encoding="utf-8"), delimiter="\t"))
    assert count == len(rows) == store.count("events")
    column = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    for row in rows:
        # GDELT's 61, then hadath's date precision and place words (docs/store.md)
        assert len(row) == 61 + len(GDELT_EXTENSION)
        assert re.fullmatch(r"\d{8}", row[column["Day"]])
        assert row[column["EventRootCode"]] == row[column["EventCode"]][:2]
        assert row[column["QuadClass"]] in {"1", "2", "3", "4"}
        assert int(row[column["NumArticles"]]) <= int(row[column["NumMentions"]])
        assert int(row[column["GlobalEventID"]]) > 0
        if row[column["ActionGeo_FullName"]]:
            assert row[column["ActionGeo_Type"]] in {"1", "4", "5"}
    countries = [r for r in rows if r[column["ActionGeo_Type"]] == "1"]
    assert all(r[column["ActionGeo_Lat"]] for r in countries)


def test_actor_code_split() -> None:
    assert split_actor_code("PSEREBHMS") == ("PSE", ["REB"], ["HMS"])
    assert split_actor_code("EGYGOVMIL") == ("EGY", ["GOV", "MIL"], [])
    assert split_actor_code("GOV") == (None, ["GOV"], [])


def test_csv_and_parquet(store: Store, tmp_path: Path) -> None:
    count = export(store, "csv", tmp_path / "events.csv")
    rows = list(csv.DictReader((tmp_path / "events.csv").open(encoding="utf-8")))
    assert count == len(rows) == store.count("events")
    assert {"event_id", "num_mentions", "num_sources", "num_articles"} <= set(rows[0])
    export(store, "parquet", tmp_path / "parquet")
    for table in PARQUET_TABLES:
        assert pq.read_table(tmp_path / "parquet" / f"{table}.parquet").num_rows == store.count(
            table
        )
