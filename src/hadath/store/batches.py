"""The pipeline as a function from a batch of articles to rows: what a process-pool worker
or a Dask task runs. The coding pipeline is built once per process (`coding_pipeline` is
cached); a forked pool worker inherits it from the parent (`warm_pipeline`)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from dataclasses import dataclass, field

import pyarrow as pa

from hadath.api import CoderOptions, coding_pipeline
from hadath.model import Document
from hadath.store.rows import TABLES, DocumentRows, document_rows

log = logging.getLogger(__name__)

#: Words every stage has something to do with: names, a title, a place, a trigger, a date.
_WARM_TEXT = "استقبل الرئيس المصري وفدا من حركة حماس في القاهرة أمس لبحث التهدئة."


@dataclass(frozen=True, slots=True)
class BatchTiming:
    """What coding one batch cost, in the process that coded it."""

    cpu: float  # CPU seconds (user + system) of that process
    wall: float
    worker: int  # its process id


@dataclass(slots=True)
class BatchResult:
    rows: DocumentRows = field(default_factory=DocumentRows)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (document id, reason)
    coded: int = 0
    timing: BatchTiming | None = None
    arrow: dict[str, pa.Table] | None = None  # the rows as Arrow, once converted

    def tables(self) -> dict[str, pa.Table]:
        if self.arrow is not None:
            return self.arrow
        return {name: self.rows.arrow(name) for name in TABLES}


def code_batch(
    docs: list[Document], options: CoderOptions, coded_at: dt.datetime | None = None
) -> BatchResult:
    """Code every document; one that fails is skipped with its reason, never the batch."""
    started, cpu = time.perf_counter(), time.process_time()
    pipeline = coding_pipeline(options)
    result = BatchResult()
    stamp = coded_at or dt.datetime.now()
    for doc in docs:
        try:
            coded = pipeline(doc)
            rows = document_rows(coded, stamp)
        except Exception as error:  # one bad article must not end a corpus run
            log.warning("coding failed for %s: %r", doc.id, error)
            result.skipped.append((doc.id, f"coding failed: {type(error).__name__}"))
            continue
        result.rows.extend(rows)
        result.coded += 1
    result.timing = _timing(started, cpu)
    return result


def code_batch_to_arrow(docs: list[Document], options: CoderOptions) -> BatchResult:
    """`code_batch`, its rows turned into Arrow tables where they were coded: a pool worker
    sends compact columns back, and the (single) writing process does not convert them."""
    started, cpu = time.perf_counter(), time.process_time()
    result = code_batch(docs, options)
    result.arrow = result.tables()
    result.rows = DocumentRows()
    result.timing = _timing(started, cpu)
    return result


def _timing(started: float, cpu: float) -> BatchTiming:
    return BatchTiming(time.process_time() - cpu, time.perf_counter() - started, os.getpid())


def warm_pipeline(options: CoderOptions) -> None:
    """Build the pipeline and load what its stages load lazily (dictionaries, gazetteer,
    recogniser model), by coding one short text: forked workers then start warm."""
    try:
        coding_pipeline(options)(Document(raw_text=_WARM_TEXT))
    except Exception as error:  # a worker that cannot code will say so on its own batch
        log.warning("warming the pipeline failed: %r", error)
