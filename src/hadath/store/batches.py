"""The pipeline as a function from a batch of articles to rows: what a process-pool worker
or a Dask task runs. The coding pipeline is built once per process (`coding_pipeline` is
cached), so only the first batch a worker codes pays the ~10 s load."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from hadath.api import CoderOptions, coding_pipeline
from hadath.model import Document
from hadath.store.rows import DocumentRows, document_rows

log = logging.getLogger(__name__)


@dataclass(slots=True)
class BatchResult:
    rows: DocumentRows = field(default_factory=DocumentRows)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (document id, reason)
    coded: int = 0


def code_batch(
    docs: list[Document], options: CoderOptions, coded_at: dt.datetime | None = None
) -> BatchResult:
    """Code every document; one that fails is skipped with its reason, never the batch."""
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
    return result
