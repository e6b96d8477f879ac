"""`hadath export`: the merged events as PLOVER JSON lines, a GDELT-style TSV, CSV, or the
whole store as Parquet. Column and field mappings are documented in docs/store.md."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hadath.store.actor_codes import split_actor_code
from hadath.store.core import Store
from hadath.store.filters import records

_GDELT_ACTOR = [
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
]
_GDELT_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]

#: GDELT 2.0 event table columns, in order: 61 of them.
GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{c}" for c in _GDELT_ACTOR),
    *(f"Actor2{c}" for c in _GDELT_ACTOR),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{c}" for c in _GDELT_GEO),
    *(f"Actor2Geo_{c}" for c in _GDELT_GEO),
    *(f"ActionGeo_{c}" for c in _GDELT_GEO),
    "DATEADDED",
    "SOURCEURL",
)
#: Columns hadath adds after GDELT's 61 (GDELT has no field for them): how closely Day is
#: known (day, week, month, year; blank when the text gives no date and Day is the
#: publication day) and the Arabic words that named the event's place.
GDELT_EXTENSION: tuple[str, ...] = ("DatePrecision", "ActionGeo_Text")

_EXPORT_SQL = """
SELECT e.*, f.sentence_text, f.doc_id, f.url, f.coded_at, f.first_sentence,
       f.triggers, f.documents, f.plover_context, f.report_place_feature, f.source_text,
       f.target_text, f.date_expression
FROM events e JOIN (
    SELECT m.event_id,
        arg_min(s.text, (r.day, r.report_id)) AS sentence_text,
        arg_min(r.doc_id, (r.day, r.report_id)) AS doc_id,
        arg_min(d.url, (r.day, r.report_id)) AS url,
        max(d.coded_at) AS coded_at,
        min(r.sentence) AS first_sentence,
        list(DISTINCT r.trigger_text ORDER BY r.trigger_text) AS triggers,
        list(DISTINCT r.doc_id ORDER BY r.doc_id) AS documents,
        arg_min(r.plover_context, (r.day, r.report_id)) AS plover_context,
        arg_min(r.place_feature, (r.day, r.report_id))
            FILTER (WHERE r.place_name IS NOT NULL) AS report_place_feature,
        arg_min(r.date_expression, (r.day, r.report_id)) AS date_expression,
        arg_min(r.source_text, (r.day, r.report_id)) AS source_text,
        arg_min(r.target_text, (r.day, r.report_id)) AS target_text
    FROM event_members m JOIN event_reports r ON r.report_id = m.report_id
    JOIN documents d ON d.id = r.doc_id
    LEFT JOIN sentences s ON s.doc_id = r.doc_id AND s.idx = r.sentence
    GROUP BY m.event_id) f ON f.event_id = e.event_id
ORDER BY e.day NULLS LAST, e.event_id
"""


def export_rows(store: Store) -> Iterator[dict[str, Any]]:
    cursor = store.cursor()
    cursor.execute(_EXPORT_SQL)
    yield from records(cursor)


def _plover_actor(code: str | None, name: str | None, text: str | None) -> list[dict[str, Any]]:
    """An entity object of the PLOVER manual ("Information object for entities"), built as
    `hadath.events.output` builds it for `hadath code --format plover`."""
    if not code:
        return []
    return [
        {
            "code": code[:3],
            "sector": code[3:9] or None,
            "entity_text": text,
            "identifier_id": code,
            "identifier_text": name,
        }
    ]


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """A merged event as a PLOVER JSON record (manual, table "PLOVER JSON")."""
    record: dict[str, Any] = {
        "id": row["event_id"],
        "has_event": True,
        "date": row["day"],
        "actor": _plover_actor(row["source_code"], row["source_name"], row["source_text"]),
        "recipient": _plover_actor(row["target_code"], row["target_name"], row["target_text"]),
        "event": [row["plover_type"]],
        "event_loc": plover_location(row),
        "event_text": list(row["triggers"]),
        "quad_code": row["quad_class"],
        "event_scale": row["goldstein"],
        "mode": [row["plover_mode"]] if row["plover_mode"] else [],
        "context": row["plover_context"].split(",") if row["plover_context"] else [],
        "text": row["sentence_text"],
        "text_info": {
            "documents": list(row["documents"]),
            "num_mentions": row["num_mentions"],
            "num_sources": row["num_sources"],
            "num_articles": row["num_articles"],
        },
        "coder": "hadath",
        "coded_date": row["coded_at"][:10] if row["coded_at"] else None,
        "comment": _plover_comment(row),
    }
    last = _window_end(row)
    if last and last != row["day"]:
        record["enddate"] = last
    return record


def _window_end(row: dict[str, Any]) -> str | None:
    """The last day the event may have happened: its last report's day, or the end of the
    window its date expression names ("الأسبوع الماضي"), whichever is later."""
    ends = [row["last_day"]] if row["last_day"] else []
    expression = _expression(row)
    if expression and expression.get("last") and row.get("date_precision") not in (None, "day"):
        ends.append(str(expression["last"]))
    return max(ends) if ends else None


def _expression(row: dict[str, Any]) -> dict[str, Any] | None:
    value = row.get("date_expression")
    if not value:
        return None
    try:
        parsed = json.loads(value) if isinstance(value, str) else value
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None


def _plover_comment(row: dict[str, Any]) -> str:
    """PLOVER has no field for a date's precision: the comment says it, with the words."""
    comment = f"CAMEO {row['cameo']}"
    precision = row.get("date_precision")
    expression = _expression(row)
    if precision:
        words = f" ({expression['text']})" if expression and expression.get("text") else ""
        comment += f"; date precision {precision}{words}"
    return comment


