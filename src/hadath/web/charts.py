"""Stacked bar charts as plain geometry; templates draw it as inline SVG (no chart library).

Days are grouped into weeks or months when there are too many to draw one bar each: a
year of daily bars is 365 slivers under 2 px on a 900 px chart, unreadable and heavy.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

WIDTH, HEIGHT = 900, 280
MARGIN_LEFT, MARGIN_BOTTOM, MARGIN_TOP = 44, 28, 12
MAX_BARS = 120
MAX_BAR_WIDTH = 48

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


def bucket_of(day: dt.date, size: str) -> str:
    if size == "month":
        return day.strftime("%Y-%m")
    if size == "week":
        monday = day - dt.timedelta(days=day.weekday())
        return monday.isoformat()
    return day.isoformat()


def bucket_size(days: list[dt.date]) -> str:
    if not days:
        return "day"
    span = (max(days) - min(days)).days + 1
    if span <= MAX_BARS:
        return "day"
    return "week" if span <= MAX_BARS * 7 else "month"


def every_bucket(first: dt.date, last: dt.date, size: str) -> list[str]:
    """All buckets from first to last, empty ones too: a quiet week is data, not a gap."""
    buckets: dict[str, None] = {}
    day = first
    while day <= last:
        buckets.setdefault(bucket_of(day, size))
        day += dt.timedelta(days=1)
    return list(buckets)


def stacked_bars(counts: Iterable[Count], by: str) -> dict[str, Any]:
    """Geometry of a stacked bar chart: bars, axis labels, ticks and a legend."""
    rows = [c for c in counts if c.count > 0]
    days = [dt.date.fromisoformat(c.day) for c in rows]
    size = bucket_size(days)
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row, day in zip(rows, days, strict=True):
        totals[bucket_of(day, size)][row.key] += row.count
    buckets = every_bucket(min(days), max(days), size) if days else []
    keys = sorted({row.key for row in rows})
    peak = max((sum(v.values()) for v in totals.values()), default=0)
    chart: dict[str, Any] = {"width": WIDTH, "height": HEIGHT, "bucket": size, "bars": []}
    chart["legend"] = [{"key": k, "fill": colour_of(k, by)} for k in keys]
    if not buckets or peak == 0:
        chart.update(x_labels=[], y_ticks=[])
        return chart
    plot_w, plot_h = WIDTH - MARGIN_LEFT, HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    step = plot_w / len(buckets)
    # A few buckets would give bars hundreds of pixels wide; cap them and centre each in its slot.
    width = min(max(step - 1, 1), MAX_BAR_WIDTH)
    for i, bucket in enumerate(buckets):
        x = MARGIN_LEFT + i * step + (step - width) / 2
        top = float(HEIGHT - MARGIN_BOTTOM)
        for key in keys:
            value = totals[bucket].get(key, 0)
            if not value:
                continue
            h = plot_h * value / peak
            top -= h
            chart["bars"].append(
                {
                    "x": round(x, 1),
                    "y": round(top, 1),
                    "w": round(width, 1),
                    "h": round(h, 1),
                    "fill": colour_of(key, by),
                    "title": f"{bucket} · {key}: {value}",
                }
            )
    label_every = max(len(buckets) // 8, 1)
    chart["x_labels"] = [
        {"x": round(MARGIN_LEFT + (i + 0.5) * step, 1), "text": b}
        for i, b in enumerate(buckets)
        if i % label_every == 0
    ]
    chart["y_ticks"] = [
        {"y": round(HEIGHT - MARGIN_BOTTOM - plot_h * value / peak, 1), "text": str(value)}
        for value in sorted({0, peak // 2, peak})
    ]
    return chart


def colour_of(key: str, by: str) -> str:
    if by == "quad_class":
        return QUAD_COLOURS.get(key, "#999999")
    try:
        return PALETTE[(int(key) - 1) % len(PALETTE)]
    except ValueError:
        return "#999999"
