"""An evaluation report as rich tables and as JSON, both built from the same view data."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from rich.console import Console
from rich.table import Table

from hadath.evaluation.articles import WholeArticleScores
from hadath.evaluation.quad import ALL_CLASSES, UN_QUAD_NAMES, QuadScores, RelevanceScores
from hadath.evaluation.runner import EvaluationReport, SectionResult
from hadath.evaluation.scoring import (
    ArticleScores,
    Counts,
    DetectionScores,
    SpanScores,
    examples_json,
)


def _articles_detail(scores: ArticleScores) -> dict[str, Any]:
    articles = [
        {
            "item": match.article.item.id,
            "why": match.article.why,
            "found": [pair.expected.id for pair in match.matched],
            "missed": [expected.id for expected in match.missed],
            "false_positives": [event.describe() for event in match.false_positives],
            "optional_found": [pair.expected.id for pair in match.optional],
            "tolerated": [event.describe() for event in match.tolerated],
            "error": match.prediction.error,
        }
        for match in scores.matches
    ]
    return {
        "overall": scores.overall.to_json(),
        "per_root": {root: c.to_json() for root, c in sorted(scores.per_root.items())},
        "articles": articles,
    }


def _whole_article_detail(scores: WholeArticleScores) -> dict[str, Any]:
    per_root = {
        root: {
            "expected": t.expected,
            "found": t.found,
            "coded": t.coded,
            "correct": t.correct,
            "recall": round(t.recall, 4),
            "precision": round(t.precision, 4),
            "f1": round(t.f1, 4),
        }
        for root, t in scores.per_root().items()
    }
    articles = []
    for result in scores.results:
        article = result.article
        articles.append(
            {
                "item": article.item.id,
                "url": article.source.url if article.source else None,
                "outlet": article.source.outlet if article.source else None,
                "expected": len(article.expected),
                "coded": len(result.events),
                "found": [article.expected[i].id for i in sorted(result.found)],
                "missed": [gold.id for gold in result.missed()],
                "optional_found": [article.optional[i].id for i in sorted(result.optional_found)],
                "repeats": [result.events[j].describe() for j in result.repeats],
                "false_positives": [result.events[j].describe() for j in result.wrong],
                "error": result.prediction.error,
            }
        )
    return {"counts": scores.counts(), "per_root": per_root, "articles": articles}


def _confusion_json(scores: QuadScores) -> dict[str, dict[str, int]]:
    return {
        UN_QUAD_NAMES[gold]: {UN_QUAD_NAMES[pred]: n for pred, n in row.items()}
        for gold, row in scores.confusion.items()
    }


def _detection_detail(scores: DetectionScores) -> dict[str, Any]:
    return {
        "per_type": {t: c.to_json() for t, c in sorted(scores.per_type.items())},
        "false_positives_by_label": dict(scores.false_positives_by_label),
        "negatives_by_label": dict(scores.negatives_by_label),
    }


def _quad_detail(scores: QuadScores) -> dict[str, Any]:
    per_class = {UN_QUAD_NAMES[c]: scores.counts(c).to_json() for c in ALL_CLASSES}
    return {"per_class": per_class, "confusion": _confusion_json(scores)}


def section_detail(section: SectionResult) -> dict[str, Any]:
    """What a section shows beyond its flat metrics: counts per class or per root."""
    scores = section.scores
    detail: dict[str, Any] = {}
    if isinstance(scores, ArticleScores):
        detail = _articles_detail(scores)
    elif isinstance(scores, WholeArticleScores):
        detail = _whole_article_detail(scores)
    elif isinstance(scores, DetectionScores):
        detail = _detection_detail(scores)
    elif isinstance(scores, SpanScores):
        detail = {"per_type": {t: asdict(tally) for t, tally in sorted(scores.per_type.items())}}
    elif isinstance(scores, QuadScores):
        detail = _quad_detail(scores)
    elif isinstance(scores, RelevanceScores):
        detail = {"counts": scores.counts.to_json()}
    return detail


def report_to_json(report: EvaluationReport) -> dict[str, Any]:
    sections = [
        {
            "kind": section.kind,
            "files": [str(path) for path in section.paths],
            "items": section.items,
            "skipped": dict(section.skipped),
            "coding_errors": section.scores.errors,
            "metrics": {name: round(v, 4) for name, v in section.metrics().items()},
            "detail": section_detail(section),
            "examples": examples_json(section.scores.examples(), report.examples),
        }
        for section in report.sections
    ]
    floors = [
        {"metric": f.metric, "floor": f.floor, "value": round(f.value, 4), "passed": f.passed}
        for f in report.floors
    ]
    return {"sections": sections, "floors": floors, "passed": report.passed}


def _counts_table(title: str, rows: dict[str, Counts]) -> Table:
    table = Table(title=title)
    for column in ("", "tp", "fp", "fn", "precision", "recall", "F1"):
        table.add_column(column, justify="left" if not column else "right")
    for name, c in rows.items():
        table.add_row(
            name,
            str(c.tp),
            str(c.fp),
            str(c.fn),
            f"{c.precision:.3f}",
            f"{c.recall:.3f}",
            f"{c.f1:.3f}",
        )
    return table


def _confusion_table(scores: QuadScores) -> Table:
    table = Table(title="confusion (rows gold, columns coded; UN QuadClass)")
    table.add_column("gold \\ coded")
    for label in ALL_CLASSES:
        table.add_column(UN_QUAD_NAMES[label], justify="right")
    for gold in ALL_CLASSES:
        row = scores.confusion[gold]
        table.add_row(UN_QUAD_NAMES[gold], *(str(row[pred]) for pred in ALL_CLASSES))
    return table


def _whole_article_tables(scores: WholeArticleScores) -> list[Table]:
    counts = Table(title="events")
    counts.add_column("count")
    counts.add_column("n", justify="right")
    for name, value in scores.counts().items():
        counts.add_row(name.replace("_", " "), str(value))
    roots = Table(title="per root (expected by the gold's first root, coded by the coded root)")
    for column in ("root", "expected", "found", "recall", "coded", "right", "precision", "F1"):
        roots.add_column(column, justify="left" if column == "root" else "right")
    for root, t in scores.per_root().items():
        roots.add_row(
            root,
            str(t.expected),
            str(t.found),
            f"{t.recall:.3f}",
            str(t.coded),
            str(t.correct),
            f"{t.precision:.3f}",
            f"{t.f1:.3f}",
        )
    return [counts, roots]


def _detail_tables(section: SectionResult) -> list[Table]:
    scores = section.scores
    if isinstance(scores, WholeArticleScores):
        return _whole_article_tables(scores)
    if isinstance(scores, ArticleScores):
        rows = {"all": scores.overall} | {
            f"root {r}": c for r, c in sorted(scores.per_root.items())
        }
        return [_counts_table("expected events", rows)]
    if isinstance(scores, DetectionScores):
        return [_counts_table("detection by PLOVER type", dict(sorted(scores.per_type.items())))]
    if isinstance(scores, QuadScores):
        per_class = {UN_QUAD_NAMES[c]: scores.counts(c) for c in ALL_CLASSES}
        return [_counts_table("per class", per_class), _confusion_table(scores)]
    if isinstance(scores, RelevanceScores):
        return [_counts_table("any event", {"relevant": scores.counts})]
    return []


def _metrics_table(section: SectionResult) -> Table:
    files = ", ".join(path.name for path in section.paths)
    skipped = sum(section.skipped.values())
    title = f"{section.kind}: {files} — {section.items} items"
    title += f", {skipped} skipped" if skipped else ""
    title += f", {section.scores.errors} coding errors" if section.scores.errors else ""
    table = Table(title=title)
    table.add_column("metric")
    table.add_column("value", justify="right")
    for name, value in section.metrics().items():
        table.add_row(name, f"{value:.3f}")
    return table


def _examples_table(section: SectionResult, limit: int) -> Table | None:
    examples = section.scores.examples()[:limit]
    if not examples:
        return None
    table = Table(title=f"first {len(examples)} errors", show_lines=True)
    for column in ("item", "what", "coded", "sentence"):
        table.add_column(column, overflow="fold")
    for example in examples:
        table.add_row(example.item_id, example.kind, example.detail, example.sentence[:300])
    return table


def render_report(report: EvaluationReport, console: Console) -> None:
    for section in report.sections:
        console.print(_metrics_table(section))
        for table in _detail_tables(section):
            console.print(table)
        examples = _examples_table(section, report.examples)
        if examples is not None:
            console.print(examples)
    if report.floors:
        table = Table(title="floors")
        for column in ("metric", "floor", "value", ""):
            table.add_column(column)
        for check in report.floors:
            mark = "[green]ok[/green]" if check.passed else "[red]BELOW[/red]"
            table.add_row(check.metric, f"{check.floor:.3f}", f"{check.value:.3f}", mark)
        console.print(table)
