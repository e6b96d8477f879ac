"""View functions: each returns a `View`, the data of one page and the template that shows it.

The HTML page and its JSON twin (`?format=json` or `Accept: application/json`) are both
rendered from the `View.data` a single function returns (datasette's habit), so the two
cannot drift apart. A view never touches the database directly: it asks `StoreData`.

Every count a page links to a list carries that list's `filters` beside it (`{"count",
"filters"}`): the number shown is the total of `/events?<filters>`, and a test walks them.
The analysis pages (actor, dyad, network, timeline, map) are in `views_analysis`.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

from hadath.store.filters import EventQuery
from hadath.web.coder import TextCoder
from hadath.web.data import BadRequestError, Page, StoreData
from hadath.web.highlight import HighlightSpan, event_spans, segments
from hadath.web.names import actor_names, cameo_names, with_names
from hadath.web.settings import WebSettings

#: Page sizes offered by the events list (any limit up to max_page_size is accepted).
PAGE_SIZES = (25, 50, 100, 200, 500)


@dataclass(frozen=True)
class View:
    template: str
    data: dict[str, Any]
    status: int = 200
    title: str = ""  # a ui_strings key, or literal text (an actor code, an event id)
    name: str = field(default="")  # the view function's name, sent as X-Hadath-View


def invalid(template: str, name: str, title: str, form: dict[str, str], message: str) -> View:
    """A filter page refusing its parameters: the form with what the user typed, the
    message, no results (a 400 that keeps the user's input)."""
    data = {"detail": message, "error": message, "form": form, "filters": {}}
    return View(template, data, status=400, title=title, name=name)


def overview(data: StoreData) -> View:
    from hadath.web.views_analysis import chart_of

    stats = data.stats()
    recent = data.events(EventQuery(), Page(limit=10, offset=0))
    everything = EventQuery()
    summary = {
        "events": {"count": stats["events"], "filters": {}},
        "by_quad_class": [
            {**row, "filters": {"quad_class": str(row["quad_class"])}}
            for row in stats["by_quad_class"]
            if row["quad_class"] is not None
        ],
        "by_root": [
            {**row, "names": cameo_names(row["root"]), "filters": {"root": row["root"]}}
            for row in stats["by_root"]
            if row["root"]
        ],
        "top_actors": [
            {**row, "names": actor_names(row["code"]), "filters": {"actor": row["code"]}}
            for row in stats["top_actors"]
        ],
        "top_dyads": [
            {
                **row,
                "source_names": actor_names(row["source"]),
                "target_names": actor_names(row["target"]),
                "filters": {"source": row["source"], "target": row["target"]},
            }
            for row in stats["top_dyads"]
        ],
    }
    totals = {k: stats[k] for k in ("documents", "sentences", "entities", "reports", "events")}
    return View(
        "overview.html",
        {
            "stats": {**totals, "first_day": stats["first_day"], "last_day": stats["last_day"]},
            **summary,
            "chart": chart_of(data, everything, "quad_class"),
            "recent_events": [with_names(e) for e in recent["events"]],
        },
        title="nav_overview",
        name="overview",
    )


def events_table(
    data: StoreData, query: EventQuery, page: Page, form: dict[str, str] | None = None
) -> View:
    result = data.events(query, page)
    total = int(result.get("total") or 0)
    return View(
        "events.html",
        {
            "filters": query.as_query(),
            "form": form if form is not None else query.as_query(),
            "total": total,
            "limit": page.limit,
            "offset": page.offset,
            "sort": page.sort or "-date",
            "pages": page_numbers(total, page),
            "next_offset": page.offset + page.limit if page.offset + page.limit < total else None,
            "previous_offset": max(page.offset - page.limit, 0) if page.offset > 0 else None,
            "events": [with_names(e) for e in result["events"]],
            "outlets": data.outlets(),
        },
        title="nav_events",
        name="events_table",
    )


def page_numbers(total: int, page: Page, around: int = 2) -> list[dict[str, Any]]:
    """The pages to link: first, last and those around the current one (`gap` between)."""
    count = max(math.ceil(total / page.limit), 1)
    current = page.offset // page.limit + 1
    shown = sorted({1, count, *range(max(current - around, 1), min(current + around, count) + 1)})
    numbers: list[dict[str, Any]] = []
    for number in shown:
        if numbers and number - numbers[-1]["number"] > 1:
            numbers.append({"number": number - 1, "gap": True})
        numbers.append(
            {"number": number, "offset": (number - 1) * page.limit, "current": number == current}
        )
    return numbers


def event_detail(data: StoreData, event_id: str) -> View:
    record = with_names(data.event(event_id))
    reports = [with_names(with_sentence_segments(r)) for r in record.get("reports", [])]
    return View(
        "event.html",
        {**record, "reports": reports},
        title=str(record.get("id") or event_id),
        name="event_detail",
    )


def with_sentence_segments(report: dict[str, Any]) -> dict[str, Any]:
    """The report plus `segments`: its sentence cut at the trigger and actor offsets."""
    sentence = report.get("sentence") or {}
    text, base = str(sentence.get("text") or ""), sentence.get("start")
    if not isinstance(base, int):
        return {**report, "segments": [{"text": text, "kinds": [], "labels": []}]}
    spans = event_spans(report)
    place = report.get("place") or {}
    start, end = place.get("start"), place.get("end")
    if isinstance(start, int) and isinstance(end, int) and start < end:  # when the store has it
        spans.append(HighlightSpan(start, end, "place", str(place.get("name") or "")))
    return {**report, "segments": segments(text, spans, base=base)}


def document_page(data: StoreData, doc_id: str) -> View:
    document = data.document(doc_id)
    text = str(document.get("clean_text") or "")
    events = [with_names(e) for e in document.get("events", [])]
    return View(
        "document.html",
        {**document, "events": events, "segments": segments(text, document_spans(document))},
        title=str(document.get("title") or doc_id),
        name="document_page",
    )


def document_spans(document: dict[str, Any]) -> list[HighlightSpan]:
    """Entity mentions (actors, places) and every event report's trigger and actors."""
    spans: list[HighlightSpan] = []
    for entity in document.get("entities", []):
        start, end = entity.get("start"), entity.get("end")
        if not isinstance(start, int) or not isinstance(end, int):
            continue
        kind = "place" if entity.get("place_name") else "actor" if entity.get("actor_code") else ""
        if kind:
            label = str(entity.get("actor_code") or entity.get("place_name") or "")
            spans.append(HighlightSpan(start, end, kind, label))
    for report in document.get("events", []):
        spans.extend(event_spans(report))
    return spans


def search_page(data: StoreData, text: str | None, settings: WebSettings) -> View:
    text = (text or "").strip()
    found: dict[str, Any] = {"q": text, "sentences": [], "actors": []}
    if text:
        found["sentences"] = data.search(text, settings.default_page_size)
        found["actors"] = [{**a, "names": actor_names(a["code"])} for a in data.actors(text, 20)]
    return View("search.html", found, title="nav_search", name="search_page")


def code_page(
    coder: TextCoder, text: str | None, published: str | None, settings: WebSettings
) -> View:
    """The "code this text" form and, when text was posted, its events (nothing is stored).
    A bad date or a text too long is a 400 that shows the form with the text kept."""
    text = text or ""
    form = {"text": text, "published": published or ""}
    if not text.strip():
        return View("code.html", {"form": form, "result": None}, title="nav_code", name="code_page")
    try:
        result = code_text(coder, text, published, settings)
    except BadRequestError as error:
        page = {"form": form, "result": None, "error": str(error), "detail": str(error)}
        return View("code.html", page, status=400, title="nav_code", name="code_page")
    result["events"] = [with_names(e) for e in result["events"]]
    for event in result["events"]:
        event["segments"] = event_segments(result["clean_text"], event)
    return View("code.html", {"form": form, "result": result}, title="nav_code", name="code_page")


def code_text(
    coder: TextCoder, text: str, published: str | None, settings: WebSettings
) -> dict[str, Any]:
    """Code posted text with the library coder: the `code` contract plus the clean text."""
    if len(text) > settings.max_code_chars:
        raise BadRequestError(f"text is longer than {settings.max_code_chars} characters")
    return coder.code_to_json(text, published_date(published))


def published_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise BadRequestError(f"published must be a date YYYY-MM-DD, not {value!r}") from None


def event_segments(clean_text: str, event: dict[str, Any]) -> list[dict[str, Any]]:
    sentence = event.get("sentence") or {}
    start, end = sentence.get("start"), sentence.get("end")
    if not isinstance(start, int) or not isinstance(end, int):
        return []
    return segments(clean_text[start:end], event_spans(event), base=start)
