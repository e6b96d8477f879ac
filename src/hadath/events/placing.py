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


def _token_index(sentence: Sentence, offset: int) -> int:
    for index, token in enumerate(sentence.tokens):
        if token.start <= offset < token.end:
            return index
    return -1


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


def _inside_actor(here: Sequence[Entity], place: Entity) -> bool:
    return any(
        e.actor is not None and e.type != "LOC" and e.span.contains(place.span) for e in here
    )


def event_place(
    here: Sequence[Entity], sentence: Sentence, match: TriggerMatch
) -> tuple[Place | None, str]:
    places = [e for e in here if e.place is not None and not _inside_actor(here, e)]
    after, before = [], []
    # A visit's destination is its place even as a bare object: "زار ... العاصمة القطرية الدوحة".
    visit = (match.pattern.code or "").startswith(VISIT_CODES)
    for entity in places:
        index = _token_index(sentence, entity.start)
        if index < 0 or not (_locative(sentence, index) or (visit and index > match.last)):
            continue
        if match.last < index <= match.last + PLACE_WINDOW:
            if not _purpose_break(sentence, match.last, index) and not _clause_break(
                sentence, match.last, index
            ):
                after.append((index, entity))
        elif index < match.first and not any(
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
