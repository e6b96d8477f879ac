"""The event store: DuckDB as the record, SQLite FTS5 as a derived search index.

`Store(dir)` opens (and creates or migrates) a store; `hadath.store.queries` reads it;
`hadath.store.ingest` fills it; `hadath.store.dedup` merges reports into events.
"""

from hadath.store.core import Store, StoreBusyError, WriteResult
from hadath.store.rows import DocumentRows, document_rows

__all__ = ["DocumentRows", "Store", "StoreBusyError", "WriteResult", "document_rows"]
