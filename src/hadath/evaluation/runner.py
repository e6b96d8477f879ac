"""Run an evaluation: read gold files, code every item, score, check floors.

The coder is a plain function `GoldItem -> Prediction`, so tests pass a hand-made one and
the default codes with `hadath.api.code`. With `workers > 1` items are coded in a process
pool (coding is CPU-bound); `Executor.map` returns results in input order, so a run gives
the same report whatever the number of workers.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from hadath.evaluation.articles import score_whole_articles
from hadath.evaluation.gold import ArticleGold, GoldFormatError, GoldItem, read_yaml_gold
from hadath.evaluation.gold_external import (
    KINDS,
    GoldSet,
    detect_kind,
    read_gsr_detection,
    read_gsr_spans,
    read_labelled_tsv,
)
from hadath.evaluation.predictions import Prediction, prediction_from_document
from hadath.evaluation.quad import score_quad, score_relevance
from hadath.evaluation.scoring import (
    ErrorExample,
    flatten,
    score_articles,
    score_detection,
    score_spans,
)

log = logging.getLogger(__name__)

Coder = Callable[[GoldItem], Prediction]


class Scores(Protocol):
    errors: int

    def metrics(self) -> dict[str, float]: ...

    def examples(self) -> list[ErrorExample]: ...


class UnknownMetricError(ValueError):
    """A floor names a metric the run did not produce (a typo must not pass the gate)."""


@dataclass(frozen=True)
class EvalOptions:
    kind: str = "auto"  # auto | yaml | news | gsr | gsr-spans | quad | binary
    limit: int | None = None  # first N records of each gold file
    workers: int = 1
    examples: int = 10  # error examples shown per section
    floors: Mapping[str, float] = field(default_factory=dict)


def code_with_hadath(item: GoldItem) -> Prediction:
    """Code one item with the full pipeline; a failure is a counted error, not a crash."""
    from hadath.api import code

    try:
        doc = code(item.text, published=item.published, id=item.id)
    except Exception as error:  # one bad article must not end a corpus run
        log.warning("coding %s failed: %s: %s", item.id, type(error).__name__, error)
        return Prediction(item.id, error=f"{type(error).__name__}: {error}")
    return prediction_from_document(item.id, doc)


def code_items(items: Sequence[GoldItem], coder: Coder, workers: int = 1) -> dict[str, Prediction]:
    """Predictions by item id, each distinct id coded once, in input order."""
    unique: dict[str, GoldItem] = {}
    for item in items:
        seen = unique.setdefault(item.id, item)
        if seen.text != item.text:
            raise GoldFormatError(f"{item.origin}: id {item.id} reused for another text")
    todo = list(unique.values())
    if workers <= 1 or len(todo) < 2:
        return {item.id: coder(item) for item in todo}
    chunk = max(1, len(todo) // (workers * 8))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return {p.item_id: p for p in pool.map(coder, todo, chunksize=chunk)}


@dataclass(slots=True)
class SectionResult:
    """The scores of every gold file of one kind (for whole-article gold: of one part)."""

    kind: str  # the section's name and metric prefix: yaml, news.dev, gsr ...
    paths: list[Path]
    items: int
    skipped: Counter[str]
    scores: Scores

    def metrics(self) -> dict[str, float]:
        return flatten(self.kind, self.scores.metrics())


@dataclass(frozen=True, slots=True)
class FloorCheck:
    metric: str
    floor: float
    value: float

    @property
    def passed(self) -> bool:
        return self.value >= self.floor


@dataclass(slots=True)
class EvaluationReport:
    sections: list[SectionResult]
    floors: list[FloorCheck] = field(default_factory=list)
    examples: int = 10

    def metrics(self) -> dict[str, float]:
        values: dict[str, float] = {}
        for section in self.sections:
            values |= section.metrics()
        return values

    @property
    def passed(self) -> bool:
        return all(check.passed for check in self.floors)


def _limited(records: list[Any], limit: int | None) -> list[Any]:
    return records if limit is None else records[:limit]


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Gold files, with a directory standing for every YAML file under it (sorted)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"})
            if not found:
                raise GoldFormatError(f"{path}: no YAML gold files in this directory")
            files.extend(found)
        else:
            files.append(path)
    return files


def load_gold(path: Path, kind: str, limit: int | None) -> GoldSet[Any]:
    if not path.is_file():
        raise GoldFormatError(f"{path}: no such gold file")
    kind = detect_kind(path) if kind == "auto" else kind
    if kind not in KINDS:
        raise GoldFormatError(f"unknown gold kind {kind!r}; one of {', '.join(KINDS)}")
    gold: GoldSet[Any]
    if kind in {"yaml", "news"}:
        articles = read_yaml_gold(path)
        # Corpus articles (gold/news) are whole-article gold; `--kind news` scores any
        # YAML article that way.
        if any(article.source is not None for article in articles):
            kind = "news"
        gold = GoldSet(kind, path, list(articles))
    elif kind == "gsr":
        gold = read_gsr_detection(path)
    elif kind == "gsr-spans":
        gold = read_gsr_spans(path)
    else:
        gold = read_labelled_tsv(path, kind)
    gold.records = _limited(gold.records, limit)
    return gold


_SCORERS: dict[str, Callable[[Sequence[Any], Mapping[str, Prediction]], Scores]] = {
    "yaml": score_articles,
    "news": score_whole_articles,
    "gsr": score_detection,
    "gsr-spans": score_spans,
    "quad": score_quad,
    "binary": score_relevance,
}


def score_section(
    kind: str, golds: list[GoldSet[Any]], coder: Coder, workers: int
) -> SectionResult:
    records = [record for gold in golds for record in gold.records]
    predictions = code_items([record.item for record in records], coder, workers)
    skipped: Counter[str] = Counter()
    for gold in golds:
        skipped.update(gold.skipped)
    scores = _SCORERS[kind](records, predictions)
    return SectionResult(kind, [gold.path for gold in golds], len(records), skipped, scores)


def news_sections(golds: list[GoldSet[Any]]) -> list[tuple[str, list[GoldSet[Any]]]]:
    """Whole-article gold split by part: `news.train`, `news.dev`, or `news` without parts."""
    by_part: dict[str, list[GoldSet[Any]]] = {}
    for gold in golds:
        groups: dict[str, list[ArticleGold]] = {}
        for article in gold.records:
            name = f"news.{article.part}" if article.part else "news"
            groups.setdefault(name, []).append(article)
        for name, records in groups.items():
            by_part.setdefault(name, []).append(GoldSet(gold.kind, gold.path, records))
    order = {"news.train": 0, "news.dev": 1, "news": 2}
    return sorted(by_part.items(), key=lambda pair: order[pair[0]])


def check_floors(metrics: Mapping[str, float], floors: Mapping[str, float]) -> list[FloorCheck]:
    unknown = sorted(set(floors) - set(metrics))
    if unknown:
        known = ", ".join(sorted(metrics))
        raise UnknownMetricError(f"no metric {', '.join(unknown)} in this run; known: {known}")
    return [FloorCheck(name, floor, metrics[name]) for name, floor in sorted(floors.items())]


def evaluate(
    paths: Sequence[Path], options: EvalOptions = EvalOptions(), coder: Coder = code_with_hadath
) -> EvaluationReport:
    """Score the coder on every gold file; files of one kind are pooled into one section."""
    by_kind: dict[str, list[GoldSet[Any]]] = {}
    for path in expand_paths(paths):
        gold = load_gold(path, options.kind, options.limit)
        by_kind.setdefault(gold.kind, []).append(gold)
    # Fail before coding thousands of sentences when a floor cannot refer to this run.
    stray = sorted(name for name in options.floors if name.split(".", 1)[0] not in by_kind)
    if stray:
        raise UnknownMetricError(f"floors for gold kinds not in this run: {', '.join(stray)}")
    sections = []
    for kind, golds in sorted(by_kind.items(), key=lambda pair: KINDS.index(pair[0])):
        if kind == "news":
            for name, part_golds in news_sections(golds):
                section = score_section(kind, part_golds, coder, options.workers)
                section.kind = name
                sections.append(section)
        else:
            sections.append(score_section(kind, golds, coder, options.workers))
    report = EvaluationReport(sections, examples=options.examples)
    report.floors = check_floors(report.metrics(), options.floors)
    return report
