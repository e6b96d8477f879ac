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
from hadath.model import DateExpression, Document, Entity, Place, Sentence, Token
from hadath.places.mentions import LOCATOR_REACH, default_mention_rules, host, links
from hadath.text.normalise import matching_key

LOCATIVES = frozenset(
    matching_key(w) for w in ("في", "إلى", "داخل", "قرب", "عبر", "من", "على", "نحو", "باتجاه")
)
VISIT_CODES = ("042", "043")  # make and host a visit
PLACE_WINDOW = 25  # tokens after the trigger searched for its place, within its clause
TITLE_PREPOSITIONS = frozenset(matching_key(w) for w in ("إلى", "لدى", "في", "الى"))
#: Roots of material acts (GDELT QuadClass 2 and 4): they happen somewhere, and where the
#: clause does not say, the sentence or the story does ("وقتل عنصران ... في هجوم").
MATERIAL_ROOTS = frozenset({"06", "07", "08", "14", "15", "16", "17", "18", "19", "20"})
ADJUNCT_WORDS = frozenset(matching_key(w) for w in ("في", "جراء", "إثر", "اثر", "خلال", "بعد"))
SCENE_WORDS = 2  # a place this near the sentence start sets its scene ("وفي محافظة تعز، ...")
WIDE_FEATURES = frozenset({"country", "region"})


def _locative(sentence: Sentence, index: int) -> bool:
    """A place after في / إلى / على …, or بـ, with class words and their adjectives allowed
    between ("في العاصمة الإيطالية روما")."""
    if host(sentence.tokens[index]) in default_mention_rules().directions:
        return True  # "شمال سوريا", "جنوب تركيا": a direction is itself "in the ... of"
    while True:
        token = sentence.tokens[index]
        if any(c in ("ب", "ل") for c in token.proclitics):
            return True
        if index == 0:
            return False
        before = sentence.tokens[index - 1]
        if before.key in LOCATIVES or host_key(before) in LOCATIVES:  # "في", "وفي"
            return True
        classed = _class_word(before)
        if not classed and not (
            before.pos == "ADJ" and index > 1 and _class_word(sentence.tokens[index - 2])
        ):
            return False
        index -= 1


def _after_preposition_word(sentence: Sentence, index: int) -> bool:
    """ "في جاكرتا", "بجاكرتا": a preposition (not the dative ل) introduces the word."""
    if "ب" in sentence.tokens[index].proclitics:
        return True
    before = sentence.tokens[index - 1] if index > 0 else None
    return before is not None and (before.key in LOCATIVES or host_key(before) in LOCATIVES)


def _class_word(token: Token) -> bool:
    """ "مدينة", "منطقة", "مناطق" ...: the entity rules' class words and the place classes of
    mentions.yaml (with their plurals)."""
    key = host_key(token)
    return key in default_rules().place_class_words or key in default_mention_rules().class_features


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


def _inside_actor(actors: Sequence[Entity], place: Entity) -> bool:
    return any(e.span.contains(place.span) for e in actors)


#: How wide a place is, to tell a place from the place that locates it: a town does not
#: locate another town ("في بيروت، دمشق" is a list), it locates a quarter or a village.
LEVELS = {"site": 1, "camp": 1, "crossing": 1, "neighbourhood": 2, "village": 2, "area": 2}
LEVELS |= {"canal": 2, "district": 3, "town": 3, "city": 3, "region": 4, "sea": 4}
LEVELS |= {"strait": 4, "country": 5}


def _level(mention: PlaceMention) -> int:
    place = mention.entity.place
    return LEVELS.get(place.feature, 3) if place is not None else 3


def _with_place(entity: Entity) -> Entity:
    """A place the recogniser found and no gazetteer lists ("في جاكرتا" before the curated
    name, a village) is still the text's place: named as written, with no point."""
    if entity.place is not None or entity.type != "LOC" or entity.actor is not None:
        return entity
    return replace(entity, place=Place(entity.text, None, None, None, feature="city"))


def _recognised_only(entity: Entity) -> bool:
    return entity.origin == "ner" and entity.place is not None and entity.place.lat is None


def _in_title(sentence: Sentence, index: int) -> bool:
    """ "المبعوث الخاص إلى سوريا", "سفير المملكة لدى مصر": a preposition before the place,
    and a title noun (mentions.yaml) at most three words before it — the place names the
    office, not where the act happened."""
    tokens = sentence.tokens
    preposition = index - 1
    if "ل" in tokens[index].proclitics:
        preposition = index
    elif index == 0 or tokens[index - 1].key not in TITLE_PREPOSITIONS:
        return False
    titles = default_mention_rules().titles
    reach = tokens[max(0, preposition - 3) : preposition]
    return any(host(t).removeprefix("ال") in titles for t in reach)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    index: int  # token index of its first word in the sentence
    entity: Entity
    locative: bool  # introduced by في، إلى، بـ ...
    actor: bool  # the mention also names an actor ("أدانت مصر")


