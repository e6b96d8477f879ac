"""A long text's chunks coded on worker processes: the same documents, events and entities,
in the same order, as coded one after another in this process."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from hadath import coding_pool
from hadath.coding import iter_coded
from hadath.events.output import entity_to_json, event_to_json
from hadath.ingest import IngestOptions, IngestReport
from hadath.model import Document

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="chunk workers are forked (Linux only)"
)

#: Each chunk a few articles: big enough to hold events, small enough to code in seconds.
CHUNK_CHARS = 1_200


@pytest.fixture(scope="module")
def long_text(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example articles pasted together twice, as one plain-text file."""
    texts = [p.read_text(encoding="utf-8").strip() for p in sorted(EXAMPLES.glob("*.txt"))]
    path = tmp_path_factory.mktemp("long") / "pasted.txt"
    path.write_text("\n\n".join(texts * 2) + "\n", encoding="utf-8")
    return path


def coded(paths: list[Path], workers: int) -> tuple[list[Document], IngestReport]:
    report = IngestReport()
    options = IngestOptions(max_document_chars=CHUNK_CHARS)
    docs = list(iter_coded(paths, ingest=options, report=report, workers=workers))
    return docs, report


def outputs(doc: Document) -> dict[str, Any]:
    """What the outputs write of a document, as JSON text."""
    return {
        "id": doc.id,
        "chunk": doc.meta.get("chunk"),
        "clean_text": doc.clean_text,
        "sentences": [(s.index, s.start, s.end, s.text) for s in doc.sentences],
        "events": json.dumps([event_to_json(doc, e) for e in doc.events], ensure_ascii=False),
        "entities": json.dumps([entity_to_json(e) for e in doc.entities], ensure_ascii=False),
        "stats": doc.stats.counts,
        "warnings": doc.warnings,
    }


def test_chunks_in_parallel_code_as_serially(long_text: Path) -> None:
    serial, serial_report = coded([long_text], workers=1)
    parallel, parallel_report = coded([long_text], workers=2)
    assert len(serial) >= 4, "the text should make several chunks"
    assert sum(len(d.events) for d in serial) > 0, "the chunks should hold events"
    assert [outputs(d) for d in parallel] == [outputs(d) for d in serial]
    assert parallel_report.chunked_inputs == serial_report.chunked_inputs == 1
    # Coded in workers: they come back without tokens (here they keep them).
    assert all(s.tokens for d in serial for s in d.sentences)
    assert not any(s.tokens for d in parallel for s in d.sentences)


def test_short_documents_between_chunks_keep_their_order(long_text: Path) -> None:
    short = sorted(EXAMPLES.glob("*.txt"))[:2]
    inputs = [short[0], long_text, short[1], long_text]
    serial, _ = coded(inputs, workers=1)
    parallel, _ = coded(inputs, workers=2)
    assert [outputs(d) for d in parallel] == [outputs(d) for d in serial]
    assert parallel[0].sentences[0].tokens, "a short document is coded in this process"


def _dies(doc: Document, options: object) -> coding_pool.CodedChunk:
    os._exit(3)  # a worker killed while coding (the out-of-memory killer, say)


def test_a_dead_worker_loses_no_chunk(long_text: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serial, _ = coded([long_text], workers=1)
    monkeypatch.setattr(coding_pool, "_code_chunk", _dies)
    parallel, report = coded([long_text], workers=2)
    assert [outputs(d) for d in parallel] == [outputs(d) for d in serial]
    assert report.skipped_total == 0


def test_a_failing_chunk_is_a_counted_skip(
    long_text: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hadath.events import coder

    def broken(self: object, doc: Document) -> Document:
        if doc.meta.get("chunk") == 2:
            raise RuntimeError("a bug on one chunk")
        return original(self, doc)  # type: ignore[arg-type]

    original = coder.EventStage.__call__
    monkeypatch.setattr(coder.EventStage, "__call__", broken)
    serial, serial_report = coded([long_text], workers=1)
    parallel, parallel_report = coded([long_text], workers=2)
    assert [outputs(d) for d in parallel] == [outputs(d) for d in serial]
    assert parallel_report.skipped_total == serial_report.skipped_total == 1
    assert parallel_report.skipped == {"coding failed: RuntimeError": 1}


def test_available_workers_is_bounded() -> None:
    assert 1 <= coding_pool.available_workers() <= coding_pool.DEFAULT_MAX_WORKERS
    assert coding_pool.available_workers(ceiling=1) == 1


def test_a_caller_that_stops_reading_stops_the_workers(long_text: Path) -> None:
    import multiprocessing
    import signal

    report = IngestReport()
    options = IngestOptions(max_document_chars=CHUNK_CHARS)
    documents = iter_coded([long_text], ingest=options, report=report, workers=2)
    first = next(documents)
    assert first.meta.get("chunk") == 1
    workers = multiprocessing.active_children()
    assert len(workers) == 2
    documents.close()  # Ctrl-C, or a consumer that had enough: the chunks left are dropped
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == -signal.SIGTERM
