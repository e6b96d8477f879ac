"""Full-text search over sentences: SQLite FTS5 in `DIR/search.sqlite`, derived and rebuildable.

FTS5's `unicode61` tokenizer splits Arabic words at diacritics (NOTES.md: كَتَبَ → ك ت ب), so
we index each sentence's matching key (`phrase_key`: diacritics dropped, alef/hamza, ى/ي and
ة/ه unified) and key the query the same way. The index lags the DuckDB record by at most one
batch after a crash; `sync` adds the documents it lacks, `rebuild` starts it afresh.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pyarrow as pa

from hadath.text.normalise import phrase_key

_SCHEMA = (
    "PRAGMA journal_mode=WAL",
    """CREATE VIRTUAL TABLE IF NOT EXISTS sentence_index USING fts5(
        key, doc_id UNINDEXED, idx UNINDEXED, tokenize = 'unicode61')""",
    "CREATE TABLE IF NOT EXISTS indexed_documents (doc_id TEXT PRIMARY KEY)",
)


def connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=30)
    for statement in _SCHEMA:
        connection.execute(statement)
    return connection


def add_sentences(path: Path, sentences: pa.Table) -> int:
    """Index sentences (columns doc_id, idx, key) of documents not indexed yet; return docs."""
    rows = sentences.select(["doc_id", "idx", "key"]).to_pylist()
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_doc.setdefault(row["doc_id"], []).append(row)
    connection = connect(path)
    added = 0
    try:
        with connection:
            for doc_id, doc_rows in by_doc.items():
                cursor = connection.execute(
                    "INSERT OR IGNORE INTO indexed_documents VALUES (?)", (doc_id,)
                )
                if cursor.rowcount:
                    added += 1
                    connection.executemany(
                        "INSERT INTO sentence_index (key, doc_id, idx) VALUES (?, ?, ?)",
                        [(r["key"], r["doc_id"], r["idx"]) for r in doc_rows],
                    )
    finally:
        connection.close()
    return added


def remove_documents(path: Path, doc_ids: list[str]) -> None:
    connection = connect(path)
    try:
        with connection:
            for doc_id in doc_ids:
                connection.execute("DELETE FROM sentence_index WHERE doc_id = ?", (doc_id,))
                connection.execute("DELETE FROM indexed_documents WHERE doc_id = ?", (doc_id,))
    finally:
        connection.close()


def indexed_documents(path: Path) -> set[str]:
    connection = connect(path)
    try:
        return {row[0] for row in connection.execute("SELECT doc_id FROM indexed_documents")}
    finally:
        connection.close()


def match_expression(text: str) -> str:
    """An FTS5 query for all words of `text` as keyed, each quoted (no query syntax leaks)."""
    words = [w for w in phrase_key(text).split() if w]
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def search_sentences(path: Path, text: str, limit: int) -> list[dict[str, Any]]:
    """(doc_id, idx) of sentences whose key has every word of `text`, best first."""
    expression = match_expression(text)
    if not expression or not path.is_file():
        return []
    connection = connect(path)
    try:
        rows = connection.execute(
            """SELECT doc_id, idx, bm25(sentence_index) AS rank FROM sentence_index
            WHERE sentence_index MATCH ? ORDER BY rank, doc_id, idx LIMIT ?""",
            (expression, limit),
        ).fetchall()
    finally:
        connection.close()
    return [{"doc_id": d, "sentence": int(i), "rank": float(r)} for d, i, r in rows]
