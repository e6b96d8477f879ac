"""Search finds a word's clitic forms (and a clitic form finds the word), phrases stay
phrases, short words do not flood, diacritics do not matter; the index is derived: old
formats and stores without token keys are rebuilt by `sync_search`."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from hadath.store import Store, queries, schema, search
from hadath.store.indexing import rebuild_search, sync_search
from hadath.store.ingest import IngestSettings, ingest

#: Invented sentences, one per document: each word form below occurs where the tests say.
SENTENCES = {
    "cairo-bi": "عقد الاجتماع بالقاهرة أمس بحضور وزراء الخارجية.",
    "cairo-al": "أكدت القاهرة دعمها للمبادرة العربية.",
    "cairo-marked": "وصلت الطائرة إلى القَاهِرَة مساء.",
    "wafd-wal": "استقبل الرئيس المصري والوفد المرافق له في القصر.",
    "wafd-li": "قدم الوزير التحية لوفد الجامعة العربية.",
    "wafd-bare": "وصل وفد من حركة حماس إلى غزة.",
    "mould": "وضع الطاهي الكعكة في قالب كبير.",
    "said": "قال الوزير إن المحادثات كانت مثمرة.",
    "said-wa": "وقال مسؤول آخر إن الجولة المقبلة بناءة.",
    "phrase": "التقى الوفد المصري بنظيره الأردني.",
    "apart": "قال المصري إن الوفد وصل متأخرا.",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    directory = tmp_path_factory.mktemp("search")
    corpus = directory / "corpus.jsonl"
    corpus.write_text(
        "\n".join(
            json.dumps({"id": doc_id, "text": text}, ensure_ascii=False)
            for doc_id, text in SENTENCES.items()
        ),
        encoding="utf-8",
    )
    with Store(directory / "db") as opened:
        ingest([corpus], opened, IngestSettings(published=dt.date(2024, 3, 1)))
        yield opened


def found(store: Store, text: str) -> set[str]:
    return {hit["doc_id"] for hit in queries.search(store, text)}


CAIRO = {"cairo-bi", "cairo-al", "cairo-marked"}
WAFD = {"wafd-wal", "wafd-li", "wafd-bare", "phrase", "apart"}


@pytest.mark.parametrize("query", ["القاهرة", "بالقاهرة", "للقاهرة"])
def test_a_word_and_its_clitic_forms_find_each_other(store: Store, query: str) -> None:
    # بالقاهرة = ب + ال + قاهرة: the stem joins them, whichever form is searched.
    assert found(store, query) == CAIRO


@pytest.mark.parametrize("query", ["وفد", "والوفد", "لوفد", "الوفد"])
def test_conjunction_preposition_and_article_are_looked_through(store: Store, query: str) -> None:
    assert found(store, query) == WAFD


def test_a_short_word_does_not_match_longer_different_words(store: Store) -> None:
    # قال (said) finds وقال, never قالب (a mould): words match whole, by analysis.
    assert found(store, "قال") == {"said", "said-wa", "apart"}
    assert found(store, "قالب") == {"mould"}


def test_diacritics_on_either_side_do_not_matter(store: Store) -> None:
    assert found(store, "بِالقَاهِرَةِ") == CAIRO
    assert "cairo-marked" in found(store, "القاهرة")


def test_a_quoted_phrase_needs_its_words_next_to_each_other(store: Store) -> None:
    assert found(store, "الوفد المصري") == {"phrase", "apart", "wafd-wal"}
    assert found(store, '"الوفد المصري"') == {"phrase"}
    assert found(store, '"والوفد المصري"') == {"phrase"}  # by stems, clitics and all
    assert found(store, '"المصري الوفد"') == {"wafd-wal"}  # الرئيس المصري والوفد
    assert found(store, '"الوفد بنظيره"') == set()


def test_matches_as_written_rank_first(store: Store) -> None:
    hits = queries.search(store, "بالقاهرة")
    assert hits[0]["doc_id"] == "cairo-bi"


def test_query_syntax_is_never_passed_through(store: Store) -> None:
    for hostile in ('القاهرة OR "', "NEAR(a b)", "* ^ :", '"""', "words : x"):
        queries.search(store, hostile)  # no FTS5 syntax error reaches the caller
    assert found(store, "القاهرة OR قالب") == set()  # OR is a word here, not an operator


