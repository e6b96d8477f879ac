"""Ingest into the store: idempotent, resumable after SIGKILL, bad input counted, recode."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from hadath.store import Store
from hadath.store.indexing import rebuild_search
from hadath.store.ingest import IngestSettings, ingest
from hadath.store.recode import recode
from store_corpus import write_jsonl_corpus

SETTINGS = IngestSettings(published=dt.date(2024, 3, 1), batch_size=4)
COMPARED = {
    "documents": "SELECT * EXCLUDE (coded_at) FROM documents",
    "sentences": "SELECT * FROM sentences",
    "entities": "SELECT * FROM entities",
    "event_reports": "SELECT * FROM event_reports",
    "events": "SELECT * FROM events",
    "event_members": "SELECT * FROM event_members",
}


def table_contents(directory: Path) -> dict[str, list[tuple[object, ...]]]:
    with Store(directory) as store:
        return {
            name: sorted(store.connection.execute(sql).fetchall(), key=repr)
            for name, sql in COMPARED.items()
        }


def test_jsonl_ids_become_document_ids_and_rerun_adds_nothing(tmp_path: Path) -> None:
    corpus = write_jsonl_corpus(tmp_path / "corpus.jsonl", 6)
    with Store(tmp_path / "db") as store:
        first = ingest([corpus], store, SETTINGS)
        assert (first.read, first.coded, first.documents_added) == (6, 6, 6)
        assert first.events_total > 0 and first.reports_added > 0
        ids = [
            r[0]
            for r in store.connection.execute("SELECT id FROM documents ORDER BY id").fetchall()
        ]
        assert ids == [f"doc-{i:03d}" for i in range(6)]
        again = ingest([corpus], store, SETTINGS)
        assert (again.documents_added, again.reports_added, again.events_added) == (0, 0, 0)
        assert again.duplicates == 6


def test_same_content_under_another_name_is_a_duplicate(tmp_path: Path) -> None:
    text = "استقبل الرئيس المصري وفدا من حركة حماس في القاهرة."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text, encoding="utf-8")
    with Store(tmp_path / "db") as store:
        summary = ingest([tmp_path / "a.txt", tmp_path / "b.txt"], store, SETTINGS)
        assert (summary.documents_added, summary.duplicates) == (1, 1)


def test_bad_input_is_counted_never_fatal(tmp_path: Path) -> None:
    good = write_jsonl_corpus(tmp_path / "good.jsonl", 2)
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "x", "text": \n[1, 2]\n{"id": "y"}\n', encoding="utf-8")
    (tmp_path / "fake.zip").write_bytes(b"not a zip at all")
    with zipfile.ZipFile(tmp_path / "day.zip", "w") as archive:
        archive.writestr("day.json", json.dumps([{"content": "", "title": "empty"}]))
        archive.writestr("image.png", b"\x89PNG")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    inputs = [
        good,
        broken,
        tmp_path / "fake.zip",
        tmp_path / "day.zip",
        tmp_path / "binary.txt",
        tmp_path / "missing.jsonl",
    ]
    with Store(tmp_path / "db") as store:
        summary = ingest(inputs, store, SETTINGS)
    assert summary.documents_added == 2
    assert summary.skipped_total >= 6
    reasons = " ".join(summary.skipped)
    for expected in (
        "not valid JSON",
        "not an object",
        "without text",
        "not a valid zip",
        "file not found",
        "unsupported zip member",
    ):
        assert expected in reasons


def test_date_field_and_default_date(tmp_path: Path) -> None:
    path = tmp_path / "dated.jsonl"
    records = [
        {"id": "a", "text": "اجتمع الرئيس المصري مع وزير الخارجية الأردني.", "when": "2023-05-06"},
        {"id": "b", "text": "التقى وزير الخارجية السعودي نظيره الإيراني في بكين."},
    ]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    settings = IngestSettings(published=dt.date(2020, 1, 1), date_field="when")
    with Store(tmp_path / "db") as store:
        ingest([path], store, settings)
        dates = dict(store.connection.execute("SELECT id, published FROM documents").fetchall())
    assert dates == {"a": dt.date(2023, 5, 6), "b": dt.date(2020, 1, 1)}


def _ingest_command(corpus: Path, db: Path, *extra: str) -> list[str]:
    code = "from hadath.cli import main; main()"
    return [
        sys.executable,
        "-c",
        code,
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--batch-size",
        "2",
        "--no-progress",
        *extra,
    ]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigkill_part_way_then_rerun_loses_and_duplicates_nothing(
    tmp_path: Path, workers: str
) -> None:
    # With 2 workers the pool's forked children must neither keep the store locked nor
    # outlive the killed parent.
    corpus = write_jsonl_corpus(tmp_path / "corpus.jsonl", 16)
    killed = tmp_path / "killed"
    process = subprocess.Popen(
        _ingest_command(corpus, killed, "--workers", workers),
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stderr is not None
    written = 0
    for line in process.stderr:
        if "batch written" in line:
            written += 1
            if written == 2:  # two transactions committed, the third under way
                process.send_signal(signal.SIGKILL)
                break
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "the ingest finished before it was killed"
    with Store(killed) as store:
        partial = store.count("documents")
    assert 0 < partial < 16
    with Store(killed) as store:
        resumed = ingest([corpus], store, IngestSettings(batch_size=2))
    assert resumed.duplicates == partial
    with Store(tmp_path / "whole") as store:
        ingest([corpus], store, IngestSettings(batch_size=5))
    assert table_contents(killed) == table_contents(tmp_path / "whole")


def test_recode_touches_only_documents_with_other_versions(tmp_path: Path) -> None:
    corpus = write_jsonl_corpus(tmp_path / "corpus.jsonl", 4)
    with Store(tmp_path / "db") as store:
        ingest([corpus], store, SETTINGS)
        events = store.count("events")
        store.connection.execute(
            "UPDATE documents SET dictionary_version = 'old' WHERE id IN ('doc-001', 'doc-002')"
        )
        store.connection.execute("DELETE FROM event_reports WHERE doc_id = 'doc-001'")
        summary = recode(store)
        assert (summary.stale, summary.recoded) == (2, 2)
        assert store.count("events") == events  # doc-001's reports are back, merged again
        assert recode(store).stale == 0
        versions = store.connection.execute(
            "SELECT DISTINCT dictionary_version FROM documents"
        ).fetchall()
        assert len(versions) == 1 and versions[0][0] != "old"


def test_search_index_is_rebuildable(tmp_path: Path) -> None:
    corpus = write_jsonl_corpus(tmp_path / "corpus.jsonl", 3)
    with Store(tmp_path / "db") as store:
        ingest([corpus], store, SETTINGS)
        from hadath.store import queries

        hits = queries.search(store, "انتهى الخبر")
        assert len(hits) == 3
        (tmp_path / "db" / "search.sqlite").unlink()
        assert queries.search(store, "انتهى الخبر") == []
        assert rebuild_search(store) == 3
        assert len(queries.search(store, "انتهى الخبر")) == 3


@pytest.mark.parametrize("workers", [2])
def test_process_pool_gives_the_same_store(tmp_path: Path, workers: int) -> None:
    corpus = write_jsonl_corpus(tmp_path / "corpus.jsonl", 6)
    with Store(tmp_path / "one") as store:
        ingest([corpus], store, SETTINGS)
    with Store(tmp_path / "pool") as store:
        ingest(
            [corpus],
            store,
            IngestSettings(published=dt.date(2024, 3, 1), batch_size=2, workers=workers),
        )
    assert table_contents(tmp_path / "one") == table_contents(tmp_path / "pool")
