"""The event's own place and date (docs/codebook.md §5-6, docs/places_and_dates.md).

Place: the nearest place after the trigger introduced by a locative (في، بـ، إلى) before the
clause turns to a purpose ("لتثبيت التهدئة في قطاع غزة" is what the meeting is *for*, not
where it is); else a locative place just before the trigger. Places inside an actor's name
("الجهاد الإسلامي في فلسطين") are part of that actor, not the event's place.
Date: `hadath.dates.event_dates` — the date expression of the event's clause, else of the
clause governing it or joined to it, else the article's frame, else the publication day
(GDELT's convention, with no precision), said so in the explanation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from hadath.dates.event_dates import ArticleDates, EventDate
from hadath.entities.matching import host_key
from hadath.entities.rules import default_rules
from hadath.events.triggers import TriggerMatch
from hadath.model import DateExpression, Document, Entity, Place, Sentence
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


@dataclass(frozen=True, slots=True)
class Placing:
    """An event's place (with the words that named it) and the rule that chose it."""

    place: Place | None
    rule: str


@dataclass(frozen=True, slots=True)
class Dating:
    """An event's date, how precisely it is known, the words that gave it, and the rule."""

    date: str | None
    precision: str | None
    expression: DateExpression | None
    rule: str


def event_place(places: SentencePlaces, match: TriggerMatch) -> Placing:
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
        return Placing(_located(entity, "clause"), f"place: {entity.text} after the trigger")
    if before:
        entity = max(before, key=lambda pair: pair[0])[1]
        return Placing(_located(entity, "clause"), f"place: {entity.text} before the trigger")
    return Placing(None, "place: none in the trigger's clause")


def _located(entity: Entity, basis: str) -> Place | None:
    """The entity's place as an event's location: with the words that named it."""
    if entity.place is None:
        return None
    return replace(entity.place, text=entity.text, start=entity.start, end=entity.end, basis=basis)


ARTICLE_DATES = "article_dates"  # doc.meta key: the article's dates, resolved once


def article_dates(doc: Document) -> ArticleDates:
    """The article's date expressions and frames, built on the first event and kept."""
    cached = doc.meta.get(ARTICLE_DATES)
    if isinstance(cached, ArticleDates) and cached.published == doc.published:
        return cached
    built = ArticleDates(doc.sentences, doc.published)
    doc.meta[ARTICLE_DATES] = built
    return built


def event_date(
    doc: Document,
    here: Sequence[Entity],
    sentence: Sentence,
    match: TriggerMatch,
    *,
    future: bool = False,
) -> Dating:
    """The date of the event whose trigger is `match` (`here`: the sentence's entities, kept
    for the coder's call; the dates are the article's own, resolved once)."""
    found = article_dates(doc).date(sentence, match.first, match.last, future=future)
    return Dating(
        found.day.isoformat() if found.day else None,
        found.precision,
        _expression(found),
        found.note,
    )


def _expression(found: EventDate) -> DateExpression | None:
    if found.mention is None or found.window is None:
        return None
    mention = found.mention
    return DateExpression(
        text=mention.mention.text,
        start=mention.start,
        end=mention.end,
        first=found.window[0].isoformat(),
        last=found.window[1].isoformat(),
        basis=found.basis,
        rule=mention.mention.rule,
    )
