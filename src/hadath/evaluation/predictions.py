"""What the scorers read from a coded document: small, picklable records built from `Event`s.

Scorers take predictions as data, so they are tested with hand-made predictions, and a
process pool sends back a few hundred bytes per article instead of a whole `Document`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from hadath.model import Document, Event
from hadath.text.normalise import matching_key

# GDELT QuadClass, which every Event carries (DESIGN.md "Codes").
VERBAL_COOPERATION, MATERIAL_COOPERATION, VERBAL_CONFLICT, MATERIAL_CONFLICT = 1, 2, 3, 4


@dataclass(frozen=True, slots=True)
class PredictedEvent:
    root: str
    cameo: str = ""
    quad_class: int = 0  # GDELT numbering: 1 verbal coop, 2 material coop, 3/4 conflict
    plover_type: str | None = None
    source_codes: tuple[str, ...] = ()
    target_codes: tuple[str, ...] = ()
    sentence: int = 0
    sentence_text: str = ""
    trigger_words: tuple[str, ...] = ()  # whole words around the trigger span
    location_names: tuple[str, ...] = ()  # place name plus the mentions that resolved to it
    date: str | None = None  # ISO day or "YYYY-MM-DD/YYYY-MM-DD"
    modality: frozenset[str] = frozenset()  # flags that are true: future, negated, ...
    confidence: float = 0.0
    explanation: str = ""  # the pattern and the rules that coded it, for error listings

    @property
    def negated(self) -> bool:
        return "negated" in self.modality

    def describe(self) -> str:
        source = ",".join(self.source_codes) or "-"
        target = ",".join(self.target_codes) or "-"
        flags = f" [{','.join(sorted(self.modality))}]" if self.modality else ""
        return f"{self.cameo or self.root} {source}->{target}{flags}"


@dataclass(frozen=True, slots=True)
class Prediction:
    """The coder's output for one gold item; `error` set when coding it failed."""

    item_id: str
    events: tuple[PredictedEvent, ...] = ()
    sentences: tuple[str, ...] = ()
    error: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def actor_codes(actors: Sequence[Any] | dict[str, Any] | None) -> tuple[str, ...]:
    """Codes of an event side: one actor record, a list of them, or None."""
    if actors is None:
        return ()
    if isinstance(actors, dict):
        actors = [actors]
    codes: list[str] = []
    for actor in actors:
        if not isinstance(actor, dict):
            continue
        for code in [actor.get("code"), *(actor.get("codes") or [])]:
            if isinstance(code, str) and code and code not in codes:
                codes.append(code)
    return tuple(codes)


def words_around(text: str, start: int, end: int) -> tuple[str, ...]:
    """The whitespace-delimited words that the span `[start, end)` touches."""
    if not 0 <= start <= end <= len(text):
        return ()
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return tuple(text[start:end].split())


def location_names(doc: Document, event: Event) -> tuple[str, ...]:
    place = event.location
    if place is None:
        return ()
    names = [place.name]
    for entity in doc.entities:
        other = entity.place
        if other is None:
            continue
        same = (place.geonameid is not None and other.geonameid == place.geonameid) or (
            other.name == place.name
        )
        if same and entity.text not in names:
            names.append(entity.text)
    return tuple(names)


def plover_type(event: Event) -> str | None:
    """The event's PLOVER type; from the code table when the coder left it out."""
    from hadath.codes import default_codes

    given = (event.plover or {}).get("type")
    if given:
        return given
    table = default_codes()
    return table.get(event.cameo).plover_type if event.cameo in table else None


def predicted_event(doc: Document, event: Event) -> PredictedEvent:
    sentence = doc.clean_text[event.sentence_start : event.sentence_end]
    return PredictedEvent(
        root=str(event.root).zfill(2),
        cameo=event.cameo,
        quad_class=event.quad_class,
        plover_type=plover_type(event),
        source_codes=actor_codes(event.source),
        target_codes=actor_codes(event.target),
        sentence=event.sentence,
        sentence_text=sentence,
        trigger_words=words_around(doc.clean_text, event.trigger_start, event.trigger_end),
        location_names=location_names(doc, event),
        date=event.date,
        modality=frozenset(flag for flag, value in event.modality.items() if value),
        confidence=event.confidence,
        explanation=explanation_line(event),
    )


def explanation_line(event: Event) -> str:
    """`pattern: rule; rule; ...` — what a reader of an error listing needs to see why."""
    explanation = event.explanation or {}
    rules = [str(rule) for rule in explanation.get("rules") or []]
    pattern = str(explanation.get("pattern") or "")
    return f"{pattern}: {'; '.join(rules)}" if pattern else "; ".join(rules)


def prediction_from_document(item_id: str, doc: Document) -> Prediction:
    return Prediction(
        item_id=item_id,
        events=tuple(predicted_event(doc, event) for event in doc.events),
        sentences=tuple(sentence.text for sentence in doc.sentences),
    )


def same_word(a: str, b: str) -> bool:
    """Words equal up to spelling variants and the punctuation glued to them."""
    strip = "\"'«»()[]{}.,،:;؛!?؟-"
    return matching_key(a.strip(strip)) == matching_key(b.strip(strip))
