"""Latency of the web API on a store of 1M synthetic events.

    python bench/web_latency.py [--events 1000000] [--store bench/out/web-store] [--requests 200]

Builds (or reuses) a store of synthetic rows: documents, sentences, event reports, merged
events and their members, generated inside DuckDB (`range()`), so building 1M events takes
seconds, not the hours coding real text would. Then starts `hadath serve` on a free
127.0.0.1 port in a subprocess and runs a bounded Python load generator (a fixed number of
requests over a few threads; it stops by itself) against an events page and the network
endpoint, with and without filters. Prints p50/p95 per request next to a baseline measured
in the same run: the same `hadath.store.queries` call in-process, without HTTP.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ACTORS = 300
PLACES = 60
DAYS = 3 * 365
EVENTS_PER_DOC = 10


def build_store(path: Path, events: int) -> None:
    """Synthetic rows through the store's own schema (Store() migrates a new directory)."""
    from hadath.store import Store

    docs = max(events // EVENTS_PER_DOC, 1)
    with Store(path) as store:
        con = store.connection
        con.execute("BEGIN TRANSACTION")
        con.execute(
            """INSERT INTO documents (id, title, published, clean_text, raw_hash, n_events)
            SELECT 'doc' || i, 'synthetic article ' || i,
                DATE '2021-01-01' + CAST(i % ? AS INTEGER),
                'استقبل وزير الخارجية نظيره في العاصمة أمس لبحث العلاقات الثنائية.',
                md5('doc' || i), ? FROM range(?) t(i)""",
            [DAYS, EVENTS_PER_DOC, docs],
        )
        con.execute(
            """INSERT INTO sentences SELECT id, 0, 0, 66, clean_text, clean_text
            FROM documents"""
        )
        con.execute(_REPORTS_SQL, [DAYS, ACTORS, ACTORS, PLACES, events])
        con.execute(_EVENTS_SQL)
        con.execute("INSERT INTO event_members SELECT report_id, report_id FROM event_reports")
        con.execute("COMMIT")
        print(f"built {store.count('events')} events, {docs} documents in {path}", flush=True)


_REPORTS_SQL = """
INSERT INTO event_reports (report_id, doc_id, cameo, root, goldstein, quad_class,
    plover_type, source_code, source_name, target_code, target_name, place_name,
    place_country, day, sentence, sentence_start, sentence_end, trigger_start, trigger_end,
    trigger_text, confidence, explanation, modality)
SELECT printf('r%09d', i), 'doc' || (i // 10), lpad(CAST(r AS VARCHAR), 2, '0') || '0',
    lpad(CAST(r AS VARCHAR), 2, '0'), 1.0, CASE WHEN r <= 5 THEN 1 WHEN r <= 8 THEN 2
    WHEN r <= 13 THEN 3 ELSE 4 END, 'CONSULT', 'A' || (i * 7 % ?), 'actor', 'A' || (i * 13 % ?),
    'actor', 'place' || (i % ?), 'EG', DATE '2021-01-01' + CAST((i // 10) % ? AS INTEGER),
    0, 0, 66, 0, 6, 'استقبل', 0.8, '{}', '{}'
FROM (SELECT i, 1 + (i * 31 % 20) AS r FROM range(?) t(i))
"""

_EVENTS_SQL = """
INSERT INTO events SELECT report_id, root, cameo, goldstein, quad_class, plover_type, NULL,
    source_code, source_name, target_code, target_name, place_name, place_country, NULL, NULL,
    day, day, 1, 1, 1, confidence, report_id FROM event_reports
"""


def store_events(path: Path) -> int:
    from hadath.store import Store

    if not (path / "hadath.duckdb").is_file():
        return 0
    with Store(path, read_only=True) as store:
        return store.count("events")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(store: Path, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", "from hadath.cli import main; main()", "serve"]
    server = subprocess.Popen(
        [*command, "--db", str(store), "--port", str(port)], start_new_session=True
    )
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=30).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("server did not start")


def measure(base: str, path: str, requests: int, threads: int) -> list[float]:
    """Wall time in ms of each of `requests` GETs, `threads` at a time; stops by itself."""
    import httpx

    def one(client: httpx.Client) -> float:
        started = time.perf_counter()
        response = client.get(base + path)
        response.raise_for_status()
        return (time.perf_counter() - started) * 1000

    with httpx.Client(timeout=60) as client:
        one(client)  # warm-up: first query plans, page cache
        with ThreadPoolExecutor(threads) as pool:
            return list(pool.map(lambda _: one(client), range(requests)))


def in_process(store_path: Path, call: Callable[[Any], Any], repeat: int) -> list[float]:
    from hadath.store import Store

    with Store(store_path, read_only=True) as store:
        call(store)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            call(store)
            times.append((time.perf_counter() - started) * 1000)
    return times


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--store", type=Path, default=ROOT / "bench" / "out" / "web-store")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 4])
    args = parser.parse_args()

    if store_events(args.store) < args.events:
        import shutil

        shutil.rmtree(args.store, ignore_errors=True)
        started = time.perf_counter()
        build_store(args.store, args.events)
        print(f"store built in {time.perf_counter() - started:.1f} s")
    print(f"store: {store_events(args.store)} events in {args.store}")

    from hadath.store import queries

    cases: list[tuple[str, str, Callable[[Any], Any]]] = [
        ("events page", "/api/events?limit=50", lambda s: queries.events(s, limit=50)),
        (
            "events, actor+quad filter",
            "/api/events?actor=A1&quad_class=4&limit=50",
            lambda s: queries.events(s, actor="A1", quad_class=4, limit=50),
        ),
        ("events HTML page", "/events", lambda s: queries.events(s, limit=50)),
        ("network", "/api/network", lambda s: queries.dyads(s, limit=2000)),
        (
            "network, root 04",
            "/api/network?root=04",
            lambda s: queries.dyads(s, root="04", limit=2000),
        ),
    ]
    baselines = {name: in_process(args.store, call, 20) for name, _, call in cases}

    port = free_port()
    server = start_server(args.store, port)
    try:
        base = f"http://127.0.0.1:{port}"
        print(f"\n{args.requests} requests per row; machine: 2 noisy cores shared by client")
        print("and server. 'in-process' is the same queries call without HTTP (baseline).")
        print(f"{'request':28} {'clients':>7} {'p50 ms':>8} {'p95 ms':>8} {'in-process p50':>15}")
        for threads in args.threads:
            for name, path, _ in cases:
                times = measure(base, path, args.requests, threads)
                baseline = statistics.median(baselines[name])
                print(
                    f"{name:28} {threads:7d} {p(times, 50):8.1f} {p(times, 95):8.1f}"
                    f" {baseline:15.1f}",
                    flush=True,
                )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
