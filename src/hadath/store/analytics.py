"""Actors, actor profiles, the dyad graph and timelines over the store (part of the read API;
import them from `hadath.store.queries`)."""

from __future__ import annotations

from typing import Any

from hadath.store.core import Store
from hadath.store.filters import records, store_filters


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


def actor_profile(store: Store, code: str) -> dict[str, Any] | None:
    """Names and Arabic forms of an actor, its roles over time (as the dictionaries gave them
    at each article's date), its partners with counts, and its events by root and QuadClass."""
    cursor = store.cursor()
    mentions = cursor.execute(
        "SELECT count(*) FROM entities WHERE actor_code = ?", [code]
    ).fetchone()
    in_events = cursor.execute(
        "SELECT count(*) FROM events WHERE source_code = ? OR target_code = ?", [code, code]
    ).fetchone()
    if not (mentions and mentions[0]) and not (in_events and in_events[0]):
        return None
    return {
        "code": code,
        "mentions": int(mentions[0]) if mentions else 0,
        "events": int(in_events[0]) if in_events else 0,
        "names": _grouped(cursor, "actor_name", code),
        "forms": _grouped(cursor, "text", code),
        "roles": _roles(cursor, code),
        "partners": _partners(cursor, code),
        "by_root": _event_counts(cursor, "root", code),
        "by_quad_class": _event_counts(cursor, "quad_class", code),
    }


def _grouped(cursor: Any, column: str, code: str) -> list[dict[str, Any]]:
    cursor.execute(
        f"""SELECT {column} AS value, count(*) AS count FROM entities WHERE actor_code = ?
        GROUP BY {column} ORDER BY count DESC, value LIMIT 50""",
        [code],
    )
    return records(cursor)


def _roles(cursor: Any, code: str) -> list[dict[str, Any]]:
    cursor.execute(
        """SELECT en.actor_role AS role, min(d.published) AS first_seen,
            max(d.published) AS last_seen, count(*) AS mentions
        FROM entities en JOIN documents d ON d.id = en.doc_id
        WHERE en.actor_code = ? AND en.actor_role IS NOT NULL
        GROUP BY en.actor_role ORDER BY first_seen NULLS LAST, role""",
        [code],
    )
    return records(cursor)


def _partners(cursor: Any, code: str) -> list[dict[str, Any]]:
    cursor.execute(
        """SELECT partner AS code, min(name) AS name, count(*) AS count,
            count(*) FILTER (WHERE as_source) AS as_source,
            count(*) FILTER (WHERE NOT as_source) AS as_target
        FROM (SELECT target_code AS partner, target_name AS name, TRUE AS as_source
              FROM events WHERE source_code = ? AND target_code IS NOT NULL
              UNION ALL
              SELECT source_code, source_name, FALSE FROM events
              WHERE target_code = ? AND source_code IS NOT NULL)
        GROUP BY partner ORDER BY count DESC, code LIMIT 50""",
        [code, code],
    )
    return records(cursor)


def _event_counts(cursor: Any, column: str, code: str) -> dict[str, int]:
    rows = cursor.execute(
        f"""SELECT {column}, count(*) FROM events WHERE source_code = ? OR target_code = ?
        GROUP BY {column} ORDER BY {column}""",
        [code, code],
    ).fetchall()
    return {str(key): int(count) for key, count in rows}


def dyads(store: Store, *, min_weight: int = 1, limit: int = 500, **filters: Any) -> dict[str, Any]:
    """The actor graph: nodes are actor codes, edges source→target weighted by events."""
    where, params = store_filters(store, **filters)
    cursor = store.cursor()
    cursor.execute(
        f"""SELECT e.source_code AS source, e.target_code AS target, count(*) AS weight,
            sum(e.num_mentions) AS mentions, round(avg(e.goldstein), 2) AS goldstein,
            count(*) FILTER (WHERE e.quad_class = 1) AS q1,
            count(*) FILTER (WHERE e.quad_class = 2) AS q2,
            count(*) FILTER (WHERE e.quad_class = 3) AS q3,
            count(*) FILTER (WHERE e.quad_class = 4) AS q4,
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
        edges.append(
            {
                "source": row["source"],
                "target": row["target"],
                "weight": row["weight"],
                "mentions": int(row["mentions"]),
                "goldstein": row["goldstein"],
                "by_quad_class": {str(q): row[f"q{q}"] for q in (1, 2, 3, 4)},
            }
        )
    ordered = sorted(nodes.values(), key=lambda n: (-n["weight"], n["id"]))
    return {"nodes": ordered, "edges": edges}


def timeline(store: Store, by: str = "quad_class", **filters: Any) -> list[dict[str, Any]]:
    """Events per day and per QuadClass (`by="quad_class"`) or CAMEO root (`by="root"`)."""
    if by not in ("quad_class", "root"):
        raise ValueError(f"timeline by must be quad_class or root, not {by!r}")
    where, params = store_filters(store, **filters)
    cursor = store.cursor()
    cursor.execute(
        f"""SELECT e.day AS day, CAST(e.{by} AS VARCHAR) AS key, count(*) AS count
        FROM events e WHERE {where} AND e.day IS NOT NULL
        GROUP BY ALL ORDER BY day, key""",
        params,
    )
    return records(cursor)
