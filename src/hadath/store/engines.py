"""Where coding runs: in this process, in a local process pool, or (hadath.store.dask_engine)
on a Dask cluster. An engine maps the pipeline over batches of documents and yields what
each batch gave, in input order; the parent process writes it to the store."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import shutil
import signal
import sys
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pyarrow as pa

from hadath.api import CoderOptions
from hadath.model import Document
from hadath.store.batches import (
    BatchResult,
    BatchTiming,
    code_batch,
    code_batch_to_arrow,
    warm_pipeline,
)
from hadath.store.core import LOCK_NAME
from hadath.store.rows import TABLES

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


@dataclass(slots=True)
class BatchOutcome:
    """A coded batch: its Arrow tables in memory, or a Parquet shard directory written by a
    worker."""

    arrow: dict[str, pa.Table] | None = None
    shard: Path | None = None
    coded: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    timing: BatchTiming | None = None

    def tables(self) -> dict[str, pa.Table]:
        if self.arrow is not None:
            return self.arrow
        assert self.shard is not None, "an outcome holds tables or a shard"
        import pyarrow.parquet as pq

        return {name: pq.read_table(self.shard / f"{name}.parquet") for name in TABLES}

    def done(self) -> None:
        """The store holds the batch: a shard on disk is no longer needed."""
        if self.shard is not None:
            shutil.rmtree(self.shard, ignore_errors=True)

    @classmethod
    def of(cls, result: BatchResult) -> BatchOutcome:
        return cls(
            arrow=result.tables(), coded=result.coded, skipped=result.skipped, timing=result.timing
        )


class Engine(Protocol):
    def run(
        self, batches: Iterator[list[Document]], options: CoderOptions
    ) -> Iterator[BatchOutcome]: ...


class LocalEngine:
    """`workers` <= 1 codes in this process; more use a pool of worker processes.

    Workers are forked where the platform can (Linux): the parent builds and warms the
    pipeline first (dictionaries, patterns, gazetteer, recogniser: ~5-10 s of CPU), and
    every worker inherits it instead of loading its own (spawned workers each paid it). The
    parent's DuckDB threads are idle while it forks and the children never touch DuckDB;
    the morphology cache's SQLite connection is closed first, so no child shares it (each
    reopens its own); a child closes its copy of the store-lock descriptor and dies with
    the parent; `start` forks before the CLI's progress bar starts its thread; and the
    inherited objects are frozen out of the children's garbage collection (gc.freeze), so
    a child neither finalises a parent's object nor copies pages just to scan them.
    Elsewhere (macOS, Windows) workers are spawned and load the pipeline themselves.
    """

    def __init__(self, workers: int = 1, *, start_method: str | None = None) -> None:
        self.workers = max(1, workers)
        # None: fork on Linux, spawn elsewhere; "spawn" forces it (bench/ingest.py compares).
        self.start_method = start_method or (
            "fork" if sys.platform.startswith("linux") else "spawn"
        )
        self._pool: ProcessPoolExecutor | None = None

    def start(self, options: CoderOptions) -> None:
        """Warm the pipeline and start the worker processes now (idempotent)."""
        if self.workers == 1 or self._pool is not None:
            return
        if self.start_method == "fork":
            warm_pipeline(options)
            _close_inherited_connections()
            gc.collect()
            gc.freeze()
            pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_forked_worker_started,
                initargs=(os.getpid(),),
            )
        else:  # pragma: no cover - not on Linux
            pool = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn")
            )
        try:
            pool.submit(_ready).result()  # a forking pool starts all its workers on first use
        finally:
            gc.unfreeze()
        self._pool = pool

    def run(
        self, batches: Iterator[list[Document]], options: CoderOptions
    ) -> Iterator[BatchOutcome]:
        if self.workers == 1:
            for batch in batches:
                yield BatchOutcome.of(code_batch(batch, options))
            return
        self.start(options)
        pool, self._pool = self._pool, None
        assert pool is not None
        with pool:
            try:
                yield from _bounded(pool, batches, options, 4 * self.workers)
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise


def _close_inherited_connections() -> None:
    """The morphology disk cache reopens lazily: closed here, each process opens its own."""
    from hadath.morph.analyser import default_analyser

    default_analyser().close()


def _forked_worker_started(parent: int) -> None:
    """Let go of the store's lock (an flock held through the inherited descriptor would
    outlive a killed parent and make the next run find the store busy) and die with the
    parent (PR_SET_PDEATHSIG), so a SIGKILLed ingest leaves no worker behind."""
    descriptors = Path("/proc/self/fd")
    for entry in descriptors.iterdir() if descriptors.is_dir() else ():
        with contextlib.suppress(OSError):
            if entry.readlink().name == LOCK_NAME:
                os.close(int(entry.name))  # closing a duplicate does not unlock the parent's
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _ready() -> bool:
    return True


def _bounded(
    pool: ProcessPoolExecutor,
    batches: Iterator[list[Document]],
    options: CoderOptions,
    in_flight: int,
) -> Iterator[BatchOutcome]:
    """Keep at most `in_flight` batches queued, so memory stays flat on any corpus; yield
    results in input order, so the store is written in the same order on every run. Four
    per worker: a long batch at the head of the queue must not leave the other workers
    idle while it finishes."""
    pending: deque[Future[BatchResult]] = deque()
    for batch in batches:
        pending.append(pool.submit(code_batch_to_arrow, batch, options))
        if len(pending) >= in_flight:
            yield BatchOutcome.of(pending.popleft().result())
    while pending:
        yield BatchOutcome.of(pending.popleft().result())
