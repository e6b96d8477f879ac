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
from hadath.store.filters import CodeMatch, EventQuery, prepared, query_of, records
from hadath.store.series import (
    MAX_BUCKETS,
    bucket_size,
    bucketed_series,
    fine_rows,
    series,
    series_of_months,
    timeline,
)

__all__ = [
    "MAX_BUCKETS",
    "actor_profile",
    "actors",
    "bucket_size",
    "bucketed_series",
    "dyad_counts",
    "dyads",
    "map_points",
    "network",
    "series",
    "timeline",
]


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
    store: Store,
    code: str | CodeMatch,
    query: EventQuery | None = None,
    chart: tuple[str, tuple[dt.date, dt.date] | None] | None = None,
) -> dict[str, Any] | None:
    """An actor (`SAU`, or `SAU*` with every code under it) over the events of `query`: its
    events, names and Arabic forms in the articles, roles over time (as the dictionaries gave
    them at each article's date), partners and its events by root and QuadClass; with
    `chart=(by, span)` also `series`, its `bucketed_series`, read in the same scan."""
    match = code if isinstance(code, CodeMatch) else CodeMatch.parse(code, "actor")
    mention_test, mention_params = match.sql("actor_code")
    cursor = store.cursor()
    mentions = cursor.execute(
        f"SELECT count(*), count(DISTINCT doc_id) FROM entities WHERE {mention_test}",
        mention_params,
    ).fetchone()
    mine = (query or EventQuery()).replace(actor=match)
    counts, partners, over_time = _counts_and_partners(store, mine, chart)
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
        **({"series": over_time} if chart else {}),
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
    store: Store, mine: EventQuery, chart: tuple[str, Any] | None = None
) -> tuple[dict[str, dict[str, int]], list[dict[str, Any]], dict[str, Any] | None]:
    """The events of `mine` (whose `actor` is set) by root and QuadClass, the actors on
    their other side, each with the events between the two (either direction) and in each
    direction, and with `chart=(by, span)` their series: three groupings of one scan (three
    scans took 45 of the actor page's 60 ms on 1M events; one scan materialised for three
    queries still 26 ms for SAU*, 17 of them keeping its 160,000 rows).

    A partner P of X counts the events with X on one side and P on the other: exactly the
    list `source=X&target=P&either=1`, so the count is what its link lists, also when X is a
    family (`SAU*`) and P one of its own codes (SAUGOV -> SAUMIL)."""
    assert mine.actor is not None
    by, span = chart or ("quad_class", None)
    if by not in ("quad_class", "root"):
        raise ValueError(f"timeline by must be quad_class or root, not {by!r}")
    first, last = span or (dt.date.min, dt.date.max)
    cursor, where, params = prepared(store, mine)
    # Without a chart the month set is still grouped (a few hundred rows) and left unread.
    sets = "(src, tgt), (root, quad_class), (month, key)"
    rows = cursor.execute(
        f"""SELECT GROUPING(src) = 0, GROUPING(root) = 0, src, tgt, root, quad_class, month,
            CAST(key AS VARCHAR), count(*), coalesce(sum(g), 0), min(day), max(day)
        FROM (SELECT e.source_code AS src, e.target_code AS tgt, e.root AS root,
                e.quad_class AS quad_class, e.{by} AS key, e.day AS day, e.goldstein AS g,
                {_month_of("e.day")} AS month
              FROM events e WHERE {where})
        GROUP BY GROUPING SETS ({sets})""",
        [first, last, *params],
    ).fetchall()
    counts = _event_counts((r[4], r[5], r[8]) for r in rows if r[1])
    over_time = None
    if chart:
        months = [r[6:12] for r in rows if not r[0] and not r[1] and r[6] is not None]
        over_time = series_of_months(months, by, fine_rows(cursor, where, params, by))
    pairs = [(r[2], r[3], int(r[8])) for r in rows if r[0]]
    return counts, _partners(mine, pairs), over_time


