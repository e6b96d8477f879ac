"""Reports of one event across articles merged into one event (GDELT-style counts).

Two reports describe one event when they share the CAMEO root, the source code and the
target code, fall within one two-day window, and name the same place when both name one:

- **Root, not the full code**: one article says "met" (040), another "held talks" (043).
- **Two-day window** anchored at the cluster's first day (day d and d+1): an evening event
  is dated the next day by morning papers; a wider window merged the recurring daily
  meetings of the same two governments in the SaudiNewsNet sample into one (docs/store.md).
  Anchoring (not chaining day to day) stops a week of daily reports becoming one event.
- **Place**: reports naming different places stay apart; a report naming none joins the
  largest place group of its window (ties: the smaller place name), so the merge does not
  depend on the order reports arrive in.
- **Weak dyads** (no actor on one side or both, or a bare role code such as GOV or MIL
  without a country): the dyad does not say who acted, so such reports merge only on a
  shared place finer than a country (a city, a crossing), or within one article. Measured
  on SaudiNewsNet: merging them by dyad alone made one event of 22 articles' "GOV
  consults" on one day; a shared country merged unrelated fighting "in Syria".

NumMentions counts reports, NumSources distinct document sources, NumArticles distinct
documents; every report stays in `event_reports` and `event_members` maps it to its event.
Merging is recomputed for the dyad keys in `dedup_pending`, in one transaction, so a killed
run leaves the keys pending and the next run merges them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import Any

import duckdb
import pyarrow as pa

from hadath.store.actor_codes import is_specific
from hadath.store.core import Store

#: Reports merge when their days are at most this many days after the cluster's first day.
WINDOW_DAYS = 1

_REPORT_QUERY = """
SELECT r.report_id, r.doc_id, coalesce(d.source, r.doc_id) AS source, r.root,
       coalesce(r.source_code, '') AS src, coalesce(r.target_code, '') AS tgt,
       r.day, coalesce(r.place_country, '') AS country, coalesce(r.place_name, '') AS place,
       r.cameo, r.goldstein, r.quad_class, r.plover_type, r.plover_mode, r.source_name,
       r.target_name, r.lat, r.lon, r.confidence,
       coalesce(r.place_feature, '') AS feature,
       r.place_text, r.place_admin1, r.place_geonameid, r.place_precision, r.date_precision
FROM event_reports r JOIN documents d ON d.id = r.doc_id
JOIN pending_keys k ON k.root = r.root AND k.src = coalesce(r.source_code, '')
     AND k.tgt = coalesce(r.target_code, '')
