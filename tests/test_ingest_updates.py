"""Ingest keeps the newest version of a document, counts it, and leaves a usable store
behind even when it is stopped part-way; older stores open for reading too."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb
import pytest

from hadath.store import Store
from hadath.store import search as search_index
from hadath.store.ingest import IngestSettings, ingest
from hadath.store.schema import SCHEMA_VERSION, StoreVersionError
from store_corpus import downgrade_store, example_texts, write_jsonl_corpus

SETTINGS = IngestSettings(published=dt.date(2024, 3, 1), batch_size=4)
TEXTS = example_texts()


def _jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def _documents(store: Store) -> dict[str, str]:
    return dict(store.connection.execute("SELECT id, raw_text FROM documents").fetchall())


def _orphans(store: Store) -> int:
    """Rows of sentences, entities or reports whose document is not stored."""
    total = 0
    for table in ("sentences", "entities", "event_reports"):
        row = store.connection.execute(
            f"SELECT count(*) FROM {table} WHERE doc_id NOT IN (SELECT id FROM documents)"
        ).fetchone()
        total += row[0] if row else 0
    return total


def test_a_new_text_under_a_stored_id_replaces_the_old_version(tmp_path: Path) -> None:
    first = _jsonl(
        tmp_path / "v1.jsonl", [{"id": "a", "text": TEXTS[0]}, {"id": "b", "text": TEXTS[1]}]
    )
    second = _jsonl(
        tmp_path / "v2.jsonl", [{"id": "a", "text": TEXTS[2]}, {"id": "b", "text": TEXTS[1]}]
    )
    with Store(tmp_path / "db") as store:
        ingest([first], store, SETTINGS)
        old_reports = store.connection.execute(
            "SELECT count(*) FROM event_reports WHERE doc_id = 'a'"
        ).fetchone()
        summary = ingest([second], store, SETTINGS)
        assert (summary.updated, summary.duplicates, summary.documents_added) == (1, 1, 0)
        assert "updated 1 document(s)" in " ".join(summary.lines())
        assert _documents(store) == {"a": TEXTS[2], "b": TEXTS[1]}
        assert _orphans(store) == 0
        # the reports are those of the new text, as a fresh ingest of it gives
        new_triggers = store.connection.execute(
            "SELECT trigger_text FROM event_reports WHERE doc_id = 'a' ORDER BY report_id"
        ).fetchall()
        members = store.connection.execute(
            """SELECT count(*) FROM event_members WHERE report_id NOT IN
            (SELECT report_id FROM event_reports)"""
        ).fetchone()
        assert members == (0,)
        assert search_index.indexed_documents(store.search_path) == {"a", "b"}
    with Store(tmp_path / "fresh") as fresh:
        ingest([_jsonl(tmp_path / "only.jsonl", [{"id": "a", "text": TEXTS[2]}])], fresh, SETTINGS)
        expected = fresh.connection.execute(
            "SELECT trigger_text FROM event_reports WHERE doc_id = 'a' ORDER BY report_id"
        ).fetchall()
    assert new_triggers == expected and old_reports is not None


def test_two_versions_in_one_input_keep_the_last(tmp_path: Path) -> None:
    records = [
        {"id": "a", "text": TEXTS[0]},
        {"id": "a", "text": TEXTS[1]},  # same batch: it ends the batch, then replaces
        {"id": "c", "text": TEXTS[3]},
        {"id": "a", "text": TEXTS[1]},  # the same text again: a duplicate
    ]
    with Store(tmp_path / "db") as store:
        summary = ingest([_jsonl(tmp_path / "feed.jsonl", records)], store, SETTINGS)
        assert _documents(store) == {"a": TEXTS[1], "c": TEXTS[3]}
        assert (summary.updated, summary.duplicates, summary.documents_added) == (1, 1, 2)
        assert _orphans(store) == 0


def test_an_update_to_a_text_stored_under_another_id_is_kept(tmp_path: Path) -> None:
    records = [{"id": "a", "text": TEXTS[0]}, {"id": "b", "text": TEXTS[1]}]
    with Store(tmp_path / "db") as store:
        ingest([_jsonl(tmp_path / "v1.jsonl", records)], store, SETTINGS)
        # "a" now carries b's text: its old version must not survive, nor be lost
        ingest([_jsonl(tmp_path / "v2.jsonl", [{"id": "a", "text": TEXTS[1]}])], store, SETTINGS)
        assert _documents(store) == {"a": TEXTS[1], "b": TEXTS[1]}


def test_id_field_keys_documents_by_url(tmp_path: Path) -> None:
    settings = IngestSettings(published=dt.date(2024, 3, 1), id_field="url")
    v1 = _jsonl(tmp_path / "v1.jsonl", [{"url": "http://x/1", "text": TEXTS[0]}])
    v2 = _jsonl(tmp_path / "v2.jsonl", [{"url": "http://x/1", "text": TEXTS[4]}])
    with Store(tmp_path / "db") as store:
        ingest([v1], store, settings)
        summary = ingest([v2], store, settings)
        assert summary.updated == 1
        assert _documents(store) == {"http://x/1": TEXTS[4]}


class _StopError(Exception):
    pass


def test_a_stopped_ingest_leaves_merged_events_and_the_next_run_counts_its_own(
    tmp_path: Path,
) -> None:
    corpus = write_jsonl_corpus(tmp_path / "corpus.jsonl", 12)
    settings = IngestSettings(published=dt.date(2024, 3, 1), batch_size=2, merge_seconds=0.0)
    batches = 0

    def stop_after_three(summary: object) -> None:
        nonlocal batches
        batches += 1
        if batches == 3:
            raise _StopError

    with Store(tmp_path / "db") as store:
        with pytest.raises(_StopError):
            ingest([corpus], store, settings, progress=stop_after_three)
        assert store.count("documents") == 6
        assert store.count("events") > 0  # merged as the batches were written
        # what the stopped run wrote but had not merged yet is merged and counted now
        store.connection.execute("DELETE FROM events")
        store.connection.execute(
            "INSERT INTO dedup_pending SELECT DISTINCT root, source_code, target_code "
            "FROM event_reports"
        )
        resumed = ingest([corpus], store, SETTINGS)
        assert resumed.events_before == 0
        assert resumed.events_added == resumed.events_total > 0


def test_a_read_only_open_migrates_an_older_store(tmp_path: Path) -> None:
    corpus = write_jsonl_corpus(tmp_path / "corpus.jsonl", 3)
    with Store(tmp_path / "db") as store:
        ingest([corpus], store, SETTINGS)
    downgrade_store(tmp_path / "db", 2)
    with Store(tmp_path / "db", read_only=True) as store:
        row = store.connection.execute("SELECT max(version) FROM schema_version").fetchone()
        assert row == (SCHEMA_VERSION,)
        # a column of schema 3, which the web pages read
        store.connection.execute("SELECT place_precision FROM events").fetchall()


def test_a_store_newer_than_the_code_is_refused_in_one_line(tmp_path: Path) -> None:
    Store(tmp_path / "db").close()
    connection = duckdb.connect(str(tmp_path / "db" / "hadath.duckdb"))
    connection.execute("INSERT INTO schema_version VALUES (99, current_timestamp)")
    connection.close()
    for read_only in (True, False):
        with pytest.raises(StoreVersionError, match="newer than this hadath") as caught:
            Store(tmp_path / "db", read_only=read_only)
        assert "\n" not in str(caught.value)