def test_a_word_no_sentence_has_is_analysed_like_the_text(store: Store) -> None:
    # وبالقاهرة occurs nowhere: the analyser gives its stem, which finds the others.
    assert found(store, "وبالقاهرة") == CAIRO


def test_an_index_of_an_older_format_is_searched_as_before_then_rebuilt(tmp_path: Path) -> None:
    db = tmp_path / "db"
    with Store(db) as store:
        ingest([_one_document(tmp_path)], store, IngestSettings(published=dt.date(2024, 3, 1)))
    _write_format_1_index(db / "search.sqlite", "wire-1", "عقد الاجتماع بالقاهره امس")
    with Store(db) as store:
        assert not search.is_current(store.search_path)
        assert found(store, "بالقاهرة") == {"wire-1"}  # surface keys only
        assert found(store, "القاهرة") == set()
        assert sync_search(store) == 1
        assert search.is_current(store.search_path)
        assert found(store, "القاهرة") == {"wire-1"}


def test_sentences_stored_without_token_keys_get_them_from_their_text(tmp_path: Path) -> None:
    db = tmp_path / "db"
    with Store(db) as store:
        ingest([_one_document(tmp_path)], store, IngestSettings(published=dt.date(2024, 3, 1)))
        before = store.connection.execute("SELECT words, stems, lemmas FROM sentences").fetchall()
        # As a store migrated from schema version 1 holds them.
        store.connection.execute("UPDATE sentences SET words = NULL, stems = NULL, lemmas = NULL")
        assert rebuild_search(store) == 1
        after = store.connection.execute("SELECT words, stems, lemmas FROM sentences").fetchall()
        assert after == before
        assert found(store, "القاهرة") == {"wire-1"}


def test_a_version_1_store_is_migrated_to_keep_token_keys(tmp_path: Path) -> None:
    db = tmp_path / "db"
    db.mkdir()
    connection = duckdb.connect(str(db / "hadath.duckdb"))
    schema.current_version(connection)
    for statement in schema.MIGRATIONS[0]:
        connection.execute(statement)
    connection.execute("INSERT INTO schema_version VALUES (1, current_timestamp)")
    connection.close()
    with Store(db) as store:
        columns = {r[0] for r in store.connection.execute("DESCRIBE sentences").fetchall()}
        assert {"words", "stems", "lemmas"} <= columns
        assert store.count("sentences") == 0


def _one_document(tmp_path: Path) -> Path:
    path = tmp_path / "one.jsonl"
    record = {"id": "wire-1", "text": "عقد الاجتماع بالقاهرة أمس."}
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return path


def _write_format_1_index(path: Path, doc_id: str, key: str) -> None:
    """The index as hadath wrote it before INDEX_FORMAT 2: one `key` column."""
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            """CREATE VIRTUAL TABLE sentence_index USING fts5(
            key, doc_id UNINDEXED, idx UNINDEXED, tokenize = 'unicode61')"""
        )
        connection.execute("CREATE TABLE indexed_documents (doc_id TEXT PRIMARY KEY)")
        connection.execute("INSERT INTO sentence_index VALUES (?, ?, 1)", (key, doc_id))
        connection.execute("INSERT INTO indexed_documents VALUES (?)", (doc_id,))
    connection.close()


def test_the_events_text_filter_matches_words_as_search_does(store: Store) -> None:
    def documents(text: str) -> set[str]:
        events = queries.events(store, text=text, limit=1000)["events"]
        reports = [r for e in events for r in (queries.event(store, e["id"]) or {})["reports"]]
        return {r["document"]["id"] for r in reports}

    coded = documents("")
    wafd = documents("وفد")
    assert wafd and wafd == documents("لوفد") == documents("الوفد")  # a substring test fails
    assert wafd <= WAFD
    assert documents("بالقاهرة") == documents("القاهرة") == CAIRO & coded
    assert documents("قالب") == set()  # the sentence with قالب codes nothing; قال must not
    assert documents("قال") == {"said", "said-wa"} & coded
    edges = queries.dyads(store, text="وفد")["edges"]
    assert sum(edge["weight"] for edge in edges) <= queries.events(store, text="وفد")["total"]