ORDER BY r.root, src, tgt, r.day NULLS LAST, r.report_id
"""

EVENT_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("root", pa.string()),
        ("cameo", pa.string()),
        ("goldstein", pa.float64()),
        ("quad_class", pa.int32()),
        ("plover_type", pa.string()),
        ("plover_mode", pa.string()),
        ("source_code", pa.string()),
        ("source_name", pa.string()),
        ("target_code", pa.string()),
        ("target_name", pa.string()),
        ("place_name", pa.string()),
        ("place_country", pa.string()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("day", pa.date32()),
        ("last_day", pa.date32()),
        ("num_mentions", pa.int32()),
        ("num_sources", pa.int32()),
        ("num_articles", pa.int32()),
        ("confidence", pa.float64()),
        ("first_report", pa.string()),
        ("place_text", pa.string()),
        ("place_admin1", pa.string()),
        ("place_geonameid", pa.int64()),
        ("place_precision", pa.int32()),
        ("place_feature", pa.string()),
        ("date_precision", pa.string()),
    ]
)


@dataclass(frozen=True, slots=True)
class Report:
    report_id: str
    doc_id: str
    source: str
    root: str
    src: str
    tgt: str
    day: dt.date | None
    country: str
    place: str
    cameo: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None
    source_name: str | None
    target_name: str | None
    lat: float | None
    lon: float | None
    confidence: float
    feature: str = ""
    # the place's mention and what is known of it, the date's precision (issue 12)
    place_text: str | None = None
    place_admin1: str | None = None
    place_geonameid: int | None = None
    place_precision: int | None = None
    date_precision: str | None = None

    @property
    def place_key(self) -> tuple[str, str] | None:
        return (self.country, self.place) if self.place else None

    def merge_place(self, weak: bool) -> tuple[str, str] | None:
        """The place reports must share to merge; a weak dyad needs one finer than a country."""
        if weak and self.feature == "country":
            return None
        return self.place_key


def merge_pending(store: Store) -> int:
    """Re-merge the reports of every pending dyad key; return the number of keys."""
    with store.transaction() as con:
        con.execute(
            """CREATE OR REPLACE TEMP TABLE pending_keys AS
            SELECT DISTINCT root, coalesce(source_code, '') AS src,
                   coalesce(target_code, '') AS tgt FROM dedup_pending"""
        )
        keys = _count(con, "SELECT count(*) FROM pending_keys")
        if keys:
            _remove_pending_events(con)
            reports = [Report(*row) for row in con.execute(_REPORT_QUERY).fetchall()]
            _insert_events(con, list(cluster_reports(reports)))
        con.execute("DELETE FROM dedup_pending")
        con.execute("DROP TABLE pending_keys")
    return keys


def merge_all(store: Store) -> int:
    """Re-merge every report (after a change of the merging rules); return the dyad keys."""
    with store.transaction() as con:
        con.execute(
            """INSERT INTO dedup_pending
            SELECT DISTINCT root, source_code, target_code FROM event_reports"""
        )
    return merge_pending(store)


def _remove_pending_events(con: duckdb.DuckDBPyConnection) -> None:
    match = """SELECT e.event_id FROM events e JOIN pending_keys k ON k.root = e.root
        AND k.src = coalesce(e.source_code, '') AND k.tgt = coalesce(e.target_code, '')"""
    con.execute(f"DELETE FROM event_members WHERE event_id IN ({match})")
    con.execute(f"DELETE FROM events WHERE event_id IN ({match})")


def cluster_reports(reports: list[Report]) -> Iterator[list[Report]]:
    """Clusters of reports (input sorted by key, day, report id); deterministic."""
    for _key, same_dyad in groupby(reports, key=lambda r: (r.root, r.src, r.tgt)):
        for window in _windows(list(same_dyad)):
            yield from _split_by_place(window)


def _windows(reports: list[Report]) -> Iterator[list[Report]]:
    current: list[Report] = []
    for report in reports:
        if report.day is None:
            yield [report]  # undated: nothing to match it on
            continue
        start = current[0].day if current else None
        if start is not None and (report.day - start).days <= WINDOW_DAYS:
            current.append(report)
        else:
            if current:
                yield current
            current = [report]
    if current:
        yield current


def _split_by_place(window: list[Report]) -> Iterator[list[Report]]:
    groups: dict[tuple[str, str], list[Report]] = {}
    unplaced: list[Report] = []
    weak = not (is_specific(window[0].src) and is_specific(window[0].tgt))
    for report in window:
        key = report.merge_place(weak)
        if key is None:
            unplaced.append(report)
        else:
            groups.setdefault(key, []).append(report)
    if unplaced and weak:
        by_doc = sorted(unplaced, key=lambda r: r.doc_id)
        for _doc, same_doc in groupby(by_doc, key=lambda r: r.doc_id):
            groups_for_doc = list(same_doc)
            yield sorted(groups_for_doc, key=_order)
    elif unplaced:
        if not groups:
            groups[("", "")] = []
        largest = min(groups, key=lambda k: (-len(groups[k]), k))
        groups[largest].extend(unplaced)
    for key in sorted(groups):
        yield sorted(groups[key], key=_order)


def _order(report: Report) -> tuple[dt.date, str]:
    return (report.day or dt.date.max, report.report_id)


def merged_event(cluster: list[Report]) -> dict[str, Any]:
    first = cluster[0]
    cameo = min(Counter(r.cameo for r in cluster).items(), key=lambda kv: (-kv[1], kv[0]))[0]
    coded = next(r for r in cluster if r.cameo == cameo)
    placed = next((r for r in cluster if r.place), None)
    days = [r.day for r in cluster if r.day is not None]
    return {
        "event_id": hashlib.sha256(f"event:{first.report_id}".encode()).hexdigest()[:16],
        "root": first.root,
        "cameo": cameo,
        "goldstein": coded.goldstein,
        "quad_class": coded.quad_class,
        "plover_type": coded.plover_type,
        "plover_mode": coded.plover_mode,
        "source_code": first.src or None,
        "source_name": first.source_name,
        "target_code": first.tgt or None,
        "target_name": first.target_name,
        "place_name": placed.place if placed else None,
        "place_country": (placed.country or None) if placed else None,
        "lat": placed.lat if placed else None,
        "lon": placed.lon if placed else None,
        "day": min(days) if days else None,
        "last_day": max(days) if days else None,
        "num_mentions": len(cluster),
        "num_sources": len({r.source for r in cluster}),
        "num_articles": len({r.doc_id for r in cluster}),
        "confidence": max(r.confidence for r in cluster),
        "first_report": first.report_id,
        "place_text": placed.place_text if placed else None,
        "place_admin1": placed.place_admin1 if placed else None,
        "place_geonameid": placed.place_geonameid if placed else None,
        "place_precision": placed.place_precision if placed else None,
        "place_feature": (placed.feature or None) if placed else None,
        # the first report's: the event's day is its day
        "date_precision": first.date_precision,
    }


def _insert_events(con: duckdb.DuckDBPyConnection, clusters: list[list[Report]]) -> None:
    events = [merged_event(cluster) for cluster in clusters]
    members = [
        {"report_id": r.report_id, "event_id": event["event_id"]}
        for event, cluster in zip(events, clusters, strict=True)
        for r in cluster
    ]
    event_table = pa.Table.from_pylist(events, schema=EVENT_SCHEMA)
    member_table = pa.Table.from_pylist(
        members, schema=pa.schema([("report_id", pa.string()), ("event_id", pa.string())])
    )
    con.register("new_events", event_table)
    con.register("new_members", member_table)
    con.execute("INSERT INTO events BY NAME SELECT * FROM new_events")
    con.execute("INSERT INTO event_members BY NAME SELECT * FROM new_members")
    con.unregister("new_events")
    con.unregister("new_members")


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row else 0
