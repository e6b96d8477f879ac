"""Ingest throughput: articles/s and events/s over SaudiNewsNet, 1 and 2 local workers and
Dask, with peak RSS and store size on disk.

Each configuration runs `hadath ingest` in a fresh child process into a fresh store (so the
pipeline load is paid each time, as a user pays it) and is repeated `--repeat` times; the
medians are printed. "warm" rates leave out the start-up (everything before the first batch
is written, mostly the ~10 s pipeline load). By default the morphology cache
(~/.cache/hadath or $HADATH_CACHE_DIR) is shared and warm after the first run; `--cold`
gives each run an empty one, as a first ingest of a new corpus sees, and codes only the
SaudiNewsNet day the shipped analyses (src/hadath/data/morph, docs/morphology.md) left out:
compare it with a warm run of the same day (`--day`). Peak RSS is the largest
single process (the parent or one worker), from getrusage(RUSAGE_CHILDREN). CPU s/article
(all processes, user + system) does not depend on what else runs on the machine: when other
jobs share the cores, compare it, not only the wall-clock speed-up.

Where the time goes, per configuration: the writer's CPU (the parent process that reads,
filters and writes every batch: time.process_time over the run) as a share of the wall
clock — with one worker it includes the coding, so "beyond coding" subtracts the batches'
own CPU — and the CPU each batch took in the process that coded it (median per batch,
CPU s per coded article, and the split between worker processes). "On free cores" is the
wall time the run would take if nothing else ran: the writer's start-up CPU plus the busiest
worker's coding CPU (one worker: the process's CPU) — a speed-up that other jobs on the
machine do not blur. `local2-spawn` is the
2-worker pool with spawned (not forked) workers, each loading the pipeline itself.

    python bench/ingest.py [--limit 400] [--repeat 1] [--configs local1,local2,dask]
                           [--cold] [--day 2015-08-09]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

SAUDINEWSNET = Path(__file__).resolve().parents[2] / "shared/data/news/saudinewsnet"

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from typing import Any
from hadath.store import Store
from hadath.store.ingest import IngestSettings, ingest
from hadath.store.engines import LocalEngine
from hadath.store.dask_engine import DaskEngine

corpus, db, engine_name, workers = sys.argv[1], Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
first = {}
def progress(summary):
    first.setdefault("seconds", summary.seconds)
    first.setdefault("coded", summary.coded)
    first.setdefault("parent_cpu", summary.parent_cpu)
if __name__ == "__main__":
    if engine_name == "dask":
        engine = DaskEngine(db / "staging", workers=workers)
    else:
        engine = LocalEngine(workers, start_method="spawn" if engine_name == "spawn" else None)
    with Store(db) as store:
        summary = ingest([corpus], store, IngestSettings(workers=workers, batch_size=16),
                         engine=engine, progress=progress)
        reports = store.count("event_reports")
    own, children = (resource.getrusage(resource.RUSAGE_SELF),
                     resource.getrusage(resource.RUSAGE_CHILDREN))
    rss = max(own.ru_maxrss, children.ru_maxrss)
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    print(json.dumps({"coded": summary.coded, "seconds": summary.seconds,
                      "reports": reports, "events": summary.events_total,
                      "first_seconds": first.get("seconds", 0.0),
                      "first_coded": first.get("coded", 0), "rss_kb": rss, "cpu": cpu,
                      "skipped": summary.skipped_total, "parent_cpu": summary.parent_cpu,
                      "first_parent_cpu": first.get("parent_cpu", 0.0),
                      "batches": [[t.cpu, t.wall, t.worker] for t in summary.batches]}))
"""

CONFIGS = {
    "local1": ("local", 1),
    "local2": ("local", 2),
    "local2-spawn": ("spawn", 2),
    "dask": ("dask", 2),
}


def write_corpus(source: Path, limit: int | None, out: Path, day: str | None = None) -> int:
    """The first `limit` SaudiNewsNet articles (of `day` only, when given) as JSONL (ids:
    content hashes)."""
    from hadath.ingest import read_inputs

    count = 0
    zips = sorted(source.glob(f"{day}.zip" if day else "*.zip"))
    if not zips:
        raise SystemExit(f"ingest bench: no {day or '*'}.zip in {source}")
    with out.open("w", encoding="utf-8") as stream:
        for doc in read_inputs(zips):
            record = {
                "text": doc.raw_text,
                "title": doc.title,
                "url": doc.url,
                "source": doc.source,
                "published": doc.published.isoformat() if doc.published else None,
            }
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
            if limit and count >= limit:
                break
    return count


def held_apart_day(source: Path) -> str | None:
    """The SaudiNewsNet day the shipped analyses were not built from (their header names
    the files they counted words in)."""
    from hadath.morph.shipped import shipped_analyses

    counted = shipped_analyses().sources
    left = sorted(p.stem for p in source.glob("*.zip") if p.name not in counted)
    return left[0] if left else None


