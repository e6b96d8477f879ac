"""Keeping the derived search index in step with the store (`hadath index --db DIR`).

Sentences stored before the store kept token keys (schema version 1) have none: they get
them here, from their text, by the pipeline's own tokeniser and morphology stage — the
same analysis ingest gives a sentence, so an old store searches like a new one.
"""

from __future__ import annotations

import pyarrow as pa

from hadath.model import Document, Sentence
from hadath.morph.stage import MorphologyStage
from hadath.store import search
from hadath.store.core import Store
from hadath.store.token_keys import sentence_keys
from hadath.text.tokens import tokenise

_BACKFILL_BATCH = 2_000


def _keys_table(rows: list[tuple[str, int, str]]) -> pa.Table:
    """Token keys of (doc_id, idx, text) sentences, as the sentences table holds them."""
    docs = []
    for doc_id, idx, text in rows:
        doc = Document(raw_text=text or "", id=doc_id)
        doc.sentences = [Sentence(idx, 0, len(doc.raw_text), doc.raw_text, tokenise(doc.raw_text))]
        docs.append(doc)
    stage = MorphologyStage()
    columns: dict[str, list[object]] = {
        n: [] for n in ("doc_id", "idx", "words", "stems", "lemmas")
    }
    for doc in docs:
        stage(doc)
        sentence = doc.sentences[0]
        keys = sentence_keys(sentence.tokens)
        for name, value in (
            ("doc_id", doc.id),
            ("idx", sentence.index),
            ("words", keys.words),
            ("stems", keys.stems),
            ("lemmas", keys.lemmas),
        ):
            columns[name].append(value)
    return pa.table(columns)


def backfill_token_keys(store: Store) -> int:
    """Give token keys to the sentences stored without them; return how many."""
    filled = 0
    while rows := store.connection.execute(
        "SELECT doc_id, idx, text FROM sentences WHERE words IS NULL LIMIT ?", [_BACKFILL_BATCH]
    ).fetchall():
        table = _keys_table(rows)
        with store.transaction() as con:
            con.register("filled_keys", table)
            con.execute(
                """UPDATE sentences SET words = f.words, stems = f.stems, lemmas = f.lemmas
                FROM filled_keys f WHERE sentences.doc_id = f.doc_id AND sentences.idx = f.idx"""
            )
            con.unregister("filled_keys")
        filled += len(rows)
    return filled


def _drop_index(store: Store) -> None:
    for suffix in ("", "-wal", "-shm"):
        path = store.search_path.with_name(store.search_path.name + suffix)
        path.unlink(missing_ok=True)


def sync_search(store: Store) -> int:
    """Index the sentences of stored documents the search index lacks (all of them when the
    index is of an older format); return documents added."""
    if not search.is_current(store.search_path):
        _drop_index(store)
    backfill_token_keys(store)
    indexed = pa.table({"doc_id": sorted(search.indexed_documents(store.search_path))})
    cursor = store.cursor()
    cursor.register("indexed_ids", indexed)
    table = cursor.sql(
        """SELECT doc_id, idx, words, stems, lemmas FROM sentences
        WHERE doc_id NOT IN (SELECT doc_id FROM indexed_ids) ORDER BY doc_id, idx"""
    ).to_arrow_table()
    cursor.unregister("indexed_ids")
    return search.add_sentences(store.search_path, table) if table.num_rows else 0


def rebuild_search(store: Store) -> int:
    """Drop the search index and build it again from the sentences table."""
    _drop_index(store)
    return sync_search(store)
