"""Latency of the web pages and the API on a store of 1M synthetic events, and download speed.

    python bench/web_latency.py [--events 1000000] [--store bench/out/web-store] [--requests 100]
    python bench/web_latency.py --store /tmp/sn14 --real     # a store you ingested (no build)
    python bench/web_latency.py --store /tmp/wl-1m --compare /tmp/old/src   # before / after

Builds (or reuses) a store with `bench/stats_1m.py`'s synthetic events (inserted through
Arrow, as ingest does), then gives them what the workbench filters on: places with
coordinates and countries, PLOVER modes, documents with outlets and publication days, and
the event-to-report members. Then starts `hadath serve` on a free 127.0.0.1 port in a
subprocess and runs a bounded load generator (a fixed number of requests over a few
threads; it stops by itself). Prints p50/p95 per request (after one warm-up request) next to
a baseline measured in the same run: the same `hadath.store.queries` call in-process,
without HTTP. Last, the time to download 100,000 events as CSV, JSON lines and Parquet.

`--compare SRC` starts a second server from another tree's `src` (`git archive OLD | tar -x
-C /tmp/old`) on the same store and sends each request to both in turn, so a before/after
comparison sees the same machine load (the shared two cores swing from load 1 to 12 within
minutes, which moves every figure 2-3x).
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
DOCUMENTS = 100_000
OUTLETS = ("alriyadh", "aljazirah", "alyaum", "okaz", "aleqtisadiya", "aawsat", "alwatan")
#: (English name, ISO-2, lat, lon) of the synthetic places; صنعاء is looked up as Sanaa.
PLACES = (
    ("Sanaa", "YE", 15.35, 44.21), ("Aden", "YE", 12.78, 45.04),
    ("Riyadh", "SA", 24.69, 46.72), ("Jeddah", "SA", 21.54, 39.17),
    ("Cairo", "EG", 30.06, 31.25), ("Baghdad", "IQ", 33.34, 44.40),
    ("Damascus", "SY", 33.51, 36.29), ("Aleppo", "SY", 36.20, 37.16),
    ("Tehran", "IR", 35.69, 51.42), ("Jerusalem", "IL", 31.77, 35.22),
    ("Gaza", "PS", 31.50, 34.47), ("Beirut", "LB", 33.89, 35.50),
)  # fmt: skip


def build_store(path: Path, events: int) -> None:
    """stats_1m's synthetic events, plus places, modes, documents and members."""
    sys.path.insert(0, str(ROOT / "bench"))
    from hadath.store import Store
    from stats_1m import build

    seconds = build(path, events)
    outlets = ", ".join(f"'{o}'" for o in OUTLETS)
    with Store(path) as store:
        con = store.connection
        con.execute("BEGIN TRANSACTION")
        # Two events in three have a place (SaudiNewsNet: one in six); one in 40 is negated,
        # one in 60 hypothetical and one in 50 future, as the coder marks them.
        con.execute(_update_sql(len(PLACES)))
        con.execute(
            f"""INSERT INTO documents (id, source, published, title, raw_hash)
            SELECT 'doc-' || i, [{outlets}][i % {len(OUTLETS)} + 1],
                DATE '2015-01-01' + CAST(i % 3650 AS INTEGER), 'synthetic ' || i, md5('doc-' || i)
            FROM range({DOCUMENTS}) t(i)"""
        )
        con.execute("INSERT INTO event_members SELECT report_id, report_id FROM event_reports")
        con.execute("COMMIT")
        print(f"built {store.count('events'):,} events in {seconds:.1f} s + places, documents")


def _update_sql(places: int) -> str:
    cases = {
        column: " ".join(
            f"WHEN h % {places} = {i} THEN {value}" for i, value in enumerate(_values(column))
        )
        for column in ("place_name", "place_country", "lat", "lon")
    }
    return f"""UPDATE events SET
        place_name = CASE WHEN h % 3 = 0 THEN NULL {cases["place_name"]} END,
        place_country = CASE WHEN h % 3 = 0 THEN NULL {cases["place_country"]} END,
        lat = CASE WHEN h % 3 = 0 THEN NULL {cases["lat"]} END,
        lon = CASE WHEN h % 3 = 0 THEN NULL {cases["lon"]} END,
        plover_mode = CASE WHEN h % 40 = 1 THEN 'negation' WHEN h % 60 = 2 THEN 'hypothetical'
            WHEN h % 50 = 3 THEN 'future' ELSE NULL END
    FROM (SELECT event_id AS id, hash(event_id) % 1000003 AS h FROM events) s
    WHERE events.event_id = s.id"""


