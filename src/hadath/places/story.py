"""The place an article's story is told at: what a material act whose sentence names no place
inherits (docs/places_and_dates.md, "An event's place")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hadath.model import Document, Entity, Sentence
from hadath.places.sentence import PlaceMention, SentencePlaces


@dataclass(frozen=True)
class ArticlePlaces:
    """Per sentence, the place a sentence naming none inherits: the first locative place of
    the latest earlier sentence that names one (the story's place; its first, not its last,
    which is more often a detail or a route), else the dateline's city."""

    stories: dict[int, tuple[Sentence, PlaceMention, str]]

    @classmethod
    def build(cls, doc: Document) -> ArticlePlaces:
        by_sentence: dict[int | None, list[Entity]] = {}
        for entity in doc.entities:
            by_sentence.setdefault(entity.sentence, []).append(entity)
        stories: dict[int, tuple[Sentence, PlaceMention, str]] = {}
        story: tuple[Sentence, PlaceMention, str] | None = _dateline(doc, by_sentence)
        for sentence in doc.sentences:
            if story is not None:
                stories[sentence.index] = story
            places = SentencePlaces.build(by_sentence.get(sentence.index, []), sentence)
            told = [m for m in places.mentions if m.locative and not m.actor]
            if told:
                # The first place the sentence tells ("وفي محافظة تعز ... في غرب المدينة"),
                # not its last, which is more often a detail or a route.
                story = (sentence, told[0], "article")
        return cls(stories)

    def story(self, index: int) -> tuple[Sentence, PlaceMention, str] | None:
        return self.stories.get(index)


DATELINE_MARKS = frozenset("-–—:|")
DATELINE_WORDS = 6  # a dateline is a city and an agency or a weekday: a few words


def _dateline(
    doc: Document, by_sentence: dict[int | None, list[Entity]]
) -> tuple[Sentence, PlaceMention, str] | None:
    """ "الرياض - واس", "عين اليوم – أبها", "كولومبو - رويترز:": a city in the article's first
    words, set off by a dash or a colon. It places the article's events only when the article
    is about it: no place of another country is named in the article's body."""
    if not doc.sentences:
        return None
    first = doc.sentences[0]
    tokens = first.tokens[: DATELINE_WORDS + 2]
    marks = [i for i, t in enumerate(tokens) if t.text in DATELINE_MARKS]
    if not marks:
        return None
    places = SentencePlaces.build(by_sentence.get(first.index, []), first)
    near = [m for m in places.mentions if m.index <= DATELINE_WORDS and _beside(m, marks)]
    if not near:
        return None
    mention = near[0]
    assert mention.entity.place is not None
    country = mention.entity.place.country
    others = {
        e.place.country
        for e in doc.entities
        if e.place is not None and e.place.country and e is not mention.entity
    }
    if others - {country}:
        return None
    return first, mention, "dateline"


def _beside(mention: PlaceMention, marks: Sequence[int]) -> bool:
    return any(abs(mark - mention.index) == 1 for mark in marks)
