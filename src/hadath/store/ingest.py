"""`hadath ingest`: read inputs, skip what the store holds, code the rest, write by batch.

The parent process reads the inputs, drops documents already stored (by id or by content
hash) or repeated in the input, hands batches to an engine (in-process, a process pool, or
Dask) and alone writes to DuckDB: each batch in one transaction, so killing the run at any
moment and running it again loses nothing and duplicates nothing. Reports are merged into
events at the end (and any merge a killed run left pending is done first).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from hadath.api import CoderOptions
from hadath.ingest import IngestOptions, IngestReport, read_inputs
from hadath.model import Document
from hadath.store import prints, search
from hadath.store.batches import BatchTiming
from hadath.store.core import Store
from hadath.store.dedup import merge_pending
from hadath.store.engines import BatchOutcome, Engine, LocalEngine
from hadath.store.indexing import sync_search
from hadath.store.rows import raw_hash


@dataclass(frozen=True)
class IngestSettings:
    """Everything that shapes an ingest run, declared once."""

    workers: int = 1  # coding processes; 1 codes in this process
    batch_size: int = 16  # documents per batch (one transaction each)
    published: dt.date | None = None  # publication date for documents that carry none
    date_field: str | None = None  # JSON field holding the publication date
    coder: CoderOptions = field(default_factory=CoderOptions)
    read: IngestOptions = field(default_factory=IngestOptions)

    def read_options(self) -> IngestOptions:
        if not self.date_field:
            return self.read
        fields = replace(self.read.json_fields, published=(self.date_field,))
        return replace(self.read, json_fields=fields)


@dataclass(slots=True)
class IngestSummary:
    """What a run read, coded, skipped (with reasons), found duplicated and added."""

    read: int = 0
    coded: int = 0
    duplicates: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    documents_added: int = 0
    reports_added: int = 0
    events_before: int = 0
    events_total: int = 0
    seconds: float = 0.0
    total_expected: int | None = None
    parent_cpu: float = 0.0  # CPU seconds of this (the writing) process
    batches: list[BatchTiming] = field(default_factory=list)  # where and how long each took

    @property
    def worker_cpu(self) -> float:
        """CPU seconds spent coding, summed over batches (in workers, or here with one)."""
        return sum(timing.cpu for timing in self.batches)

    @property
    def events_added(self) -> int:
        return self.events_total - self.events_before

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def lines(self) -> list[str]:
        rate = self.coded / self.seconds if self.seconds else 0.0
        lines = [
            f"read {self.read}, coded {self.coded}, duplicates {self.duplicates}, "
            f"skipped {self.skipped_total}",
            f"added {self.documents_added} document(s), {self.reports_added} event report(s); "
            f"events {self.events_total} (+{self.events_added})",
            f"{self.seconds:.1f} s, {rate:.2f} articles/s",
        ]
        lines += [f"  skipped {n} × {reason}" for reason, n in sorted(self.skipped.items())]
        return lines


ProgressCallback = Callable[[IngestSummary], None]


def count_documents(paths: Iterable[str | Path], settings: IngestSettings) -> int:
    """How many items the inputs hold — documents, and records or files skipped while
    reading, which the progress bar also counts as done (a cheap pass without coding)."""
    report = IngestReport()
    documents = sum(1 for _doc in read_inputs(paths, settings.read_options(), report))
    return documents + sum(report.skipped.values())


def _fresh_batches(
    store: Store,
    documents: Iterator[Document],
    settings: IngestSettings,
    summary: IngestSummary,
) -> Iterator[list[Document]]:
    """Batches of documents neither stored nor seen earlier in this run."""
    seen_ids: set[str] = set()
    seen_hashes: set[str] = set()
    while True:
        chunk = [doc for _, doc in zip(range(settings.batch_size), documents, strict=False)]
        if not chunk:
            return
        hashes = {doc.id: raw_hash(doc.raw_text) for doc in chunk}
        known_ids, known_hashes = store.known(hashes.keys(), hashes.values())
        batch = []
        for doc in chunk:
            digest = hashes[doc.id]
            if doc.id in known_ids | seen_ids or digest in known_hashes | seen_hashes:
                summary.duplicates += 1
                continue
            seen_ids.add(doc.id)
            seen_hashes.add(digest)
            if doc.published is None:
                doc.published = settings.published
            batch.append(doc)
        if batch:
            yield batch


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    settings: IngestSettings = IngestSettings(),
    *,
    engine: Engine | None = None,
    progress: ProgressCallback | None = None,
) -> IngestSummary:
    """Code and store every new document of `paths`; see the module docstring."""
    started, cpu = time.perf_counter(), time.process_time()
    summary = IngestSummary()
    merge_pending(store)  # what a killed run left unmerged
    sync_search(store)  # what it left unindexed, or an index of an older format
    # What the entries are under the versions this run stamps, for a later `recode`.
    prints.record(store, prints.pipeline_knowledge(settings.coder))
    summary.events_before = store.count("events")
    report = IngestReport()
    documents = read_inputs(list(paths), settings.read_options(), report)
    engine = engine or LocalEngine(settings.workers)
    batches = _fresh_batches(store, documents, settings, summary)
    for outcome in engine.run(batches, settings.coder):
        _store_outcome(store, outcome, summary)
        summary.read = report.documents
        summary.seconds = time.perf_counter() - started
        summary.parent_cpu = time.process_time() - cpu
        if progress:
            progress(summary)
    summary.read = report.documents
    summary.skipped.update(report.skipped)
    merge_pending(store)
    sync_search(store)
    summary.events_total = store.count("events")
    summary.seconds = time.perf_counter() - started
    summary.parent_cpu = time.process_time() - cpu
    if progress:
        progress(summary)  # the last word, also when every document was a duplicate
    return summary


def _store_outcome(store: Store, outcome: BatchOutcome, summary: IngestSummary) -> None:
    tables = outcome.tables()
    written = store.write_tables(tables)
    search.add_sentences(store.search_path, tables["sentences"])
    outcome.done()
    if outcome.timing is not None:
        summary.batches.append(outcome.timing)
    summary.coded += outcome.coded
    summary.documents_added += written.documents
    summary.reports_added += written.reports
    for _doc_id, reason in outcome.skipped:
        summary.skipped[reason] += 1
