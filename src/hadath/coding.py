"""Coding many inputs: read, code, and stream the documents with what was skipped.

The CLI's `code` and `entities` commands and the evaluation harness call `iter_coded`; a
document that fails inside the pipeline is counted and skipped, never the end of the run.

A text longer than the document size limit reaches the pipeline as chunks (one document
each, `meta["chunk"]`, hadath.ingest.text), which share nothing in coding: they are coded on
up to `workers` processes (hadath.coding_pool), yielded in input order, with the same events
and entities as when coded here one after another. Short documents stay in this process.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from hadath.api import CoderOptions, coding_pipeline
from hadath.coding_pool import ChunkPool, CodedChunk, Queued, available_workers, code_quietly
from hadath.ingest import IngestOptions, IngestReport, read_inputs
from hadath.model import Document
from hadath.pipeline import Pipeline

log = logging.getLogger(__name__)


def iter_coded(
    inputs: Iterable[str | Path],
    *,
    ingest: IngestOptions | None = None,
    report: IngestReport | None = None,
    options: CoderOptions | None = None,
    published: dt.date | None = None,
    stdin: IO[bytes] | None = None,
    workers: int | None = None,
) -> Iterator[Document]:
    """Code every document of the inputs; `published` stands in where a document has none.

    `workers`: processes for the chunks of a long text (None: up to 2 of this machine's
    cores, `available_workers`; 1: all in this process)."""
    report = report if report is not None else IngestReport()
    options = options or CoderOptions()
    pipeline = coding_pipeline(options)
    count = available_workers() if workers is None else max(1, workers)
    pool = ChunkPool(count, options) if count > 1 else None
    # In input order: a chunk's future, or a document coded here while chunks were away.
    pending: deque[Queued | CodedChunk] = deque()
    try:
        for doc in read_inputs(inputs, ingest, report, stdin=stdin):
            if doc.published is None:
                doc.published = published
            if pool is not None and doc.meta.get("chunk") and pool.usable:
                pending.append(pool.submit(doc, pipeline))
            else:
                pending.append(code_quietly(pipeline, doc))
            while pending and (len(pending) > count or _ready(pending[0])):
                yield from _finished(pending.popleft(), report, pipeline, pool)
        while pending:
            yield from _finished(pending.popleft(), report, pipeline, pool)
    except BaseException:  # an error, Ctrl-C, or the caller stopped reading: no waiting
        if pool is not None:
            pool.close(abandon=True)
        raise
    if pool is not None:
        pool.close()


def _ready(item: Queued | CodedChunk) -> bool:
    return not isinstance(item, Queued) or item.future.done()


def _finished(
    item: Queued | CodedChunk,
    report: IngestReport,
    pipeline: Pipeline,
    pool: ChunkPool | None,
) -> Iterator[Document]:
    """The coded document (or its counted skip) of one queued item."""
    outcome = pool.result(item, pipeline) if isinstance(item, Queued) and pool else item
    assert isinstance(outcome, CodedChunk), "a queued chunk has its pool"
    if outcome.doc is None:
        report.skip(outcome.doc_id, f"coding failed: {outcome.error}")
        return
    coded = outcome.doc
    if not coded.clean_text.strip():
        report.warn(
            f"{coded.source or coded.id}: {coded.warnings[-1] if coded.warnings else 'empty'}"
        )
    yield coded
