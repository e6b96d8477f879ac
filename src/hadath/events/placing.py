"""The event's own place and date (docs/codebook.md §5-6, docs/places_and_dates.md).

Place: the nearest place after the trigger introduced by a locative (في، بـ، إلى) before the
clause turns to a purpose ("لتثبيت التهدئة في قطاع غزة" is what the meeting is *for*, not
where it is); else a locative place just before the trigger; then the finest place of its
chain (`hadath.places.sentence`). A material act whose clause names none takes its
sentence's scene or another place of it, else its story's place or the dateline's
(`hadath.places.story`); a statement's place is only its clause's.
Date: `hadath.dates.event_dates` — the date expression of the event's clause, else of the
clause governing it or joined to it, else the article's frame, else the publication day
(GDELT's convention, with no precision), said so in the explanation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hadath.dates.event_dates import ArticleDates, EventDate
from hadath.entities.matching import host_key
from hadath.events.triggers import TriggerMatch
from hadath.model import DateExpression, Document, Entity, Place, Sentence, Token
from hadath.places.sentence import PlaceMention, SentencePlaces, after_class_word, located
from hadath.places.story import ArticlePlaces
from hadath.text.normalise import matching_key

__all__ = ["Dating", "Placing", "SentencePlaces", "event_date", "event_place"]

# Acts whose bare object is their place: make and host a visit ("زار ... طهران"), occupy or
# take territory ("وحررت فجر أمس مديرية قطعبة").
VISIT_CODES = ("042", "043", "192")
PLACE_WINDOW = 25  # tokens after the trigger searched for its place, within its clause
#: Roots of material acts (GDELT QuadClass 2 and 4): they happen somewhere, and where the
#: clause does not say, the sentence or the story does ("وقتل عنصران ... في هجوم").
MATERIAL_ROOTS = frozenset({"06", "07", "08", "14", "15", "16", "17", "18", "19", "20"})
ADJUNCT_WORDS = frozenset(matching_key(w) for w in ("في", "جراء", "إثر", "اثر", "خلال", "بعد"))
SCENE_WORDS = 2  # a place this near the sentence start sets its scene ("وفي محافظة تعز، ...")


def _purpose_break(sentence: Sentence, start: int, end: int) -> bool:
    """A ل-prefixed verbal noun between trigger and place opens a purpose clause."""
    return any(
        token.proclitics[:1] == ["ل"] and token.pos == "NOUN" and "ال" not in token.proclitics
        for token in sentence.tokens[start + 1 : end]
    )


def _clause_break(sentence: Sentence, start: int, end: int) -> bool:
    """A clause ends between trigger and place: at ؛ or :, or at a comma before a verb. A
    comma before anything else sets off an apposition or an adverb inside the clause
    ("بحثها وزير الدفاع ... والوفد المرافق له، في العاصمة الروسية موسكو")."""
    tokens = sentence.tokens
    return any(
        token.text in "؛;:" or (token.text in "،," and _verb_next(tokens, position))
        for position, token in enumerate(tokens[start + 1 : end], start + 1)
    )


def _verb_next(tokens: Sequence[Token], position: int) -> bool:
    return position + 1 < len(tokens) and tokens[position + 1].pos == "VERB"


@dataclass(frozen=True, slots=True)
class Dating:
    """An event's date, how precisely it is known, the words that gave it, and the rule."""

    date: str | None
    precision: str | None
    expression: DateExpression | None
    rule: str


@dataclass(frozen=True, slots=True)
class Placing:
    """An event's place (with the words that named it) and the rule that chose it."""

    place: Place | None
    rule: str


def event_place(
    places: SentencePlaces, match: TriggerMatch, doc: Document | None = None
) -> Placing:
    """The finest place the text gives for the event: its clause's, else its sentence's,
    else the article's (the place its story was last told at, or its dateline's)."""
    own = _clause_place(places, match)
    if own is not None:
        mention, side = own
        mention = places.finest(mention)
        rule = f"place: {mention.entity.text} {side} the trigger"
        return Placing(places.located(mention, "clause"), rule)
    acting = _actor_place(places, match)
    if acting is not None:
        rule = f"place: {acting.entity.text}, in the words that name its actor"
        return Placing(places.located(acting, "actor"), rule)
    if (match.pattern.code or "")[:2] not in MATERIAL_ROOTS:
        # A statement's place is where it was made only when the text says so (codebook
        # §6); meetings and visits name theirs in their clause ("زار ... طهران").
        return Placing(None, "place: none in the trigger's clause")
    other = _sentence_place(places, match)
    if other is not None:
        other = places.finest(other)
        rule = f"place: {other.entity.text}, elsewhere in its sentence"
        return Placing(places.located(other, "sentence"), rule)
    if doc is not None:
        story = article_places(doc).story(places.sentence.index)
        if story is not None:
            sentence, mention, basis = story
            where = "the article's dateline" if basis == "dateline" else "an earlier sentence"
            rule = f"place: {mention.entity.text}, from {where}"
            return Placing(located(sentence, mention.index, mention.entity, basis), rule)
    return Placing(None, "place: none in its sentence or before it")


