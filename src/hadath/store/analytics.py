"""Actors, actor profiles, the network, series over time and the map over the store (part of
the read API; import them from `hadath.store.queries`).

Every count here is the total of the events list its `filters` describe (the query
parameters of `/events`), so a page can link each number to exactly the events it counts;
the web tests walk every such link and compare.
"""

from __future__ import annotations

from typing import Any

from hadath.store.core import Store
from hadath.store.filters import CodeMatch, EventQuery, query_of, records


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
    where, params = mine.where(store)
    row = cursor.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()
    in_events = int(row[0]) if row else 0
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
        "partners": _partners(store, mine),
        "by_root": _event_counts(cursor, "root", where, params),
        "by_quad_class": _event_counts(cursor, "quad_class", where, params),
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


def _partners(store: Store, mine: EventQuery) -> list[dict[str, Any]]:
    """Actors on the other side of the events of `mine` (whose `actor` is set), each with the
    events between the two (either direction) and in each direction.

    A partner P of X counts the events with X on one side and P on the other: exactly the
    list `source=X&target=P&either=1`, so the count is what its link lists, also when X is a
    family (`SAU*`) and P one of its own codes (SAUGOV -> SAUMIL)."""
    assert mine.actor is not None
    where, params = mine.replace(actor=None).where(store)
    source_test, source_params = mine.actor.sql("e.source_code")
    target_test, target_params = mine.actor.sql("e.target_code")
    cursor = store.cursor()
    cursor.execute(
        f"""SELECT partner AS code, min(name) AS name, count(DISTINCT event_id) AS count,
            count(DISTINCT event_id) FILTER (WHERE as_source) AS as_source,
            count(DISTINCT event_id) FILTER (WHERE NOT as_source) AS as_target
        FROM (SELECT e.event_id, e.target_code AS partner, e.target_name AS name,
                TRUE AS as_source FROM events e
              WHERE {where} AND {source_test} AND e.target_code IS NOT NULL
              UNION ALL
              SELECT e.event_id, e.source_code, e.source_name, FALSE FROM events e
              WHERE {where} AND {target_test} AND e.source_code IS NOT NULL)
        GROUP BY partner ORDER BY count DESC, code LIMIT 50""",
        [*params, *source_params, *params, *target_params],
    )
    actor = mine.actor
    partners = records(cursor)
    for partner in partners:
        other = CodeMatch(partner["code"])
        either = mine.replace(actor=None, source=actor, target=other, either=True)
        partner["filters"] = either.as_query()
        partner["source_filters"] = mine.replace(actor=None, source=actor, target=other).as_query()
        partner["target_filters"] = mine.replace(actor=None, source=other, target=actor).as_query()
    return partners


def _event_counts(cursor: Any, column: str, where: str, params: list[Any]) -> dict[str, int]:
    rows = cursor.execute(
        f"""SELECT e.{column}, count(*) FROM events e WHERE {where}
        GROUP BY e.{column} ORDER BY e.{column}""",
        params,
    ).fetchall()
    return {str(key): int(count) for key, count in rows}


def dyads(store: Store, *, min_weight: int = 1, limit: int = 500, **filters: Any) -> dict[str, Any]:
    """The actor graph: nodes are actor codes, edges source→target weighted by events (every
    pair, self-loops included; the web's readable graph is `network`)."""
    where, params = query_of(None, filters).where(store)
    cursor = store.cursor()
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
    where, params = query.where(store)
    cursor = store.cursor()
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
    where, params = (query or EventQuery()).where(store)
    cursor = store.cursor()
    cursor.execute(
        f"""SELECT e.day AS day, CAST(e.{by} AS VARCHAR) AS key, count(*) AS count,
            coalesce(sum(e.goldstein), 0) AS goldstein
        FROM events e WHERE {where} AND e.day IS NOT NULL
        GROUP BY ALL ORDER BY day, key""",
        params,
    )
    return records(cursor)


def map_points(store: Store, query: EventQuery | None = None, limit: int = 3000) -> dict[str, Any]:
    """Places with coordinates and countries of the events of `query`, with counts; each
    place's `query` lists its events (name and country), each country's likewise."""
    query = query or EventQuery()
    where, params = query.where(store)
    cursor = store.cursor()
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
