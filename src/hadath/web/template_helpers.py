"""Functions templates call: chart geometry from the view data (presentation only)."""

from __future__ import annotations

from collections.abc import Iterable
from types import MappingProxyType
from typing import Any

from hadath.web.charts import Count, stacked_bars


def timeline_chart(rows: Iterable[dict[str, Any]], by: str) -> dict[str, Any]:
    """`[{"day", "key", "count"}]` (the store's timeline) -> stacked bar geometry."""
    counts = [
        Count(str(r["day"])[:10], str(r["key"]), int(r["count"]))
        for r in rows
        if r.get("day") and r.get("key") is not None
    ]
    return stacked_bars(counts, by)


def dominant_quad_class(by_quad_class: dict[str, int] | None) -> int:
    """The QuadClass with most events on an edge (0 when none): the edge's colour."""
    if not by_quad_class:
        return 0
    key, count = max(by_quad_class.items(), key=lambda item: (item[1], -int(item[0])))
    return int(key) if count else 0


def network_edges(edges: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """What network.js draws of an edge: ends, weight and the colour's QuadClass."""
    return [
        {
            "source": e["source"],
            "target": e["target"],
            "weight": e["weight"],
            "quad_class": dominant_quad_class(e.get("by_quad_class")),
        }
        for e in edges
    ]


GLOBALS = MappingProxyType(
    {
        "timeline_chart": timeline_chart,
        "dominant_quad_class": dominant_quad_class,
        "network_edges": network_edges,
    }
)
