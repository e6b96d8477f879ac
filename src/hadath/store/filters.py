"""Shared by the read API: WHERE clauses for event filters and rows as plain dicts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from hadath.store import search
from hadath.store.core import Store
from hadath.store.search import QueryWord
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
    root: str | int | None = None,  # "04" or 4
    code: str | None = None,
    plover_type: str | None = None,
    quad_class: int | None = None,
    place: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    text: str | None = None,
    words: Sequence[QueryWord] | None = None,
) -> tuple[str, list[Any]]:
    """A WHERE clause over `events e` and its parameters. `text` matches the sentence of one
    of the event's reports: by its analysed `words` when given (`store_filters`), else as a
    substring of the sentence's key."""
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
    if words:
        tests, word_params = _word_tests(words)
        clauses.append(_SENTENCE_EXISTS.format(tests))
        params += word_params
    elif text and phrase_key(text):
        clauses.append(_SENTENCE_EXISTS.format("contains(s.key, ?)"))
        params.append(phrase_key(text))
    return " AND ".join(clauses), params


_SENTENCE_EXISTS = """EXISTS (SELECT 1 FROM event_members m
    JOIN event_reports r ON r.report_id = m.report_id
    JOIN sentences s ON s.doc_id = r.doc_id AND s.idx = r.sentence
    WHERE m.event_id = e.event_id AND {})"""


def _word_tests(words: Sequence[QueryWord]) -> tuple[str, list[Any]]:
    """Each word as written or by one of its stems, as search matches it (a sentence stored
    without token keys falls back to its key containing the word)."""
    tests, params = [], []
    for word in words:
        tests.append(
            """coalesce(list_contains(string_split(s.words, ' '), ?)
                OR list_has_any(string_split(s.stems, ' '), ?::VARCHAR[]),
                contains(s.key, ?))"""
        )
        params += [word.key, list(word.stems), word.key]
    return " AND ".join(tests), params


def store_filters(store: Store, **filters: Any) -> tuple[str, list[Any]]:
    """`event_filters` with the text analysed as the store's search analyses it, when the
    store keeps token keys (schema version 2)."""
    text = filters.get("text")
    if text and store.has_token_keys:
        filters["words"] = search.analyse_query(store.search_path, text)
    return event_filters(**filters)
