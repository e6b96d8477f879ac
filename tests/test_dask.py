"""Dask: a real scheduler and workers (subprocesses, as on a cluster) code the same corpus
into the same event tables as a local ingest; shards a killed run left are loaded next time."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hadath.api import CoderOptions
from hadath.ingest import read_inputs
from hadath.store import Store
from hadath.store.dask_engine import DaskEngine, code_batch_to_shard, shard_name
from hadath.store.ingest import IngestSettings, ingest
from store_corpus import write_jsonl_corpus
from test_ingest_store import table_contents

SETTINGS = IngestSettings(published=dt.date(2024, 3, 1), batch_size=3)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def dask_command(*args: str) -> list[str]:
    executable = shutil.which("dask") or ""
    if executable:
        return [executable, *args]
    return [sys.executable, "-m", "distributed.cli.dask_spec", *args]  # pragma: no cover


@pytest.fixture
def scheduler(tmp_path: Path) -> Iterator[str]:
    if not shutil.which("dask"):
        pytest.skip("the dask command line is not installed")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "DASK_TEMPORARY_DIRECTORY": str(tmp_path / "scratch")}
    logs = (tmp_path / "dask.log").open("w")
    processes = [
        subprocess.Popen(
            dask_command("scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"),
            stdout=logs,
            stderr=logs,
            env=env,
        )
    ]
    time.sleep(1.5)
    processes.append(
        subprocess.Popen(
            dask_command(
                "worker",
                address,
                "--nworkers",
                "2",
                "--nthreads",
                "1",
                "--local-directory",
                str(tmp_path / "worker-scratch"),
                "--no-dashboard",
            ),
            stdout=logs,
            stderr=logs,
            env=env,
        )
    )
    try:
        _wait_for_workers(address, 2)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        logs.close()


def _wait_for_workers(address: str, count: int) -> None:
    import distributed

    dist: Any = distributed  # its constructors carry no annotations
    with dist.Client(address, timeout=30) as client:
        client.wait_for_workers(count, timeout=60)


def test_dask_and_local_ingest_give_identical_tables(tmp_path: Path, scheduler: str) -> None:
    corpus = write_jsonl_corpus(tmp_path / "corpus.jsonl", 8)
    with Store(tmp_path / "local") as store:
        ingest([corpus], store, SETTINGS)
    with Store(tmp_path / "dask") as store:
        engine = DaskEngine(tmp_path / "staging", scheduler=scheduler)
        summary = ingest([corpus], store, SETTINGS, engine=engine)
        assert summary.documents_added == 8
        again = ingest([corpus], store, SETTINGS, engine=engine)
        assert again.documents_added == 0
    assert table_contents(tmp_path / "dask") == table_contents(tmp_path / "local")
    assert not list((tmp_path / "staging").glob("shard-*")), "loaded shards are removed"
    assert (tmp_path / "worker-scratch").is_dir()  # scratch went where we said


def test_finished_shards_of_a_killed_run_are_loaded_and_unfinished_discarded(
    tmp_path: Path,
) -> None:
    corpus = write_jsonl_corpus(tmp_path / "corpus.jsonl", 4)
    docs = list(read_inputs([corpus]))
    staging = tmp_path / "staging"
    finished = staging / shard_name(docs[:2])
    code_batch_to_shard(docs[:2], CoderOptions(), str(finished))
    half = staging / shard_name(docs[2:])
    half.mkdir(parents=True)
    (half / "documents.parquet").write_bytes(b"truncated")

    class NoCluster(DaskEngine):
        def _connect(self) -> tuple[object, object]:
            raise AssertionError("only leftovers to load: no cluster needed")

    with Store(tmp_path / "db") as store:
        summary = ingest([], store, SETTINGS, engine=NoCluster(staging))
        assert summary.documents_added == 2
    assert not finished.exists() and not half.exists()
