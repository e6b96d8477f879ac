"""Coreference inside one article: back-references resolved to actors named before them.

* "الجانبان" / "الطرفان" / "الحركتين" / "البلدين": the last two distinct actors of the right
  class before the word (any actor / movements / countries / delegations).
* "الحركة", "الوفد", "المنظمة" alone: the last actor of that class.
* A bare surname ("شهاب") after the full name ("داوود شهاب"), where a name can stand: at
  the start of a clause, after a verb of saying or meeting, or where the recogniser found
  it as a name on its own. Elsewhere it is an ordinary word.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from hadath.entities.matching import host_key
from hadath.entities.rules import EntityRules, default_rules
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
        entities = doc.entities
        for index, entity in enumerate(entities):
            if entity.reference and entity.actor is None and not entity.members:
                resolve_reference(entities, index)
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


def resolve_reference(entities: list[Entity], position: int) -> None:
    entity = entities[position]
    accepts = CLASSES.get(entity.reference or "any", _is_actor)
    earlier = [
        (i, e)
        for i, e in enumerate(entities[:position])
        if accepts(e) and not e.members and e.end <= entity.start
    ]
    # "الجانبان" means the parties named before, not a generic "الشعب الفلسطيني" or a place
    # ("في عمّان") in between: specific actors first, the others only when too few.
    named = [(i, e) for i, e in earlier if _specific(e)]
    if len({e.actor.code for _, e in named if e.actor}) >= (2 if entity.plural else 1):
        earlier = named
    chosen: list[int] = []
    seen_codes: set[str] = set()
    for index, candidate in reversed(earlier):
        assert candidate.actor is not None
        if candidate.actor.code in seen_codes:
            continue
        seen_codes.add(candidate.actor.code)
        chosen.append(index)
        if len(chosen) == (2 if entity.plural else 1):
            break
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
    for sentence in doc.sentences:
        found += _sentence_surnames(doc, sentence, people, rules)
    return found


def _surname(entity: Entity) -> str | None:
    words = entity.text.split()
    # A single-word name is its own surname; skip it, it was matched as a name already.
    return matching_key(words[-1]) if len(words) >= 2 else None


def _sentence_surnames(
    doc: Document, sentence: Sentence, people: dict[str, Entity], rules: EntityRules
) -> list[Surname]:
    found: list[Surname] = []
    here = [e for e in doc.entities if e.sentence == sentence.index]
    for index, token in enumerate(sentence.tokens):
        person = people.get(host_key(token))
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