@dataclass(frozen=True)
class SentencePlaces:
    """A sentence's places, each with its token index and whether a locative introduces it;
    built once per sentence, read for each of its events. Places inside an actor's name or
    an office's title are left out."""

    sentence: Sentence
    places: tuple[tuple[int, Entity, bool], ...]
    mentions: tuple[PlaceMention, ...] = ()

    @classmethod
    def build(cls, here: Sequence[Entity], sentence: Sentence) -> SentencePlaces:
        actors = [e for e in here if e.actor is not None and e.type != "LOC"]
        first_token = {token.start: index for index, token in enumerate(sentence.tokens)}
        mentions = []
        for mentioned in here:
            index = first_token.get(mentioned.start, -1)
            entity = _with_place(mentioned)
            if entity.place is None or index < 0 or _inside_actor(actors, entity):
                continue
            if _in_title(sentence, index):
                continue
            locative = _locative(sentence, index)
            if _recognised_only(entity) and not _after_preposition_word(sentence, index):
                # The recogniser's LOC with no gazetteer entry is a place only after في، إلى
                # ...: "قال للأناضول" is an agency, "الجزيرة الشيوعية" a description.
                continue
            mentions.append(PlaceMention(index, entity, locative, entity.actor is not None))
        places = tuple((m.index, m.entity, m.locative) for m in mentions)
        return cls(sentence, places, tuple(mentions))

    def located(self, mention: PlaceMention, basis: str) -> Place | None:
        return _located(self.sentence, mention.index, mention.entity, basis)

    def finest(self, mention: PlaceMention) -> PlaceMention:
        """The finest place the sentence gives for where `mention` is: the place it locates
        ("مديرية قعطبة بمحافظة الضالع" -> قعطبة; a village beside its city is the village),
        else, for a country or region, a town of it the sentence names ("في كلمة في جاكرتا
        أثناء زيارة إلى إندونيسيا" -> Jakarta)."""
        chosen = mention
        while (inner := self._located_by(chosen)) is not None:
            chosen = inner
        place = chosen.entity.place
        if place is None or place.feature not in WIDE_FEATURES or not place.country:
            return chosen
        finer = [
            m
            for m in self.mentions
            if m.entity.place is not None
            and m.entity.place.country == place.country
            and m.entity.place.feature not in WIDE_FEATURES
            and not m.actor
        ]
        return min(finer, key=lambda m: abs(m.index - chosen.index)) if finer else chosen

    def _located_by(self, mention: PlaceMention) -> PlaceMention | None:
        """The place just before `mention` that `mention` locates, if any."""
        tokens = self.sentence.tokens
        for other in self.mentions:
            if other.index >= mention.index:
                continue
            last = self._last_token(other)
            between = tokens[last + 1 : mention.index]
            if len(between) <= LOCATOR_REACH and all(links(t) for t in between):
                # Arabic names the finer place first ("بمحافظة نينوى شمال العراق"): of two
                # places of one level the first is located by the second.
                return other if _level(other) <= _level(mention) else None
        return None

    def _last_token(self, mention: PlaceMention) -> int:
        index = mention.index
        tokens = self.sentence.tokens
        while index + 1 < len(tokens) and tokens[index + 1].end <= mention.entity.end:
            index += 1
        return index


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
            return Placing(_located(sentence, mention.index, mention.entity, basis), rule)
    return Placing(None, "place: none in its sentence or before it")


def _clause_place(places: SentencePlaces, match: TriggerMatch) -> tuple[PlaceMention, str] | None:
    """The nearest locative place after the trigger in its clause, else just before it."""
    sentence = places.sentence
    after, before = [], []
    # A visit's destination is its place even as a bare object: "زار ... العاصمة القطرية الدوحة".
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
    classed = [m for m in usable if _after_class_word(places.sentence, m.index)]
    return classed[0] if classed else None


def _after_class_word(sentence: Sentence, index: int) -> bool:
    return index > 0 and _class_word(sentence.tokens[index - 1])


def _located(sentence: Sentence, index: int, entity: Entity, basis: str) -> Place | None:
    """The entity's place as an event's location: with the words that named it, less a
    glued و ف ب ل ("بالقاهرة" -> "القاهرة"), and how the event's place was chosen."""
    if entity.place is None:
        return None
    text, start = _without_clitics(sentence.tokens[index], entity.text, entity.start)
    return replace(entity.place, text=text, start=start, end=entity.end, basis=basis)


def _without_clitics(token: Token, text: str, start: int) -> tuple[str, int]:
    cut = 0
    for clitic in token.proclitics:
        if clitic == "ال" or len(clitic) != 1:
            break
        rest = text[cut + 1 :]
        # ل + ال is written لل ("للقاهرة"): cutting ل would leave a word no one writes.
        if clitic == "ل" and rest.startswith("ل") and not rest.startswith("ال"):
            break
        if not text[cut:].startswith(clitic):
            break
        cut += 1
    return text[cut:], start + cut


ARTICLE_PLACES = "article_places"  # doc.meta key: the article's story places, built once


@dataclass(frozen=True)
class ArticlePlaces:
    """Per sentence, the place an undated-in-place sentence inherits: the last locative place
    of an earlier sentence (the story's place), else the dateline's city."""

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


def article_places(doc: Document) -> ArticlePlaces:
    cached = doc.meta.get(ARTICLE_PLACES)
    if isinstance(cached, ArticlePlaces):
        return cached
    built = ArticlePlaces.build(doc)
    doc.meta[ARTICLE_PLACES] = built
    return built


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
