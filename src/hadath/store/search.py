"""Full-text search over sentences: SQLite FTS5 in `DIR/search.sqlite`, derived and rebuildable.

FTS5's `unicode61` tokenizer splits Arabic words at diacritics (NOTES.md: كَتَبَ → ك ت ب), so
we index keys (diacritics dropped, alef/hamza, ى/ي and ة/ه unified), never the raw text.
Each sentence is one row with three aligned columns (`hadath.store.token_keys`): `words`
(each token's key as written), `stems` (without clitics and article) and `lemmas` (for
`recode` only). A query word is analysed the way the text was — its stems are looked up in
the index's own `vocabulary` (written key → stems the text's tokens of that form had), or
asked of the morphology analyser for a form no indexed sentence has — and matches a
sentence whose `words` hold the word as written or whose `stems` hold one of its stems:

- القاهرة (stem قاهره) finds بالقاهرة, للقاهرة, القاهرة; بالقاهرة finds them all as well;
- وفد finds والوفد and لوفد; "قال" finds وقال and قالها but not قالب or مقال: words are
  matched whole, by analysis, never by prefix, so a short word does not flood;
- a stem of one letter (بها → ب) is not used: it would find every ب + pronoun.

A phrase in double quotes matches consecutive words (as written, or all by their stems).
The index lags the DuckDB record by at most one batch after a crash; `hadath index`
rebuilds it. `INDEX_FORMAT` is stored in the file: an index of another format is rebuilt by
the next writer (`hadath.store.indexing.sync_search`) and searched by its surface keys
only until then.
"""

from __future__ import annotations

import itertools
import json
import logging
import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from hadath.model import Token
from hadath.store.token_keys import WORD_KINDS, stem_key
from hadath.text.normalise import phrase_key
from hadath.text.tokens import tokenise

log = logging.getLogger(__name__)

#: Bump when the indexed columns or how they are keyed change: old indexes are rebuilt.
#: 1: one `key` column (phrase_key of the sentence). 2: words, stems, lemmas + vocabulary.
INDEX_FORMAT = "2"
#: bm25 weights of words, stems, lemmas: a match as written ranks above a match by stem.
_WEIGHTS = (2.0, 1.0, 0.0)
#: A phrase whose words have several stems each is tried in at most this many spellings.
_MAX_PHRASE_VARIANTS = 16
_SHORTEST_STEM = 2
_QUOTED = re.compile(r'"([^"]*)"')

_CREATE = (
    """CREATE VIRTUAL TABLE sentence_index USING fts5(
        words, stems, lemmas, doc_id UNINDEXED, idx UNINDEXED, tokenize = 'unicode61')""",
    "CREATE TABLE indexed_documents (doc_id TEXT PRIMARY KEY)",
    """CREATE TABLE vocabulary (word TEXT NOT NULL, stem TEXT NOT NULL,
        PRIMARY KEY (word, stem)) WITHOUT ROWID""",
    "CREATE TABLE index_meta (name TEXT PRIMARY KEY, value TEXT)",
)

#: Analyses query tokens the index has never seen: {key: stem key}.
Analyse = Callable[[Sequence[Token]], dict[str, str]]


def connect(path: Path) -> sqlite3.Connection:
    """Open the index, creating it (in the current format) when the file has none."""
    connection = sqlite3.connect(path, timeout=30)
    connection.execute("PRAGMA journal_mode=WAL")
    # No fsync per commit: the index is derived, and what a power cut loses of its last
    # batches `sync_search` adds back from the store at the next run.
    connection.execute("PRAGMA synchronous=NORMAL")
    if not _has_table(connection, "sentence_index"):
        with connection:
            for statement in _CREATE:
                connection.execute(statement)
            connection.execute("INSERT INTO index_meta VALUES ('format', ?)", (INDEX_FORMAT,))
    return connection


def _has_table(connection: sqlite3.Connection, name: str) -> bool:
    row = connection.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone()
    return row is not None


def index_format(connection: sqlite3.Connection) -> str:
    """The format of an open index: "1" for the indexes written before formats were kept."""
    if not _has_table(connection, "index_meta"):
        return "1"
    row = connection.execute("SELECT value FROM index_meta WHERE name = 'format'").fetchone()
    return str(row[0]) if row else "1"


def is_current(path: Path) -> bool:
    """No index yet (it will be created current), or one in `INDEX_FORMAT`."""
    if not path.is_file():
        return True
    connection = sqlite3.connect(path, timeout=30)
    try:
        return not _has_table(connection, "sentence_index") or index_format(connection) == (
            INDEX_FORMAT
        )
    finally:
        connection.close()


