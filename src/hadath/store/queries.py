"""The store's read API: plain dicts and lists, JSON-ready, parameterised SQL only.

The web layer and the CLI call these; each takes a `Store` and opens its own cursor, so
threads of the owning process can read while it writes. Filters shared by `events`, `dyads`
and `timeline`: actor (code prefix, either side), root, code (CAMEO prefix), plover_type,
quad_class, place (name or ISO-2 country), since / until (YYYY-MM-DD), text (words of a
report's sentence, each as written or in a clitic form, analysed as search analyses them).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hadath.store import search as fts
from hadath.store.analytics import actor_profile, actors, dyads, timeline
from hadath.store.core import Store
from hadath.store.filters import event_filters, plain, records, store_filters

_EVENT_COLUMNS = """e.event_id, e.root, e.cameo, e.goldstein, e.quad_class, e.plover_type,
    e.plover_mode, e.source_code, e.source_name, e.target_code, e.target_name, e.place_name,
    e.place_country, e.lat, e.lon, e.day, e.last_day, e.num_mentions, e.num_sources,
    e.num_articles, e.confidence"""


def _event_record(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["event_id"],
        "root": row["root"],
        "cameo": row["cameo"],
        "goldstein": row["goldstein"],
        "quad_class": row["quad_class"],
        "plover": {"type": row["plover_type"], "mode": row["plover_mode"]},
        "source": _actor(row["source_code"], row["source_name"]),
        "target": _actor(row["target_code"], row["target_name"]),
        "place": (
            {
                "name": row["place_name"],
                "country": row["place_country"],
                "lat": row["lat"],
                "lon": row["lon"],
            }
            if row["place_name"]
            else None
        ),
        "date": row["day"],
        "last_date": row["last_day"],
        "num_mentions": row["num_mentions"],
        "num_sources": row["num_sources"],
        "num_articles": row["num_articles"],
        "confidence": row["confidence"],
    }


def _actor(code: str | None, name: str | None) -> dict[str, Any] | None:
    return {"code": code, "name": name} if code else None


def events(
    store: Store,
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
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """Merged events matching the filters, newest first: {"total", "events"}."""
    where, params = store_filters(
        store,
        actor=actor,
        root=root,
        code=code,
        plover_type=plover_type,
        quad_class=quad_class,
        place=place,
        since=since,
        until=until,
        text=text,
    )
    cursor = store.cursor()
    total_row = cursor.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()
    cursor.execute(
        f"""SELECT {_EVENT_COLUMNS} FROM events e WHERE {where}
        ORDER BY e.day DESC NULLS LAST, e.num_mentions DESC, e.event_id LIMIT ? OFFSET ?""",
        [*params, max(0, int(limit)), max(0, int(offset))],
    )
    rows = [_event_record(r) for r in records(cursor)]
    return {"total": int(total_row[0]) if total_row else 0, "events": rows}


_REPORT_SQL = """
SELECT r.report_id, r.doc_id, d.title, d.source AS doc_source, d.url, d.published,
    r.cameo, r.root, r.goldstein, r.quad_class, r.plover_type, r.plover_mode,
    r.source_code, r.source_name, r.source_text, r.source_start, r.source_end,
    r.target_code, r.target_name, r.target_text, r.target_start, r.target_end,
    r.place_name, r.place_country, r.day, r.date_text, r.modality, r.sentence,
    r.sentence_start, r.sentence_end, r.trigger_start, r.trigger_end, r.trigger_text,
    r.confidence, r.explanation, s.text AS sentence_text,
    r.dictionary_version, r.patterns_version, r.coder_version