def _values(column: str) -> list[str]:
    index = {"place_name": 0, "place_country": 1, "lat": 2, "lon": 3}[column]
    return [f"'{p[index]}'" if index < 2 else str(p[index]) for p in PLACES]


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


def start_server(store: Path, port: int, src: Path | None = None) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", "from hadath.cli import main; main()", "serve"]
    env = {**os.environ, "PYTHONPATH": str(src)} if src else None
    server = subprocess.Popen(
        [*command, "--db", str(store), "--port", str(port)], start_new_session=True, env=env
    )
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=60).status_code == 200:
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
        response = client.get(base + path, headers={"Accept": "text/html,application/json"})
        response.raise_for_status()
        return (time.perf_counter() - started) * 1000

    with httpx.Client(timeout=120) as client:
        one(client)  # warm-up: first query plans, page cache, the layout cache
        with ThreadPoolExecutor(threads) as pool:
            return list(pool.map(lambda _: one(client), range(requests)))


def measure_both(bases: dict[str, str], path: str, requests: int) -> dict[str, list[float]]:
    """Wall time in ms of `requests` GETs to each server, alternating which goes first."""
    import httpx

    times: dict[str, list[float]] = {name: [] for name in bases}
    headers = {"Accept": "text/html,application/json"}
    with httpx.Client(timeout=120) as client:
        for base in bases.values():
            client.get(base + path, headers=headers).raise_for_status()  # warm-up
        for i in range(requests):
            order = list(bases.items())
            for name, base in order if i % 2 == 0 else order[::-1]:
                started = time.perf_counter()
                client.get(base + path, headers=headers).raise_for_status()
                times[name].append((time.perf_counter() - started) * 1000)
    return times


def compare(args: argparse.Namespace) -> None:
    """Each request to this tree's server and to the one from `args.compare`, in turn."""
    servers, bases = [], {}
    try:
        for name, src in (("this", None), ("compared", args.compare)):
            port = free_port()
            servers.append(start_server(args.store, port, src))
            bases[name] = f"http://127.0.0.1:{port}"
        print(f"\n{args.requests} requests per row to each server, in turn; {os.getloadavg()=}")
        print(f"{'kind':8} {'request':62} {'this p50/p95':>16} {'compared p50/p95':>18}")
        for kind, path, _ in cases(args.real):
            times = measure_both(bases, path, args.requests)
            shown = [f"{p(times[n], 50):7.1f} {p(times[n], 95):7.1f}" for n in bases]
            print(f"{kind:8} {path[:62]:62} {shown[0]:>16} {shown[1]:>18}", flush=True)
        print(f"{os.getloadavg()=}")
    finally:
        for server in servers:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


def download(base: str, path: str) -> tuple[float, int, int]:
    """Seconds to stream one whole download, its bytes and its lines."""
    import httpx

    started = time.perf_counter()
    size = lines = 0
    with httpx.stream("GET", base + path, timeout=600) as response:
        response.raise_for_status()
        for chunk in response.iter_bytes():
            size += len(chunk)
            lines += chunk.count(b"\n")
    return time.perf_counter() - started, size, lines


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


