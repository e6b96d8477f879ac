"""On-disk caches per word type: analyses (one SQLite file per backend version), and any
other word -> row table (the recogniser's lexicon flags).

A corpus pays for each word type once across runs. Several processes may share the file
(WAL journal; a write that loses a lock race is dropped, the analyses are recomputed next
time); a damaged file is set aside and rebuilt instead of stopping the run.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from hadath.morph.analysis import WordAnalysis

log = logging.getLogger(__name__)

SCHEMA_VERSION = "1"
_ANALYSIS_COLUMNS = ("proclitics", "stem", "enclitic", "lemma", "pos", "proper_noun", "readings")
_SELECT_CHUNK = 500  # SQLite's default limit on bound parameters is 999


def default_cache_dir() -> Path:
    """$HADATH_CACHE_DIR, else the platform user cache dir ($XDG_CACHE_HOME or ~/.cache)."""
    configured = os.environ.get("HADATH_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "hadath"


class WordTable:
    """`word -> row of text/int fields` in a SQLite file; every failure degrades to "not
    cached". `columns` names the fields after the word; `name` says what is cached, in logs.
    Reopened after a fork: a SQLite connection must not cross into a child process."""

    def __init__(self, path: Path, table: str, columns: tuple[str, ...], name: str) -> None:
        self.path = path
        self.table = table
        self.columns = columns
        self.name = name
        self._connection: sqlite3.Connection | None = None
        self._pid = 0
        self._disabled = False

    def _connect(self) -> sqlite3.Connection | None:
        if self._connection is not None and self._pid != os.getpid():
            self._connection = None  # the parent's, inherited by fork: never used here
        if self._connection is not None or self._disabled:
            return self._connection
        try:
            self._connection = self._open()
            self._pid = os.getpid()
        except sqlite3.DatabaseError as error:
            self._rebuild(error)
        except OSError as error:
            log.warning("%s %s unusable (%s): memory only", self.name, self.path, error)
            self._disabled = True
        return self._connection

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # check_same_thread=False: the web server codes posted text on a worker thread other
        # than the one that opened the cache (callers serialise coding; hadath.web.coder).
        # Without it sqlite3 raised ProgrammingError, which _rebuild took for a damaged file.
        connection = sqlite3.connect(
            self.path, timeout=2.0, isolation_level=None, check_same_thread=False
        )
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            fields = "".join(f", {column}" for column in self.columns)
            connection.execute(
                f"CREATE TABLE IF NOT EXISTS {self.table} (word TEXT PRIMARY KEY{fields})"
            )
            connection.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            connection.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            row = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if row is None or row[0] != SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"schema {row[0] if row else None!r}")
        except BaseException:
            connection.close()
            raise
        return connection

    def _rebuild(self, error: Exception) -> None:
        log.warning("%s %s is damaged (%s): rebuilding it", self.name, self.path, error)
        self.close()
        try:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self._connection = self._open()
            self._pid = os.getpid()
        except (OSError, sqlite3.DatabaseError) as second:
            log.warning("%s %s not rebuilt (%s): memory only", self.name, self.path, second)
            self._connection = None
            self._disabled = True

    def get_many(self, words: Iterable[str]) -> dict[str, tuple[Any, ...]]:
        connection = self._connect()
        if connection is None:
            return {}
        wanted = list(words)
        found: dict[str, tuple[Any, ...]] = {}
        fields = ", ".join(self.columns)
        try:
            for start in range(0, len(wanted), _SELECT_CHUNK):
                chunk = wanted[start : start + _SELECT_CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = connection.execute(
                    f"SELECT word, {fields} FROM {self.table} WHERE word IN ({marks})", chunk
                )
                for word, *values in rows:
                    found[word] = tuple(values)
        except sqlite3.OperationalError as error:
            log.warning("%s read failed (%s): computing instead", self.name, error)
        except sqlite3.DatabaseError as error:
            self._rebuild(error)
            return {}
        return found

    def put_many(self, rows: Mapping[str, tuple[Any, ...]]) -> None:
        connection = self._connect()
        if connection is None or not rows:
            return
        marks = ", ".join("?" * (len(self.columns) + 1))
        try:
            with connection:
                connection.execute("BEGIN IMMEDIATE")
                connection.executemany(
                    f"INSERT OR IGNORE INTO {self.table} VALUES ({marks})",
                    [(word, *values) for word, values in rows.items()],
                )
        except sqlite3.OperationalError as error:
            # another process holds the write lock: these words are computed again next run
            log.warning("%s write skipped (%s)", self.name, error)
        except sqlite3.DatabaseError as error:
            self._rebuild(error)

    def close(self) -> None:
        if self._connection is not None:
            if self._pid == os.getpid():
                self._connection.close()
            self._connection = None


class DiskCache:
    """`word -> WordAnalysis` in a SQLite file (a `WordTable` of analysis rows)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._table = WordTable(path, "analyses", _ANALYSIS_COLUMNS, "morphology cache")

    def get_many(self, words: Iterable[str]) -> dict[str, WordAnalysis]:
        return {
            word: WordAnalysis.from_row(row) for word, row in self._table.get_many(words).items()
        }

    def put_many(self, analyses: Mapping[str, WordAnalysis]) -> None:
        self._table.put_many({word: a.to_row() for word, a in analyses.items()})

    def close(self) -> None:
        self._table.close()
