"""The store's read API: plain dicts and lists, JSON-ready, parameterised SQL only.

The web layer and the CLI call these; each takes a `Store` and opens its own cursor, so
threads of the owning process can read while it writes. Filters (`events`, `dyads`,
`timeline` and the analytics) are an `EventQuery` (`hadath.store.filters`, the one parser of
the web pages and the API) or, for scripts and the CLI, its keyword form: actor (a code
prefix, either side), root, code (CAMEO prefix), plover_type, quad_class, place, since /
until (YYYY-MM-DD), text (words of a report's sentence, as search analyses them).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from hadath.store import search as fts
from hadath.store.analytics import (
    actor_profile,
    actors,
    bucketed_series,
    dyad_counts,
    dyads,
    map_points,
    network,
    series,
    timeline,
)
from hadath.store.core import Store
from hadath.store.filters import (
    EventQuery,
    FilterError,
    event_filters,
    plain,
    prepared,
    query_of,
    records,
)

#: `sort` values of the events list -> ORDER BY expression; `-name` sorts descending.
SORTS: Mapping[str, str] = {
    "date": "e.day",
    "mentions": "e.num_mentions",
    "confidence": "e.confidence",
    "goldstein": "e.goldstein",
    "cameo": "e.cameo",
    "quad_class": "e.quad_class",
    "source": "e.source_code",
    "target": "e.target_code",
    "place": "e.place_name",
}
DEFAULT_SORT = "-date"


def order_by(sort: str | None, row_id: str = "e.rowid") -> str:
    """The ORDER BY of a `sort` value (`-date` newest first, the default)."""
    value = (sort or DEFAULT_SORT).strip()
    descending = value.startswith("-")
    column = SORTS.get(value.lstrip("-"))
    if column is None:
        raise FilterError(f"sort must be one of {', '.join(SORTS)} (or -name), not {sort!r}")
    direction = "DESC" if descending else "ASC"
    # Ties break on the row id, so pages never overlap: an integer, where the event id's
    # string made the top 50 of 1M events take 84 ms instead of 36.
    if value.lstrip("-") == "date":  # the list's old order: newest, then most reported
        return f"e.day {direction} NULLS LAST, e.num_mentions DESC, {row_id}"
    return f"{column} {direction} NULLS LAST, e.day DESC NULLS LAST, {row_id}"


def _event_record(row: dict[str, Any]) -> dict[str, Any]:
    record = {
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
            if row["place_name"] or row["place_country"]
            else None
        ),
        "date": row["day"],
        "last_date": row["last_day"],
        "num_mentions": row["num_mentions"],
        "num_sources": row["num_sources"],
        "num_articles": row["num_articles"],
        "confidence": row["confidence"],
    }
    # Columns a newer store adds (the date's precision; the place's Arabic mention, admin1,
    # feature, precision: issue 12) are passed on as read, when present.
    if row.get("date_precision") is not None:
        record["date_precision"] = row["date_precision"]
    if record["place"] is not None:
        for extra in ("text", "admin1", "feature", "precision", "geonameid"):
            if row.get(f"place_{extra}") is not None:
                record["place"][extra] = row[f"place_{extra}"]
    return record


def _actor(code: str | None, name: str | None) -> dict[str, Any] | None:
    return {"code": code, "name": name} if code else None


def events(
    store: Store,
    query: EventQuery | None = None,
    *,
    limit: int = 50,
    offset: int = 0,
    sort: str | None = None,
    with_total: bool = True,
    **filters: Any,
) -> dict[str, Any]:
    """Merged events matching the filters, one page in `sort` order: {"total", "events"};
    `with_total=False` leaves the count out ("total" is None) for a caller that has it."""
    order = order_by(sort)
    chosen = query_of(query, filters)
    cursor, where, params = prepared(store, chosen)
    page = [max(0, int(limit)), max(0, int(offset))]
    if with_total and chosen != EventQuery():
        return _counted_page(cursor, where, [*params, *page], sort)
    total_row = (
        cursor.execute(f"SELECT count(*) FROM events e WHERE {where}", params).fetchone()
        if with_total
        else None
    )
    # The page's row ids first, from the filter and sort columns only, then its rows: read
    # whole, every matching row carried all 28 columns into the sort (the outlet filter with
    # an actor type and a confidence: 500,000 rows, 171 -> 58 ms on 1M events at load 4).
    cursor.execute(
        f"""SELECT e.* FROM events e WHERE e.rowid IN (
            SELECT e.rowid FROM events e WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?)
        ORDER BY {order}""",
        [*params, *page],
    )
    rows = [_event_record(r) for r in records(cursor)]
    total = (int(total_row[0]) if total_row else 0) if with_total else None
    return {"total": total, "events": rows}


def _counted_page(cursor: Any, where: str, params: list[Any], sort: str | None) -> dict[str, Any]:
    """A filtered page and its total from one pass of the filter: the matching rows' ids
    and sort columns are kept, counted, sorted and the page's rows fetched. Counting and
    sorting in two statements ran an expensive filter twice (outlet, actor type and
    confidence on 1M events: 107 -> 47 ms; Sanaa in Arabic 62 -> 34 ms); without a filter
    the count is the table's and two statements stay faster (13 vs 25 ms)."""
    key = SORTS[(sort or DEFAULT_SORT).strip().lstrip("-")]
    kept = ", ".join(f"{c} AS {c[2:]}" for c in sorted({"e.day", "e.num_mentions", key}))
    cursor.execute(
        f"""WITH hits AS MATERIALIZED (
            SELECT e.rowid AS hit, {kept} FROM events e WHERE {where}),
        page AS (SELECT hit FROM hits e ORDER BY {order_by(sort, "e.hit")} LIMIT ? OFFSET ?)
        SELECT (SELECT count(*) FROM hits) AS hadath_total, e.* FROM events e
        WHERE e.rowid IN (SELECT hit FROM page) ORDER BY {order_by(sort)}""",
        params,
    )
    found = records(cursor)
    if found:
        total = int(found[0]["hadath_total"])
    else:  # no page: a total of 0, or an offset past the end
        total_row = cursor.execute(
            f"SELECT count(*) FROM events e WHERE {where}", params[:-2]
        ).fetchone()
        total = int(total_row[0]) if total_row else 0
    return {"total": total, "events": [_event_record(r) for r in found]}


