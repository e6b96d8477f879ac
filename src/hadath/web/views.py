"""View functions: each returns a `View`, the data of one page and the template that shows it.

The HTML page and its JSON twin (`?format=json` or `Accept: application/json`) are both
rendered from the `View.data` a single function returns (datasette's habit), so the two
cannot drift apart. A view never touches the database directly: it asks `StoreData`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from hadath.web.coder import TextCoder
from hadath.web.data import BadRequestError, EventFilters, Page, StoreData
from hadath.web.highlight import HighlightSpan, event_spans, segments
from hadath.web.settings import WebSettings


@dataclass(frozen=True)
class View:
    template: str
    data: dict[str, Any]
    status: int = 200
    title: str = ""  # a ui_strings key, or literal text (an actor code, an event id)
    name: str = field(default="")  # the view function's name, sent as X-Hadath-View


def overview(data: StoreData) -> View:
    recent = data.events(EventFilters(), Page(limit=10, offset=0))
    return View(
        "overview.html",
        {"stats": data.stats(), "recent_events": recent["events"]},
        title="nav_overview",
        name="overview",
    )


def events_table(data: StoreData, filters: EventFilters, page: Page) -> View:
    result = data.events(filters, page)
    total = int(result.get("total") or 0)
    return View(
        "events.html",
        {
            "filters": filters.as_query(),
            "total": total,
            "limit": page.limit,
            "offset": page.offset,
            "next_offset": page.offset + page.limit if page.offset + page.limit < total else None,
            "previous_offset": max(page.offset - page.limit, 0) if page.offset > 0 else None,
            "events": result["events"],
        },
        title="nav_events",
        name="events_table",
    )


def event_detail(data: StoreData, event_id: str) -> View:
    record = data.event(event_id)
    reports = [with_sentence_segments(r) for r in record.get("reports", [])]
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
    return {**report, "segments": segments(text, event_spans(report), base=base)}


def actor_page(data: StoreData, code: str) -> View:
    profile = data.actor_profile(code.upper())
    # The actor filter matches a code prefix, so PSE's timeline includes PSEGOV's events:
    # a country's line then sums its institutions, which is what the overview needs.
    counts = data.timeline("quad_class", EventFilters(actor=profile["code"]))
    return View(
        "actor.html",
        {**profile, "timeline": counts},
        title=str(profile["code"]),
        name="actor_page",
    )


def document_page(data: StoreData, doc_id: str) -> View:
    document = data.document(doc_id)
    text = str(document.get("clean_text") or "")
    return View(
        "document.html",
        {**document, "segments": segments(text, document_spans(document))},
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


def network_page(
    data: StoreData, filters: EventFilters, min_weight: int, settings: WebSettings
) -> View:
    graph = data.network(filters, min_weight, settings.max_network_edges)
    return View(
        "network.html",
        {"filters": filters.as_query(), "min_weight": min_weight, **graph},
        title="nav_network",
        name="network_page",
    )


def timeline_page(data: StoreData, by: str, filters: EventFilters) -> View:
    if by not in ("quad_class", "root"):
        raise BadRequestError(f"by must be quad_class or root, not {by!r}")
    return View(
        "timeline.html",
        {"filters": filters.as_query(), "by": by, "counts": data.timeline(by, filters)},
        title="nav_timeline",
        name="timeline_page",
    )


def search_page(data: StoreData, text: str | None, settings: WebSettings) -> View:
    text = (text or "").strip()
    found: dict[str, Any] = {"q": text, "sentences": [], "actors": []}
    if text:
        found["sentences"] = data.search(text, settings.default_page_size)
        found["actors"] = data.actors(text, 20)
    return View("search.html", found, title="nav_search", name="search_page")


def code_page(
    coder: TextCoder, text: str | None, published: str | None, settings: WebSettings
) -> View:
    """The "code this text" form and, when text was posted, its events (nothing is stored)."""
    text = text or ""
    form = {"text": text, "published": published or ""}
    if not text.strip():
        return View("code.html", {"form": form, "result": None}, title="nav_code", name="code_page")
    result = code_text(coder, text, published, settings)
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
