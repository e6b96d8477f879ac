"""The store: migrations, idempotent and replacing writes, the lock, and the merging of
reports of one event across articles (dedup)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from hadath.model import Document, Event, Place, Sentence
from hadath.store import Store, StoreBusyError, document_rows, schema
from hadath.store.dedup import Report, cluster_reports, merge_pending


def make_doc(
    doc_id: str,
    day: str,
    events: list[tuple[str, str | None, str | None, str | None]],
    source: str = "wire",
) -> Document:
    """A coded-looking document: one sentence per (cameo, source, target, place) event."""
    sentences, coded = [], []
    text = ""
    for index, (cameo, src, tgt, place) in enumerate(events, start=1):
        line = f"جملة رقم {index} عن {cameo}."
        start = len(text)
        text += line + "\n"
        sentences.append(Sentence(index, start, start + len(line), line))
        coded.append(
            Event(
                cameo=cameo,
                root=cameo[:2],
                goldstein=1.0,
                quad_class=1,
                plover={"type": "CONSULT", "mode": None, "context": None},
                source={"code": src, "name": src, "text": "x", "start": start, "end": start + 1}
                if src
                else None,
                target={"code": tgt, "name": tgt, "text": "y", "start": start, "end": start + 1}
                if tgt
                else None,
                sentence=index,
                sentence_start=start,
                sentence_end=start + len(line),
                trigger_start=start,
                trigger_end=start + 4,
                location=Place(place, "EG", 30.0, 31.0) if place else None,
                date=day,
                confidence=0.9,
                explanation={
                    "dictionary_version": "d1",
                    "patterns_version": "p1",
                    "coder_version": "1",
                },
            )
        )
    doc = Document(raw_text=text, id=doc_id, source=source, published=dt.date.fromisoformat(day))
    doc.clean_text, doc.sentences, doc.events = text, sentences, coded
    doc.meta.update(dictionary_version="d1", patterns_version="p1", coder_version="1")
    return doc


def write_docs(store: Store, *docs: Document) -> None:
    for doc in docs:
        store.write(document_rows(doc))
    merge_pending(store)


def test_migrations_apply_once_and_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(tmp_path) as store:
        versions = store.connection.execute("SELECT version FROM schema_version").fetchall()
    assert [v[0] for v in versions] == list(range(1, schema.SCHEMA_VERSION + 1))
    extra = [*schema.MIGRATIONS, ["ALTER TABLE documents ADD COLUMN language VARCHAR"]]
    monkeypatch.setattr(schema, "MIGRATIONS", extra)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(extra))
    with Store(tmp_path) as store:
        columns = [r[0] for r in store.connection.execute("DESCRIBE documents").fetchall()]
        assert "language" in columns
        assert schema.current_version(store.connection) == len(extra)
    with Store(tmp_path) as store:  # nothing left to apply: no error on a second open
        assert schema.current_version(store.connection) == len(extra)


def test_a_newer_store_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Store(tmp_path).close()
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 0)
    with pytest.raises(RuntimeError, match="newer"):
        Store(tmp_path)


def test_writes_are_idempotent_and_keyed_by_document(tmp_path: Path) -> None:
    doc = make_doc("a", "2024-01-01", [("043", "EGY", "ISR", None), ("190", "ISR", "PSE", None)])
    with Store(tmp_path) as store:
        first = store.write(document_rows(doc))
        again = store.write(document_rows(doc))
        same_text = make_doc(
            "b", "2024-01-01", [("043", "EGY", "ISR", None), ("190", "ISR", "PSE", None)]
        )
        copy = store.write(document_rows(same_text))  # same content, other id: a duplicate
        assert (first.documents, first.reports) == (1, 2)
        assert (again.documents, again.reports) == (0, 0)
        assert copy.documents == 0
        assert store.count("documents") == 1
        assert store.count("sentences") == 2
        assert store.count("event_reports") == 2


def test_replace_overwrites_a_document_and_requeues_its_dyads(tmp_path: Path) -> None:
    with Store(tmp_path) as store:
        write_docs(store, make_doc("a", "2024-01-01", [("043", "EGY", "ISR", None)]))
        recoded = make_doc("a", "2024-01-01", [("190", "ISR", "PSE", None)])
        result = store.write(document_rows(recoded), replace=True)
        merge_pending(store)
        assert result.documents == 1
        roots = store.connection.execute("SELECT root FROM events").fetchall()
        assert roots == [("19",)]
        assert store.count("event_members") == 1


def test_one_process_owns_the_store(tmp_path: Path) -> None:
    with Store(tmp_path), pytest.raises(StoreBusyError):
        Store(tmp_path)
    Store(tmp_path).close()  # released on close


def report(
    report_id: str,
    day: str | None,
    *,
    doc: str = "d1",
    src: str = "EGY",
    tgt: str = "ISR",
    place: str = "",
    root: str = "04",
    source: str = "wire",
) -> Report:
    return Report(
        report_id=report_id,
        doc_id=doc,
        source=source,
        root=root,
        src=src,
        tgt=tgt,
        day=dt.date.fromisoformat(day) if day else None,
        country="EG" if place else "",
        place=place,
        cameo=root + "3",
        goldstein=1.0,
        quad_class=1,
        plover_type=None,
        plover_mode=None,
        source_name=src,
        target_name=tgt,
        lat=None,
        lon=None,
        confidence=0.5,
    )


def clusters(reports: list[Report]) -> list[list[str]]:
    ordered = sorted(
        reports, key=lambda r: (r.root, r.src, r.tgt, r.day or dt.date.max, r.report_id)
    )
    return sorted(sorted(r.report_id for r in c) for c in cluster_reports(ordered))


def test_same_dyad_same_or_next_day_merges_but_not_later() -> None:
    reports = [
        report("a", "2024-01-01"),
        report("b", "2024-01-02", doc="d2"),
        report("c", "2024-01-04", doc="d3"),
    ]
    assert clusters(reports) == [["a", "b"], ["c"]]


def test_window_is_anchored_so_daily_reports_do_not_chain() -> None:
    reports = [report(f"r{i}", f"2024-01-0{i}", doc=f"d{i}") for i in range(1, 6)]
    assert clusters(reports) == [["r1", "r2"], ["r3", "r4"], ["r5"]]


def test_different_dyad_root_or_place_stay_apart() -> None:
    reports = [
        report("a", "2024-01-01"),
        report("b", "2024-01-01", tgt="PSE"),
        report("c", "2024-01-01", root="19"),
        report("d", "2024-01-01", place="Cairo"),
        report("e", "2024-01-01", place="Gaza"),
    ]
    # The report without a place joins the largest place group (a tie: the smaller name).
    assert clusters(reports) == [["a", "d"], ["b"], ["c"], ["e"]]


def test_actorless_reports_merge_only_on_a_place_or_within_an_article() -> None:
    reports = [
        report("a", "2024-01-01", src="", tgt="", doc="d1"),
        report("b", "2024-01-01", src="", tgt="", doc="d1"),
        report("c", "2024-01-01", src="", tgt="", doc="d2"),
        report("d", "2024-01-01", src="", tgt="", doc="d3", place="Khartoum"),
        report("e", "2024-01-01", src="", tgt="", doc="d4", place="Khartoum"),
    ]
    assert clusters(reports) == [["a", "b"], ["c"], ["d", "e"]]


@pytest.mark.parametrize(("src", "tgt"), [("SAUGOV", ""), ("", "IRN"), ("GOV", "ISR"), ("MIL", "")])
def test_weak_dyads_merge_across_articles_only_on_a_shared_place(src: str, tgt: str) -> None:
    reports = [
        report("a", "2024-01-01", src=src, tgt=tgt, doc="d1"),
        report("b", "2024-01-01", src=src, tgt=tgt, doc="d2"),
        report("c", "2024-01-01", src=src, tgt=tgt, doc="d3", place="Aden"),
        report("d", "2024-01-02", src=src, tgt=tgt, doc="d4", place="Aden"),
    ]
    assert clusters(reports) == [["a"], ["b"], ["c", "d"]]
    in_a_country = [dataclasses.replace(r, feature="country", place="Yemen") for r in reports[2:]]
    assert clusters(in_a_country) == [["c"], ["d"]]


def test_undated_reports_are_never_merged() -> None:
    assert clusters([report("a", None), report("b", None, doc="d2")]) == [["a"], ["b"]]


def test_merging_does_not_depend_on_arrival_order(tmp_path: Path) -> None:
    docs = [
        make_doc("a", "2024-01-01", [("043", "EGY", "ISR", "Cairo")], source="s1"),
        make_doc("b", "2024-01-02", [("040", "EGY", "ISR", None)], source="s2"),
        make_doc(
            "c",
            "2024-01-02",
            [("042", "EGY", "ISR", "Cairo"), ("043", "EGY", "ISR", None)],
            source="s1",
        ),
    ]
    tables = []
    for order, where in ((docs, "one"), (docs[::-1], "two")):
        with Store(tmp_path / where) as store:
            for doc in order:
                write_docs(store, doc)
            tables.append(
                store.connection.execute(
                    "SELECT * EXCLUDE (event_id, first_report) FROM events ORDER BY ALL"
                ).fetchall()
            )
    assert tables[0] == tables[1]
    with Store(tmp_path / "one") as store:
        row = store.connection.execute(
            "SELECT num_mentions, num_sources, num_articles, place_name FROM events"
        ).fetchall()
    assert row == [(4, 2, 3, "Cairo")]
