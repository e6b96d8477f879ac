"""Shared by the read API: WHERE clauses for event filters and rows as plain dicts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hadath.text.normalise import phrase_key


def plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def records(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [{n: plain(v) for n, v in zip(names, row, strict=True)} for row in cursor.fetchall()]


def _date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def event_filters(
    *,
    actor: str | None = None,
    root: str | None = None,
    code: str | None = None,
    plover_type: str | None = None,
    quad_class: int | None = None,
    place: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    text: str | None = None,
) -> tuple[str, list[Any]]:
    """A WHERE clause over `events e` and its parameters."""
    clauses: list[str] = ["TRUE"]
    params: list[Any] = []
    if actor:
        clauses.append("(starts_with(e.source_code, ?) OR starts_with(e.target_code, ?))")
        params += [actor.upper(), actor.upper()]
    if root:
        clauses.append("e.root = ?")
        params.append(str(root).zfill(2))
    if code:
        clauses.append("starts_with(e.cameo, ?)")
        params.append(str(code))
    if plover_type:
        clauses.append("e.plover_type = ?")
        params.append(plover_type.upper())
    if quad_class is not None:
        clauses.append("e.quad_class = ?")
        params.append(int(quad_class))
    if place:
        clauses.append("(e.place_name ILIKE ? OR e.place_country = ?)")
        params += [place, place.upper()]
    if since:
        clauses.append("e.day >= ?")
        params.append(_date(since))
    if until:
        clauses.append("e.day <= ?")
        params.append(_date(until))
    if text and phrase_key(text):
        clauses.append(
            """EXISTS (SELECT 1 FROM event_members m
            JOIN event_reports r ON r.report_id = m.report_id
            JOIN sentences s ON s.doc_id = r.doc_id AND s.idx = r.sentence
            WHERE m.event_id = e.event_id AND contains(s.key, ?))"""
        )
        params.append(phrase_key(text))
    return " AND ".join(clauses), params