def batch_figures(batches: list[list[float]], coded: int, parent_cpu: float) -> dict[str, float]:
    """Per-batch CPU (median), coding CPU per article, the busiest worker's share of it,
    and the writer's CPU beyond coding (with one worker the parent codes too)."""
    cpu = [b[0] for b in batches]
    by_worker: dict[float, float] = {}
    for batch_cpu, _wall, worker in batches:
        by_worker[worker] = by_worker.get(worker, 0.0) + batch_cpu
    coding = sum(cpu)
    in_parent = len(by_worker) == 1 and coding <= parent_cpu
    return {
        "batch_cpu_median": statistics.median(cpu) if cpu else 0.0,
        "batch_wall_median": statistics.median(b[1] for b in batches) if batches else 0.0,
        "coding_cpu_per_article": coding / coded if coded else 0.0,
        "busiest_worker_share": max(by_worker.values()) / coding if coding else 0.0,
        "writer_cpu_beyond_coding": parent_cpu - (coding if in_parent else 0.0),
    }


def run_once(corpus: Path, engine: str, workers: int, cold: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="hadath-bench-") as tmp:
        db = Path(tmp) / "db"
        env = dict(os.environ)
        if cold:  # a fresh analysis cache: every word type analysed again
            env["HADATH_CACHE_DIR"] = str(Path(tmp) / "cache")
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(corpus), str(db), engine, str(workers)],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        result["store_mb"] = (
            sum(p.stat().st_size for p in db.rglob("*") if p.is_file() and "staging" not in p.parts)
            / 1e6
        )
    result.update(batch_figures(result.pop("batches"), result["coded"], result["parent_cpu"]))
    warm_seconds = result["seconds"] - result["first_seconds"]
    # Wall time if the two cores were free: the writer's start-up (up to its first batch:
    # mostly warming the pipeline), then the busiest worker's coding — or, with one worker,
    # the one process's CPU.
    parallel = result["busiest_worker_share"] * result["coding_cpu_per_article"] * result["coded"]
    result["free_cores_seconds"] = (
        result["parent_cpu"] if workers == 1 else result["first_parent_cpu"] + parallel
    )
    result["warm_writer_share"] = (
        (result["parent_cpu"] - result["first_parent_cpu"]) / warm_seconds
        if warm_seconds > 0
        else 0.0
    )
    result["articles_s"] = result["coded"] / result["seconds"]
    result["reports_s"] = result["reports"] / result["seconds"]
    result["warm_articles_s"] = (
        (result["coded"] - result["first_coded"]) / warm_seconds if warm_seconds > 0 else 0.0
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=SAUDINEWSNET)
    parser.add_argument(
        "--day",
        default=None,
        help="one SaudiNewsNet day (YYYY-MM-DD) only; with --cold the default is the day the "
        "shipped analyses left out (src/hadath/data/morph), a corpus they have never seen",
    )
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--configs", default="local1,local2,dask")
    parser.add_argument(
        "--cold", action="store_true", help="empty morphology cache per run (default: warm)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="hadath-corpus-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        day = args.day or (held_apart_day(args.data) if args.cold else None)
        articles = write_corpus(args.data, args.limit, corpus, day)
        print(f"{articles} articles from {args.data}" + (f" ({day})" if day else ""))
        baseline = None
        free_baseline = None
        for name in args.configs.split(","):
            engine, workers = CONFIGS[name]
            runs = [run_once(corpus, engine, workers, args.cold) for _ in range(args.repeat)]
            med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            baseline = baseline or med["warm_articles_s"]
            free_baseline = free_baseline or med["free_cores_seconds"]
            print(
                f"{name:12s} {med['seconds']:7.1f} s  {med['articles_s']:5.2f} articles/s "
                f"(warm {med['warm_articles_s']:5.2f}, x{med['warm_articles_s'] / baseline:.2f})"
                f"  {med['reports_s']:6.1f} reports/s  events {med['events']:.0f}  "
                f"peak RSS {med['rss_kb'] / 1024:.0f} MB  store {med['store_mb']:.1f} MB"
                f"  skipped {med['skipped']:.0f}  CPU {med['cpu'] / med['coded']:.2f} s/article"
            )
            print(
                f"{'':12s} writer CPU {med['parent_cpu']:.1f} s "
                f"({100 * med['parent_cpu'] / med['seconds']:.0f}% of wall; "
                f"{100 * med['warm_writer_share']:.0f}% after the first batch), "
                f"{med['writer_cpu_beyond_coding']:.1f} s beyond coding "
                f"({1000 * med['writer_cpu_beyond_coding'] / med['coded']:.0f} ms/article); "
                f"batch CPU median {med['batch_cpu_median']:.2f} s "
                f"(wall {med['batch_wall_median']:.2f} s), coding "
                f"{med['coding_cpu_per_article']:.3f} CPU s/article, busiest worker "
                f"{100 * med['busiest_worker_share']:.0f}%; on free cores "
                f"~{med['free_cores_seconds']:.0f} s, "
                f"x{free_baseline / med['free_cores_seconds']:.2f}"
            )


if __name__ == "__main__":
    main()