#: PLOVER's location `resolution` (manual, "Location object"): 5 sub-city, 4 city, 3
#: district, 2 province, 1 country.
_RESOLUTION = {"site": 5, "camp": 5, "crossing": 5, "neighbourhood": 5, "village": 4}
_RESOLUTION |= {"town": 4, "city": 4, "area": 3, "district": 3, "region": 2, "country": 1}


def plover_location(row: dict[str, Any]) -> dict[str, Any] | None:
    """The event's place as the PLOVER manual's location object (Mordecai's fields)."""
    if not row["place_name"]:
        return None
    feature = row.get("place_feature") or row.get("report_place_feature") or ""
    location: dict[str, Any] = {
        "extracted_place": row.get("place_text") or row["place_name"],
        "resolved_place": row["place_name"],
        "geonameid": row.get("place_geonameid"),
        "lat": row["lat"],
        "lon": row["lon"],
        "country_code": _iso3(row["place_country"]),
        "resolution": _RESOLUTION.get(feature),
    }
    if row.get("place_admin1"):
        location["province"] = row["place_admin1"]
    return {key: value for key, value in location.items() if value is not None}


def _iso3(iso2: str | None) -> str | None:
    """The manual's 3-letter country code (CAMEO's country codes are ISO 3166 alpha-3)."""
    if not iso2:
        return None
    from hadath.dictionaries.loader import default_dictionaries

    for country in default_dictionaries().countries.values():
        if country.iso2 == iso2:
            return str(country.cameo)
    return None


def _gdelt_actor(code: str | None, name: str | None) -> list[Any]:
    if not code:
        return [""] * len(_GDELT_ACTOR)
    country, types, groups = split_actor_code(code)
    padded = ([*types, "", "", ""])[:3]
    return [code, name or "", country or "", groups[0] if groups else "", "", "", "", *padded]


_GEO_TYPES = {"country": 1, "region": 5, "state": 5}


def _gdelt_geo(row: dict[str, Any]) -> list[Any]:
    if not row["place_name"]:
        return [0, "", "", "", "", "", "", ""]
    feature = row.get("place_feature") or row.get("report_place_feature") or ""
    geo_type = _GEO_TYPES.get(feature, 4)
    country = row["place_country"] or ""
    admin1 = row.get("place_admin1")
    return [
        geo_type,
        row["place_name"],
        country,
        f"{country}{admin1}" if country and admin1 else "",
        "",
        _blank(row["lat"]),
        _blank(row["lon"]),
        _blank(row.get("place_geonameid")),
    ]


def _blank(value: Any) -> Any:
    return "" if value is None else value


def gdelt_row(row: dict[str, Any]) -> list[Any]:
    day = dt.date.fromisoformat(row["day"]) if row["day"] else None
    no_geo = [0, "", "", "", "", "", "", ""]
    values = [
        int(row["event_id"][:15], 16),
        day.strftime("%Y%m%d") if day else "",
        day.strftime("%Y%m") if day else "",
        day.year if day else "",
        f"{day.year + (day.timetuple().tm_yday - 1) / 365:.4f}" if day else "",
        *_gdelt_actor(row["source_code"], row["source_name"]),
        *_gdelt_actor(row["target_code"], row["target_name"]),
        1 if (row["first_sentence"] or 99) <= 1 else 0,
        row["cameo"],
        row["cameo"][:3],
        row["root"],
        row["quad_class"],
        row["goldstein"],
        row["num_mentions"],
        row["num_sources"],
        row["num_articles"],
        "",
        *no_geo,
        *no_geo,
        *_gdelt_geo(row),
        row["coded_at"][:19].replace("-", "").replace(":", "").replace("T", "")
        if row["coded_at"]
        else "",
        row["url"] or "",
        row.get("date_precision") or "",
        row.get("place_text") or "",
    ]
    return [str(v).replace("\t", " ").replace("\n", " ") for v in values]


def export(store: Store, output_format: str, out: Path) -> int:
    """Write the export; return the number of records (events, or tables for parquet)."""
    if output_format == "parquet":
        return _export_parquet(store, out)
    count = 0
    with out.open("w", encoding="utf-8", newline="") as stream:
        if output_format == "plover":
            # PLOVER has no category for CAMEO's 01 and 02 roots (statements, appeals): such
            # events have no PLOVER type and no PLOVER record (as in `hadath code`).
            for row in (r for r in export_rows(store) if r["plover_type"]):
                stream.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
                count += 1
        elif output_format == "gdelt":
            writer = csv.writer(stream, delimiter="\t", lineterminator="\n")
            for row in export_rows(store):
                writer.writerow(gdelt_row(row))
                count += 1
        elif output_format == "csv":
            count = _export_csv(store, stream)
        else:
            raise ValueError(f"unknown export format {output_format!r}")
    return count


def _export_csv(store: Store, stream: Any) -> int:
    cursor = store.cursor()
    cursor.execute("SELECT * FROM events ORDER BY day NULLS LAST, event_id")
    writer = csv.writer(stream)
    writer.writerow([d[0] for d in cursor.description])
    rows = cursor.fetchall()
    writer.writerows(rows)
    return len(rows)


PARQUET_TABLES = ("documents", "sentences", "entities", "event_reports", "events", "event_members")


def _export_parquet(store: Store, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    for table in PARQUET_TABLES:
        target = str(out / f"{table}.parquet").replace("'", "''")
        store.connection.execute(f"COPY {table} TO '{target}' (FORMAT parquet)")
    return len(PARQUET_TABLES)
