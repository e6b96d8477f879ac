"""The store: one directory holding a DuckDB file (the record) and a SQLite search index.

One process owns the DuckDB file: DuckDB itself refuses a second process (NOTES.md), and we
take an advisory lock first so the error says which directory is busy. Readers inside the
owning process use `Store.cursor()` (DuckDB cursors are safe across threads). Every write
of a batch of documents is one transaction, keyed by document id, so a run killed at any
moment leaves whole documents or none.
"""

from __future__ import annotations

import fcntl
import functools
import os
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from hadath.store.rows import TABLES, DocumentRows
from hadath.store.schema import SCHEMA_VERSION, StoreVersionError, migrate, stored_version

DATABASE_NAME = "hadath.duckdb"
SEARCH_NAME = "search.sqlite"
LOCK_NAME = "store.lock"


class StoreBusyError(RuntimeError):
    """Another process holds the store."""


@dataclass(frozen=True, slots=True)
class WriteResult:
    documents: int  # documents inserted, updated ones included
    reports: int
    updated: int = 0  # of those, documents that replaced an older version of the same id


class Store:
    """The event store in directory `path` (created when `read_only` is false).

    Opening a store brings it to the current schema, read-only too: a store of an older
    version is migrated first (briefly opened for writing, under the lock), because every
    reader assumes the current tables (since schema 3 the web pages read the event place
    columns, and a server over a version-2 store failed page by page). A store that cannot
    be migrated, or is newer than this code, is refused with `StoreVersionError`."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if not read_only:
            self.path.mkdir(parents=True, exist_ok=True)
        elif not (self.path / DATABASE_NAME).is_file():
            raise FileNotFoundError(f"no hadath store in {self.path}")
        self._lock = self._take_lock()
        self.connection = self._connect(read_only)
        try:
            if not read_only:
                migrate(self.connection, self.path)
            elif stored_version(self.connection) != SCHEMA_VERSION:
                self.connection.close()
                self._migrate_then_reopen()
        except BaseException:
            self.close()
            raise

    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        try:
            return duckdb.connect(str(self.database_path), read_only=read_only)
        except duckdb.IOException as error:
            self._release_lock()
            raise StoreBusyError(f"store {self.path} is in use by another process") from error

    def _migrate_then_reopen(self) -> None:
        version = _read_version(self.database_path)
        if version > SCHEMA_VERSION:
            raise StoreVersionError(
                f"store {self.path} has schema version {version}, newer than this hadath "
                f"({SCHEMA_VERSION}): upgrade hadath"
            )
        try:
            Store(self.path).close()
        except (OSError, duckdb.Error) as error:
            reason = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise StoreVersionError(
                f"store {self.path} has schema version {version}, this hadath needs "
                f"{SCHEMA_VERSION}, and migrating it failed ({reason}): run "
                f"`hadath index --db {self.path}` where the store is writable"
            ) from None
        self.connection = self._connect(read_only=True)

    @property
    def database_path(self) -> Path:
        return self.path / DATABASE_NAME

    @property
    def search_path(self) -> Path:
        return self.path / SEARCH_NAME

    def _take_lock(self) -> int | None:
        if self.read_only:
            return None
        handle = os.open(self.path / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            raise StoreBusyError(f"store {self.path} is in use by another process") from None
        return handle

    def _release_lock(self) -> None:
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            os.close(self._lock)
            self._lock = None

    def close(self) -> None:
        self.connection.close()
        self._release_lock()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    @functools.cached_property
    def has_token_keys(self) -> bool:
        """Whether the sentences table keeps token keys (schema version 2; every store opened
        is migrated to it now, so this holds unless the table was altered by hand)."""
        row = self.connection.execute(
            """SELECT count(*) FROM duckdb_columns()
            WHERE table_name = 'sentences' AND column_name = 'stems'"""
        ).fetchone()
        return bool(row and row[0])

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for reading from another thread of this process."""
        return self.connection.cursor()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        self.connection.execute("BEGIN TRANSACTION")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        self.connection.execute("COMMIT")

    def known(
        self, ids: Iterable[str], hashes: Iterable[str]
    ) -> tuple[dict[str, str | None], set[str]]:
        """Of these document ids, those the store holds with their raw-text hash; of these
        hashes, those it holds (under any id)."""
        found_ids = self.connection.execute(
            "SELECT id, raw_hash FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [list(ids)],
        ).fetchall()
        found_hashes = self.connection.execute(
            "SELECT raw_hash FROM documents WHERE raw_hash IN (SELECT unnest(?::VARCHAR[]))",
            [list(hashes)],
        ).fetchall()
        return {row[0]: row[1] for row in found_ids}, {row[0] for row in found_hashes}

    def write(self, rows: DocumentRows, *, replace: bool = False) -> WriteResult:
        """Insert the documents not stored yet (or, with `replace`, overwrite them)."""
        if not rows.documents:
            return WriteResult(0, 0)
        return self.write_tables({name: rows.arrow(name) for name in TABLES}, replace=replace)

    def write_tables(
        self,
        tables: dict[str, pa.Table],
        *,
        replace: bool = False,
        update_ids: Collection[str] = (),
    ) -> WriteResult:
        """`write` for Arrow tables (one per name in `TABLES`), e.g. read from Parquet.

        `update_ids`: documents of the batch that are newer versions of stored ones (same
        id, other text). Their old rows go in the same transaction as the new ones come in,
        and they are written even when their new text is stored under another id."""
        with self.transaction() as con:
            for name in TABLES:
                con.register(f"batch_{name}", tables[name])
            con.register("batch_updates", pa.table({"id": pa.array(list(update_ids), pa.string())}))
            try:
                return self._write_registered(con, replace)
            finally:
                for name in (*TABLES, "updates"):
                    con.unregister(f"batch_{name}")

    def _write_registered(self, con: duckdb.DuckDBPyConnection, replace: bool) -> WriteResult:
        updated_query = (
            "SELECT id FROM batch_documents"
            if replace
            else """SELECT id FROM batch_documents
            WHERE id IN (SELECT id FROM batch_updates) AND id IN (SELECT id FROM documents)"""
        )
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE gone_ids AS SELECT DISTINCT id FROM ({updated_query})"
        )
        updated = _count(con, "SELECT count(*) FROM gone_ids")
        self._delete_documents(con, "SELECT id FROM gone_ids")
        con.execute("DROP TABLE gone_ids")
        # First row per id; a document whose id or content is already stored is left alone,
        # unless it is an update.
        con.execute(
            """CREATE OR REPLACE TEMP TABLE new_ids AS
            SELECT id FROM batch_documents b
            WHERE id NOT IN (SELECT id FROM documents)
              AND (id IN (SELECT id FROM batch_updates)
                   OR raw_hash NOT IN (SELECT raw_hash FROM documents WHERE raw_hash IS NOT NULL))
            QUALIFY row_number() OVER (PARTITION BY id) = 1"""
        )
        con.execute(
            """INSERT INTO documents BY NAME SELECT * FROM batch_documents
            WHERE id IN (SELECT id FROM new_ids)
            QUALIFY row_number() OVER (PARTITION BY id) = 1"""
        )
        for name in ("sentences", "entities", "event_reports"):
            con.execute(
                f"INSERT INTO {name} BY NAME SELECT * FROM batch_{name} "
                "WHERE doc_id IN (SELECT id FROM new_ids)"
            )
        con.execute(
            """INSERT INTO dedup_pending
            SELECT DISTINCT root, source_code, target_code FROM batch_event_reports
            WHERE doc_id IN (SELECT id FROM new_ids)"""
        )
        documents = _count(con, "SELECT count(*) FROM new_ids")
        reports = _count(
            con,
            "SELECT count(*) FROM batch_event_reports WHERE doc_id IN (SELECT id FROM new_ids)",
        )
        con.execute("DROP TABLE new_ids")
        return WriteResult(documents, reports, updated if not replace else 0)

    def _delete_documents(self, con: duckdb.DuckDBPyConnection, id_query: str) -> None:
        con.execute(
            f"""INSERT INTO dedup_pending
            SELECT DISTINCT root, source_code, target_code FROM event_reports
            WHERE doc_id IN ({id_query})"""
        )
        for name in ("sentences", "entities", "event_reports"):
            con.execute(f"DELETE FROM {name} WHERE doc_id IN ({id_query})")
        con.execute(f"DELETE FROM documents WHERE id IN ({id_query})")

    def count(self, table: str) -> int:
        if table not in (*TABLES, "events", "event_members"):
            raise ValueError(f"unknown table {table!r}")
        return _count(self.connection, f"SELECT count(*) FROM {table}")


def _read_version(database: Path) -> int:
    connection = duckdb.connect(str(database), read_only=True)
    try:
        return stored_version(connection)
    finally:
        connection.close()


def _count(con: duckdb.DuckDBPyConnection, sql: str, params: Any = None) -> int:
    row = con.execute(sql, params).fetchone()
    return int(row[0]) if row else 0
