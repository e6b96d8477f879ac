"""Coding on a Dask cluster: `code_batch` mapped over batches, each writing a Parquet shard.

A task codes a batch of articles and writes one Parquet file per table into a shard
directory under the staging directory, then `shard.json` last, as its commit mark. The
parent loads each finished shard into the store (one transaction) and deletes it; shards a
killed run left behind are loaded first by the next run, half-written ones are discarded.
Without a scheduler address a `LocalCluster` of worker processes is started. Scratch space
is set explicitly (the Dask default is ./dask-scratch-space or /tmp), never the home dir.
On a multi-node cluster the staging directory must be on a filesystem every worker and the
ingesting process share (docs/store.md).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import shutil
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hadath.api import CoderOptions
from hadath.model import Document
from hadath.store.batches import BatchTiming, code_batch
from hadath.store.engines import BatchOutcome

COMMIT_MARK = "shard.json"


def code_batch_to_shard(docs: list[Document], options: CoderOptions, shard: str) -> str:
    """Code a batch and write its rows as Parquet under `shard`; runs on a Dask worker."""
    import pyarrow.parquet as pq

    result = code_batch(docs, options)
    directory = Path(shard)
    directory.mkdir(parents=True, exist_ok=True)
    for name, table in result.tables().items():
        pq.write_table(table, directory / f"{name}.parquet")
    timing = result.timing
    mark = {
        "coded": result.coded,
        "skipped": result.skipped,
        "timing": [timing.cpu, timing.wall, timing.worker] if timing else None,
    }
    (directory / COMMIT_MARK).write_text(json.dumps(mark), encoding="utf-8")
    return shard


def shard_name(docs: list[Document]) -> str:
    ids = "\n".join(doc.id for doc in docs)
    return "shard-" + hashlib.sha256(ids.encode()).hexdigest()[:20]


def load_shard(directory: Path) -> BatchOutcome:
    mark = json.loads((directory / COMMIT_MARK).read_text(encoding="utf-8"))
    skipped = [(str(doc_id), str(reason)) for doc_id, reason in mark["skipped"]]
    timing = mark.get("timing")
    return BatchOutcome(
        shard=directory,
        coded=int(mark["coded"]),
        skipped=skipped,
        timing=BatchTiming(float(timing[0]), float(timing[1]), int(timing[2])) if timing else None,
    )


def leftover_shards(staging: Path) -> Iterator[BatchOutcome]:
    """Finished shards of an earlier, killed run; unfinished ones are removed."""
    if not staging.is_dir():
        return
    for directory in sorted(staging.glob("shard-*")):
        if (directory / COMMIT_MARK).is_file():
            yield load_shard(directory)
        else:
            shutil.rmtree(directory, ignore_errors=True)


class DaskEngine:
    """Code on Dask: at `scheduler` (tcp://host:port) or on a LocalCluster of `workers`."""

    def __init__(
        self,
        staging: Path,
        *,
        scheduler: str | None = None,
        workers: int = 2,
        scratch: Path | None = None,
    ) -> None:
        self.staging = Path(staging)
        self.scheduler = scheduler
        self.workers = max(1, workers)
        self.scratch = Path(scratch) if scratch else self.staging / "dask-scratch"

    def run(
        self, batches: Iterator[list[Document]], options: CoderOptions
    ) -> Iterator[BatchOutcome]:
        import dask

        self.staging.mkdir(parents=True, exist_ok=True)
        self.scratch.mkdir(parents=True, exist_ok=True)
        yield from leftover_shards(self.staging)
        first = next(batches, None)
        if first is None:  # nothing new to code: no cluster to start
            return
        with dask.config.set({"temporary-directory": str(self.scratch)}):
            client, cluster = self._connect()
            try:
                yield from self._map(client, itertools.chain([first], batches), options)
            finally:
                client.close()
                if cluster is not None:
                    cluster.close()

    def _connect(self) -> tuple[Any, Any]:
        import distributed

        # distributed's constructors carry no annotations; Any keeps mypy strict elsewhere.
        dist: Any = distributed

        if self.scheduler:
            return dist.Client(self.scheduler), None
        cluster = dist.LocalCluster(
            n_workers=self.workers,
            threads_per_worker=1,
            processes=True,
            local_directory=str(self.scratch),
            dashboard_address=None,
        )
        return dist.Client(cluster), cluster

    def _map(
        self, client: Any, batches: Iterator[list[Document]], options: CoderOptions
    ) -> Iterator[BatchOutcome]:
        in_flight = 2 * self.workers
        pending: deque[Any] = deque()
        for batch in batches:
            shard = str(self.staging / shard_name(batch))
            pending.append(client.submit(code_batch_to_shard, batch, options, shard, pure=False))
            if len(pending) >= in_flight:
                yield load_shard(Path(pending.popleft().result()))
        while pending:
            yield load_shard(Path(pending.popleft().result()))
