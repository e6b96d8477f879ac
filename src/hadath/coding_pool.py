"""Worker processes for the chunks of a long text (hadath.coding.iter_coded).

One 5 M-character chunk takes ~100 s of CPU and ~1.6 GB to code, and a 50 MB file is six of
them: coded one after another they used one core of two (579 s). The workers are forked
from this process once its pipeline is warm (dictionaries, gazetteer, recogniser, analyser),
so none loads its own; the morphology cache's SQLite connection is closed first (each
process reopens its own) and the inherited objects are frozen out of the children's
garbage collection, as the store's ingest pool does (hadath.store.engines). Where fork is
not available (macOS, Windows) chunks are coded in this process.

A coded chunk comes back without its tokens (`Sentence.tokens` empty; sentences keep their
index, span and text): on a 2.75 M-character document pickling the tokens took 7-11 s and
unpickling them 11 s, 75% of the bytes, against 0.9 s and 3.3 s for everything else —
the events, entities, stats, warnings and clean text the outputs write. A chunk that fails
comes back as its error's name, counted as a skip like a document coded here.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from hadath.api import CoderOptions, coding_pipeline
from hadath.model import Document
from hadath.pipeline import Pipeline

log = logging.getLogger(__name__)

#: Words every stage has something to do with (names, a title, a place, a trigger, a date):
#: coding them loads what the stages load lazily, before the workers are forked.
_WARM_TEXT = "استقبل الرئيس المصري وفدا من حركة حماس في القاهرة أمس لبحث التهدئة."

#: Default ceiling on workers: each holds a whole chunk's annotations (~1.6 GB for 5 M
#: characters), and the machine this was measured on has 2 cores.
DEFAULT_MAX_WORKERS = 2


@dataclass(slots=True)
class CodedChunk:
    """A coded document, or (doc None) the name of the error that stopped its coding."""

    doc_id: str
    doc: Document | None = None
    error: str = ""


@dataclass(slots=True)
class Queued:
    """A chunk a worker codes; the document is kept to code it here if the worker dies."""

    doc: Document
    future: Future[CodedChunk]


def available_workers(ceiling: int = DEFAULT_MAX_WORKERS) -> int:
    """The cores this process may run on, at most `ceiling`; 1 where fork is unavailable."""
    if not sys.platform.startswith("linux"):
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - Linux has sched_getaffinity
        cores = os.cpu_count() or 1
    return max(1, min(cores, ceiling))


def code_quietly(pipeline: Pipeline, doc: Document) -> CodedChunk:
    """Code one document; a bug on one must not end a corpus run."""
    try:
        return CodedChunk(doc.id, pipeline(doc))
    except Exception as error:
        log.exception("coding failed for %s", doc.id)
        return CodedChunk(doc.id, error=type(error).__name__)


class ChunkPool:
    """A fork pool started on the first chunk; `usable` turns False if it breaks, and the
    chunks still to come are then coded in the calling process."""

    def __init__(self, workers: int, options: CoderOptions) -> None:
        self.workers = workers
        self.options = options
        self._pool: ProcessPoolExecutor | None = None
        self.usable = True

    def submit(self, doc: Document, pipeline: Pipeline) -> Queued | CodedChunk:
        """The chunk sent to a worker, or (the pool broken) coded here."""
        try:
            if self._pool is None:
                self._pool = self._start()
            return Queued(doc, self._pool.submit(_code_chunk, doc, self.options))
        except (BrokenProcessPool, OSError) as error:  # OSError: no fork (memory, limits)
            return self._broken(error, pipeline, doc)

    def result(self, queued: Queued, pipeline: Pipeline) -> CodedChunk:
        """The worker's outcome; if the pool broke (a worker killed: out of memory?), the
        chunk is coded here, and so is every chunk after it."""
        try:
            return queued.future.result()
        except BrokenProcessPool as error:
            return self._broken(error, pipeline, queued.doc)

    def _broken(self, error: Exception, pipeline: Pipeline, doc: Document) -> CodedChunk:
        if self.usable:
            log.error("chunk workers unusable (%r): coding the rest in this process", error)
        self.usable = False
        return code_quietly(pipeline, doc)

    def _start(self) -> ProcessPoolExecutor:
        warm = coding_pipeline(self.options)
        code_quietly(warm, Document(raw_text=_WARM_TEXT))
        from hadath.morph.analyser import default_analyser

        default_analyser().close()  # each process opens its own SQLite connection
        gc.collect()
        gc.freeze()  # the children inherit these objects; their collections skip them
        try:
            pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"))
            pool.submit(_ready).result()  # a fork pool starts all its workers at first use
        finally:
            gc.unfreeze()
        return pool

    def close(self, *, abandon: bool = False) -> None:
        """Wait for the workers to exit; `abandon`: stop them now, their chunks unfinished
        (a worker busy with a chunk would otherwise hold the exit for up to ~100 s)."""
        if self._pool is None:
            return
        pool, self._pool = self._pool, None
        if abandon:
            # ProcessPoolExecutor has no public way to stop a busy worker before Python 3.14
            # (terminate_workers): `_processes` is its table of worker processes.
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
        pool.shutdown(wait=not abandon, cancel_futures=True)


def _ready() -> bool:
    return True


def _code_chunk(doc: Document, options: CoderOptions) -> CodedChunk:
    """In a worker: code the chunk and send it back without its tokens.

    The cyclic garbage collector is off while a chunk is coded: a chunk's annotations are
    millions of live objects, and each full collection walked them all, 15% of the CPU
    on a 2.75 M-character document (47.7 -> 40.3 s) with the same peak RSS (885 MB both:
    the stages leave next to no cyclic garbage). Reference counting frees the rest."""
    gc.disable()
    try:
        outcome = code_quietly(coding_pipeline(options), doc)
    finally:
        gc.enable()
    if outcome.doc is not None:
        for sentence in outcome.doc.sentences:
            sentence.tokens = []
    return outcome
