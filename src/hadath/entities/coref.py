"""Coreference inside one article: back-references resolved to actors named before them.

* "الجانبان" / "الطرفان" / "الحركتين" / "البلدين": the last two distinct actors of the right
  class before the word (any actor / movements / countries / delegations).
* "الحركة", "الوفد", "المنظمة" alone: the last actor of that class.
* A bare surname ("شهاب") after the full name ("داوود شهاب"), where a name can stand: at
  the start of a clause, after a verb of saying or meeting, or where the recogniser found
  it as a name on its own. Elsewhere it is an ordinary word.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from hadath.entities.matching import host_key
from hadath.entities.rules import EntityRules, default_rules
from hadath.entities.unlisted import UNLISTED_MARK
from hadath.model import Document, Entity, Sentence, Token
from hadath.text.normalise import matching_key

Predicate = Callable[[Entity], bool]
_MOVEMENT_SECTORS = frozenset({"REB", "PTY", "OPP", "UAF", "SEP", "INS", "RAD"})


def _is_movement(entity: Entity) -> bool:
    return entity.actor is not None and entity.actor.sector in _MOVEMENT_SECTORS


def _is_country(entity: Entity) -> bool:
    return entity.actor is not None and len(entity.actor.code) == 3


def _is_actor(entity: Entity) -> bool:
    return entity.actor is not None and entity.type != "DATE"


CLASSES: dict[str, Predicate] = {
    "any": _is_actor,
    "movement": _is_movement,
    "country": _is_country,
    "delegation": lambda e: e.delegation and e.actor is not None,
    "organisation": lambda e: _is_actor(e) and e.type == "ORG",
}


class CorefStage:
    name = "coref"
    requires = frozenset({"entities"})
    assigns = frozenset({"coref"})

    def __init__(self, rules: EntityRules | None = None) -> None:
        self.rules = rules or default_rules()

    def __call__(self, doc: Document) -> Document:
        # Surnames first: they add entities, and references hold positions in the final list.
        surnames = find_surnames(doc, self.rules)
        if surnames:
            replaced = {id(old) for _, _, old in surnames if old is not None}
            kept = [e for e in doc.entities if id(e) not in replaced]
            doc.entities = sorted(
                kept + [new for new, _, _ in surnames], key=lambda e: (e.start, -e.end, e.type)
            )
            position = {id(e): i for i, e in enumerate(doc.entities)}
            for new, person, _ in surnames:
                new.antecedent = position[id(person)]
        resolve_references(doc.entities)
        doc.stats.add("coreferences", sum(1 for e in doc.entities if e.origin == "coref"))
        return doc


_GENERIC_SECTORS = frozenset({"PPL", "CVL", "REF"})


def _specific(entity: Entity) -> bool:
    """A named actor or an official with a country; not the public, not a place."""
    actor = entity.actor
    if actor is None or entity.origin == "locative":
        return False
    if entity.origin in ("dictionary", "coref"):
        return True
    return bool(actor.country) and actor.sector not in _GENERIC_SECTORS


def resolve_references(entities: list[Entity]) -> None:
    """Every unresolved reference of a document, in order, in one pass.

    Looking back through all earlier entities for each reference made coreference
    quadratic (the seed repeated 800 times, 3 MB: 103 s, most of it here). What a
    reference needs of the entities before it is small: per class, the last two actor codes
    (each with its last position), among all of them and among the specific ones. An
    `_AntecedentIndex` keeps exactly that as entities go by, so each reference costs the
    same whatever came before, and it chooses what the full scan chose. An entity enters
    the index once a reference starts at or after its end (the full scan's
    `e.end <= entity.start`; spans nested around a reference wait in a heap by end), and
    after its own resolution (a resolved reference is an antecedent for later ones)."""
    index = _AntecedentIndex()
    waiting: list[tuple[int, int]] = []  # (end, position) of entities not yet indexed
    for position, entity in enumerate(entities):
        while waiting and waiting[0][0] <= entity.start:
            _, earlier = heapq.heappop(waiting)
            index.add(earlier, entities[earlier])
        if entity.reference and entity.actor is None and not entity.members:
            _resolve(entities, position, index)
        heapq.heappush(waiting, (entity.end, position))


@dataclass(slots=True)
class _LastCodes:
    """The two most recent distinct actor codes seen, each with its latest position."""

    latest: dict[str, int] = field(default_factory=dict)  # the top two only
    floor: int = -1  # the position of the second, below which nothing can enter

    def add(self, code: str, position: int) -> None:
        if code in self.latest:
            self.latest[code] = max(self.latest[code], position)
        elif len(self.latest) < 2:
            self.latest[code] = position
        elif position > self.floor:
            del self.latest[min(self.latest, key=self.latest.__getitem__)]
            self.latest[code] = position
        self.floor = min(self.latest.values()) if len(self.latest) == 2 else -1

    def chosen(self, wanted: int) -> list[int]:
        """The last `wanted` positions with distinct codes, latest first."""
        return sorted(self.latest.values(), reverse=True)[:wanted]


class _AntecedentIndex:
    """Per reference class, the last codes among all its actors and among specific ones."""

    def __init__(self) -> None:
        self.any = {name: _LastCodes() for name in CLASSES}
        self.specific = {name: _LastCodes() for name in CLASSES}

    def add(self, position: int, entity: Entity) -> None:
        if entity.members or entity.actor is None:
            return
        specific = _specific(entity)
        for name, accepts in CLASSES.items():
            if accepts(entity):
                self.any[name].add(entity.actor.code, position)
                if specific:
                    self.specific[name].add(entity.actor.code, position)


def _resolve(entities: list[Entity], position: int, index: _AntecedentIndex) -> None:
    entity = entities[position]
    name = entity.reference if entity.reference in CLASSES else "any"
    wanted = 2 if entity.plural else 1
    # "الجانبان" means the parties named before, not a generic "الشعب الفلسطيني" or a place
    # ("في عمّان") in between: specific actors first, the others only when too few.
    named = index.specific[name]
    chosen = (named if len(named.latest) >= wanted else index.any[name]).chosen(wanted)
    if entity.plural and len(chosen) == 2:
        entity.members = sorted(chosen)
        entity.origin = "coref"
    elif not entity.plural and chosen:
        entity.antecedent = chosen[0]
        entity.actor = entities[chosen[0]].actor
        entity.origin = "coref"


Surname = tuple[Entity, Entity, Entity | None]  # (new entity, the person, the entity it replaces)


def find_surnames(doc: Document, rules: EntityRules) -> list[Surname]:
    """Bare surnames of people named earlier, where a name can stand."""
    found: list[Surname] = []
    people: dict[str, Entity] = {}
    for entity in doc.entities:
        if entity.type == "PER" and entity.actor is not None and entity.origin != "coref":
            surname = _surname(entity)
            if surname:
                people.setdefault(surname, entity)
    if not people:
        return found
    # Grouped once: each sentence scanning the whole document's entities was quadratic.
    by_sentence: dict[int | None, list[Entity]] = {}
    for entity in doc.entities:
        by_sentence.setdefault(entity.sentence, []).append(entity)
    for sentence in doc.sentences:
        here = by_sentence.get(sentence.index, [])
        found += _sentence_surnames(here, sentence, people, rules)
    return found


def _surname(entity: Entity) -> str | None:
    words = entity.text.split()
    if len(words) >= 2:
        return matching_key(words[-1])
    # A single-word name is its own surname; skip it, it was matched as a name already —
    # unless a description gave it its actor ("في وجه ساركوزي الرئيس الفرنسي السابق"), which
    # its later bare mentions then share.
    described = entity.actor is not None and UNLISTED_MARK in entity.actor.name
    return matching_key(words[0]) if words and described else None


def _sentence_surnames(
    here: list[Entity], sentence: Sentence, people: dict[str, Entity], rules: EntityRules
) -> list[Surname]:
    """`here`: the sentence's entities, in document order."""
    found: list[Surname] = []
    for index, token in enumerate(sentence.tokens):
        # The written form too: the analyser may read a name's ending as a pronoun (موليني).
        person = people.get(host_key(token)) or people.get(token.key)
        if person is None or person.start >= token.start:
            continue
        holder = next((e for e in here if e.start <= token.start < e.end), None)
        # A name the recogniser found without an actor gives way: "وصرح شهاب" is the
        # Shehab named before, which the recogniser could not know.
        replaceable = holder is not None and holder.origin == "ner" and holder.actor is None
        if holder is not None and not (replaceable and holder.end <= token.end):
            continue
        # The recogniser calling the word a name on its own is evidence enough of a name
        # position ("أجاب كيري", "بخطوات روحاني"), as a verb of saying is.
        named_here = replaceable and holder is not None and holder.start == token.start
        if not named_here and not _name_position(sentence.tokens, index, rules):
            continue
        surname = Entity(
            type="PER",
            start=token.start,
            end=token.end,
            text=token.text,
            actor=person.actor,
            origin="coref",
            sentence=sentence.index,
        )
        found.append((surname, person, holder))
    return found


def _name_position(tokens: Sequence[Token], index: int, rules: EntityRules) -> bool:
    if "ال" in tokens[index].proclitics:
        return False
    if index == 0 or tokens[index - 1].kind == "punct":
        return True
    previous = tokens[index - 1]
    return previous.pos == "VERB" and (
        matching_key(previous.lemma) in rules.surname_after
        or host_key(previous) in rules.surname_after
    )
