"""The event's own place and date, chosen among those the sentence mentions.

Place: the nearest place after the trigger introduced by a locative (في، بـ، إلى) before the
clause turns to a purpose ("لتثبيت التهدئة في قطاع غزة" is what the meeting is *for*, not
where it is); else a locative place just before the trigger. Places inside an actor's name
("الجهاد الإسلامي في فلسطين") are part of that actor, not the event's place.
Date: the date expression nearest the trigger in the sentence; else the publication date
(GDELT's convention), said so in the explanation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from hadath.entities.matching import host_key
from hadath.entities.rules import default_rules
from hadath.events.triggers import TriggerMatch
from hadath.model import Document, Entity, Place, Sentence
from hadath.text.normalise import matching_key

LOCATIVES = frozenset(
    matching_key(w) for w in ("في", "إلى", "داخل", "قرب", "عبر", "من", "على", "نحو", "باتجاه")
)
VISIT_CODES = ("042", "043")  # make and host a visit
PLACE_WINDOW = 25  # tokens after the trigger searched for its place, within its clause


def _locative(sentence: Sentence, index: int) -> bool:
    """A place after في / إلى / على …, or بـ, with class words allowed between."""
    while True:
        token = sentence.tokens[index]
        if any(c in ("ب", "ل") for c in token.proclitics):
            return True
        if index == 0:
            return False
        before = sentence.tokens[index - 1]
        if before.key in LOCATIVES:
            return True
        if host_key(before) not in default_rules().place_class_words:
            return False
        index -= 1


def _purpose_break(sentence: Sentence, start: int, end: int) -> bool:
    """A ل-prefixed verbal noun between trigger and place opens a purpose clause."""
    return any(
        token.proclitics[:1] == ["ل"] and token.pos == "NOUN" and "ال" not in token.proclitics
        for token in sentence.tokens[start + 1 : end]
    )


def _clause_break(sentence: Sentence, start: int, end: int) -> bool:
    return any(token.text in "،؛;:" for token in sentence.tokens[start + 1 : end])


def _inside_actor(actors: Sequence[Entity], place: Entity) -> bool:
    return any(e.span.contains(place.span) for e in actors)


@dataclass(frozen=True)
class SentencePlaces:
    """A sentence's places, each with its token index and whether a locative introduces it;
    built once per sentence, read for each of its events."""

    sentence: Sentence
    places: tuple[tuple[int, Entity, bool], ...]

    @classmethod
    def build(cls, here: Sequence[Entity], sentence: Sentence) -> SentencePlaces:
        actors = [e for e in here if e.actor is not None and e.type != "LOC"]
        first_token = {token.start: index for index, token in enumerate(sentence.tokens)}
        places = []
        for entity in here:
            index = first_token.get(entity.start, -1)
            if entity.place is None or index < 0 or _inside_actor(actors, entity):
                continue
            places.append((index, entity, _locative(sentence, index)))
        return cls(sentence, tuple(places))


def event_place(places: SentencePlaces, match: TriggerMatch) -> tuple[Place | None, str]:
    sentence = places.sentence
    after, before = [], []
    # A visit's destination is its place even as a bare object: "زار ... العاصمة القطرية الدوحة".
    visit = (match.pattern.code or "").startswith(VISIT_CODES)
    for index, entity, locative in places.places:
        if not (locative or (visit and index > match.last)):
            continue
        if match.last < index <= match.last + PLACE_WINDOW:
            if not _purpose_break(sentence, match.last, index) and not _clause_break(
                sentence, match.last, index
            ):
                after.append((index, entity))
        elif match.first - PLACE_WINDOW <= index < match.first and not any(
            t.kind == "punct" for t in sentence.tokens[index : match.first]
        ):
            before.append((index, entity))
    if after:
        entity = min(after, key=lambda pair: pair[0])[1]
        return entity.place, f"place: {entity.text} after the trigger"
    if before:
        entity = max(before, key=lambda pair: pair[0])[1]
        return entity.place, f"place: {entity.text} before the trigger"
    return None, "place: none in the trigger's clause"


def _day(value: str) -> tuple[str, str | None]:
    """An entity's date value: a day, or a range 'a/b' whose midpoint stands for it."""
    if "/" not in value:
        return value[:10], None
    first, last = (dt.date.fromisoformat(part[:10]) for part in value.split("/", 1))
    middle = first + (last - first) / 2
    return middle.isoformat(), value


def event_date(
    doc: Document, here: Sequence[Entity], sentence: Sentence, match: TriggerMatch
) -> tuple[str | None, str]:
    trigger = sentence.tokens[match.first].start
    dates = [e for e in here if e.type == "DATE" and e.value]
    if dates:
        nearest = min(dates, key=lambda e: min(abs(e.start - trigger), abs(e.end - trigger)))
        assert nearest.value is not None
        day, window = _day(nearest.value)
        note = f" (the middle of {window})" if window else ""
        return day, f"date: {nearest.text} -> {day}{note}"
    if doc.published is not None:
        return doc.published.isoformat(), "date: none in the sentence; the publication date"
    return None, "date: none in the sentence and no publication date"
