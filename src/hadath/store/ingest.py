"""`hadath ingest`: read inputs, skip what the store holds, code the rest, write by batch.

The parent process reads the inputs, drops documents already stored (by id or by content
hash) or repeated in the input, hands batches to an engine (in-process, a process pool, or
Dask) and alone writes to DuckDB: each batch in one transaction, so killing the run at any
moment and running it again loses nothing and duplicates nothing. A document whose id is
stored (or was read earlier in the run) with another text is a newer version: it is coded
and replaces the old one in its batch's transaction ("updated"). Reports are merged into
events as batches are written, at most every `merge_seconds`, and at the end (any merge a
killed run left pending is done first), so a killed run's store shows the events of what
it wrote up to its last merge.
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
    id_field: str | None = None  # JSON field holding the document id (e.g. url)
    coder: CoderOptions = field(default_factory=CoderOptions)
    read: IngestOptions = field(default_factory=IngestOptions)
    # Pending reports are merged into events after a batch when this long has passed since
    # the last merge (and 20 times the last merge's duration: merging a dyad re-reads all its
    # reports, so merging after every batch of a long run would cost more and more).
    merge_seconds: float = 30.0

    def read_options(self) -> IngestOptions:
        fields = self.read.json_fields
        if self.date_field:
            fields = replace(fields, published=(self.date_field,))
        if self.id_field:
            fields = replace(fields, id=(self.id_field,))
        return replace(self.read, json_fields=fields)


@dataclass(slots=True)
class IngestSummary:
    """What a run read, coded, skipped (with reasons), found duplicated and added."""

    read: int = 0
    coded: int = 0
    duplicates: int = 0
    updated: int = 0  # stored documents replaced by a newer version (same id, other text)
    skipped: Counter[str] = field(default_factory=Counter)
    documents_added: int = 0  # new documents (updated ones not counted)
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
            f"updated {self.updated} document(s); "
            f"events {self.events_total} ({self.events_added:+d})",
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


@dataclass(slots=True)
class _Seen:
    """What the run has read so far: each id's latest text hash, every hash, and the ids
    to write as updates of a stored (or earlier) version."""

    hashes_by_id: dict[str, str] = field(default_factory=dict)
    hashes: set[str] = field(default_factory=set)
    updates: set[str] = field(default_factory=set)


def _classify(
    doc_id: str, digest: str, stored: dict[str, str | None], stored_hashes: set[str], seen: _Seen
) -> str:
    """ "new", "update" or "duplicate" for a document read now."""
    earlier = seen.hashes_by_id.get(doc_id, stored.get(doc_id))
    if doc_id in seen.hashes_by_id or doc_id in stored:
        return "duplicate" if earlier == digest else "update"
    if digest in stored_hashes or digest in seen.hashes:
        return "duplicate"  # the same text under another id
    return "new"


def _fresh_batches(
    store: Store,
    documents: Iterator[Document],
    settings: IngestSettings,
    summary: IngestSummary,
    seen: _Seen,
) -> Iterator[list[Document]]:
    """Batches of documents new to the store or newer versions of stored ones. A batch
    never holds one id twice: a second version read ends the batch, so versions are
    written in the order they were read and the last one stays."""
    while True:
        chunk = [doc for _, doc in zip(range(settings.batch_size), documents, strict=False)]
        if not chunk:
            return
        digests = [raw_hash(doc.raw_text) for doc in chunk]
        stored, stored_hashes = store.known({d.id for d in chunk}, set(digests))
        batch: list[Document] = []
        in_batch: set[str] = set()
        for doc, digest in zip(chunk, digests, strict=True):
            kind = _classify(doc.id, digest, stored, stored_hashes, seen)
            if kind == "duplicate":
                summary.duplicates += 1
                continue
            seen.hashes_by_id[doc.id] = digest
            seen.hashes.add(digest)
            if kind == "update":
                seen.updates.add(doc.id)
                if doc.id in in_batch:
                    yield batch
                    batch, in_batch = [], set()
            if doc.published is None:
                doc.published = settings.published
            batch.append(doc)
            in_batch.add(doc.id)
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
    # Counted before the merge below: events built from what a killed run left are this
    # run's to report.
    summary.events_before = store.count("events")
    merge_pending(store)  # what a killed run left unmerged
    sync_search(store)  # what it left unindexed, or an index of an older format
    report = IngestReport()
    documents = read_inputs(list(paths), settings.read_options(), report)
    engine = engine or LocalEngine(settings.workers)
    seen = _Seen()
    batches = _fresh_batches(store, documents, settings, summary, seen)
    merger = _Merger(store, settings.merge_seconds)
    recorded = False
    for outcome in engine.run(batches, settings.coder):
        if not recorded:
            # What the entries are under the versions this run stamps, for a later
            # `recode`; before the first write, and only when there is one (a run that
            # refuses its input does not pay for loading the dictionaries here).
            prints.record(store, prints.pipeline_knowledge(settings.coder))
            recorded = True
        _store_outcome(store, outcome, summary, seen.updates)
        merger.maybe_merge()
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


class _Merger:
    """Merges pending reports into events now and then while batches are written."""

    def __init__(self, store: Store, interval: float) -> None:
        self.store = store
        self.interval = interval
        self.last = time.perf_counter()
        self.took = 0.0

    def maybe_merge(self) -> None:
        now = time.perf_counter()
        if now - self.last < max(self.interval, 20 * self.took):
            return
        merge_pending(self.store)
        self.last = time.perf_counter()
        self.took = self.last - now


def _store_outcome(
    store: Store, outcome: BatchOutcome, summary: IngestSummary, updates: set[str]
) -> None:
    tables = outcome.tables()
    ids = set(tables["documents"].column("id").to_pylist())
    replacing = ids & updates
    if replacing:
        # Out of the search index first: a run killed before the write below leaves the old
        # version unindexed, which the next run's `sync_search` indexes again.
        search.remove_documents(store.search_path, sorted(replacing))
    written = store.write_tables(tables, update_ids=replacing)
    search.add_sentences(store.search_path, tables["sentences"])
    outcome.done()
    if outcome.timing is not None:
        summary.batches.append(outcome.timing)
    summary.coded += outcome.coded
    summary.updated += written.updated
    summary.documents_added += written.documents - written.updated
    summary.reports_added += written.reports
    for _doc_id, reason in outcome.skipped:
        summary.skipped[reason] += 1