def count_events(store: Store, query: EventQuery) -> int:
    """How many events a query lists (what every linked count on a page must equal)."""
    cursor, where, params = prepared(store, query)
    row = cursor.execute(f"SELECT count(*) FROM events e WHERE {where}", params)
    found = row.fetchone()
    return int(found[0]) if found else 0


def event_batches(
    store: Store, query: EventQuery, sort: str | None = None, batch_rows: int = 20_000
) -> Any:
    """Every event the query lists as an Arrow `RecordBatchReader` (its `schema` is the
    events table's columns, those of `hadath export --format csv`), in the list's order,
    read batch by batch; no row cap."""
    cursor, where, params = prepared(store, query)
    sql = f"SELECT e.* FROM events e WHERE {where} ORDER BY {order_by(sort)}"
    relation = cursor.sql(sql, params=params)
    # DuckDB 1.x names the streaming reader fetch_record_batch, 2.x to_arrow_reader; both
    # read the result in batches (a relation, not execute(): no extra copy of the rows).
    reader = getattr(relation, "to_arrow_reader", None) or relation.fetch_record_batch
    return reader(batch_rows)


_REPORT_SQL = """
SELECT r.*, d.title, d.source AS doc_source, d.url, d.published, s.text AS sentence_text
FROM event_members m JOIN event_reports r ON r.report_id = m.report_id
JOIN documents d ON d.id = r.doc_id
LEFT JOIN sentences s ON s.doc_id = r.doc_id AND s.idx = r.sentence
WHERE m.event_id = ? ORDER BY r.day NULLS LAST, r.report_id
"""

#: Place columns of a report beyond name and country (`place_feature`, and what a newer store
#: adds: the Arabic mention and its span, admin1, geonameid, precision); read when present.
_PLACE_EXTRAS = ("feature", "text", "start", "end", "admin1", "geonameid", "precision", "basis")


def _span_actor(row: dict[str, Any], side: str, *, with_text: bool = True) -> dict[str, Any] | None:
    """One side of a report as an actor span; documents' spans leave out the text, which
    the document itself holds."""
    if not row[f"{side}_code"]:
        return None
    keys = (
        ("code", "name", "text", "start", "end") if with_text else ("code", "name", "start", "end")
    )
    return {key: row[f"{side}_{key}"] for key in keys}


def _report_place(row: dict[str, Any]) -> dict[str, Any] | None:
    if not row["place_name"]:
        return None
    place = {"name": row["place_name"], "country": row["place_country"]}
    for extra in _PLACE_EXTRAS:
        if row.get(f"place_{extra}") is not None:
            place[extra] = row[f"place_{extra}"]
    return place


