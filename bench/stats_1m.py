"""How fast the store answers `hadath stats` (and the web's other aggregates) on 1M events.

Builds a store from synthetic rows (random dyads, days, roots; inserted through Arrow, as
ingest does), then times each read-API call several times and prints medians. The target
from issue 5: `stats` under one second. Baseline in the same run: a bare `count(*)`. Last, the whole
`hadath stats --db DIR` command in a fresh process (start-up included), median of 3.

    python bench/stats_1m.py [--events 1000000] [--repeat 5] [--db DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from hadath.store import Store, queries
from hadath.store.dedup import EVENT_SCHEMA

COUNTRIES = ["EGY", "ISR", "PSE", "SAU", "IRN", "USA", "YEM", "SYR", "LBN", "JOR", "IRQ", "TUR"]
ROLES = ["", "GOV", "MIL", "REB", "COP", "OPP", "SPY", "MED"]


def synthetic_events(count: int, seed: int = 7) -> pa.Table:
    rng = np.random.default_rng(seed)
    actors = np.array([c + r for c in COUNTRIES for r in ROLES])
    source = actors[rng.integers(0, len(actors), count)]
    target = actors[rng.integers(0, len(actors), count)]
    roots = np.array([f"{r:02d}" for r in range(1, 21)])[rng.integers(0, 20, count)]
    quad = np.select([roots <= "05", roots <= "08", roots <= "13"], [1, 2, 3], default=4).astype(
        np.int32
    )
    start = dt.date(2015, 1, 1)
    days = np.array([start + dt.timedelta(days=int(d)) for d in rng.integers(0, 3650, count)])
    ids = [f"{i:016x}" for i in range(count)]
    columns: dict[str, Any] = {
        "event_id": ids,
        "root": roots,
        "cameo": np.char.add(roots.astype(str), "0"),
        "goldstein": rng.uniform(-10, 10, count),
        "quad_class": quad,
        "source_code": source,
        "source_name": source,
        "target_code": target,
        "target_name": target,
        "day": days,
        "last_day": days,
        "num_mentions": rng.integers(1, 5, count).astype(np.int32),
        "num_sources": np.ones(count, dtype=np.int32),
        "num_articles": np.ones(count, dtype=np.int32),
        "confidence": rng.uniform(0, 1, count),
        "first_report": ids,
    }
    arrays = {
        field.name: pa.array(columns[field.name], type=field.type)
        if field.name in columns
        else pa.nulls(count, type=field.type)
        for field in EVENT_SCHEMA
    }
    return pa.table(arrays, schema=EVENT_SCHEMA)


def build(directory: Path, count: int) -> float:
    started = time.perf_counter()
    table = synthetic_events(count)
    with Store(directory) as store:
        store.connection.register("synthetic", table)
        store.connection.execute("INSERT INTO events BY NAME SELECT * FROM synthetic")
        store.connection.execute(
            """INSERT INTO event_reports (report_id, doc_id, root, source_code, target_code, day)
            SELECT event_id, 'doc-' || (hash(event_id) % 100000), root, source_code,
                   target_code, day FROM synthetic"""
        )
        store.connection.unregister("synthetic")
    return time.perf_counter() - started


def median_seconds(call: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    directory = args.db or Path(tempfile.mkdtemp(prefix="hadath-stats-"))
    built = build(directory, args.events)
    size = sum(p.stat().st_size for p in directory.rglob("*") if p.is_file())
    print(f"built {args.events:,} synthetic events in {built:.1f} s; {size / 1e6:.1f} MB on disk")
    with Store(directory) as store:
        calls: dict[str, Callable[[], object]] = {
            "baseline count(*)": lambda: store.connection.execute(
                "SELECT count(*) FROM events"
            ).fetchone(),
            "stats": lambda: queries.stats(store),
            "events (actor, quad, page)": lambda: queries.events(
                store, actor="EGY", quad_class=4, limit=50
            ),
            "dyads": lambda: queries.dyads(store),
            "timeline by root": lambda: queries.timeline(store, by="root", actor="ISR"),
            "actor_profile": lambda: queries.actor_profile(store, "EGYGOV"),
        }
        for name, call in calls.items():
            print(f"{name:28s} median {median_seconds(call, args.repeat) * 1000:8.1f} ms")
    command = [sys.executable, "-c", "from hadath.cli import main; main()", "stats"]
    command += ["--db", str(directory), "--format", "json"]
    whole = median_seconds(lambda: subprocess.run(command, capture_output=True, check=True), 3)
    print(f"{'hadath stats (whole command)':28s} median {whole * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