def cases(real: bool) -> list[tuple[str, str, Callable[[Any], Any] | None]]:
    """(kind, path, the same read in-process or None). Actor codes of the synthetic store
    are stats_1m's (SAU, SAUGOV, ISRMIL …); a real store has them too."""
    from hadath.store import queries
    from hadath.store.filters import CodeMatch, EventQuery

    def q(**filters: str) -> EventQuery:
        return EventQuery.parse(filters)

    dyad = q(source="SAU", target="IRN", either="1")
    return (
        [
            ("list", "/api/events?limit=50", lambda s: queries.events(s, EventQuery(), limit=50)),
            ("list", "/events", lambda s: queries.events(s, EventQuery(), limit=50)),
            ("list", "/events?sort=-confidence&offset=5000", None),
            ("filter", "/api/events?source=SAU*&target=YEMMIL&quad_class=4", None),
            (
                "filter",
                "/api/events?place=%D8%B5%D9%86%D8%B9%D8%A7%D8%A1&hide=negated,future",
                None,
            ),
            ("filter", "/api/events?outlet=okaz&actor_type=MIL&min_confidence=0.5", None),
            ("filter", "/events?country=YE&both=1&root=19&since=2016-01-01&until=2018-12-31", None),
            ("dyad", "/dyad?source=SAU&target=IRN", lambda s: queries.count_events(s, dyad)),
            ("actor", "/actors/SAUGOV", lambda s: queries.actor_profile(s, CodeMatch("SAUGOV"))),
            ("actor", "/actors/SAU*", lambda s: queries.actor_profile(s, CodeMatch("SAU", True))),
            ("chart", "/timeline", lambda s: queries.series(s, EventQuery())),
            ("chart", "/timeline?by=root&actor=ISR*", None),
            ("chart", "/", queries.stats),
            ("map", "/map", lambda s: queries.map_points(s, EventQuery())),
            ("map", "/api/map?quad_class=4", None),
            ("network", "/api/network", lambda s: queries.network(s, EventQuery())),
            ("network", "/network", None),
        ]
        if not real
        else [
            ("list", "/events", None),
            (
                "filter",
                "/api/events?place=%D8%B5%D9%86%D8%B9%D8%A7%D8%A1&hide=negated,future",
                None,
            ),
            ("dyad", "/dyad?source=SAU&target=YEMREBHTH", None),
            ("actor", "/actors/SAU*", None),
            ("chart", "/timeline", None),
            ("map", "/map", None),
            ("network", "/network", None),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--store", type=Path, default=ROOT / "bench" / "out" / "web-store")
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--threads", type=int, nargs="+", default=[1])
    parser.add_argument("--real", action="store_true", help="a store you ingested: no build")
    parser.add_argument("--compare", type=Path, help="another tree's src: both servers, in turn")
    args = parser.parse_args()

    if not args.real and store_events(args.store) < args.events:
        import shutil

        shutil.rmtree(args.store, ignore_errors=True)
        started = time.perf_counter()
        build_store(args.store, args.events)
        print(f"store built in {time.perf_counter() - started:.1f} s")
    print(f"store: {store_events(args.store):,} events in {args.store}")
    if args.compare:
        compare(args)
        return

    rows = cases(args.real)
    baselines = {path: in_process(args.store, call, 10) for _, path, call in rows if call}
    port = free_port()
    server = start_server(args.store, port)
    try:
        base = f"http://127.0.0.1:{port}"
        print(f"\n{args.requests} requests per row; 2 noisy cores shared by client and server;")
        print("'in-process' is the same store read without HTTP (median, the baseline).")
        print(
            f"{'kind':8} {'request':62} {'clients':>7} {'p50 ms':>8} {'p95 ms':>8} {'in-proc':>8}"
        )
        for threads in args.threads:
            for kind, path, _ in rows:
                times = measure(base, path, args.requests, threads)
                baseline = statistics.median(baselines[path]) if path in baselines else None
                shown = f"{baseline:8.1f}" if baseline is not None else f"{'':8}"
                print(
                    f"{kind:8} {path[:62]:62} {threads:7d} {p(times, 50):8.1f}"
                    f" {p(times, 95):8.1f} {shown}",
                    flush=True,
                )
        print("\ndownloads of one year of events (2015: ~100,000 of the 1M), streamed whole:")
        filters = "" if args.real else "&since=2015-01-01&until=2015-12-31"
        for fmt in ("csv", "jsonl", "parquet"):
            path = f"/api/events?format={fmt}{filters}"
            seconds, size, lines = download(base, path)
            print(f"  {fmt:8} {seconds:6.2f} s  {size / 1e6:7.1f} MB  {lines:,} lines  ({path})")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
