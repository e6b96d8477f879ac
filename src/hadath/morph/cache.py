"""The on-disk cache of word analyses: one SQLite file per backend version.

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

from hadath.morph.analysis import WordAnalysis

log = logging.getLogger(__name__)

SCHEMA_VERSION = "1"
_SELECT_CHUNK = 500  # SQLite's default limit on bound parameters is 999


def default_cache_dir() -> Path:
    """$HADATH_CACHE_DIR, else the platform user cache dir ($XDG_CACHE_HOME or ~/.cache)."""
    configured = os.environ.get("HADATH_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "hadath"


class DiskCache:
    """`word -> WordAnalysis` in a SQLite file; every failure degrades to "not cached"."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None
        self._disabled = False

    def _connect(self) -> sqlite3.Connection | None:
        if self._connection is not None or self._disabled:
            return self._connection
        try:
            self._connection = self._open()
        except sqlite3.DatabaseError as error:
            self._rebuild(error)
        except OSError as error:
            log.warning("morphology cache %s unusable (%s): memory only", self.path, error)
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
            connection.execute(
                "CREATE TABLE IF NOT EXISTS analyses (word TEXT PRIMARY KEY, proclitics TEXT,"
                " stem TEXT, enclitic TEXT, lemma TEXT, pos TEXT, proper_noun INTEGER)"
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
        log.warning("morphology cache %s is damaged (%s): rebuilding it", self.path, error)
        self.close()
        try:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self._connection = self._open()
        except (OSError, sqlite3.DatabaseError) as second:
            log.warning("morphology cache %s not rebuilt (%s): memory only", self.path, second)
            self._connection = None
            self._disabled = True

    def get_many(self, words: Iterable[str]) -> dict[str, WordAnalysis]:
        connection = self._connect()
        if connection is None:
            return {}
        wanted = list(words)
        found: dict[str, WordAnalysis] = {}
        try:
            for start in range(0, len(wanted), _SELECT_CHUNK):
                chunk = wanted[start : start + _SELECT_CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = connection.execute(
                    "SELECT word, proclitics, stem, enclitic, lemma, pos, proper_noun"
                    f" FROM analyses WHERE word IN ({marks})",
                    chunk,
                )
                for word, *fields in rows:
                    found[word] = WordAnalysis.from_row(tuple(fields))
        except sqlite3.OperationalError as error:
            log.warning("morphology cache read failed (%s): analysing instead", error)
        except sqlite3.DatabaseError as error:
            self._rebuild(error)
            return {}
        return found

    def put_many(self, analyses: Mapping[str, WordAnalysis]) -> None:
        connection = self._connect()
        if connection is None or not analyses:
            return
        rows = [(word, *analysis.to_row()) for word, analysis in analyses.items()]
        try:
            with connection:
                connection.execute("BEGIN IMMEDIATE")
                connection.executemany(
                    "INSERT OR IGNORE INTO analyses VALUES (?, ?, ?, ?, ?, ?, ?)", rows
                )
        except sqlite3.OperationalError as error:
            # another process holds the write lock: these types are analysed again next run
            log.warning("morphology cache write skipped (%s)", error)
        except sqlite3.DatabaseError as error:
            self._rebuild(error)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
