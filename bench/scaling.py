"""Coding cost against document length: seconds per MB for one long document of each size.

Two kinds of text, each written to one file and coded by `hadath code FILE --format jsonl`'s
library path (`hadath.coding.iter_coded`, which cuts a text longer than 5 M characters into
chunks at paragraph breaks):

* `seed`: the seed article (../shared/seed/cairo-talks.txt) repeated, blank lines between;
* `news`: real SaudiNewsNet article texts concatenated (cycled when the corpus is smaller).

Each size runs in a fresh child process that loads and warms the pipeline on the seed first
(start-up is not what is measured), then codes the file; it prints the seconds, events and
its peak RSS, and that of the largest chunk worker (a text over 5 M characters is coded on
up to 2 cores: hadath.coding_pool; 0 when there was none), and the CPU seconds of the
process and of the workers (on a loaded machine the wall clock tells little). For each kind
the ratio of times per doubling of size is printed, `(t2 / t1) ** (1 / log2(s2 / s1))`: 2.0
is linear, 4.0 quadratic. The machine is shared (2 cores): `--repeat N` prints medians.

    python bench/scaling.py [--sizes 0.1,1,5,20] [--kinds seed,news] [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed/cairo-talks.txt"
SAUDINEWSNET = SHARED / "data/news/saudinewsnet"

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from hadath.api import CoderOptions, coding_pipeline
from hadath.coding import iter_coded
from hadath.ingest import IngestReport
import datetime as dt

path, seed = Path(sys.argv[1]), Path(sys.argv[2])
published = dt.date(2024, 2, 10)
warm = coding_pipeline(CoderOptions())
from hadath.model import Document
warm(Document(raw_text=seed.read_text(encoding="utf-8"), published=published))
started = time.perf_counter()
cpu_before = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
report = IngestReport()
documents = events = 0
for doc in iter_coded([path], report=report, published=published):
    documents += 1
    events += len(doc.events)
seconds = time.perf_counter() - started
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
own = resource.getrusage(resource.RUSAGE_SELF)
workers = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"seconds": seconds, "documents": documents, "events": events,
                  "skipped": report.skipped_total, "rss_kb": rss,
                  "workers_rss_kb": workers.ru_maxrss,
                  "cpu": own.ru_utime + own.ru_stime - cpu_before,
                  "workers_cpu": workers.ru_utime + workers.ru_stime}))
"""


def seed_text(size: int) -> str:
    article = SEED.read_text(encoding="utf-8").strip() + "\n\n"
    copies = max(1, math.ceil(size / len(article.encode("utf-8"))))
    return article * copies


def news_texts() -> list[str]:
    from hadath.ingest import read_inputs

    return [doc.raw_text.strip() for doc in read_inputs(sorted(SAUDINEWSNET.glob("*.zip")))]


def news_text(size: int, texts: list[str]) -> str:
    parts: list[str] = []
    total = 0
    while total < size:
        for text in texts:
            parts.append(text)
            total += len(text.encode("utf-8")) + 2
            if total >= size:
                break
    return "\n\n".join(parts) + "\n"


def run_once(path: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), str(SEED)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def doubling_ratio(size_a: float, secs_a: float, size_b: float, secs_b: float) -> float:
    """How many times the time grows per doubling of size between two measurements."""
    if secs_a <= 0 or size_b <= size_a:
        return float("nan")
    return float((secs_b / secs_a) ** (1 / math.log2(size_b / size_a)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.1,1,5,20", help="MB, comma-separated")
    parser.add_argument("--kinds", default="seed,news")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",")]
    if not SEED.is_file():
        raise SystemExit(f"scaling: {SEED} not found (../shared is needed)")
    texts = news_texts() if "news" in args.kinds.split(",") else []
    with tempfile.TemporaryDirectory(prefix="hadath-scaling-") as tmp:
        for kind in args.kinds.split(","):
            previous: tuple[float, float] | None = None
            for megabytes in sizes:
                size = int(megabytes * 1_000_000)
                text = seed_text(size) if kind == "seed" else news_text(size, texts)
                path = Path(tmp) / f"{kind}-{megabytes}.txt"
                path.write_text(text, encoding="utf-8")
                real_mb = path.stat().st_size / 1e6
                runs = [run_once(path) for _ in range(args.repeat)]
                med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
                ratio = doubling_ratio(*previous, real_mb, med["seconds"]) if previous else None
                shown = f"x{ratio:.2f} per doubling" if ratio is not None else ""
                print(
                    f"{kind:5s} {real_mb:7.2f} MB  {med['seconds']:8.1f} s  "
                    f"{med['seconds'] / real_mb:6.2f} s/MB  {shown:18s}  "
                    f"documents {med['documents']:.0f}  events {med['events']:.0f}  "
                    f"peak RSS {med['rss_kb'] / 1024:.0f} MB "
                    f"(largest worker {med['workers_rss_kb'] / 1024:.0f} MB)  "
                    f"CPU {med['cpu']:.0f} s (workers {med['workers_cpu']:.0f} s)",
                    flush=True,
                )
                previous = (real_mb, med["seconds"])
                path.unlink()


if __name__ == "__main__":
    main()