FROM event_members m JOIN event_reports r ON r.report_id = m.report_id
JOIN documents d ON d.id = r.doc_id
LEFT JOIN sentences s ON s.doc_id = r.doc_id AND s.idx = r.sentence
WHERE m.event_id = ? ORDER BY r.day NULLS LAST, r.report_id
"""


def _span_actor(row: dict[str, Any], side: str, *, with_text: bool = True) -> dict[str, Any] | None:
    """One side of a report as an actor span; documents' spans leave out the text, which
    the document itself holds."""
    if not row[f"{side}_code"]:
        return None
    keys = (
        ("code", "name", "text", "start", "end") if with_text else ("code", "name", "start", "end")
    )
    return {key: row[f"{side}_{key}"] for key in keys}


def _report_record(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["report_id"],
        "document": {
            "id": row["doc_id"],
            "title": row["title"],
            "source": row["doc_source"],
            "url": row["url"],
            "published": row["published"],
        },
        "cameo": row["cameo"],
        "root": row["root"],
        "goldstein": row["goldstein"],
        "quad_class": row["quad_class"],
        "plover": {"type": row["plover_type"], "mode": row["plover_mode"]},
        "source": _span_actor(row, "source"),
        "target": _span_actor(row, "target"),
        "place": {"name": row["place_name"], "country": row["place_country"]}
        if row["place_name"]
        else None,
        "date": row["day"],
        "date_text": row["date_text"],
        "modality": json.loads(row["modality"] or "{}"),
        "sentence": {
            "index": row["sentence"],
            "start": row["sentence_start"],
            "end": row["sentence_end"],
            "text": row["sentence_text"],
        },
        "trigger": {
            "start": row["trigger_start"],
            "end": row["trigger_end"],
            "text": row["trigger_text"],
        },
        "confidence": row["confidence"],
        "explanation": json.loads(row["explanation"] or "{}"),
        "versions": {
            "dictionary": row["dictionary_version"],
            "patterns": row["patterns_version"],
            "coder": row["coder_version"],
        },
    }


def event(store: Store, event_id: str) -> dict[str, Any] | None:
    """One merged event with every report and its evidence (sentence, trigger, actor spans)."""
    cursor = store.cursor()
    cursor.execute(f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.event_id = ?", [event_id])
    found = records(cursor)
    if not found:
        return None
    record = _event_record(found[0])
    cursor.execute(_REPORT_SQL, [event_id])
    record["reports"] = [_report_record(r) for r in records(cursor)]
    return record


def document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """A document's clean text with its sentences, entity spans and event-report spans."""
    cursor = store.cursor()
    cursor.execute(
        """SELECT id, source, url, published, title, clean_text, stats, warnings, coded_at,
        dictionary_version, patterns_version, coder_version FROM documents WHERE id = ?""",
        [doc_id],
    )
    found = records(cursor)
    if not found:
        return None
    record = found[0]
    record["stats"] = json.loads(record["stats"] or "{}")
    record["warnings"] = json.loads(record["warnings"] or "[]")
    cursor.execute(
        """SELECT idx AS index, start_char AS start, end_char AS "end" FROM sentences
        WHERE doc_id = ? ORDER BY idx""",
        [doc_id],
    )
    record["sentences"] = records(cursor)
    cursor.execute(
        """SELECT idx AS index, type, start_char AS start, end_char AS "end", text, sentence,
        origin, actor_code, actor_name, actor_role, place_name, place_country, value
        FROM entities WHERE doc_id = ? ORDER BY start_char, idx""",
        [doc_id],
    )
    record["entities"] = records(cursor)
    record["events"] = _document_reports(cursor, doc_id)
    return record