def _clause_place(places: SentencePlaces, match: TriggerMatch) -> tuple[PlaceMention, str] | None:
    """A town in construct with a noun trigger; else the nearest locative place after the
    trigger in its clause, else just before it."""
    sentence = places.sentence
    genitive = _genitive_place(places, match)
    if genitive is not None:
        return genitive, "after"
    after, before = [], []
    # A visit's destination and the territory taken are the place even as a bare object.
    visit = (match.pattern.code or "").startswith(VISIT_CODES)
    adjunct = _adjunct(sentence, match.first)
    for mention in places.mentions:
        index = mention.index
        if not (mention.locative or (visit and index > match.last)):
            continue
        # A place inside a long trigger ("وصلت إلى مطار عدن أمس رابع طائرة") follows its verb.
        if match.first < index <= match.last + PLACE_WINDOW:
            if not _purpose_break(sentence, match.last, index) and not _clause_break(
                sentence, match.last, index
            ):
                after.append(mention)
        elif match.first - PLACE_WINDOW <= index < match.first and not any(
            t.kind == "punct" and not (adjunct and t.text in "،,")
            for t in sentence.tokens[index : match.first]
        ):
            before.append(mention)
    nearest_after = min(after, key=lambda m: m.index) if after else None
    nearest_before = max(before, key=lambda m: m.index) if before else None
    # "قتل عنصران ... في منطقة أضنة، في هجوم جديد ... ضد المتشددين في سورية": the attack a
    # killing is told "in" is where the killing was; the nearer place wins.
    if (
        adjunct
        and nearest_after is not None
        and nearest_before is not None
        and match.first - nearest_before.index < nearest_after.index - match.last
    ):
        return nearest_before, "before"
    if nearest_after is not None:
        return nearest_after, "after"
    if nearest_before is not None:
        return nearest_before, "before"
    return None


def _genitive_place(places: SentencePlaces, match: TriggerMatch) -> PlaceMention | None:
    """A town right after a noun trigger, in construct with it, is where the act was:
    "مباحثات القاهرة", "قمة الرياض", "اتفاق الدوحة" (a country there is more often the
    act's party: "إدانة مصر")."""
    tokens = places.sentence.tokens
    if tokens[match.last].pos == "VERB" or match.last + 1 >= len(tokens):
        return None
    following = tokens[match.last + 1]
    if following.proclitics and following.proclitics != ["ال"]:
        return None
    for mention in places.mentions:
        place = mention.entity.place
        if mention.index == match.last + 1 and place is not None and place.feature != "country":
            return mention
    return None


def _actor_place(places: SentencePlaces, match: TriggerMatch) -> PlaceMention | None:
    """A town or region inside an actor phrase of the trigger's clause, nearest the trigger:
    the text says where that actor acts ("وأعلن محافظ الرياض اعتقال ...": the entity stage
    keeps "محافظ الرياض" as one actor)."""
    sentence = places.sentence
    near = [
        m
        for m in places.in_actors
        if (
            match.last < m.index <= match.last + PLACE_WINDOW
            and not _clause_break(sentence, match.last, m.index)
        )
        or (
            match.first - PLACE_WINDOW <= m.index < match.first
            and not _clause_break(sentence, m.index, match.first)
        )
    ]
    return min(near, key=lambda m: abs(m.index - match.first)) if near else None


def _adjunct(sentence: Sentence, first: int) -> bool:
    """A verbal noun told "in", "by" or "after" what came before it ("... ، في هجوم",
    "جراء انفجار", "بغارة"): an adjunct of the clause before, which shares its place."""
    token = sentence.tokens[first]
    if token.pos == "VERB":
        return False
    if "ب" in token.proclitics:
        return True
    before = sentence.tokens[first - 1] if first > 0 else None
    return before is not None and host_key(before) in ADJUNCT_WORDS


def _sentence_place(places: SentencePlaces, match: TriggerMatch) -> PlaceMention | None:
    """A place the sentence gives outside the trigger's clause: a locative one ("وقال عباس
    لدى ترؤسه اجتماعا في رام الله: ..."), else one a class word introduces ("وشهدت مدينة
    بنغازي خروج ..."); never a country that is an actor of the sentence ("أدانت مصر")."""
    usable = [m for m in places.mentions if not m.actor]
    locative = [m for m in usable if m.locative]
    scene = [m for m in locative if m.index <= SCENE_WORDS]
    if scene:
        return scene[0]  # "وفي محافظة تعز ...، حققت المقاومة ...": the sentence's scene
    if locative:
        return min(locative, key=lambda m: abs(m.index - match.first))
    classed = [m for m in usable if after_class_word(places.sentence, m.index)]
    return classed[0] if classed else None


ARTICLE_PLACES = "article_places"  # doc.meta key: the article's story places, built once


def article_places(doc: Document) -> ArticlePlaces:
    cached = doc.meta.get(ARTICLE_PLACES)
    if isinstance(cached, ArticlePlaces):
        return cached
    built = ArticlePlaces.build(doc)
    doc.meta[ARTICLE_PLACES] = built
    return built


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