def add_sentences(path: Path, sentences: pa.Table) -> int:
    """Index sentences (doc_id, idx, words, stems, lemmas) of documents not indexed yet;
    return how many documents were added."""
    rows = sentences.select(["doc_id", "idx", "words", "stems", "lemmas"]).to_pylist()
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
                    _insert_rows(connection, doc_rows)
    finally:
        connection.close()
    return added


def _insert_rows(connection: sqlite3.Connection, rows: list[dict[str, Any]]) -> None:
    connection.executemany(
        "INSERT INTO sentence_index (words, stems, lemmas, doc_id, idx) VALUES (?, ?, ?, ?, ?)",
        [
            (r["words"] or "", r["stems"] or "", r["lemmas"] or "", r["doc_id"], r["idx"])
            for r in rows
        ],
    )
    pairs = {
        pair
        for r in rows
        for pair in zip((r["words"] or "").split(), (r["stems"] or "").split(), strict=False)
    }
    connection.executemany("INSERT OR IGNORE INTO vocabulary VALUES (?, ?)", sorted(pairs))


def remove_documents(path: Path, doc_ids: list[str]) -> None:
    """Drop these documents' sentences. `doc_id` is an unindexed FTS column, so a delete by
    it scans the whole index: one statement for all the ids, not one scan per id."""
    if not doc_ids:
        return
    connection = connect(path)
    wanted = json.dumps(doc_ids)
    try:
        with connection:
            connection.execute(
                "DELETE FROM sentence_index WHERE doc_id IN (SELECT value FROM json_each(?))",
                (wanted,),
            )
            connection.execute(
                "DELETE FROM indexed_documents WHERE doc_id IN (SELECT value FROM json_each(?))",
                (wanted,),
            )
    finally:
        connection.close()


def indexed_documents(path: Path) -> set[str]:
    connection = connect(path)
    try:
        return {row[0] for row in connection.execute("SELECT doc_id FROM indexed_documents")}
    finally:
        connection.close()


# ------------------------------------------------------------------------------ queries


@dataclass(frozen=True, slots=True)
class QueryWord:
    """One word of a query: its key as written and the stem keys it is also matched by."""

    key: str
    stems: tuple[str, ...]


def quoted(term: str) -> str:
    """An FTS5 string: whatever `term` holds, no query syntax leaks through."""
    return '"' + term.replace('"', '""') + '"'


def _query_parts(text: str) -> list[tuple[bool, list[Token]]]:
    """(is a phrase, its tokens) for each quoted phrase and each bare word of `text`."""
    parts: list[tuple[bool, list[Token]]] = []
    position = 0
    for match in _QUOTED.finditer(text):
        parts += [(False, [token]) for token in _word_tokens(text[position : match.start()])]
        tokens = _word_tokens(match.group(1))
        if tokens:
            parts.append((len(tokens) > 1, tokens))
        position = match.end()
    parts += [(False, [token]) for token in _word_tokens(text[position:].replace('"', " "))]
    return parts


def _word_tokens(text: str) -> list[Token]:
    tokens = [t for t in tokenise(text) if t.kind in WORD_KINDS]
    for token in tokens:
        token.key = "".join(token.key.split())
    return [t for t in tokens if t.key]


def vocabulary_stems(connection: sqlite3.Connection, keys: Iterable[str]) -> dict[str, set[str]]:
    """{written key: stems its indexed tokens had}, for the keys the index has seen."""
    found: dict[str, set[str]] = {}
    for key in set(keys):
        rows = connection.execute("SELECT stem FROM vocabulary WHERE word = ?", (key,))
        stems = {row[0] for row in rows}
        if stems:
            found[key] = stems
    return found


def analysed_stems(tokens: Sequence[Token]) -> dict[str, str]:
    """{key: stem key} of query tokens no indexed sentence has, by the pipeline's own
    morphology stage (its disk cache answers most words; the backend loads only for a word
    it has never analysed)."""
    from hadath.model import Document, Sentence
    from hadath.morph.stage import MorphologyStage

    text = " ".join(token.text for token in tokens)
    doc = Document(raw_text=text)
    doc.sentences = [Sentence(1, 0, len(text), text, list(tokens))]
    MorphologyStage()(doc)
    return {token.key: stem_key(token) for token in tokens}


