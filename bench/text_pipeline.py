"""Throughput of the text pipeline on real articles, next to a baseline from the same run.

    python bench/text_pipeline.py [--limit N] [--repeats R] [--corpus DIR]

Reads SaudiNewsNet (../shared/data/news/saudinewsnet, zips of JSON) through hadath.ingest and
measures, as tokens per second (median of R passes where a pass can be repeated):

* baseline: `re.findall(r"\\w+")` over the raw texts (the cheapest tokeniser there is);
* text: clean + sentences + tokens;
* morphology cold: the full text pipeline with a fresh morphology cache in a temp dir (one
  pass: a second one would not be cold), plus the analyser's load time;
* morphology warm (disk): a new analyser over the cache the cold pass filled;
* morphology warm (memory): further passes through the same, warmed stage.

Peak RSS (resource.getrusage) is printed after each phase. Numbers vary on the shared
2-core machines: compare rows from one run, not runs with each other.
"""

from __future__ import annotations

import argparse
import re
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from hadath.ingest import IngestReport, read_inputs
from hadath.model import Document
from hadath.pipeline import Pipeline, Stage
from hadath.text.stages import CleanStage, SentenceStage, TokenStage

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/data/news/saudinewsnet"
Row = tuple[str, int, float, str]


def load_articles(corpus: Path, limit: int) -> list[str]:
    report = IngestReport()
    texts: list[str] = []
    for doc in read_inputs([corpus], report=report):
        texts.append(doc.raw_text)
        if len(texts) >= limit:
            break
    return texts


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def timed_pass(texts: list[str], run: Callable[[str], int]) -> tuple[int, float]:
    start = time.perf_counter()
    tokens = sum(run(text) for text in texts)
    return tokens, time.perf_counter() - start


def median_rate(texts: list[str], run: Callable[[str], int], repeats: int) -> tuple[int, float]:
    """Median rate of `repeats` passes after one warm-up pass (compiled patterns, key caches)."""
    timed_pass(texts, run)
    passes = [timed_pass(texts, run) for _ in range(repeats)]
    tokens = passes[0][0]
    return tokens, statistics.median(tokens / seconds for _, seconds in passes)


def pipeline_runner(pipeline: Pipeline) -> Callable[[str], int]:
    def run(text: str) -> int:
        return sum(len(s.tokens) for s in pipeline(Document(raw_text=text)).sentences)

    return run


def baseline_runner() -> Callable[[str], int]:
    word = re.compile(r"\w+")
    return lambda text: len(word.findall(text))


def morphology_rows(texts: list[str], repeats: int, text_stages: list[Stage]) -> list[Row]:
    from hadath.morph import Analyser, MorphologyStage

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="hadath-bench-cache-") as cache_dir:
        start = time.perf_counter()
        analyser = Analyser(cache_dir=cache_dir)
        analyser.analyse("اختبار")  # loads the backend
        load = time.perf_counter() - start
        stage = MorphologyStage(analyser)
        full = Pipeline([*text_stages, stage])
        tokens, seconds = timed_pass(texts, pipeline_runner(full))
        rows.append(
            (
                "morphology, cold cache (1 pass)",
                tokens,
                tokens / seconds,
                f"backend load {load:.1f} s not included",
            )
        )
        disk = Pipeline([*text_stages, MorphologyStage(Analyser(cache_dir=cache_dir))])
        tokens, seconds = timed_pass(texts, pipeline_runner(disk))
        rows.append(
            (
                "morphology, warm disk cache (1 pass)",
                tokens,
                tokens / seconds,
                "new analyser, cache file from the cold pass",
            )
        )
        tokens, rate = median_rate(texts, pipeline_runner(full), repeats)
        rows.append(
            ("morphology, warm memory cache", tokens, rate, f"median of {repeats} after 1 more")
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=500, help="articles to read")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-morphology", action="store_true")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 3
    texts = load_articles(args.corpus, args.limit)
    print(
        f"{len(texts)} articles, {sum(map(len, texts)):,} characters; "
        f"peak RSS after loading {peak_rss_mb():.0f} MB"
    )
    rows: list[Row] = []
    tokens, rate = median_rate(texts, baseline_runner(), args.repeats)
    rows.append(("baseline re.findall(r'\\w+')", tokens, rate, "median, warm"))
    text_stages: list[Stage] = [CleanStage(), SentenceStage(), TokenStage()]
    tokens, rate = median_rate(texts, pipeline_runner(Pipeline(text_stages)), args.repeats)
    rows.append(("text: clean+sentences+tokens", tokens, rate, "median, warm"))
    print(f"peak RSS after text pipeline {peak_rss_mb():.0f} MB")
    if not args.no_morphology:
        try:
            rows.extend(morphology_rows(texts, args.repeats, list(text_stages)))
        except ImportError as error:
            print(f"morphology not measured: {error}", file=sys.stderr)
        print(f"peak RSS after morphology {peak_rss_mb():.0f} MB")
    print_table(rows)
    return 0


def print_table(rows: list[Row]) -> None:
    width = max(len(row[0]) for row in rows)
    print(f"\n{'pass':<{width}}  {'tokens':>9}  {'tokens/s':>10}  note")
    for name, tokens, rate, note in rows:
        print(f"{name:<{width}}  {tokens:>9,}  {rate:>10,.0f}  {note}")


if __name__ == "__main__":
    sys.exit(main())
