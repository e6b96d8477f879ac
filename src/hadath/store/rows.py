"""A coded `Document` as rows of the store's tables: plain dicts, cheap to pickle.

Process-pool workers and Dask tasks return these rows (never `Document`s), so only what the
store keeps crosses a process or network boundary. The Arrow schemas here are the single
description of each table's columns on the Python side; `hadath.store.schema` holds the SQL.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from hadath.events.output import date_expression_json, event_id
from hadath.model import Document, Entity, Event, Place, Sentence
from hadath.store.token_keys import sentence_keys
from hadath.text.normalise import phrase_key

TABLES = ("documents", "sentences", "entities", "event_reports")

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            ("id", pa.string()),
            ("source", pa.string()),
            ("url", pa.string()),
            ("published", pa.date32()),
            ("title", pa.string()),
            ("clean_text", pa.string()),
            ("raw_text", pa.string()),
            ("raw_hash", pa.string()),
            ("stats", pa.string()),
            ("warnings", pa.string()),
            ("path", pa.string()),
            ("coded_at", pa.timestamp("us")),
            ("dictionary_version", pa.string()),
            ("patterns_version", pa.string()),
            ("coder_version", pa.string()),
            ("n_sentences", pa.int32()),
            ("n_entities", pa.int32()),
            ("n_events", pa.int32()),
        ]
    ),
    "sentences": pa.schema(
        [
            ("doc_id", pa.string()),
            ("idx", pa.int32()),
            ("start_char", pa.int32()),
            ("end_char", pa.int32()),
            ("text", pa.string()),
            ("key", pa.string()),
            ("words", pa.string()),
            ("stems", pa.string()),
            ("lemmas", pa.string()),
        ]
    ),
    "entities": pa.schema(
        [
            ("doc_id", pa.string()),
            ("idx", pa.int32()),
            ("type", pa.string()),
            ("start_char", pa.int32()),
            ("end_char", pa.int32()),
            ("text", pa.string()),
            ("sentence", pa.int32()),
            ("origin", pa.string()),
            ("actor_code", pa.string()),
            ("actor_name", pa.string()),
            ("actor_role", pa.string()),
            ("place_name", pa.string()),
            ("place_country", pa.string()),
            ("lat", pa.float64()),
            ("lon", pa.float64()),
            ("value", pa.string()),
            ("members", pa.string()),
        ]
    ),
    "event_reports": pa.schema(
        [
            ("report_id", pa.string()),
            ("doc_id", pa.string()),
            ("cameo", pa.string()),
            ("root", pa.string()),
            ("goldstein", pa.float64()),
            ("quad_class", pa.int32()),
            ("plover_type", pa.string()),
            ("plover_mode", pa.string()),
            ("plover_context", pa.string()),
            *(
                (f"{side}_{name}", kind)
                for side in ("source", "target")
                for name, kind in (
                    ("code", pa.string()),
                    ("name", pa.string()),
                    ("text", pa.string()),
                    ("start", pa.int32()),
                    ("end", pa.int32()),
                )
            ),
            ("place_name", pa.string()),
            ("place_country", pa.string()),
            ("lat", pa.float64()),
            ("lon", pa.float64()),
            ("place_feature", pa.string()),
            ("place_text", pa.string()),
            ("place_start", pa.int32()),
            ("place_end", pa.int32()),
            ("place_admin1", pa.string()),
            ("place_geonameid", pa.int64()),
            ("place_precision", pa.int32()),
            ("place_basis", pa.string()),
            ("day", pa.date32()),
            ("date_text", pa.string()),
            ("date_precision", pa.string()),
            ("date_expression", pa.string()),
            ("future", pa.bool_()),
            ("negated", pa.bool_()),
            ("reported", pa.bool_()),
            ("hypothetical", pa.bool_()),
            ("modality", pa.string()),
            ("sentence", pa.int32()),
            ("sentence_start", pa.int32()),
            ("sentence_end", pa.int32()),
            ("trigger_start", pa.int32()),
            ("trigger_end", pa.int32()),
            ("trigger_text", pa.string()),
            ("confidence", pa.float64()),
            ("explanation", pa.string()),
            ("dictionary_version", pa.string()),
            ("patterns_version", pa.string()),
            ("coder_version", pa.string()),
        ]
    ),
}


@dataclass(slots=True)
class DocumentRows:
    """The rows of one or many coded documents, by table name."""

    tables: dict[str, list[dict[str, Any]]] = field(
        default_factory=lambda: {name: [] for name in TABLES}
    )

    def extend(self, other: DocumentRows) -> None:
        for name in TABLES:
            self.tables[name].extend(other.tables[name])

    @property
    def documents(self) -> int:
        return len(self.tables["documents"])

    @property
    def reports(self) -> int:
        return len(self.tables["event_reports"])

    def arrow(self, name: str) -> pa.Table:
        return pa.Table.from_pylist(self.tables[name], schema=SCHEMAS[name])


def raw_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def document_rows(doc: Document, coded_at: dt.datetime | None = None) -> DocumentRows:
    """Every row one coded document contributes to the store."""
    rows = DocumentRows()
    rows.tables["documents"].append(_document_row(doc, coded_at or dt.datetime.now()))
    rows.tables["sentences"] = [_sentence_row(doc, s) for s in doc.sentences]
    rows.tables["entities"] = [_entity_row(doc, i, e) for i, e in enumerate(doc.entities)]
    seen: set[str] = set()
    for event in doc.events:
        row = report_row(doc, event)
        # Two reports with one trigger, code and dyad are one report (same id): keep one.
        if row["report_id"] not in seen:
            seen.add(row["report_id"])
            rows.tables["event_reports"].append(row)
    return rows


def _sentence_row(doc: Document, sentence: Sentence) -> dict[str, Any]:
    keys = sentence_keys(sentence.tokens)
    return {
        "doc_id": doc.id,
        "idx": sentence.index,
        "start_char": sentence.start,
        "end_char": sentence.end,
        "text": sentence.text,
        "key": phrase_key(sentence.text),
        "words": keys.words,
        "stems": keys.stems,
        "lemmas": keys.lemmas,
    }


def _document_row(doc: Document, coded_at: dt.datetime) -> dict[str, Any]:
    return {
        "id": doc.id,
        "source": doc.source,
        "url": doc.url,
        "published": doc.published,
        "title": doc.title,
        "clean_text": doc.clean_text,
        "raw_text": doc.raw_text,
        "raw_hash": raw_hash(doc.raw_text),
        "stats": _json(doc.stats.counts),
        "warnings": _json(doc.warnings),
        "path": doc.meta.get("path"),
        "coded_at": coded_at,
        "dictionary_version": doc.meta.get("dictionary_version"),
        "patterns_version": doc.meta.get("patterns_version"),
        "coder_version": doc.meta.get("coder_version"),
        "n_sentences": len(doc.sentences),
        "n_entities": len(doc.entities),
        "n_events": len(doc.events),
    }


def _entity_row(doc: Document, index: int, entity: Entity) -> dict[str, Any]:
    actor, place = entity.actor, entity.place
    return {
        "doc_id": doc.id,
        "idx": index,
        "type": entity.type,
        "start_char": entity.start,
        "end_char": entity.end,
        "text": entity.text,
        "sentence": entity.sentence,
        "origin": entity.origin,
        "actor_code": actor.code if actor else None,
        "actor_name": actor.name if actor else None,
        "actor_role": actor.role if actor else None,
        "place_name": place.name if place else None,
        "place_country": place.country if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "value": entity.value,
        "members": _json(entity.members),
    }


def event_day(event: Event, doc: Document) -> dt.date | None:
    """The event's day: the start of its date (or date range), else the publication date."""
    if event.date:
        try:
            return dt.date.fromisoformat(event.date[:10])
        except ValueError:
            pass
    return doc.published


