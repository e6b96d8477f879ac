"""Gazetteer load time and matching throughput, medians of repeated runs.

    python bench/bench_places.py [--repeat 5]

Baseline in the same run: tokenising the same text with the light tokeniser alone, so the
matching figure reads as "cost on top of tokenising".
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from hadath.places import Gazetteer, IndexOptions, find_places
from hadath.places.light_tokens import light_tokens

SAMPLE = (
    "استقبل قادة حماس قادة الجهاد في مقر إقامتهم بالقاهرة، وبحثوا الأوضاع في قطاع غزة "
    "وحركة المواطنين عبر معبر رفح البري، ودور مصر والأردن وقطر في دعم المصالحة، "
    "بينما شهدت الضفة الغربية ومدينة جنين ومخيم جباليا وخان يونس ورام الله اشتباكات. "
)


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        options = IndexOptions(cache_dir=Path(cache))
        cold = median_seconds(lambda: Gazetteer.load(IndexOptions(use_cache=False)), 3)
        Gazetteer.load(options)
        warm = median_seconds(lambda: Gazetteer.load(options), args.repeat)
        gazetteer = Gazetteer.load(options)
    print(f"gazetteer: {len(gazetteer)} names, longest {gazetteer.max_words} words")
    print(f"load, building the index (no cache): {cold:.2f} s")
    print(f"load, from the disk cache:           {warm:.3f} s")

    keys = ["القاهره", "غزه", "قطاع غزه", "مصر", "لاشيء", "رفح"] * 2000
    lookup = median_seconds(lambda: [gazetteer.lookup(k) for k in keys], args.repeat)
    print(f"lookup: {len(keys) / lookup:,.0f} lookups/s (cached ranking)")

    text = SAMPLE * 200
    tokens = light_tokens(text)
    baseline = median_seconds(lambda: light_tokens(text), args.repeat)
    matching = median_seconds(lambda: find_places(tokens, text, gazetteer), args.repeat)
    print(f"baseline light tokeniser: {len(tokens) / baseline:,.0f} tokens/s")
    print(f"find_places:              {len(tokens) / matching:,.0f} tokens/s")


if __name__ == "__main__":
    main()
