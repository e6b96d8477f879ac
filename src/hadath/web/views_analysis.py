"""The analysis pages: actor, dyad, network, timeline and map (views.py has the others).

Each count shown with a link carries the `filters` of the list it links to, built from the
page's own `EventQuery`, so the number is that list's total (tests/test_web_counts.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hadath.store.filters import CodeMatch, EventQuery
from hadath.web.charts import Count, Series, Span, series_chart
from hadath.web.data import BadRequestError, Page, StoreData
from hadath.web.layout import force_layout
from hadath.web.names import actor_names, cameo_names, country_names, with_names
from hadath.web.settings import WebSettings
from hadath.web.template_helpers import dominant_quad_class
from hadath.web.views import View

#: Days drawn beyond the first and last publication day when no date filter is given: a
#: report tells of events up to a month before it, and of plans up to a month ahead.
#: Further out are dates the coder got wrong or history told in passing (one day of
#: SaudiNewsNet gave events dated 1859 to 2035, which squeezed the chart into a sliver).
CONTEXT_DAYS = 31
SERIES_BY = ("quad_class", "root")


def chart_of(data: StoreData, query: EventQuery, by: str) -> dict[str, Any]:
    """The series chart of a query: bars by `by` and mean Goldstein per bucket; without a
    date filter, drawn over the corpus's own span, the rest counted and linked."""
    if by not in SERIES_BY:
        raise BadRequestError(f"by must be quad_class or root, not {by!r}")
    span = chart_span(data, query)
    found = data.bucketed_series(query, by, (span.first, span.last) if span else None)
    return chart_from(found, by, query, span)


def chart_span(data: StoreData, query: EventQuery) -> Span | None:
    """The days a chart of the query draws: without a date filter, the corpus's own span
    and a month either side; with one, the filter's (None)."""
    if query.since or query.until:
        return None
    corpus = data.corpus_span()
    if not corpus["first"] or not corpus["last"]:
        return None
    margin = dt.timedelta(days=CONTEXT_DAYS)
    first = dt.date.fromisoformat(str(corpus["first"])[:10]) - margin
    last = dt.date.fromisoformat(str(corpus["last"])[:10]) + margin
    return Span(first, last)


def chart_from(
    found: dict[str, Any], by: str, query: EventQuery, span: Span | None
) -> dict[str, Any]:
    """The chart's geometry from a `bucketed_series` answer."""
    counts = tuple(
        Count(str(r["bucket"])[:10], str(r["key"]), int(r["count"]), float(r["goldstein"] or 0))
        for r in found["rows"]
        if r.get("bucket") and r.get("key") is not None
    )
    series = Series(counts, found["size"], found["before"], found["after"])
    return series_chart(series, by, query, span)


def actor_page(data: StoreData, match: CodeMatch, query: EventQuery, form: dict[str, str]) -> View:
    mine = query.replace(actor=match)
    span = chart_span(data, mine)
    # The chart's series comes with the profile, out of the same scan of the events.
    chart = ("quad_class", (span.first, span.last) if span else None)
    profile = data.actor_profile(match, query, chart=chart)
    series = profile.pop("series")
    family = None if match.prefix else f"{match.code}*"
    page = {
        **profile,
        "form": form,
        "filters": mine.as_query(),
        "names": actor_names(match.code),
        "names_in_articles": profile["names"],
        "family": family,
        "events": {"count": profile["events"], "filters": mine.as_query()},
        "by_root": [
            {
                "root": root,
                "names": cameo_names(root),
                "count": count,
                "filters": mine.replace(root=root).as_query(),
            }
            for root, count in profile["by_root"].items()
            if root != "None"
        ],
        "by_quad_class": [
            {"quad_class": q, "count": n, "filters": mine.replace(quad_class=int(q)).as_query()}
            for q, n in profile["by_quad_class"].items()
            if q != "None"
        ],
        "partners": [_partner(p) for p in profile["partners"]],
        "chart": chart_from(series, "quad_class", mine, span),
    }
    return View("actor.html", page, title=str(match), name="actor_page")


def _partner(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": row["code"],
        "names": actor_names(row["code"]),
        "count": row["count"],
        "filters": row["filters"],
        "as_source": {"count": row["as_source"], "filters": row["source_filters"]},
        "as_target": {"count": row["as_target"], "filters": row["target_filters"]},
    }


