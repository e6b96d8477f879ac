"""Actors, actor profiles, the network, series over time and the map over the store (part of
the read API; import them from `hadath.store.queries`).

Every count here is the total of the events list its `filters` describe (the query
parameters of `/events`), so a page can link each number to exactly the events it counts;
the web tests walk every such link and compare.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hadath.store.core import Store
from hadath.store.filters import CodeMatch, EventQuery, plain, prepared, query_of, records


def actors(store: Store, q: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Actor codes mentioned in the store with their commonest name, mentions and documents;
    `q` matches a code prefix, part of an English name or part of an Arabic mention."""
    having, params = "TRUE", []
    if q:
        having = """starts_with(actor_code, ?) OR bool_or(actor_name ILIKE ?)
            OR bool_or(contains(text, ?))"""
        params = [q.upper(), f"%{q}%", q]
    cursor = store.cursor()
    cursor.execute(
        f"""SELECT actor_code AS code, mode(actor_name) AS name, count(*) AS mentions,
            count(DISTINCT doc_id) AS documents
        FROM entities WHERE actor_code IS NOT NULL GROUP BY actor_code HAVING {having}
        ORDER BY mentions DESC, code LIMIT ?""",
        [*params, max(0, int(limit))],
    )
    return records(cursor)


def actor_profile(
    store: Store, code: str | CodeMatch, query: EventQuery | None = None
) -> dict[str, Any] | None:
    """An actor (`SAU`, or `SAU*` with every code under it) over the events of `query`: its
    events, names and Arabic forms in the articles, roles over time (as the dictionaries gave
    them at each article's date), partners and its events by root and QuadClass."""
    match = code if isinstance(code, CodeMatch) else CodeMatch.parse(code, "actor")
    mention_test, mention_params = match.sql("actor_code")
    cursor = store.cursor()
    mentions = cursor.execute(
        f"SELECT count(*), count(DISTINCT doc_id) FROM entities WHERE {mention_test}",
        mention_params,
    ).fetchone()
    mine = (query or EventQuery()).replace(actor=match)
    counts, partners = _counts_and_partners(store, mine)
    in_events = sum(counts["by_quad_class"].values())
    unknown = not (mentions and mentions[0]) and not in_events
    if unknown and (query is None or not _exists(store, match)):
        return None
    return {
        "code": str(match),
        "filters": mine.as_query(),
        "mentions": int(mentions[0]) if mentions else 0,
        "documents": int(mentions[1]) if mentions else 0,
        "events": in_events,
        "names": _grouped(cursor, "actor_name", mention_test, mention_params),
        "forms": _grouped(cursor, "text", mention_test, mention_params),
        "roles": _roles(cursor, match),
        "partners": partners,
        **counts,
    }


def _exists(store: Store, match: CodeMatch) -> bool:
    """Whether the actor has any event at all (a filter may leave it none)."""
    where, params = EventQuery(actor=match).where(None)
    found = store.cursor().execute(f"SELECT 1 FROM events e WHERE {where} LIMIT 1", params)
    return found.fetchone() is not None


