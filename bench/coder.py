"""Throughput of the event coder end to end, beside the text pipeline and text + entities.

    python bench/coder.py [--limit N] [--repeats R] [--corpus DIR] [--scaling] [--stages]

Reads SaudiNewsNet (../shared/data/news/saudinewsnet, zips of JSON) through
hadath.ingest.read_inputs and measures, in one process on one core, three pipelines over the
same articles, each warmed by one untimed pass (morphology cache filled, patterns compiled):

* text:            hadath.analysis.text_pipeline() (clean, sentences, tokens, morphology);
* text + entities: the coding pipeline up to coreference (NER, actors, places, dates, coref);
* end to end:      hadath.api.coding_pipeline(): text in, events out.

Each figure is the median of R timed passes: articles/s, sentences/s and tokens/s. Issue 4
asks >= 1,000 sentences/s end to end; issue 3 asks >= 20,000 tokens/s for text + entities.
Peak RSS (resource.getrusage) is printed after each phase.

--stages also times each stage of the end-to-end pipeline separately over the same warm
passes (median seconds and share per stage), to show where the time goes.

--scaling codes single sentences of 250 ... 2,000 words (a trigger, an actor and a place
every 11 words, no punctuation) and prints how the time grows with each doubling: ~2x is
linear, ~8x is cubic.

Numbers vary on the shared 2-core machines: compare rows from one run, not runs.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hadath.analysis import text_pipeline
from hadath.api import CoderOptions, coding_pipeline
from hadath.ingest import IngestReport, read_inputs
from hadath.model import Document
from hadath.pipeline import Pipeline

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/data/news/saudinewsnet"
# A trigger (وصل, بحث), actors and a place every 11 words: what a run-on sentence looks like.
SCALING_WORDS = (
    "وصل", "الوفد", "المصري", "إلى", "القاهرة", "أمس", "لبحث", "الاتفاق", "مع", "حماس", "والجهاد",
)  # fmt: skip


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    published: object  # dt.date | None, passed through to Document


@dataclass(frozen=True)
class PassResult:
    seconds: float
    articles: int
    sentences: int
    tokens: int
    events: int
    failed: int


@dataclass(frozen=True)
class Row:
    name: str
    result: PassResult  # the median pass

    def rate(self, count: int) -> float:
        return count / self.result.seconds if self.result.seconds else float("inf")


def load_articles(corpus: Path, limit: int) -> tuple[list[Article], IngestReport]:
    report = IngestReport()
    articles: list[Article] = []
    for doc in read_inputs([corpus], report=report):
        articles.append(Article(doc.id, doc.raw_text, doc.published))
        if len(articles) >= limit:
            break
    return articles, report


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def one_pass(pipeline: Pipeline, articles: Sequence[Article]) -> PassResult:
    sentences = tokens = events = failed = 0
    start = time.perf_counter()
    for article in articles:
        doc = Document(raw_text=article.text, id=article.id, published=article.published)  # type: ignore[arg-type]
        try:
            doc = pipeline(doc)
        except Exception:  # counted: the benchmark must finish and say how many failed
            failed += 1
            continue
        sentences += len(doc.sentences)
        tokens += sum(len(s.tokens) for s in doc.sentences)
        events += len(doc.events)
    seconds = time.perf_counter() - start
    return PassResult(seconds, len(articles), sentences, tokens, events, failed)


def measure(name: str, pipeline: Pipeline, articles: Sequence[Article], repeats: int) -> Row:
    """One untimed warm-up pass, then the median of `repeats` timed passes."""
    one_pass(pipeline, articles)
    passes = sorted((one_pass(pipeline, articles) for _ in range(repeats)), key=lambda p: p.seconds)
    median = passes[len(passes) // 2]
    print(
        f"  {name}: passes {', '.join(f'{p.seconds:.2f}' for p in passes)} s; "
        f"peak RSS {peak_rss_mb():.0f} MB",
        file=sys.stderr,
    )
    return Row(name, median)


def pipelines() -> list[tuple[str, Pipeline]]:
    full = coding_pipeline(CoderOptions())
    up_to_coref = [s for s in full.stages if s.name != "events"]
    return [
        ("text (analysis.text_pipeline)", text_pipeline()),
        ("text + entities (to coref)", Pipeline(up_to_coref)),
        ("end to end (api.coding_pipeline)", full),
    ]


def print_table(rows: Sequence[Row]) -> None:
    width = max(len(row.name) for row in rows)
    header = f"{'pipeline':<{width}}  {'articles/s':>10}  {'sentences/s':>11}  {'tokens/s':>9}"
    print(f"\n{header}  {'events':>6}  {'failed':>6}  median s")
    for row in rows:
        r = row.result
        print(
            f"{row.name:<{width}}  {row.rate(r.articles):>10.1f}  {row.rate(r.sentences):>11,.0f}"
            f"  {row.rate(r.tokens):>9,.0f}  {r.events:>6}  {r.failed:>6}  {r.seconds:.2f}"
        )


def stage_seconds(pipeline: Pipeline, articles: Sequence[Article]) -> dict[str, float]:
    """Seconds spent in each stage over one pass (what Pipeline.__call__ does, timed)."""
    spent = dict.fromkeys(pipeline.names, 0.0)
    for article in articles:
        doc = Document(raw_text=article.text, id=article.id, published=article.published)  # type: ignore[arg-type]
        try:
            for current in pipeline.stages:
                start = time.perf_counter()
                doc = current(doc)
                spent[current.name] += time.perf_counter() - start
                doc.annotated |= current.assigns
        except Exception:  # counted in the main table; here the pass just moves on
            continue
    return spent


def print_stages(pipeline: Pipeline, articles: Sequence[Article], repeats: int) -> None:
    """Median seconds per stage over `repeats` warm passes, and each stage's share."""
    stage_seconds(pipeline, articles)
    passes = [stage_seconds(pipeline, articles) for _ in range(repeats)]
    medians = {name: sorted(p[name] for p in passes)[len(passes) // 2] for name in pipeline.names}
    total = sum(medians.values())
    print(f"\n{'stage':<12}  {'median s':>8}  {'share':>6}")
    for name, seconds in medians.items():
        print(f"{name:<12}  {seconds:>8.3f}  {seconds / total:>6.1%}")
    print(f"{'sum':<12}  {total:>8.3f}")


def scaling(sizes: Sequence[int] = (250, 500, 1000, 2000)) -> None:
    """Time one unpunctuated sentence per size; the ratio per doubling shows the growth."""
    pipeline = coding_pipeline(CoderOptions())
    pipeline(Document(raw_text=" ".join(SCALING_WORDS)))  # warm
    print(f"\n{'words':>6}  {'seconds':>8}  {'x previous':>10}  events")
    previous = None
    for size in sizes:
        text = " ".join(SCALING_WORDS[i % len(SCALING_WORDS)] for i in range(size))
        start = time.perf_counter()
        doc = pipeline(Document(raw_text=text))
        seconds = time.perf_counter() - start
        ratio = f"{seconds / previous:.1f}" if previous else "-"
        print(f"{size:>6}  {seconds:>8.2f}  {ratio:>10}  {len(doc.events)}")
        previous = seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=300, help="articles to read")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--scaling", action="store_true", help="also time long sentences")
    parser.add_argument("--stages", action="store_true", help="also time each stage")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 3
    articles, report = load_articles(args.corpus, args.limit)
    print(
        f"{len(articles)} articles, {sum(len(a.text) for a in articles):,} characters "
        f"(ingest skipped {report.skipped_total}); one process; "
        f"median of {args.repeats} warm passes"
    )
    rows = [measure(name, p, articles, args.repeats) for name, p in pipelines()]
    print_table(rows)
    print(f"peak RSS {peak_rss_mb():.0f} MB")
    if args.stages:
        print_stages(coding_pipeline(CoderOptions()), articles, args.repeats)
    if args.scaling:
        scaling()
    return 0


if __name__ == "__main__":
    sys.exit(main())
