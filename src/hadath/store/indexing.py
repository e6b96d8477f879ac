"""Keeping the derived search index in step with the store (`hadath index --db DIR`)."""

from __future__ import annotations

import pyarrow as pa

from hadath.store import search
from hadath.store.core import Store


def sync_search(store: Store) -> int:
    """Index the sentences of stored documents the search index lacks; return documents added."""
    indexed = pa.table({"doc_id": sorted(search.indexed_documents(store.search_path))})
    cursor = store.cursor()
    cursor.register("indexed_ids", indexed)
    table = cursor.sql(
        """SELECT doc_id, idx, key FROM sentences
        WHERE doc_id NOT IN (SELECT doc_id FROM indexed_ids) ORDER BY doc_id, idx"""
    ).to_arrow_table()
    cursor.unregister("indexed_ids")
    return search.add_sentences(store.search_path, table) if table.num_rows else 0


def rebuild_search(store: Store) -> int:
    """Drop the search index and build it again from the sentences table."""
    for suffix in ("", "-wal", "-shm"):
        path = store.search_path.with_name(store.search_path.name + suffix)
        path.unlink(missing_ok=True)
    return sync_search(store)
