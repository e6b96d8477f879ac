"""Chart geometry, bucket sizes and the network layout (pure functions)."""

from __future__ import annotations

import datetime as dt

import pytest

from hadath.store.analytics import bucket_size
from hadath.store.filters import EventQuery
from hadath.web.charts import Count, Series, Span, bucket_end, every_bucket, series_chart
from hadath.web.layout import force_layout


def test_buckets_grow_with_the_span() -> None:
    start = dt.date(2020, 1, 1)
    assert bucket_size(None, None) == "day"
    assert bucket_size(start, start + dt.timedelta(days=30)) == "day"
    assert bucket_size(start, start + dt.timedelta(days=400)) == "week"
    assert bucket_size(start, start + dt.timedelta(days=2000)) == "month"
    # twenty roots stack higher: fewer, longer periods
    assert bucket_size(start, start + dt.timedelta(days=200), "root") == "week"
    assert bucket_size(start, start + dt.timedelta(days=3650), "root") == "quarter"
    assert bucket_size(start, start + dt.timedelta(days=20000), "root") == "year"
    assert bucket_end(dt.date(2024, 10, 1), "quarter") == dt.date(2024, 12, 31)
    assert bucket_end(dt.date(2023, 1, 1), "year") == dt.date(2023, 12, 31)
    assert bucket_end(dt.date(2024, 2, 1), "month") == dt.date(2024, 2, 29)
    assert every_bucket(dt.date(2024, 1, 3), dt.date(2024, 1, 16), "week") == [
        dt.date(2024, 1, 1),
        dt.date(2024, 1, 8),
        dt.date(2024, 1, 15),
    ]


def test_bars_stack_to_the_peak_and_link_their_bucket_and_key() -> None:
    series = Series(
        (
            Count("2024-01-01", "1", 3, 6.0),
            Count("2024-01-01", "4", 1, -10.0),
            Count("2024-01-02", "1", 2, 2.0),
        ),
        "day",
    )
    query = EventQuery.parse({"actor": "SAU"})
    chart = series_chart(series, "quad_class", query)
    assert len(chart["bars"]) == 3
    first_day = [b for b in chart["bars"] if b["bucket"] == "2024-01-01"]
    assert min(b["y"] for b in first_day) == pytest.approx(12, abs=0.2)  # tallest stack: top
    four = next(b for b in first_day if b["key"] == "4")
    assert four["filters"] == {
        "actor": "SAU",
        "quad_class": "4",
        "since": "2024-01-01",
        "until": "2024-01-01",
    }
    assert [item["key"] for item in chart["legend"]] == ["1", "4"]
    # the mean Goldstein of a bucket is over all its events: (6 - 10) / 4
    assert chart["points"][0]["mean"] == -1.0 and chart["points"][0]["count"] == 4
    assert chart["points"][0]["filters"] == {
        "actor": "SAU",
        "since": "2024-01-01",
        "until": "2024-01-01",
    }


def test_bar_links_stay_inside_the_drawn_span_and_the_date_filters() -> None:
    """A week starting before the span (or before `since`) lists only the days drawn."""
    series = Series((Count("2024-01-01", "1", 5),), "week", before=7, after=2)
    span = Span(dt.date(2024, 1, 3), dt.date(2024, 1, 31))
    chart = series_chart(series, "quad_class", EventQuery(), span)
    assert chart["bars"][0]["filters"]["since"] == "2024-01-03"
    assert chart["outside"]["before"] == {"count": 7, "filters": {"until": "2024-01-02"}}
    assert chart["outside"]["after"] == {"count": 2, "filters": {"since": "2024-02-01"}}
    since = EventQuery.parse({"since": "2024-01-04", "until": "2024-01-05"})
    narrowed = series_chart(series, "quad_class", since)["bars"][0]["filters"]
    assert (narrowed["since"], narrowed["until"]) == ("2024-01-04", "2024-01-05")


def test_an_empty_series_draws_no_bar() -> None:
    chart = series_chart(Series(()), "root", EventQuery())
    assert chart["bars"] == [] and chart["points"] == [] and chart["legend"] == []


def test_the_layout_is_the_same_at_every_call_and_fills_the_box() -> None:
    nodes = [f"N{i}" for i in range(30)]
    edges = [
        (nodes[i], nodes[(i * 7 + 3) % 30], 1 + i % 5) for i in range(30) if i != (i * 7 + 3) % 30
    ]
    first = force_layout(nodes, edges)
    from hadath.web import layout

    layout._layout.cache_clear()  # computed afresh, not read back from the cache
    assert force_layout(nodes, edges) == first
    xs = [x for x, _ in first.values()]
    ys = [y for _, y in first.values()]
    assert min(*xs, *ys) == 0.0 and max(*xs, *ys) == layout.SIZE
    assert len({(round(x), round(y)) for x, y in first.values()}) == len(nodes)  # no overlap
    assert force_layout([], []) == {} and force_layout(["A"], []) == {"A": (500.0, 500.0)}


def test_connected_actors_end_up_closer_than_unconnected_ones() -> None:
    nodes = ["A", "B", "C", "D", "E", "F"]
    edges = [("A", "B", 20.0), ("C", "D", 20.0), ("E", "F", 20.0)]
    at = force_layout(nodes, edges)

    def distance(a: str, b: str) -> float:
        return float(((at[a][0] - at[b][0]) ** 2 + (at[a][1] - at[b][1]) ** 2) ** 0.5)

    assert distance("A", "B") < distance("A", "C")
    assert distance("C", "D") < distance("C", "E")


def test_a_node_with_no_drawn_edge_does_not_shrink_the_graph() -> None:
    # Eleven actors linked to a hub and one whose only events are with itself: in one
    # simulation the lone node was pushed eight spacings away and the rest became a knot.
    hub, *spokes = [f"N{i}" for i in range(11)]
    edges = [(hub, spoke, 2 + i) for i, spoke in enumerate(spokes)]
    positions = force_layout([hub, *spokes, "ALONE"], edges)
    linked = [positions[n] for n in (hub, *spokes)]
    width = max(x for x, _ in linked) - min(x for x, _ in linked)
    height = max(y for _, y in linked) - min(y for _, y in linked)
    assert max(width, height) >= 0.6 * 1000.0, (width, height)
    assert positions["ALONE"][1] > max(y for _, y in linked)  # on the row under the graph
