"""Coding many inputs: read, code, and stream the documents with what was skipped.

The CLI's `code` and `entities` commands and the evaluation harness call `iter_coded`; a
document that fails inside the pipeline is counted and skipped, never the end of the run.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from hadath.api import CoderOptions, coding_pipeline
from hadath.ingest import IngestOptions, IngestReport, read_inputs
from hadath.model import Document

log = logging.getLogger(__name__)


def iter_coded(
    inputs: Iterable[str | Path],
    *,
    ingest: IngestOptions | None = None,
    report: IngestReport | None = None,
    options: CoderOptions | None = None,
    published: dt.date | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Document]:
    """Code every document of the inputs; `published` stands in where a document has none."""
    report = report if report is not None else IngestReport()
    pipeline = coding_pipeline(options or CoderOptions())
    for doc in read_inputs(inputs, ingest, report, stdin=stdin):
        if doc.published is None:
            doc.published = published
        try:
            coded = pipeline(doc)
        except Exception as error:  # a bug on one article must not end a corpus run
            log.exception("coding failed for %s", doc.id)
            report.skip(doc.id, f"coding failed: {type(error).__name__}")
            continue
        if not coded.clean_text.strip():
            report.warn(
                f"{coded.source or coded.id}: {coded.warnings[-1] if coded.warnings else 'empty'}"
            )
        yield coded