def query_words(
    connection: sqlite3.Connection, tokens: Sequence[Token], analyse: Analyse | None
) -> dict[str, QueryWord]:
    known = vocabulary_stems(connection, (t.key for t in tokens))
    unseen = [t for t in tokens if t.key not in known]
    if unseen:
        try:
            for key, stem in (analyse or analysed_stems)(unseen).items():
                known.setdefault(key, set()).add(stem)
        except Exception as error:  # no analysis: search by the written form alone
            log.warning("cannot analyse query words %s: %r", [t.text for t in unseen], error)
    return {
        t.key: QueryWord(t.key, tuple(sorted(s for s in known.get(t.key, ()) if _usable(s))))
        for t in tokens
    }


def _usable(stem: str) -> bool:
    return len(stem) >= _SHORTEST_STEM


def analyse_query(path: Path, text: str, analyse: Analyse | None = None) -> list[QueryWord]:
    """The words of `text` (quotes ignored) with the stems they match by, as search analyses
    them: for filters that match words outside FTS5 (`hadath.store.filters`)."""
    tokens = [t for _, part in _query_parts(text.replace('"', " ")) for t in part]
    if not tokens:
        return []
    connection = connect(path) if path.is_file() else sqlite3.connect(":memory:")
    try:
        if not _has_table(connection, "vocabulary"):
            connection.execute("CREATE TEMP TABLE vocabulary (word TEXT, stem TEXT)")
        words = query_words(connection, tokens, analyse)
    finally:
        connection.close()
    return [words[t.key] for t in tokens]


def _word_expression(word: QueryWord) -> str:
    alternatives = [f"words : {quoted(word.key)}"]
    alternatives += [f"stems : {quoted(stem)}" for stem in word.stems]
    return "(" + " OR ".join(alternatives) + ")"


def _phrase_expression(words: Sequence[QueryWord]) -> str:
    alternatives = [f"words : {quoted(' '.join(w.key for w in words))}"]
    if all(w.stems for w in words):
        spellings = itertools.islice(
            itertools.product(*(w.stems for w in words)), _MAX_PHRASE_VARIANTS
        )
        alternatives += [f"stems : {quoted(' '.join(s))}" for s in spellings]
    return "(" + " OR ".join(alternatives) + ")"


def match_expression(
    connection: sqlite3.Connection, text: str, analyse: Analyse | None = None
) -> str:
    """The FTS5 query for `text`: every word (or quoted phrase) must match, see above."""
    parts = _query_parts(text)
    words = query_words(connection, [t for _, tokens in parts for t in tokens], analyse)
    return " AND ".join(
        _phrase_expression([words[t.key] for t in tokens])
        if phrase
        else _word_expression(words[tokens[0].key])
        for phrase, tokens in parts
    )


def legacy_expression(text: str) -> str:
    """A format-1 index's query: every word as written (`key` column only)."""
    return " ".join(quoted(w) for w in phrase_key(text.replace('"', " ")).split() if w)


def search_sentences(
    path: Path, text: str, limit: int, analyse: Analyse | None = None
) -> list[dict[str, Any]]:
    """(doc_id, idx, rank) of sentences matching `text`, best first."""
    if not path.is_file() or limit <= 0:
        return []
    connection = connect(path)
    try:
        if index_format(connection) == INDEX_FORMAT:
            expression, rank = match_expression(connection, text, analyse), _bm25()
        else:
            log.warning("search index %s is of an older format: run hadath index", path)
            expression, rank = legacy_expression(text), "bm25(sentence_index)"
        if not expression:
            return []
        rows = connection.execute(
            f"""SELECT doc_id, idx, {rank} AS rank FROM sentence_index
            WHERE sentence_index MATCH ? ORDER BY rank, doc_id, idx LIMIT ?""",
            (expression, limit),
        ).fetchall()
    finally:
        connection.close()
    return [{"doc_id": d, "sentence": int(i), "rank": float(r)} for d, i, r in rows]


def _bm25() -> str:
    return "bm25(sentence_index, " + ", ".join(str(w) for w in _WEIGHTS) + ")"


def documents_matching(path: Path, expressions: Iterable[str]) -> set[str]:
    """Ids of the documents with a sentence matching any of the FTS5 `expressions`."""
    connection = connect(path)
    found: set[str] = set()
    try:
        for expression in expressions:
            rows = connection.execute(
                "SELECT DISTINCT doc_id FROM sentence_index WHERE sentence_index MATCH ?",
                (expression,),
            )
            found.update(row[0] for row in rows)
    finally:
        connection.close()
    return found
