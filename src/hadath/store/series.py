"""Events over time for the charts: per day and key, and per day, week, month, quarter or
year as a chart draws them (part of the read API; import them from `hadath.store.queries`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from hadath.store.core import Store
from hadath.store.filters import EventQuery, plain, prepared, query_of, records


def timeline(store: Store, by: str = "quad_class", **filters: Any) -> list[dict[str, Any]]:
    """Events per day and per QuadClass (`by="quad_class"`) or CAMEO root (`by="root"`)."""
    return [
        {"day": r["day"], "key": r["key"], "count": r["count"]}
        for r in series(store, query_of(None, filters), by=by)
    ]


def series(
    store: Store, query: EventQuery | None = None, by: str = "quad_class"
) -> list[dict[str, Any]]:
    """Dated events per day and QuadClass or root, with the sum of their Goldstein scores
    (charts average it per day, week or month)."""
    if by not in ("quad_class", "root"):
        raise ValueError(f"timeline by must be quad_class or root, not {by!r}")
    cursor, where, params = prepared(store, query or EventQuery())
    cursor.execute(
        f"""SELECT e.day AS day, CAST(e.{by} AS VARCHAR) AS key, count(*) AS count,
            coalesce(sum(e.goldstein), 0) AS goldstein
        FROM events e WHERE {where} AND e.day IS NOT NULL
        GROUP BY ALL ORDER BY day, key""",
        params,
    )
    return records(cursor)


#: Periods a chart draws at most, per stack: 120 bars of four QuadClasses, 40 of twenty roots
#: (a year of daily bars is 365 slivers under 2 px on a 900 px chart; 120 months of 20 roots
#: were 2,400 bars, a 570 kB page that took 200 ms to render).
MAX_BUCKETS = {"quad_class": 120, "root": 40}
#: Period sizes from the finest, with the most days one of them spans.
BUCKET_DAYS = (("day", 1), ("week", 7), ("month", 31), ("quarter", 92), ("year", 366))


def bucket_size(first: dt.date | None, last: dt.date | None, by: str = "quad_class") -> str:
    """The finest period (day, week, month, quarter, year) that keeps a span within the
    chart's number of bars."""
    if first is None or last is None:
        return "day"
    span = (last - first).days + 1
    most = MAX_BUCKETS[by]
    return next((size for size, days in BUCKET_DAYS if span <= most * days), "year")


#: Finer buckets, grouped again over the span's own days: a day, or a week as the days
#: since Monday 0001-01-01 divided by 7.
_FINE_SQL = {"day": "e.day", "week": "(e.day - DATE '0001-01-01') // 7"}
_MONTHS_IN = {"month": 1, "quarter": 3, "year": 12}


def bucketed_series(
    store: Store,
    query: EventQuery | None = None,
    by: str = "quad_class",
    span: tuple[dt.date, dt.date] | None = None,
) -> dict[str, Any]:
    """Dated events per day, week, month, quarter or year (weeks start on Monday) and
    QuadClass or root, with the sum of their Goldstein scores, over `span` (first, last day)
    when given; the events dated before and after it are counted. Aggregated in the
    database: a million events give a few hundred rows, not one per day."""
    if by not in ("quad_class", "root"):
        raise ValueError(f"timeline by must be quad_class or root, not {by!r}")
    cursor, where, params = prepared(store, query or EventQuery())
    first, last = span if span else (dt.date.min, dt.date.max)
    cursor.execute(
        f"{month_rows_sql(f'e.{by}', 'e.day', 'e.goldstein')} FROM events e "
        f"WHERE {where} AND e.day IS NOT NULL GROUP BY ALL",
        [first, last, *params],
    )
    return series_of_months(cursor.fetchall(), by, fine_rows(cursor, where, params, by))


def month_rows_sql(key: str, day: str, goldstein: str) -> str:
    """The SELECT of `series_of_months`' rows (its two parameters: the span's first and
    last day), to be followed by FROM, WHERE and GROUP BY ALL.

    One scan grouped by month and key (-1 and -2: before and after the span) gives the
    span's bounds, which fix the bucket size, and the buckets of a month and up. Grouping by
    day and key first made ten years of twenty roots 65,000 groups (ISR* by root on 1M
    events: 74 ms; by month 30 ms). Days and weeks are read again over their short span."""
    month = f"year({day}) * 12 + month({day}) - 1"
    return f"""SELECT CASE WHEN {day} < ? THEN -1 WHEN {day} > ? THEN -2 ELSE {month} END,
        CAST({key} AS VARCHAR), count(*), coalesce(sum({goldstein}), 0), min({day}), max({day})"""


Fine = Callable[[str, dt.date, dt.date], Iterable[tuple[Any, ...]]]


def fine_rows(cursor: Any, where: str, params: list[Any], by: str) -> Fine:
    """The (bucket, key, count, Goldstein sum) rows of day or week buckets from `low` to
    `high`, over the events of a WHERE clause."""

    def read(size: str, low: dt.date, high: dt.date) -> Iterable[tuple[Any, ...]]:
        cursor.execute(
            f"""SELECT {_FINE_SQL[size]}, CAST(e.{by} AS VARCHAR), count(*),
                coalesce(sum(e.goldstein), 0)
            FROM events e WHERE {where} AND e.day BETWEEN ? AND ? GROUP BY ALL""",
            [*params, low, high],
        )
        return list(cursor.fetchall())

    return read


def series_of_months(months: list[tuple[Any, ...]], by: str, fine: Fine) -> dict[str, Any]:
    """`bucketed_series`' answer from the rows of `month_rows_sql` (month, key, count,
    Goldstein sum, first and last day); `fine` reads day or week buckets when the span is
    that short."""
    inside = [row for row in months if row[0] >= 0]
    low = min((row[4] for row in inside), default=None)
    high = max((row[5] for row in inside), default=None)
    size = bucket_size(low, high, by)
    if size in _FINE_SQL and low is not None and high is not None:
        rows = fine(size, low, high)
        buckets = _summed((_bucket_day(size, b), k, n, g) for b, k, n, g, *_ in rows)
    else:
        per = _MONTHS_IN.get(size, 1)
        buckets = _summed((_month_day(m // per * per), k, n, g) for m, k, n, g, *_ in inside)
    return {
        "size": size,
        "first": plain(low),
        "last": plain(high),
        "before": sum(int(row[2]) for row in months if row[0] == -1),
        "after": sum(int(row[2]) for row in months if row[0] == -2),
        "rows": [
            {"bucket": day.isoformat(), "key": key, "count": n, "goldstein": g}
            for (day, key), (n, g) in sorted(buckets.items(), key=_bucket_order)
        ],
    }


def _summed(rows: Any) -> dict[tuple[dt.date, str | None], tuple[int, float]]:
    sums: dict[tuple[dt.date, str | None], tuple[int, float]] = {}
    for day, key, n, g in rows:
        count, total = sums.get((day, key), (0, 0.0))
        sums[(day, key)] = (count + int(n), total + float(g))
    return sums


def _bucket_order(item: Any) -> tuple[dt.date, bool, str]:
    (day, key), _ = item
    return day, key is None, key or ""  # as SQL orders them: NULL keys last


def _month_day(month: int) -> dt.date:
    return dt.date(month // 12, month % 12 + 1, 1)


def _bucket_day(size: str, bucket: Any) -> dt.date:
    """The first day of a day or week bucket from its `_FINE_SQL` value."""
    if size == "week":
        return dt.date.min + dt.timedelta(days=7 * int(bucket))
    return bucket if isinstance(bucket, dt.date) else dt.date.fromisoformat(str(bucket)[:10])
