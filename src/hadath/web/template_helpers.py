"""Functions templates call: choices of the filter form, names, chart pieces (presentation
only; the data of a page is its view's)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from types import MappingProxyType
from typing import Any

from hadath.web.names import cameo_names


@functools.lru_cache(maxsize=1)
def filter_choices() -> dict[str, Any]:
    """The dropdowns of the filter form: CAMEO roots with their codes, actor types (role
    codes), modalities to hide, sort keys and page sizes, each with its names."""
    from hadath.store.filters import MODALITIES
    from hadath.store.queries import SORTS
    from hadath.web.names import cameo_choices, role_names
    from hadath.web.views import PAGE_SIZES

    primary = ("GOV", "MIL", "COP", "JUD", "SPY", "LEG", "OPP", "REB", "INS", "SEP", "UAF")
    roles = role_names()
    rest = sorted(code for code in roles if code not in primary)
    return {
        "roots": cameo_choices(),
        "actor_types": [{"code": c, "names": roles[c]} for c in (*primary, *rest) if c in roles],
        "modalities": list(MODALITIES),
        "sorts": list(SORTS),
        "page_sizes": list(PAGE_SIZES),
    }


def sort_target(current: str | None, key: str) -> str:
    """The sort a column header links to: this column, the other way if it is the current one."""
    current = current or "-date"
    if current.lstrip("-") != key:
        return f"-{key}" if key in ("date", "mentions", "confidence") else key
    return key if current.startswith("-") else f"-{key}"


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


def graph_for_script(
    nodes: Iterable[dict[str, Any]],
    edges: Iterable[dict[str, Any]],
    lang: str,
    link: Callable[..., str],
) -> dict[str, Any]:
    """What network.js draws: nodes at their server-side positions with the name in the
    page's language, edges with their colour's QuadClass and the link to their events."""
    return {
        "nodes": [
            {
                "id": n["id"],
                "name": (n.get("names") or {}).get(lang) or n["id"],
                "weight": n["weight"],
                "x": n["position"][0],
                "y": n["position"][1],
                "url": link("/actors/" + n["id"]),
            }
            for n in nodes
        ],
        "edges": [
            {
                "source": e["source"],
                "target": e["target"],
                "weight": e["weight"],
                "quad_class": e.get("quad_class") or dominant_quad_class(e.get("by_quad_class")),
                "url": link("/events", e.get("filters") or {}),
            }
            for e in edges
        ],
    }


def map_for_script(
    places: Iterable[dict[str, Any]],
    countries: Iterable[dict[str, Any]],
    lang: str,
    link: Callable[..., str],
) -> dict[str, Any]:
    """What map.js draws: places (clustered points) and countries (the choropleth) with
    their counts, names in the page's language and links to their events."""
    return {
        "places": [
            {
                "name": p["name"],
                "lat": p["lat"],
                "lon": p["lon"],
                "count": p["count"],
                "url": link("/events", p["filters"]),
            }
            for p in places
        ],
        "countries": [
            {
                "id": c.get("numeric"),
                "name": (c.get("names") or {}).get(lang) or c["country"],
                "count": c["count"],
                "url": link("/events", c["filters"]),
            }
            for c in countries
            if c.get("numeric")
        ],
    }


def chart_labels(chart: dict[str, Any], ui: Callable[[str], str], lang: str) -> dict[str, str]:
    """Each key of a chart's stack named once in the page's language ("04 تشاور", or the
    QuadClass), for the titles of its bars: a macro call per bar was a sixth of the
    rendering of a chart stacked by root (800 bars)."""
    labels = {}
    for item in chart.get("legend") or ():
        key = str(item["key"])
        if chart.get("by") == "quad_class":
            labels[key] = ui(f"quad_{key}")
        else:
            names = cameo_names(key)
            labels[key] = f"{key} {(names[lang] or names['en']) if names else ''}".strip()
    return labels


GLOBALS = MappingProxyType(
    {
        "filter_choices": filter_choices,
        "cameo_names": cameo_names,
        "sort_target": sort_target,
        "dominant_quad_class": dominant_quad_class,
        "graph_for_script": graph_for_script,
        "map_for_script": map_for_script,
        "arabic_runs": arabic_runs,
        "chart_labels": chart_labels,
    }
)