def dyad_page(data: StoreData, query: EventQuery, form: dict[str, str]) -> View:
    """Two actors and the events between them, in both directions and in each."""
    if not query.source or not query.target:
        raise BadRequestError("the dyad page needs source and target (actor codes)")
    both = query.replace(either=True)
    there = query.replace(either=False)
    back = query.replace(source=query.target, target=query.source, either=False)
    recent = data.events(both, Page(limit=20, offset=0), with_total=False)  # counts has it
    span = chart_span(data, both)
    # The chart's series comes with the counts, out of the same scan of the events.
    counts = data.dyad_counts(
        query, chart=("quad_class", (span.first, span.last) if span else None)
    )
    page = {
        "form": form,
        "filters": both.as_query(),
        "source": {"code": str(query.source), "names": actor_names(query.source.code)},
        "target": {"code": str(query.target), "names": actor_names(query.target.code)},
        "events": {"count": counts["total"], "filters": both.as_query()},
        "there": {"count": counts["there"], "filters": there.as_query()},
        "back": {"count": counts["back"], "filters": back.as_query()},
        "by_root": [
            {
                "root": root,
                "names": cameo_names(root),
                "count": count,
                "filters": both.replace(root=root).as_query(),
            }
            for root, count in counts["by_root"].items()
            if root != "None"
        ],
        "chart": chart_from(counts["series"], "quad_class", both, span),
        "recent_events": [with_names(e) for e in recent["events"]],
    }
    title = f"{query.source} – {query.target}"
    return View("dyad.html", page, title=title, name="dyad_page")


def network_page(
    data: StoreData,
    query: EventQuery,
    *,
    nodes: int,
    min_weight: int,
    settings: WebSettings,
    form: dict[str, str],
) -> View:
    graph = data.network(
        query, nodes=nodes, min_weight=min_weight, max_edges=settings.max_network_edges
    )
    codes = [node["id"] for node in graph["nodes"]]
    positions = force_layout(
        codes, [(e["source"], e["target"], e["weight"]) for e in graph["edges"]]
    )
    page_nodes = [
        {**node, "names": actor_names(node["id"]), "position": positions[node["id"]]}
        for node in graph["nodes"]
    ]
    loops = [
        {
            "code": node["id"],
            "names": actor_names(node["id"]),
            "count": node["self_loops"],
            "filters": query.replace(
                actor=None,
                source=CodeMatch(node["id"]),
                target=CodeMatch(node["id"]),
                either=False,
                both=True,
            ).as_query(),
        }
        for node in graph["nodes"]
        if node["self_loops"]
    ]
    edges = [
        {
            **edge,
            "count": edge["weight"],
            "quad_class": dominant_quad_class(edge["by_quad_class"]),
            "source_names": actor_names(edge["source"]),
            "target_names": actor_names(edge["target"]),
        }
        for edge in graph["edges"]
    ]
    page = {
        "form": form,
        "filters": graph["filters"],
        "nodes_wanted": nodes,
        "min_weight": min_weight,
        "nodes": page_nodes,
        "edges": edges,
        "self_loops": loops,
    }
    return View("network.html", page, title="nav_network", name="network_page")


def timeline_page(data: StoreData, query: EventQuery, by: str, form: dict[str, str]) -> View:
    page = {"form": form, "filters": query.as_query(), "by": by, "chart": chart_of(data, query, by)}
    return View("timeline.html", page, title="nav_timeline", name="timeline_page")


def map_page(data: StoreData, query: EventQuery, form: dict[str, str]) -> View:
    points = data.map_points(query)
    countries = [
        {**row, "names": country_names(row["country"]), "numeric": _numeric(row["country"])}
        for row in points["countries"]
    ]
    places = [{**row, "country_names": country_names(row["country"])} for row in points["places"]]
    page = {
        "form": form,
        "filters": query.as_query(),
        "places": places,
        "countries": countries,
        "unplaced": points["unplaced"],
    }
    return View("map.html", page, title="nav_map", name="map_page")


def _numeric(iso2: str | None) -> str | None:
    """ISO-3166 numeric code: the id of the country's shape in the vendored world outline."""
    import pycountry

    found = pycountry.countries.get(alpha_2=iso2 or "")
    return str(found.numeric) if found is not None else None
