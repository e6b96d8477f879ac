"""The place mentions of one sentence, as an event's place is chosen among them.

Each mention knows its first token, whether a locative introduces it (في، إلى، بـ …, class
words and their adjectives between), and whether it also names an actor. Mentions inside an
actor's name ("الجهاد الإسلامي في فلسطين") or an office's title ("المبعوث الخاص إلى سوريا")
are left out. `SentencePlaces.finest` walks a chain of places to the finest one the text
gives ("مديرية قعطبة بمحافظة الضالع" -> قعطبة) and from a country to a town of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from hadath.entities.matching import host_key
from hadath.entities.rules import default_rules
from hadath.model import Entity, Place, Sentence, Token
from hadath.places.matcher import find_places
from hadath.places.mentions import LOCATOR_REACH, default_mention_rules, host, links
from hadath.text.normalise import matching_key

LOCATIVES = frozenset(
    matching_key(w) for w in ("في", "إلى", "داخل", "قرب", "عبر", "من", "على", "نحو", "باتجاه")
)
# "المبعوث الخاص إلى سوريا", "سفير المملكة لدى مصر": the office's country. Not في: "السفير
# الأمريكي في بغداد" is where the ambassador is, and met (tests/gold/cooperation.yaml).
TITLE_PREPOSITIONS = frozenset(matching_key(w) for w in ("إلى", "لدى", "الى"))
WIDE_FEATURES = frozenset({"country", "region"})


def locative(sentence: Sentence, index: int) -> bool:
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


def _common_word(entity: Entity) -> bool:
    """A recognised "place" that is a direction or a class word ("على ريف إدلب" tagged ريف)."""
    rules = default_mention_rules()
    key = matching_key(entity.text).removeprefix("ال")
    return any(key in words for words in (rules.directions, rules.class_features)) or (
        matching_key(entity.text) in rules.directions
    )


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
    # Towns and regions inside an actor's words ("محكمة جنايات المنيا", "سكان مدينة بن
    # قردان", "خطيب صلاة الجمعة في محافظة كربلاء"): where that actor acts.
    in_actors: tuple[PlaceMention, ...] = ()

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
            is_locative = locative(sentence, index)
            if _recognised_only(entity) and (
                _common_word(entity) or not _after_preposition_word(sentence, index)
            ):
                # The recogniser's LOC with no gazetteer entry is a place only after في، إلى
                # ...: "قال للأناضول" is an agency, "الجزيرة الشيوعية" a description.
                continue
            mentions.append(PlaceMention(index, entity, is_locative, entity.actor is not None))
        places = tuple((m.index, m.entity, m.locative) for m in mentions)
        return cls(sentence, places, tuple(mentions), _actor_places(sentence, actors))

    def located(self, mention: PlaceMention, basis: str) -> Place | None:
        return located(self.sentence, mention.index, mention.entity, basis)

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


def _actor_places(sentence: Sentence, actors: Sequence[Entity]) -> tuple[PlaceMention, ...]:
    """Places finer than a country inside the sentence's actor phrases (the entity stage
    keeps such places as part of the actor, so they are looked for again here)."""
    tokens = sentence.tokens
    found: list[PlaceMention] = []
    for actor in actors:
        inside = [i for i, t in enumerate(tokens) if actor.start <= t.start and t.end <= actor.end]
        if not inside:
            continue
        first = inside[0]
        for match in find_places(*in_sentence(tokens[first : inside[-1] + 1], sentence)):
            if match.place.feature == "country":
                continue  # "لحركة الجهاد الإسلامي في فلسطين": a country names the actor
            start = match.start + sentence.start
            index = next(i for i in inside if tokens[i].start == start)
            entity = Entity(
                type="LOC",
                start=start,
                end=match.end + sentence.start,
                text=match.text,
                place=match.place,
                origin="gazetteer",
                sentence=sentence.index,
            )
            found.append(PlaceMention(index, entity, locative(sentence, index), actor=False))
    return tuple(found)


def in_sentence(tokens: Sequence[Token], sentence: Sentence) -> tuple[list[Token], str]:
    """`tokens` with offsets into `sentence.text`, and that text, for the matcher (which
    slices the text it is given with token offsets). Padding the sentence to its document
    offset instead built `sentence.start` spaces per actor: the top cost of a 2 MB text
    (py-spy), quadratic in the document's length."""
    shift = sentence.start
    return [replace(t, start=t.start - shift, end=t.end - shift) for t in tokens], sentence.text


def after_class_word(sentence: Sentence, index: int) -> bool:
    return index > 0 and _class_word(sentence.tokens[index - 1])


def located(sentence: Sentence, index: int, entity: Entity, basis: str) -> Place | None:
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