def _grouped(cursor: Any, column: str, test: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor.execute(
        f"""SELECT {column} AS value, count(*) AS count FROM entities
        WHERE {test} AND {column} IS NOT NULL
        GROUP BY {column} ORDER BY count DESC, value LIMIT 50""",
        params,
    )
    return records(cursor)


def _roles(cursor: Any, match: CodeMatch) -> list[dict[str, Any]]:
    test, params = match.sql("en.actor_code")
    cursor.execute(
        f"""SELECT en.actor_role AS role, min(d.published) AS first_seen,
            max(d.published) AS last_seen, count(*) AS mentions
        FROM entities en JOIN documents d ON d.id = en.doc_id
        WHERE {test} AND en.actor_role IS NOT NULL
        GROUP BY en.actor_role ORDER BY first_seen NULLS LAST, role""",
        params,
    )
    return records(cursor)


def _counts_and_partners(
    store: Store, mine: EventQuery
) -> tuple[dict[str, dict[str, int]], list[dict[str, Any]]]:
    """The events of `mine` (whose `actor` is set) by root and QuadClass, and the actors on
    their other side, each with the events between the two (either direction) and in each
    direction: one scan of the events for both (two scans took 20 of the actor page's
    30 ms on 1M events).

    A partner P of X counts the events with X on one side and P on the other: exactly the
    list `source=X&target=P&either=1`, so the count is what its link lists, also when X is a
    family (`SAU*`) and P one of its own codes (SAUGOV -> SAUMIL)."""
    assert mine.actor is not None
    cursor, where, params = prepared(store, mine)
    source_test, source_params = mine.actor.sql("e.source_code")
    target_test, target_params = mine.actor.sql("e.target_code")
    # An event is one row per partner, without count(DISTINCT): from A (an X code) to B it
    # is B's as source and A's as target; from P to P (P an X code) one row, in both. The
    # counts by root and QuadClass come out of the same rows, marked by `part`.
    cursor.execute(
        f"""WITH mine AS MATERIALIZED (
            SELECT e.root AS root, e.quad_class AS quad, e.source_code AS src,
                e.target_code AS tgt, {source_test} AS from_x, {target_test} AS to_x
            FROM events e WHERE {where}),
        partners AS (
            SELECT partner, count(*) AS n, sum(s) AS as_source, sum(t) AS as_target
            FROM (SELECT tgt AS partner, 1 AS s, CASE WHEN src = tgt THEN 1 ELSE 0 END AS t
                  FROM mine WHERE from_x AND tgt IS NOT NULL
                  UNION ALL
                  SELECT src, 0, 1 FROM mine
                  WHERE to_x AND src IS NOT NULL AND NOT (from_x AND src = tgt))
            GROUP BY partner ORDER BY n DESC, partner LIMIT 50)
        SELECT 'partner' AS part, partner, NULL AS quad, n, as_source, as_target FROM partners
        UNION ALL
        SELECT 'count', root, quad, count(*), NULL, NULL FROM mine GROUP BY ALL""",
        [*source_params, *target_params, *params],
    )
    rows = cursor.fetchall()
    counts = _event_counts((key, quad, n) for part, key, quad, n, *_ in rows if part == "count")
    found = sorted((row for row in rows if row[0] == "partner"), key=lambda r: (-r[3], r[1]))
    actor = mine.actor
    partners = []
    for _, code, _, count, as_source, as_target in found:
        other = CodeMatch(code)
        either = mine.replace(actor=None, source=actor, target=other, either=True)
        partners.append(
            {
                "code": code,
                "count": int(count),
                "as_source": int(as_source),
                "as_target": int(as_target),
                "filters": either.as_query(),
                "source_filters": mine.replace(actor=None, source=actor, target=other).as_query(),
                "target_filters": mine.replace(actor=None, source=other, target=actor).as_query(),
            }
        )
    return counts, partners


def _event_counts(rows: Any) -> dict[str, dict[str, int]]:
    """`by_root` and `by_quad_class` from (root, QuadClass, count) rows."""
    by_root: dict[str, int] = {}
    by_quad: dict[str, int] = {}
    for root, quad, count in rows:
        by_root[str(root)] = by_root.get(str(root), 0) + int(count)
        by_quad[str(quad)] = by_quad.get(str(quad), 0) + int(count)
    return {
        "by_root": dict(sorted(by_root.items())),
        "by_quad_class": dict(sorted(by_quad.items())),
    }


def dyad_counts(store: Store, query: EventQuery) -> dict[str, Any]:
    """The events between `query.source` and `query.target` (either direction), by root,
    and those in each direction, from one grouped scan."""
    assert query.source is not None and query.target is not None
    cursor, where, params = prepared(store, query.replace(either=True))
    source_a, pa = query.source.sql("e.source_code")
    target_b, pb = query.target.sql("e.target_code")
    source_b, pc = query.target.sql("e.source_code")
    target_a, pd = query.source.sql("e.target_code")
    rows = cursor.execute(
        f"""SELECT e.root, ({source_a} AND {target_b}) AS there,
            ({source_b} AND {target_a}) AS back, count(*)
        FROM events e WHERE {where} GROUP BY ALL""",
        [*pa, *pb, *pc, *pd, *params],
    ).fetchall()
    by_root: dict[str, int] = {}
    for root, _, _, count in rows:
        by_root[str(root)] = by_root.get(str(root), 0) + int(count)
    return {
        "total": sum(int(r[3]) for r in rows),
        "there": sum(int(r[3]) for r in rows if r[1]),
        "back": sum(int(r[3]) for r in rows if r[2]),
        "by_root": dict(sorted(by_root.items())),
    }


def dyads(store: Store, *, min_weight: int = 1, limit: int = 500, **filters: Any) -> dict[str, Any]:
    """The actor graph: nodes are actor codes, edges source→target weighted by events (every
    pair, self-loops included; the web's readable graph is `network`)."""
    cursor, where, params = prepared(store, query_of(None, filters))
    cursor.execute(
        f"""SELECT e.source_code AS source, e.target_code AS target, count(*) AS weight,
            sum(e.num_mentions) AS mentions, round(avg(e.goldstein), 2) AS goldstein,
            {_QUAD_COUNTS},
            min(e.source_name) AS source_name, min(e.target_name) AS target_name
        FROM events e WHERE {where}
            AND e.source_code IS NOT NULL AND e.target_code IS NOT NULL
        GROUP BY e.source_code, e.target_code HAVING count(*) >= ?
        ORDER BY weight DESC, source, target LIMIT ?""",
        [*params, max(1, int(min_weight)), max(0, int(limit))],
    )
    edges: list[dict[str, Any]] = []
    nodes: dict[str, dict[str, Any]] = {}
    for row in records(cursor):
        for side in ("source", "target"):
            node = nodes.setdefault(
                row[side], {"id": row[side], "label": row[f"{side}_name"], "weight": 0}
            )
            node["weight"] += row["weight"]
        edges.append(_edge(row))
    ordered = sorted(nodes.values(), key=lambda n: (-n["weight"], n["id"]))
    return {"nodes": ordered, "edges": edges}


_QUAD_COUNTS = ", ".join(
    f"count(*) FILTER (WHERE e.quad_class = {q}) AS q{q}" for q in (1, 2, 3, 4)
)


def _edge(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "source": row["source"],
        "target": row["target"],
        "weight": row["weight"],
        "mentions": int(row["mentions"] or 0),
        "goldstein": row["goldstein"],
        "by_quad_class": {str(q): row[f"q{q}"] for q in (1, 2, 3, 4)},
    }


def network(
    store: Store,
    query: EventQuery | None = None,
    *,
    nodes: int = 40,
    min_weight: int = 1,
    max_edges: int = 2000,
) -> dict[str, Any]:
    """The `nodes` actors with most events naming both sides, and the edges between them.

    A node's weight counts the events with it on either side (once, also for A -> A); an
    edge A -> B counts the events from A to B, and its `query` lists exactly those. Events
    from an actor to itself are counted in `self_loops`, not drawn: a loop on a node is
    unreadable, and the dyad table keeps them."""
    query = (query or EventQuery()).replace(both=True)
    cursor, where, params = prepared(store, query)
    cursor.execute(
        f"""SELECT code, count(*) AS weight, count(*) FILTER (WHERE loop) AS self_loops
        FROM (SELECT e.source_code AS code, e.source_code = e.target_code AS loop
              FROM events e WHERE {where}
              UNION ALL SELECT e.target_code, FALSE FROM events e
              WHERE {where} AND e.target_code <> e.source_code)
        GROUP BY code ORDER BY weight DESC, code LIMIT ?""",
        [*params, *params, max(1, int(nodes))],
    )
    top = records(cursor)
    codes = [node["code"] for node in top]
    cursor.execute(
        f"""SELECT e.source_code AS source, e.target_code AS target, count(*) AS weight,
            sum(e.num_mentions) AS mentions, round(avg(e.goldstein), 2) AS goldstein,
            {_QUAD_COUNTS}
        FROM events e WHERE {where} AND list_contains(?, e.source_code)
            AND list_contains(?, e.target_code) AND e.source_code <> e.target_code
        GROUP BY e.source_code, e.target_code HAVING count(*) >= ?
        ORDER BY weight DESC, source, target LIMIT ?""",
        [*params, codes, codes, max(1, int(min_weight)), max(0, int(max_edges))],
    )
    edges = []
    for row in records(cursor):
        edge = _edge(row)
        pair = query.replace(
            actor=None,
            source=CodeMatch(row["source"]),
            target=CodeMatch(row["target"]),
            either=False,
        )
        edges.append({**edge, "filters": pair.as_query()})
    return {
        "filters": query.as_query(),
        "nodes": [
            {"id": n["code"], "weight": n["weight"], "self_loops": n["self_loops"]} for n in top
        ],
        "edges": edges,
    }


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


#: A dated event's month as one integer (year * 12 + month - 1): months nest in quarters
#: and years, so one grouping by month gives every bucket size from a month up.
_MONTH_SQL = "year(e.day) * 12 + month(e.day) - 1"
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
    # One scan grouped by month and key (-1 and -2: before and after the span) gives the
    # span's bounds, which fix the bucket size, and the buckets of a month and up. Grouping
    # by day and key first made ten years of twenty roots 65,000 groups (ISR* by root on 1M
    # events: 74 ms; by month 30 ms). Days and weeks are read again over their short span.
    cursor.execute(
        f"""SELECT CASE WHEN e.day < ? THEN -1 WHEN e.day > ? THEN -2 ELSE {_MONTH_SQL} END,
            CAST(e.{by} AS VARCHAR), count(*), coalesce(sum(e.goldstein), 0),
            min(e.day), max(e.day)
        FROM events e WHERE {where} AND e.day IS NOT NULL GROUP BY ALL""",
        [first, last, *params],
    )
    months = cursor.fetchall()
    inside = [row for row in months if row[0] >= 0]
    low = min((row[4] for row in inside), default=None)
    high = max((row[5] for row in inside), default=None)
    size = bucket_size(low, high, by)
    if size in _FINE_SQL and low is not None:
        cursor.execute(
            f"""SELECT {_FINE_SQL[size]}, CAST(e.{by} AS VARCHAR), count(*),
                coalesce(sum(e.goldstein), 0)
            FROM events e WHERE {where} AND e.day BETWEEN ? AND ? GROUP BY ALL""",
            [*params, low, high],
        )
        buckets = _summed((_bucket_day(size, b), k, n, g) for b, k, n, g, *_ in cursor.fetchall())
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


def map_points(store: Store, query: EventQuery | None = None, limit: int = 3000) -> dict[str, Any]:
    """Places with coordinates and countries of the events of `query`, with counts; each
    place's `query` lists its events (name and country), each country's likewise."""
    query = query or EventQuery()
    cursor, where, params = prepared(store, query)
    cursor.execute(
        f"""SELECT min(e.place_name) AS name, e.place_country AS country, count(*) AS count,
            round(avg(e.lat), 4) AS lat, round(avg(e.lon), 4) AS lon
        FROM events e WHERE {where} AND e.place_name IS NOT NULL
            AND e.place_country IS NOT NULL AND e.lat IS NOT NULL AND e.lon IS NOT NULL
        GROUP BY lower(e.place_name), e.place_country
        ORDER BY count DESC, name, country LIMIT ?""",
        [*params, max(0, int(limit))],
    )
    places = records(cursor)
    for place in places:
        place["filters"] = query.replace(place=place["name"], country=place["country"]).as_query()
    cursor.execute(
        f"""SELECT e.place_country AS country, count(*) AS count FROM events e
        WHERE {where} AND e.place_country IS NOT NULL
        GROUP BY e.place_country ORDER BY count DESC, country""",
        params,
    )
    countries = records(cursor)
    for country in countries:
        country["filters"] = query.replace(country=country["country"]).as_query()
    row = cursor.execute(
        f"SELECT count(*) FILTER (WHERE e.place_country IS NULL) FROM events e WHERE {where}",
        params,
    ).fetchone()
    return {
        "places": places,
        "countries": countries,
        "unplaced": int(row[0]) if row else 0,
    }
