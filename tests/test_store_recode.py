"""`recode` re-codes only the documents a dictionary or pattern change can affect, re-stamps
the rest, and leaves the store as a fresh ingest with the new knowledge would."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from hadath.api import CoderOptions
from hadath.store import Store, prints
from hadath.store.ingest import IngestSettings, ingest
from hadath.store.recode import key_expression, recode
from store_corpus import write_jsonl_corpus
from test_ingest_store import table_contents

#: Invented: a name and a verb the built-in dictionaries and patterns do not know, each in
#: one document of the corpus only.
ENVOY_TEXT = "استقبل الرئيس المصري زياد الحمدوني في القاهرة أمس لبحث الأوضاع."
HANDSHAKE_TEXT = "صافح الرئيس المصري الملك الأردني في عمان أمس."
ENVOY = """version: 1
actors:
  - id: ziyad-hamduni
    kind: person
    en: Ziyad al-Hamduni
    ar: [{name}]
    country: JOR
    roles:
      - {{code: JORGOV, title: envoy}}
"""
HANDSHAKE = """version: 1
patterns:
  - {id: user.shake_hands, code: "040", pos: verb, trigger: [صافح, يصافح], frame: meet}
"""


def corpus(tmp_path: Path) -> Path:
    path = write_jsonl_corpus(tmp_path / "corpus.jsonl", 5)
    extra = [
        {"id": "envoy", "published": "2024-03-02", "source": "paper-1", "text": ENVOY_TEXT},
        {"id": "handshake", "published": "2024-03-03", "source": "paper-2", "text": HANDSHAKE_TEXT},
    ]
    with path.open("a", encoding="utf-8") as stream:
        for record in extra:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def user_file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / "user" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def settings(options: CoderOptions) -> IngestSettings:
    return IngestSettings(published=dt.date(2024, 3, 1), batch_size=3, coder=options)


def fresh(tmp_path: Path, name: str, options: CoderOptions) -> Path:
    with Store(tmp_path / name) as store:
        ingest([corpus(tmp_path)], store, settings(options))
    return tmp_path / name


def actor_codes(directory: Path, doc_id: str) -> set[str]:
    with Store(directory) as store:
        rows = store.connection.execute(
            "SELECT source_code, target_code FROM event_reports WHERE doc_id = ?", [doc_id]
        ).fetchall()
    return {code for row in rows for code in row if code}


def test_a_new_actor_entry_recodes_the_one_document_naming_it(tmp_path: Path) -> None:
    envoy = user_file(tmp_path, "envoy.yaml", ENVOY.format(name="زياد الحمدوني"))
    new = CoderOptions(dictionaries=(envoy,))
    db = fresh(tmp_path, "db", CoderOptions())
    assert "JORGOV" not in actor_codes(db, "envoy")
    with Store(db) as store:
        summary = recode(store, new)
    assert (summary.stale, summary.affected, summary.recoded) == (7, 1, 1)
    assert summary.restamped == 6 and not summary.whole
    assert "JORGOV" in actor_codes(db, "envoy")  # the change did reach the document
    assert table_contents(db) == table_contents(fresh(tmp_path, "expected", new))
    with Store(db) as store:
        assert recode(store, new).stale == 0


def test_the_old_names_of_a_changed_entry_count_too(tmp_path: Path) -> None:
    # The entry loses the name the document holds: only its *old* keys find the document.
    before = CoderOptions(
        dictionaries=(user_file(tmp_path, "a.yaml", ENVOY.format(name="زياد الحمدوني")),)
    )
    renamed = user_file(tmp_path, "b.yaml", ENVOY.format(name="زياد الحمداني"))
    after = CoderOptions(dictionaries=(renamed,))
    db = fresh(tmp_path, "db", before)
    assert "JORGOV" in actor_codes(db, "envoy")
    with Store(db) as store:
        summary = recode(store, after)
    assert (summary.affected, summary.recoded, summary.restamped) == (1, 1, 6)
    assert "JORGOV" not in actor_codes(db, "envoy")
    assert table_contents(db) == table_contents(fresh(tmp_path, "expected", after))


def test_a_new_pattern_recodes_the_documents_with_its_trigger(tmp_path: Path) -> None:
    new = CoderOptions(patterns=(user_file(tmp_path, "handshake.yaml", HANDSHAKE),))
    db = fresh(tmp_path, "db", CoderOptions())
    with Store(db) as store:
        summary = recode(store, new)
        roots = store.connection.execute(
            "SELECT root FROM event_reports WHERE doc_id = 'handshake'"
        ).fetchall()
    assert (summary.affected, summary.restamped) == (1, 6)
    assert ("04",) in roots
    assert table_contents(db) == table_contents(fresh(tmp_path, "expected", new))


def test_versions_without_prints_or_a_new_coder_recode_everything(tmp_path: Path) -> None:
    db = fresh(tmp_path, "db", CoderOptions())
    with Store(db) as store:
        store.connection.execute("DELETE FROM entry_prints")
        store.connection.execute("UPDATE documents SET dictionary_version = 'gone'")
        summary = recode(store)
        assert (summary.stale, summary.recoded, summary.restamped) == (7, 7, 0)
        assert summary.whole == {"no entry prints for dictionary version gone": 7}
        store.connection.execute("UPDATE documents SET coder_version = 'older'")
        summary = recode(store)
        assert summary.whole == {"coder version changed": 7}


def test_prints_are_stable_and_record_once(tmp_path: Path) -> None:
    knowledge = prints.pipeline_knowledge(CoderOptions())
    again = prints.pipeline_knowledge(CoderOptions())
    assert knowledge == again
    ids = {(p.section, p.entry_id) for p in knowledge.dictionary}
    assert ("actor", "hamas") in ids and any(s == "agent" for s, _ in ids)
    hamas = next(p for p in knowledge.dictionary if p.entry_id == "hamas")
    assert "حماس" in hamas.keys and hamas.builtin
    with Store(tmp_path / "db") as store:
        prints.record(store, knowledge)
        prints.record(store, knowledge)
        stored = prints.stored(store, prints.DICTIONARY, knowledge.dictionary_version)
        assert stored is not None and len(stored) == len(knowledge.dictionary)
        assert prints.changed(stored, knowledge.dictionary) == []


@pytest.mark.parametrize(
    ("key", "section", "expected"),
    [
        (
            "الجهاد الاسلامي",
            "actor",
            '(words : "الجهاد" OR stems : "الجهاد" OR stems : "جهاد") AND '
            '(words : "الاسلامي" OR stems : "الاسلامي" OR stems : "اسلامي")',
        ),
        ("صافح", "pattern", '(words : "صافح" OR stems : "صافح" OR lemmas : "صافح")'),
        ("،", "actor", None),
    ],
)
def test_key_expressions_cover_every_form_the_matchers_use(
    key: str, section: str, expected: str | None
) -> None:
    assert key_expression(key, section) == expected