def _report_record(row: dict[str, Any]) -> dict[str, Any]:
    record = {
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
        "place": _report_place(row),
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
    # The date's precision and the words that gave it, when the store keeps them (issue 12;
    # the expression is JSON there: its text, span and how it was read).
    if row.get("date_precision") is not None:
        record["date_precision"] = row["date_precision"]
    expression = row.get("date_expression")
    if expression is not None:
        record["date_expression"] = _json_or_text(expression)
    return record


def _json_or_text(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def event(store: Store, event_id: str) -> dict[str, Any] | None:
    """One merged event with every report and its evidence (sentence, trigger, actor spans)."""
    cursor = store.cursor()
    cursor.execute("SELECT e.* FROM events e WHERE e.event_id = ?", [event_id])
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
    # Each event counts once for each code on it (an event SAU -> SAU once), so the count is
    # the total of the events list of that exact code (`actor=CODE`). Counted per side first
    # (a union of 2M name strings took 90 ms on 1M events, this 40 ms); min() of the name:
    # the same store must give the same answer on every call.
    top = cursor.execute(
        """SELECT code, sum(n) AS count FROM (
            SELECT source_code AS code, count(*) AS n FROM events
            WHERE source_code IS NOT NULL GROUP BY 1
            UNION ALL SELECT target_code, count(*) FROM events WHERE target_code IS NOT NULL
            AND target_code IS DISTINCT FROM source_code GROUP BY 1)
        GROUP BY code ORDER BY count DESC, code LIMIT 20"""
    ).fetchall()
    codes = [code for code, _ in top]
    store_names = dict(
        cursor.execute(
            """SELECT code, min(name) FROM (
                SELECT source_code AS code, source_name AS name FROM events
                WHERE list_contains(?, source_code)
                UNION ALL SELECT target_code, target_name FROM events
                WHERE list_contains(?, target_code)) GROUP BY code""",
            [codes, codes],
        ).fetchall()
    )
    result["top_actors"] = [
        {"code": code, "name": store_names.get(code), "count": int(count)} for code, count in top
    ]
    result |= date_place_precision(cursor)
    return result


def date_place_precision(cursor: Any) -> dict[str, Any]:
    """Events by the precision of their date (day, week, month, year; "none" when the text
    gives no date and the day is the publication day) and of their place (1 the place
    itself ... 4 a country; "none": no point), and the reports dated outside [publication - 5
    years, publication] that the issue's rule allows only for acts to come or dated by their
    own clause (both counts should be 0)."""
    by_date = _counts(
        cursor,
        """SELECT coalesce(date_precision, 'none') AS date_precision, count(*) AS count
        FROM events GROUP BY 1 ORDER BY count DESC, 1""",
    )
    by_place = _counts(
        cursor,
        """SELECT CASE WHEN place_name IS NULL THEN 'no place'
            ELSE coalesce(CAST(place_precision AS VARCHAR), 'none') END AS place_precision,
            count(*) AS count FROM events GROUP BY 1 ORDER BY 1""",
    )
    outside = cursor.execute(
        """SELECT
            count(*) FILTER (WHERE r.day > d.published AND NOT coalesce(r.future, false)
                AND coalesce(r.date_expression->>'basis', '') <> 'clause'),
            count(*) FILTER (WHERE r.day < d.published - INTERVAL 5 YEAR
                AND coalesce(r.date_expression->>'basis', '') <> 'clause'),
            count(*) FILTER (WHERE r.day > d.published),
            count(*) FILTER (WHERE r.day < d.published - INTERVAL 5 YEAR)
        FROM event_reports r JOIN documents d ON d.id = r.doc_id
        WHERE d.published IS NOT NULL AND r.day IS NOT NULL"""
    ).fetchone()
    names = ("after_publication_not_own", "before_5_years_not_own", "after", "before_5_years")
    return {
        "by_date_precision": by_date,
        "by_place_precision": by_place,
        "dated_outside_publication": dict(
            zip(names, (int(v) for v in outside or (0, 0, 0, 0)), strict=True)
        ),
    }


def corpus_span(store: Store) -> dict[str, Any]:
    """First and last publication day of the documents (the events' days when no document
    has one): the span a timeline without a date filter draws."""
    cursor = store.cursor()
    row = cursor.execute("SELECT min(published), max(published) FROM documents").fetchone()
    if not row or row[0] is None:
        row = cursor.execute("SELECT min(day), max(day) FROM events").fetchone()
    first, last = row if row else (None, None)
    return {"first": plain(first), "last": plain(last)}


def outlets(store: Store) -> list[str]:
    """The news outlets (documents' sources) of the store, for the outlet filter."""
    cursor = store.cursor()
    cursor.execute(
        "SELECT DISTINCT source FROM documents WHERE source IS NOT NULL ORDER BY source LIMIT 500"
    )
    return [str(row[0]) for row in cursor.fetchall()]


__all__ = [
    "EventQuery",
    "actor_profile",
    "actors",
    "bucketed_series",
    "corpus_span",
    "count_events",
    "document",
    "dyad_counts",
    "dyads",
    "event",
    "event_batches",
    "event_filters",
    "events",
    "map_points",
    "network",
    "outlets",
    "search",
    "series",
    "stats",
    "timeline",
]