def _document_reports(cursor: Any, doc_id: str) -> list[dict[str, Any]]:
    cursor.execute(
        """SELECT r.report_id AS id, m.event_id, r.cameo, r.root, r.quad_class,
        r.plover_type, r.sentence, r.trigger_start, r.trigger_end, r.trigger_text,
        r.source_code, r.source_name, r.source_start, r.source_end,
        r.target_code, r.target_name, r.target_start, r.target_end, r.day, r.confidence
        FROM event_reports r LEFT JOIN event_members m ON m.report_id = r.report_id
        WHERE r.doc_id = ? ORDER BY r.trigger_start, r.report_id""",
        [doc_id],
    )
    return [
        {
            "id": row["id"],
            "event_id": row["event_id"],
            "cameo": row["cameo"],
            "root": row["root"],
            "quad_class": row["quad_class"],
            "plover_type": row["plover_type"],
            "sentence": row["sentence"],
            "date": row["day"],
            "confidence": row["confidence"],
            "trigger": {
                "start": row["trigger_start"],
                "end": row["trigger_end"],
                "text": row["trigger_text"],
            },
            "source": _span_actor(row, "source", with_text=False),
            "target": _span_actor(row, "target", with_text=False),
        }
        for row in records(cursor)
    ]


def search(store: Store, text: str, limit: int = 50) -> list[dict[str, Any]]:
    """Sentences containing every word of `text`, as written or in a clitic form (بالقاهرة
    for القاهرة and the reverse), or each "quoted phrase", best first (`hadath.store.search`)."""
    hits = fts.search_sentences(store.search_path, text, max(0, int(limit)))
    if not hits:
        return []
    cursor = store.cursor()
    results = []
    for rank, hit in enumerate(hits, start=1):
        cursor.execute(
            """SELECT s.text, s.start_char, s.end_char, d.title, d.source, d.published, d.url
            FROM sentences s JOIN documents d ON d.id = s.doc_id
            WHERE s.doc_id = ? AND s.idx = ?""",
            [hit["doc_id"], hit["sentence"]],
        )
        found = records(cursor)
        if found:  # the index may hold a document deleted since (it is derived)
            results.append({**hit, **found[0], "rank": rank, "score": hit["rank"]})
    return results


def _counts(cursor: Any, sql: str) -> list[dict[str, Any]]:
    cursor.execute(sql)
    return records(cursor)


def stats(store: Store) -> dict[str, Any]:
    """Counts of documents, reports and events; events by day, root and QuadClass; top
    dyads and actors (by events they take part in)."""
    cursor = store.cursor()
    totals = cursor.execute(
        """SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM sentences),
        (SELECT count(*) FROM entities), (SELECT count(*) FROM event_reports),
        (SELECT count(*) FROM events), (SELECT min(day) FROM events),
        (SELECT max(day) FROM events)"""
    ).fetchone()
    assert totals is not None  # an aggregate always returns a row
    names = ("documents", "sentences", "entities", "reports", "events", "first_day", "last_day")
    result: dict[str, Any] = {n: plain(v) for n, v in zip(names, totals, strict=True)}
    result["by_day"] = _counts(
        cursor, "SELECT day, count(*) AS count FROM events GROUP BY day ORDER BY day"
    )
    result["by_root"] = _counts(
        cursor, "SELECT root, count(*) AS count FROM events GROUP BY root ORDER BY root"
    )
    result["by_quad_class"] = _counts(
        cursor,
        """SELECT quad_class, count(*) AS count FROM events
        GROUP BY quad_class ORDER BY quad_class""",
    )
    result["top_dyads"] = _counts(
        cursor,
        """SELECT source_code AS source, target_code AS target, count(*) AS count
        FROM events WHERE source_code IS NOT NULL AND target_code IS NOT NULL
        GROUP BY ALL ORDER BY count DESC, source, target LIMIT 20""",
    )
    # min(), not any_value(): the same store must give the same answer on every call (an
    # actor coded under two names made the web page and its JSON twin differ).
    result["top_actors"] = _counts(
        cursor,
        """SELECT code, min(name) AS name, count(*) AS count FROM (
            SELECT source_code AS code, source_name AS name FROM events
            UNION ALL SELECT target_code, target_name FROM events)
        WHERE code IS NOT NULL GROUP BY code ORDER BY count DESC, code LIMIT 20""",
    )
    return result


__all__ = [
    "actor_profile",
    "actors",
    "document",
    "dyads",
    "event",
    "event_filters",
    "events",
    "search",
    "stats",
    "timeline",
]
