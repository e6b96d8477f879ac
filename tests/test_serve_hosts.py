"""`hadath serve`: the Host header check against DNS rebinding, and one clear line with the
same exit codes as the other store commands when the store is busy, missing or too new."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from hadath.cli import app
from hadath.cli.app import ExitCode
from hadath.store import Store
from hadath.store.ingest import IngestSettings, ingest
from hadath.web.app import create_app
from hadath.web.hosts import HostCheckMiddleware, allowed_hosts, host_name

pytest.importorskip("fastapi", reason="the web extra (fastapi) is not installed")
from fastapi import FastAPI
from fastapi.testclient import TestClient

from store_corpus import downgrade_store, write_jsonl_corpus

runner = CliRunner()


def _client(hosts: frozenset[str]) -> TestClient:
    inner = FastAPI()

    @inner.get("/api/stats")
    def stats() -> dict[str, int]:
        return {"events": 1}

    return TestClient(HostCheckMiddleware(inner, hosts))


def test_host_names_without_their_port() -> None:
    assert host_name("localhost:8000") == "localhost"
    assert host_name("[::1]:8000") == "::1"
    assert host_name("Example.ORG") == "example.org"
    assert host_name("127.0.0.1") == "127.0.0.1"


def test_a_loopback_server_answers_only_to_loopback_names() -> None:
    hosts = allowed_hosts("127.0.0.1")
    assert hosts is not None
    client = _client(hosts)
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "localhost"):
        assert client.get("/api/stats", headers={"host": host}).status_code == 200, host
    # the rebinding page's own name, pointed at 127.0.0.1
    refused = client.get("/api/stats", headers={"host": "attacker.example:8000"})
    assert refused.status_code == 421
    assert refused.json() == {"detail": "unknown Host header"}


def test_names_the_user_allows() -> None:
    hosts = allowed_hosts("127.0.0.1", ["events.lan "])
    assert hosts is not None and "events.lan" in hosts
    assert _client(hosts).get("/", headers={"host": "events.lan:80"}).status_code == 404
    public = allowed_hosts("0.0.0.0", ["events.example.org"])
    assert public == frozenset({"0.0.0.0", "events.example.org"})
    # bound to every address with no names given, the names users reach it by are unknown
    assert allowed_hosts("0.0.0.0") is None


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    Store(tmp_path / "db").close()
    return tmp_path / "db"


@pytest.fixture
def held(store_dir: Path) -> Iterator[Path]:
    """The store held read-write by another process, as a running ingest holds it."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from hadath.store import Store; s = Store(sys.argv[1]); "
            "print('held', flush=True); time.sleep(60)",
            str(store_dir),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield store_dir
    finally:
        holder.kill()
        holder.wait()


def test_serve_exit_codes(held: Path, tmp_path: Path) -> None:
    busy = runner.invoke(app, ["serve", "--db", str(held)])
    assert busy.exit_code == ExitCode.BUSY, busy.output
    assert "in use by another process" in busy.output
    stats = runner.invoke(app, ["stats", "--db", str(held)])
    assert stats.exit_code == ExitCode.BUSY
    missing = runner.invoke(app, ["serve", "--db", str(tmp_path / "none")])
    assert missing.exit_code == ExitCode.INPUT
    assert len(missing.output.strip().splitlines()) == 1


def test_serve_refuses_a_newer_store_in_one_line(store_dir: Path) -> None:
    connection = duckdb.connect(str(store_dir / "hadath.duckdb"))
    connection.execute("INSERT INTO schema_version VALUES (99, current_timestamp)")
    connection.close()
    result = runner.invoke(app, ["serve", "--db", str(store_dir)])
    assert result.exit_code == ExitCode.INPUT
    assert result.output.strip().splitlines() == [
        f"hadath serve: store {store_dir} has schema version 99, newer than this hadath "
        f"({_schema_version()}): upgrade hadath"
    ]


def _schema_version() -> int:
    from hadath.store.schema import SCHEMA_VERSION

    return SCHEMA_VERSION


def test_a_server_over_a_store_of_schema_2_serves_every_page(tmp_path: Path) -> None:
    corpus = write_jsonl_corpus(tmp_path / "corpus.jsonl", 4)
    with Store(tmp_path / "db") as store:
        ingest([corpus], store, IngestSettings(published=dt.date(2024, 3, 1)))
        event_id = store.connection.execute("SELECT min(event_id) FROM events").fetchone()
    downgrade_store(tmp_path / "db", 2)  # before the event place and date columns
    assert event_id is not None
    with TestClient(create_app(tmp_path / "db")) as client:
        for path in ("/", "/events", "/map", "/timeline", f"/events/{event_id[0]}"):
            assert client.get(path).status_code == 200, path
        for path in ("/api/events", "/api/map", "/api/stats", f"/api/events/{event_id[0]}"):
            assert client.get(path).status_code == 200, path
