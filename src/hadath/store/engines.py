"""Where coding runs: in this process, in a local process pool, or (hadath.store.dask_engine)
on a Dask cluster. An engine maps `code_batch` over batches of documents and yields what
each batch gave, in input order; the parent process writes it to the store."""

from __future__ import annotations

import multiprocessing
import shutil
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pyarrow as pa

from hadath.api import CoderOptions
from hadath.model import Document
from hadath.store.batches import BatchResult, code_batch
from hadath.store.rows import TABLES, DocumentRows


@dataclass(slots=True)
class BatchOutcome:
    """A coded batch: its rows in memory, or a Parquet shard directory written by a worker."""

    rows: DocumentRows | None = None
    shard: Path | None = None
    coded: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def tables(self) -> dict[str, pa.Table]:
        if self.rows is not None:
            return {name: self.rows.arrow(name) for name in TABLES}
        assert self.shard is not None, "an outcome holds rows or a shard"
        import pyarrow.parquet as pq

        return {name: pq.read_table(self.shard / f"{name}.parquet") for name in TABLES}

    def done(self) -> None:
        """The store holds the batch: a shard on disk is no longer needed."""
        if self.shard is not None:
            shutil.rmtree(self.shard, ignore_errors=True)

    @classmethod
    def of(cls, result: BatchResult) -> BatchOutcome:
        return cls(rows=result.rows, coded=result.coded, skipped=result.skipped)


class Engine(Protocol):
    def run(
        self, batches: Iterator[list[Document]], options: CoderOptions
    ) -> Iterator[BatchOutcome]: ...


class LocalEngine:
    """`workers` <= 1 codes in this process; more use a pool of spawned processes (the
    parent holds DuckDB's threads, which a forked child must not inherit)."""

    def __init__(self, workers: int = 1) -> None:
        self.workers = max(1, workers)

    def run(
        self, batches: Iterator[list[Document]], options: CoderOptions
    ) -> Iterator[BatchOutcome]:
        if self.workers == 1:
            for batch in batches:
                yield BatchOutcome.of(code_batch(batch, options))
            return
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(self.workers, mp_context=context) as pool:
            try:
                yield from _bounded(pool, batches, options, 2 * self.workers)
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise


def _bounded(
    pool: ProcessPoolExecutor,
    batches: Iterator[list[Document]],
    options: CoderOptions,
    in_flight: int,
) -> Iterator[BatchOutcome]:
    """Keep at most `in_flight` batches queued, so memory stays flat on any corpus; yield
    results in input order, so the store is written in the same order on every run."""
    pending: deque[Future[BatchResult]] = deque()
    for batch in batches:
        pending.append(pool.submit(code_batch, batch, options))
        if len(pending) >= in_flight:
            yield BatchOutcome.of(pending.popleft().result())
    while pending:
        yield BatchOutcome.of(pending.popleft().result())