def _side(prefix: str, actor: dict[str, Any] | None) -> dict[str, Any]:
    actor = actor or {}
    return {
        f"{prefix}_code": actor.get("code"),
        f"{prefix}_name": actor.get("name"),
        f"{prefix}_text": actor.get("text"),
        f"{prefix}_start": actor.get("start"),
        f"{prefix}_end": actor.get("end"),
    }


def _place_mention(place: Place | None) -> dict[str, Any]:
    """The place's Arabic mention and what the gazetteer and the coder add to it."""
    return {
        "place_text": (place.text or None) if place else None,
        "place_start": place.start if place else None,
        "place_end": place.end if place else None,
        "place_admin1": place.admin1 if place else None,
        "place_geonameid": place.geonameid if place else None,
        "place_precision": place.precision if place else None,
        "place_basis": (place.basis or None) if place else None,
    }


def report_row(doc: Document, event: Event) -> dict[str, Any]:
    place, modality = event.location, event.modality
    explanation = event.explanation
    return {
        "report_id": event_id(doc, event),
        "doc_id": doc.id,
        "cameo": event.cameo,
        "root": event.root,
        "goldstein": event.goldstein,
        "quad_class": event.quad_class,
        "plover_type": event.plover.get("type"),
        "plover_mode": event.plover.get("mode"),
        "plover_context": event.plover.get("context"),
        **_side("source", event.source),
        **_side("target", event.target),
        "place_name": place.name if place else None,
        "place_country": place.country if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "place_feature": place.feature if place else None,
        **_place_mention(place),
        "day": event_day(event, doc),
        "date_text": event.date,
        "date_precision": event.date_precision,
        "date_expression": _json(date_expression_json(event.date_expression))
        if event.date_expression
        else None,
        **{name: bool(modality.get(name)) for name in ("future", "negated", "reported")},
        "hypothetical": bool(modality.get("hypothetical")),
        "modality": _json(modality),
        "sentence": event.sentence,
        "sentence_start": event.sentence_start,
        "sentence_end": event.sentence_end,
        "trigger_start": event.trigger_start,
        "trigger_end": event.trigger_end,
        "trigger_text": doc.clean_text[event.trigger_start : event.trigger_end],
        "confidence": event.confidence,
        "explanation": _json(explanation),
        "dictionary_version": explanation.get("dictionary_version"),
        "patterns_version": explanation.get("patterns_version"),
        "coder_version": explanation.get("coder_version"),
    }
