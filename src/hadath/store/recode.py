"""`hadath recode`: code again the documents a dictionary, pattern or coder change can affect.

Every document records the dictionary, pattern and coder versions that coded it; a document
is re-coded when any of the three differs from the current pipeline's. That is what a change
can affect at document granularity: a changed actor entry can alter any document's entities,
and through them its events, so narrowing further (e.g. to documents containing a changed
entry's names) would need a per-entry diff of the dictionaries, which the versions (hashes
of whole files) do not give. Re-coding overwrites the document's rows in one transaction
per batch and queues its dyads for merging, so it is as resumable as ingest.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

from hadath.api import CoderOptions, coding_pipeline
from hadath.model import Document
from hadath.store import search
from hadath.store.core import Store
from hadath.store.dedup import merge_pending
from hadath.store.engines import Engine, LocalEngine
from hadath.store.indexing import sync_search

_PROBE_TEXT = "استقبل الرئيس وفدا."


def current_versions(options: CoderOptions) -> dict[str, str]:
    """The versions the current pipeline stamps on what it codes."""
    doc = coding_pipeline(options)(Document(raw_text=_PROBE_TEXT))
    return {
        name: str(doc.meta.get(name) or "")
        for name in ("dictionary_version", "patterns_version", "coder_version")
    }


@dataclass(slots=True)
class RecodeSummary:
    stale: int = 0
    recoded: int = 0
    skipped: int = 0
    events_total: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        return [
            f"{self.stale} document(s) coded with other versions; re-coded {self.recoded}, "
            f"skipped {self.skipped}; events {self.events_total}; {self.seconds:.1f} s"
        ]


def stale_documents(
    store: Store, versions: dict[str, str], batch_size: int
) -> Iterator[list[Document]]:
    cursor = store.cursor()
    cursor.execute(
        """SELECT id, raw_text, source, url, published, title, path FROM documents
        WHERE dictionary_version IS DISTINCT FROM ? OR patterns_version IS DISTINCT FROM ?
           OR coder_version IS DISTINCT FROM ? ORDER BY id""",
        [versions["dictionary_version"], versions["patterns_version"], versions["coder_version"]],
    )
    while rows := cursor.fetchmany(batch_size):
        batch = []
        for doc_id, raw, source, url, published, title, path in rows:
            doc = Document(
                raw_text=raw, id=doc_id, source=source, url=url, published=published, title=title
            )
            doc.meta["path"] = path
            batch.append(doc)
        yield batch


def count_stale(store: Store, versions: dict[str, str]) -> int:
    row = store.connection.execute(
        """SELECT count(*) FROM documents
        WHERE dictionary_version IS DISTINCT FROM ? OR patterns_version IS DISTINCT FROM ?
           OR coder_version IS DISTINCT FROM ?""",
        [versions["dictionary_version"], versions["patterns_version"], versions["coder_version"]],
    ).fetchone()
    return int(row[0]) if row else 0


def recode(
    store: Store,
    options: CoderOptions | None = None,
    *,
    engine: Engine | None = None,
    batch_size: int = 16,
) -> RecodeSummary:
    started = time.perf_counter()
    options = options or CoderOptions()
    versions = current_versions(options)
    summary = RecodeSummary(stale=count_stale(store, versions))
    # Read the stale ids up front: the cursor must not see rows this run rewrites.
    batches = list(stale_documents(store, versions, batch_size))
    for outcome in (engine or LocalEngine()).run(iter(batches), options):
        tables = outcome.tables()
        written = store.write_tables(tables, replace=True)
        ids = tables["documents"].column("id").to_pylist()
        search.remove_documents(store.search_path, ids)
        search.add_sentences(store.search_path, tables["sentences"])
        outcome.done()
        summary.recoded += written.documents
        summary.skipped += len(outcome.skipped)
    merge_pending(store)
    sync_search(store)
    summary.events_total = store.count("events")
    summary.seconds = time.perf_counter() - started
    return summary