def _partners(mine: EventQuery, pairs: list[tuple[Any, Any, int]]) -> list[dict[str, Any]]:
    """The top 50 partners from the (source, target, events) pairs of the actor's events.
    An event is one row per partner: from A (an X code) to B it is B's as source and A's as
    target; from P to P (P an X code) once, in both."""
    actor = mine.actor
    assert actor is not None

    def matches(code: Any) -> bool:
        return code is not None and (
            code.startswith(actor.code) if actor.prefix else code == actor.code
        )

    found: dict[str, list[int]] = {}  # partner -> [events, as source, as target]
    for src, tgt, n in pairs:
        from_x, to_x = matches(src), matches(tgt)
        if from_x and tgt is not None:
            row = found.setdefault(tgt, [0, 0, 0])
            row[0], row[1], row[2] = row[0] + n, row[1] + n, row[2] + (n if src == tgt else 0)
        if to_x and src is not None and not (from_x and src == tgt):
            row = found.setdefault(src, [0, 0, 0])
            row[0], row[2] = row[0] + n, row[2] + n
    top = sorted(found.items(), key=lambda item: (-item[1][0], item[0]))[:50]
    partners = []
    for code, (count, as_source, as_target) in top:
        other = CodeMatch(code)
        either = mine.replace(actor=None, source=actor, target=other, either=True)
        partners.append(
            {
                "code": code,
                "count": count,
                "as_source": as_source,
                "as_target": as_target,
                "filters": either.as_query(),
                "source_filters": mine.replace(actor=None, source=actor, target=other).as_query(),
                "target_filters": mine.replace(actor=None, source=other, target=actor).as_query(),
            }
        )
    return partners


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


def dyad_counts(
    store: Store,
    query: EventQuery,
    chart: tuple[str, tuple[dt.date, dt.date] | None] | None = None,
) -> dict[str, Any]:
    """The events between `query.source` and `query.target` (either direction), by root,
    and those in each direction, from one grouped scan; with `chart=(by, span)` also
    `series`, their `bucketed_series`, grouped in the same scan."""
    assert query.source is not None and query.target is not None
    by, span = chart or ("quad_class", None)
    if by not in ("quad_class", "root"):
        raise ValueError(f"timeline by must be quad_class or root, not {by!r}")
    first, last = span or (dt.date.min, dt.date.max)
    cursor, where, params = prepared(store, query.replace(either=True))
    source_a, pa = query.source.sql("e.source_code")
    target_b, pb = query.target.sql("e.target_code")
    source_b, pc = query.target.sql("e.source_code")
    target_a, pd = query.source.sql("e.target_code")
    # Two groupings of one scan: (root, direction) for the counts, (month, key) for the
    # chart (`month_rows_sql`'s rows; the chart's own scan was a third of the dyad page's).
    rows = cursor.execute(
        f"""SELECT GROUPING(month) AS counts, root, there, back, month,
            CAST(key AS VARCHAR), count(*), coalesce(sum(g), 0), min(day), max(day)
        FROM (SELECT e.root AS root, ({source_a} AND {target_b}) AS there,
                ({source_b} AND {target_a}) AS back, e.day AS day, e.goldstein AS g,
                e.{by} AS key, {_month_of("e.day")} AS month
              FROM events e WHERE {where})
        GROUP BY GROUPING SETS ((root, there, back), (month, key))""",
        [*pa, *pb, *pc, *pd, first, last, *params],
    ).fetchall()
    counted = [(root, there, back, n) for done, root, there, back, _, _, n, *_ in rows if done]
    by_root: dict[str, int] = {}
    for root, _, _, count in counted:
        by_root[str(root)] = by_root.get(str(root), 0) + int(count)
    result = {
        "total": sum(int(r[3]) for r in counted),
        "there": sum(int(r[3]) for r in counted if r[1]),
        "back": sum(int(r[3]) for r in counted if r[2]),
        "by_root": dict(sorted(by_root.items())),
    }
    if chart:
        months = [row[4:10] for row in rows if not row[0] and row[4] is not None]
        result["series"] = series_of_months(months, by, fine_rows(cursor, where, params, by))
    return result


def _month_of(day: str) -> str:
    """The month index `month_rows_sql` groups by, as a column (its parameters: first and
    last day of the span)."""
    month = f"year({day}) * 12 + month({day}) - 1"
    return f"CASE WHEN {day} < ? THEN -1 WHEN {day} > ? THEN -2 ELSE {month} END"


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
