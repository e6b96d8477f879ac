"""Functions templates call: chart geometry from the view data (presentation only)."""

from __future__ import annotations

import re
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


_ARABIC_RUN = re.compile(
    r"[\u0600-\u06FF\u0750-\u077F](?:[\u0600-\u06FF\u0750-\u077F\s]*[\u0600-\u06FF\u0750-\u077F])?"
)


def arabic_runs(text: str) -> list[dict[str, Any]]:
    """Cut mixed text ("date: أمس -> 2024-02-09") into Arabic and other runs.

    Why: in an explanation rule, digits after Arabic letters take the Arabic direction
    (Unicode bidi rule W2) and "2024-02-09" showed as "09-02-2024". Each Arabic run rendered
    in its own isolate (`<bdi dir="rtl">`) leaves the rest in the rule's own direction.
    """
    pieces: list[dict[str, Any]] = []
    last = 0
    for match in _ARABIC_RUN.finditer(text):
        if match.start() > last:
            pieces.append({"text": text[last : match.start()], "rtl": False})
        pieces.append({"text": match.group(), "rtl": True})
        last = match.end()
    if last < len(text):
        pieces.append({"text": text[last:], "rtl": False})
    return pieces


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
        "arabic_runs": arabic_runs,
    }
)
