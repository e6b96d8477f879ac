"""Coded documents as JSON (the `code` contract), PLOVER JSON records and TSV rows.

`{"documents": [{"id", "published", "entities": [...], "events": [...]}]}`; each event with
cameo, root, goldstein, quad_class, plover {type, mode, context}, source and target
{code, name, text, start, end} or null, location {name, country, admin1, lat, lon, feature,
geonameid, text, start, end, precision, basis} or null, date, date_precision, date_expression
{text, start, end, first, last, basis, rule} or null, modality {future, negated, reported,
hypothetical}, sentence {index, start, end},
confidence and explanation. Offsets are into the clean text.
"""

from __future__ import annotations

import hashlib
from typing import Any

from hadath.model import DateExpression, Document, Entity, Event, Place

#: Columns of `--format tsv`, in order (documented in docs/coder.md).
TSV_COLUMNS = (
    "document_id",
    "event_id",
    "date",
    "cameo",
    "root",
    "quad_class",
    "goldstein",
    "plover_type",
    "plover_mode",
    "source_code",
    "source_name",
    "target_code",
    "target_name",
    "location",
    "country",
    "lat",
    "lon",
    "future",
    "negated",
    "reported",
    "hypothetical",
    "confidence",
    "sentence",
    "trigger",
)


def place_to_json(place: Place | None) -> dict[str, Any] | None:
    """A place; on an event's location also the Arabic words that named it and their span,
    how closely its point locates the event (`precision`, 1-4) and how it was chosen."""
    if place is None:
        return None
    record: dict[str, Any] = {
        "name": place.name,
        "country": place.country,
        "admin1": place.admin1,
        "lat": place.lat,
        "lon": place.lon,
        "feature": place.feature,
        "geonameid": place.geonameid,
    }
    if place.text:
        record |= {"text": place.text, "start": place.start, "end": place.end}
    if place.precision is not None:
        record["precision"] = place.precision
    if place.basis:
        record["basis"] = place.basis
    return record


def date_expression_json(expression: DateExpression | None) -> dict[str, Any] | None:
    """The words that dated an event, their span, the window they name and where they stand."""
    if expression is None:
        return None
    return {
        "text": expression.text,
        "start": expression.start,
        "end": expression.end,
        "first": expression.first,
        "last": expression.last,
        "basis": expression.basis,
        "rule": expression.rule,
    }


def entity_to_json(entity: Entity) -> dict[str, Any]:
    actor = entity.actor
    return {
        "type": entity.type,
        "text": entity.text,
        "start": entity.start,
        "end": entity.end,
        "sentence": entity.sentence,
        "origin": entity.origin,
        "actor": ({"code": actor.code, "name": actor.name, "role": actor.role} if actor else None),
        "place": place_to_json(entity.place),
        "value": entity.value,
        "members": list(entity.members),
    }


def event_id(doc: Document, event: Event) -> str:
    """Stable: the same document, trigger, code and dyad give the same id on every run."""
    source = event.source["code"] if event.source else ""
    target = event.target["code"] if event.target else ""
    key = f"{doc.id}:{event.trigger_start}:{event.cameo}:{source}:{target}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def event_to_json(doc: Document, event: Event) -> dict[str, Any]:
    return {
        "id": event_id(doc, event),
        "cameo": event.cameo,
        "root": event.root,
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        "plover": dict(event.plover),
        "source": event.source,
        "target": event.target,
        "location": place_to_json(event.location),
        "date": event.date,
        "date_precision": event.date_precision,
        "date_expression": date_expression_json(event.date_expression),
        "modality": dict(event.modality),
        "sentence": {
            "index": event.sentence,
            "start": event.sentence_start,
            "end": event.sentence_end,
        },
        "trigger": {"start": event.trigger_start, "end": event.trigger_end},
        "confidence": event.confidence,
        "explanation": event.explanation,
    }


def coded_document_to_json(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "stats": dict(sorted(doc.stats.counts.items())),
        "warnings": list(doc.warnings),
        "entities": [entity_to_json(e) for e in doc.entities],
        "events": [event_to_json(doc, e) for e in doc.events],
    }


def _plover_actor(actor: dict[str, Any] | None) -> list[dict[str, Any]]:
    """An entity object of the PLOVER manual ("Information object for entities")."""
    if actor is None:
        return []
    code = str(actor["code"])
    return [
        {
            "code": code[:3],
            "sector": code[3:9] or None,
            "entity_text": actor["text"],
            "identifier_id": code,
            "identifier_text": actor["name"],
        }
    ]


def has_plover_type(event: Event) -> bool:
    """PLOVER drops CAMEO's 01 and 02 roots (statements, appeals): no category to write."""
    return bool(event.plover.get("type"))


def event_to_plover(doc: Document, event: Event) -> dict[str, Any]:
    """One PLOVER JSON record (manual, table "PLOVER JSON"): required id, date, actor, event."""
    text = doc.clean_text[event.sentence_start : event.sentence_end]
    mode = event.plover.get("mode")
    context = event.plover.get("context")
    return {
        "id": event_id(doc, event),
        "has_event": True,
        "date": event.date,
        "actor": _plover_actor(event.source),
        "recipient": _plover_actor(event.target),
        "event": [event.plover["type"]],
        "event_loc": place_to_json(event.location),
        "event_text": [doc.clean_text[event.trigger_start : event.trigger_end]],
        "quad_code": event.quad_class,
        "event_scale": event.goldstein,
        "mode": [mode] if mode else [],
        "context": context.split(",") if context else [],
        "text": text,
        "text_info": {"document_id": doc.id, "sentence": event.sentence},
        "coder": "hadath",
        "comment": f"CAMEO {event.cameo}",
    }


def event_tsv_row(doc: Document, event: Event) -> list[str]:
    source, target, place = event.source or {}, event.target or {}, event.location
    values: list[object] = [
        doc.id,
        event_id(doc, event),
        event.date or "",
        event.cameo,
        event.root,
        event.quad_class,
        event.goldstein,
        event.plover.get("type") or "",
        event.plover.get("mode") or "",
        source.get("code", ""),
        source.get("name", ""),
        target.get("code", ""),
        target.get("name", ""),
        place.name if place else "",
        place.country if place and place.country else "",
        place.lat if place and place.lat is not None else "",
        place.lon if place and place.lon is not None else "",
        *(
            int(bool(event.modality.get(k)))
            for k in ("future", "negated", "reported", "hypothetical")
        ),
        event.confidence,
        event.sentence,
        doc.clean_text[event.trigger_start : event.trigger_end],
    ]
    return [str(v).replace("\t", " ").replace("\n", " ") for v in values]
