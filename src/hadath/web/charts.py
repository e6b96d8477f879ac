"""Charts as plain geometry; templates draw them as inline SVG (no chart library).

A series chart stacks event counts per day, week or month by QuadClass (or CAMEO root) and
plots the mean Goldstein score of the same buckets below. Every bar and point carries the
filters of the events it counts, so a click lists exactly those events.

The store groups the days into weeks or months when there are too many to draw one bar
each (`hadath.store.analytics.bucketed_series`); this module only draws.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hadath.store.filters import EventQuery

WIDTH, HEIGHT = 900, 280
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP = 44, 28, 12
GOLDSTEIN_HEIGHT = 150
MAX_BAR_WIDTH = 48
LABEL_HALF = 34  # half the width of a "YYYY-MM-DD" label at 11 px

QUAD_COLOURS = {"1": "#7fbf7b", "2": "#1b7837", "3": "#f1a340", "4": "#b2182b"}
PALETTE = (
    *("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"),
    *("#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39"),
    *("#7b4173", "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363"),
)


@dataclass(frozen=True)
class Count:
    day: str  # YYYY-MM-DD
    key: str  # QuadClass "1".."4" or CAMEO root "01".."20"
    count: int
    goldstein: float = 0.0  # the sum of the events' Goldstein scores


def bucket_of(day: dt.date, size: str) -> dt.date:
    """The first day of the day, week (Monday), month, quarter or year holding `day`."""
    if size == "year":
        return day.replace(month=1, day=1)
    if size == "quarter":
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    if size == "month":
        return day.replace(day=1)
    if size == "week":
        return day - dt.timedelta(days=day.weekday())
    return day


def bucket_end(start: dt.date, size: str) -> dt.date:
    if size in ("month", "quarter", "year"):
        months = {"month": 1, "quarter": 3, "year": 12}[size]
        index = start.year * 12 + start.month - 1 + months
        following = dt.date(index // 12, index % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    if size == "week":
        return start + dt.timedelta(days=6)
    return start


def bucket_label(start: dt.date, size: str) -> str:
    if size == "year":
        return str(start.year)
    if size == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return start.strftime("%Y-%m") if size == "month" else start.isoformat()


def every_bucket(first: dt.date, last: dt.date, size: str) -> list[dt.date]:
    """All buckets from first to last, empty ones too: a quiet week is data, not a gap."""
    buckets: list[dt.date] = []
    start = bucket_of(first, size)
    while start <= last:
        buckets.append(start)
        start = bucket_end(start, size) + dt.timedelta(days=1)
    return buckets


@dataclass(frozen=True)
class Span:
    """The days a chart draws; events outside are counted and linked, not drawn."""

    first: dt.date
    last: dt.date


@dataclass(frozen=True)
class Series:
    """Counts per bucket (`Count.day` is the bucket's first day) of one bucket size, and
    how many events fall before and after the drawn span."""

    counts: tuple[Count, ...]
    size: str = "day"
    before: int = 0
    after: int = 0


def series_chart(
    series: Series, by: str, query: EventQuery, span: Span | None = None
) -> dict[str, Any]:
    """Geometry of the stacked bars, the Goldstein line and the legend, with the filters
    of every bar and point (`query` narrowed to the bucket and key)."""
    rows = [c for c in series.counts if c.count > 0]
    size = series.size
    chart: dict[str, Any] = {"width": WIDTH, "height": HEIGHT, "by": by, "bucket": size}
    chart["outside"] = _outside(series, query, span)
    totals: dict[dt.date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    goldstein: dict[dt.date, float] = defaultdict(float)
    for row in rows:
        start = bucket_of(dt.date.fromisoformat(row.day), size)
        totals[start][row.key] += row.count
        goldstein[start] += row.goldstein
    buckets = every_bucket(min(totals), max(totals), size) if totals else []
    keys = sorted({row.key for row in rows})
    chart.update(bars=[], x_labels=[], y_ticks=[], points=[])
    chart["legend"] = [{"key": k, "fill": colour_of(k, by)} for k in keys]
    peak = max((sum(v.values()) for v in totals.values()), default=0)
    if not buckets or peak == 0:
        return chart
    step = (WIDTH - MARGIN_LEFT) / len(buckets)
    # The query's parameters once; each bar's are a copy with its dates and key (building an
    # EventQuery per bar took 55 ms for the 480 bars of ten years by month).
    base = query.as_query()
    for i, start in enumerate(buckets):
        narrowed = _bucket_filters(base, query, start, bucket_end(start, size), span)
        slot = _Slot(i, step, bucket_label(start, size), narrowed)
        chart["bars"] += _stack(slot, totals[start], keys, by, peak)
        total = sum(totals[start].values())
        if total:
            chart["points"].append(_point(slot, goldstein[start] / total, total))
    label_every = max(len(buckets) // 8, 1)
    # A label is centred under its bar but kept inside the chart (the last one was cut off).
    chart["x_labels"] = [
        {
            "x": round(min(max(MARGIN_LEFT + (i + 0.5) * step, LABEL_HALF), WIDTH - LABEL_HALF), 1),
            "text": bucket_label(b, size),
        }
        for i, b in enumerate(buckets)
        if i % label_every == 0
    ]
    plot_h = HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    chart["y_ticks"] = [
        {"y": round(HEIGHT - MARGIN_BOTTOM - plot_h * value / peak, 1), "text": str(value)}
        for value in sorted({0, peak // 2, peak})
    ]
    chart["goldstein_height"] = GOLDSTEIN_HEIGHT
    chart["goldstein_ticks"] = [{"y": _goldstein_y(v), "text": f"{v:+d}"} for v in (10, 0, -10)]
    return chart


@dataclass(frozen=True)
class _Slot:
    """One bucket's place on the x axis, its label and the query narrowed to it."""

    index: int
    step: float
    label: str
    filters: dict[str, str]


def _stack(
    slot: _Slot, values: Mapping[str, int], keys: list[str], by: str, peak: int
) -> list[dict[str, Any]]:
    # A few buckets would give bars hundreds of pixels wide; cap them and centre each in its slot.
    width = min(max(slot.step - 1, 1), MAX_BAR_WIDTH)
    x = MARGIN_LEFT + slot.index * slot.step + (slot.step - width) / 2
    top = float(HEIGHT - MARGIN_BOTTOM)
    plot_h = HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    bars = []
    for key in keys:
        value = values.get(key, 0)
        if not value:
            continue
        h = plot_h * value / peak
        top -= h
        keyed = {**slot.filters, ("quad_class" if by == "quad_class" else "root"): key}
        bars.append(
            {
                "x": round(x, 1),
                "y": round(top, 1),
                "w": round(width, 1),
                "h": round(h, 1),
                "fill": colour_of(key, by),
                "key": key,
                "bucket": slot.label,
                "count": value,
                "filters": keyed,
            }
        )
    return bars


def _point(slot: _Slot, mean: float, count: int) -> dict[str, Any]:
    return {
        "x": round(MARGIN_LEFT + (slot.index + 0.5) * slot.step, 1),
        "y": _goldstein_y(mean),
        "mean": round(mean, 2),
        "count": count,
        "bucket": slot.label,
        "filters": dict(slot.filters),
    }


def _goldstein_y(value: float) -> float:
    """Goldstein -10..10 onto the lower panel, +10 at the top."""
    plot = GOLDSTEIN_HEIGHT - 2 * MARGIN_TOP
    return round(MARGIN_TOP + plot * (10 - value) / 20, 1)


def _bucket_filters(
    base: dict[str, str], query: EventQuery, start: dt.date, end: dt.date, span: Span | None
) -> dict[str, str]:
    """The query's parameters narrowed to a bucket, kept inside its own date filters and
    the drawn span (a week starting before the span holds only the span's days of it)."""
    low = max(start, span.first) if span else start
    high = min(end, span.last) if span else end
    since = max(low.isoformat(), query.since or "")
    until = min(high.isoformat(), query.until or "9999-12-31")
    return {**base, "since": since, "until": until}


def _outside(series: Series, query: EventQuery, span: Span | None) -> dict[str, Any]:
    """Events dated before or after the drawn span, with the filters that list them."""
    if span is None:
        return {}
    day = dt.timedelta(days=1)
    return {
        "first": span.first.isoformat(),
        "last": span.last.isoformat(),
        "before": {
            "count": series.before,
            "filters": query.replace(until=(span.first - day).isoformat()).as_query(),
        },
        "after": {
            "count": series.after,
            "filters": query.replace(since=(span.last + day).isoformat()).as_query(),
        },
    }


def colour_of(key: str, by: str) -> str:
    if by == "quad_class":
        return QUAD_COLOURS.get(key, "#999999")
    try:
        return PALETTE[(int(key) - 1) % len(PALETTE)]
    except ValueError:
        return "#999999"
