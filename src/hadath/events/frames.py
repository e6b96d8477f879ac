"""Where the source and the target stand: a pattern's frame read against a sentence.

Actors are *slots*: the sentence's entities that carry an actor (or, for "الجانبان", the
two actors coreference gave them), as token ranges. A frame role names a position relative
to the trigger; `FrameReader` finds the slot in that position, and the words that decided
it go into the event's explanation.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from hadath.entities.matching import host_key
from hadath.entities.rules import default_rules
from hadath.events.patterns import COMPOUND_PREPOSITIONS, Role
from hadath.model import Document, Entity, Sentence, Token
from hadath.text.normalise import matching_key

#: Words that may stand between a subject and its verb (SVO): كان ... قد وصلت, أن ... سيجتمعان.
AUXILIARIES = frozenset(matching_key(w) for w in ("كان", "كانت", "قد", "لقد", "أن", "بأن", "إن"))
#: Words that open a clause, after which a verb comes first (VSO).
CLAUSE_OPENERS = frozenset(matching_key(w) for w in ("قد", "ثم", "كما", "حيث", "وقد", "لقد"))
_PREPOSITIONS = "مع في من إلى على ضد عن لدى عند بين حول نحو تجاه إزاء حيال بشأن لصالح عبر أمام"
PREPOSITION_WORDS = frozenset(
    matching_key(w) for w in [*_PREPOSITIONS.split(), "داخل", "قرب", "بحق", "برئاسة", "بقيادة"]
)
CLITIC_PREPOSITIONS = ("ب", "ل", "ك")
SEARCH_WINDOW = 12  # tokens searched for an actor on either side of a trigger
LED_BY_WINDOW = 4  # titles between برئاسة and the leader's name: الأمين العام
LIGHT_VERB_WINDOW = 9  # words between a verb and the noun that is its object
OBJECT_WINDOW = 3  # the object: right after the verb or subject, an adverb or two allowed


@dataclass(slots=True)
class Slot:
    first: int  # token indices, inclusive
    last: int
    entity: Entity
    actors: list[dict[str, Any]] = field(default_factory=list)
    place_only: bool = False  # a place (its country may stand as a target: وصل إلى القاهرة)


def circumstantial_tokens(here: Sequence[Entity], sentence: Sentence) -> frozenset[int]:
    """Indices of the tokens of dates and places in a sentence, with the word before a place
    when it is a preposition ("في عمّان")."""
    found: set[int] = set()
    for entity in here:
        if entity.actor is not None and entity.origin != "locative":
            continue
        if entity.type != "DATE" and entity.place is None:
            continue
        for index, token in enumerate(sentence.tokens):
            if entity.start <= token.start < entity.end:
                found.add(index)
                before = index - 1
                if (
                    entity.place is not None
                    and before >= 0
                    and sentence.tokens[before].key in PREPOSITION_WORDS
                ):
                    found.add(before)
    return frozenset(found)


def actor_record(entity: Entity, via: Entity | None = None) -> dict[str, Any]:
    actor = entity.actor
    assert actor is not None
    record: dict[str, Any] = {
        "code": actor.code,
        "name": actor.name,
        "text": (via or entity).text,
        "start": (via or entity).start,
        "end": (via or entity).end,
        "origin": (via or entity).origin,
    }
    if via is not None:
        record["antecedent"] = {"text": entity.text, "start": entity.start, "end": entity.end}
    return record


def sentence_slots(
    doc: Document, sentence: Sentence, here: Sequence[Entity], country_codes: dict[str, str]
) -> list[Slot]:
    """Actor and place slots of a sentence, in order; overlapping entities keep the first."""
    slots: list[Slot] = []
    for entity in here:
        if entity.type == "DATE":
            continue
        indices = [i for i, t in enumerate(sentence.tokens) if entity.start <= t.start < entity.end]
        if not indices:
            continue
        slot = Slot(indices[0], indices[-1], entity)
        if entity.members:
            slot.actors = [actor_record(doc.entities[m], via=entity) for m in entity.members]
        elif entity.actor is not None:
            slot.actors = [actor_record(entity)]
        elif entity.place is not None and entity.place.country in country_codes:
            slot.place_only = True
            slot.actors = [_place_actor(entity, country_codes[entity.place.country])]
        if slot.actors and not any(s.first <= slot.first <= s.last for s in slots):
            slots.append(slot)
    return sorted(slots, key=lambda s: s.first)


def _place_actor(entity: Entity, code: str) -> dict[str, Any]:
    return {
        "code": code,
        "name": entity.place.name if entity.place else entity.text,
        "text": entity.text,
        "start": entity.start,
        "end": entity.end,
        "origin": "place",
    }


class FrameReader:
    """Reads one sentence's slots relative to trigger positions."""

    def __init__(
        self,
        tokens: Sequence[Token],
        slots: Sequence[Slot],
        circumstantial: frozenset[int] = frozenset(),
    ) -> None:
        self.tokens = tokens
        self.slots = list(slots)
        self.circumstantial = circumstantial  # token indices of dates and places
        self.led_by = default_rules().led_by
        self.place_class_words = default_rules().place_class_words

    # --- where a slot stands -------------------------------------------------------------
    def preposition_of(self, slot: Slot) -> str | None:
        """The preposition introducing a slot: a clitic on its first word or the word before."""
        first = self.tokens[slot.first]
        clitic = next((c for c in first.proclitics if c in CLITIC_PREPOSITIONS), None)
        if clitic:
            return clitic
        position = slot.first
        while position > 0 and (
            host_key(self.tokens[position - 1]) in self.place_class_words and slot.place_only
        ):
            position -= 1  # "على ريف إدلب": the preposition stands before the class word
        if position > 1:
            # "من قبل", "على يد": the second word is no preposition of its own
            pair = f"{self.tokens[position - 2].key} {self.tokens[position - 1].key}"
            if pair in COMPOUND_PREPOSITIONS:
                return pair
        if position > 0 and self.tokens[position - 1].key in PREPOSITION_WORDS:
            return self.tokens[position - 1].key
        return None

    def led_by_before(self, slot: Slot) -> bool:
        """Is the slot the leader in an apposition "برئاسة ..." / "بقيادة ..."?"""
        window = self.tokens[max(0, slot.first - LED_BY_WINDOW) : slot.first]
        return any(host_key(t) in self.led_by or t.key in self.led_by for t in window)

    def is_bare(self, slot: Slot) -> bool:
        return self.preposition_of(slot) is None and not slot.place_only

    def verb_between(self, start: int, end: int) -> bool:
        return any(
            t.pos == "VERB" and t.key not in AUXILIARIES for t in self.tokens[start + 1 : end]
        )

    # --- roles ---------------------------------------------------------------------------
    def subject(self, first: int, last: int, *, verb_first: bool) -> Slot | None:
        after = self.subject_after(first, last)
        before = self.subject_before(first)
        return (after or before) if verb_first else (before or after)

    def subject_after(self, first: int, last: int) -> Slot | None:
        """The subject of a verb-first clause: right after the verb, or inside a verbal
        phrase ("أطلقت قوات الشرطة الغاز": the subject sits between the trigger's words)."""
        for slot in self.slots:
            near = first < slot.first <= last + 4
            if near and self.is_bare(slot) and not self.verb_between(first, slot.first):
                return slot
        return None

    def subject_before(self, first: int) -> Slot | None:
        for slot in reversed(self.slots):
            if slot.last >= first or slot.last < first - SEARCH_WINDOW:
                continue
            if self.preposition_of(slot) is not None or slot.place_only:
                continue
            if self.led_by_before(slot):
                continue  # "وفد الحركة، برئاسة الأمين العام زياد النخالة، قد التقى": the leader
            if self.verb_between(slot.last, first):
                return None
            return slot
        return None

    def object_after(self, position: int, exclude: Slot | None) -> Slot | None:
        """The direct object follows the verb (or its subject) at once, an adverb aside:
        "ناقش الجانبان سبل تعزيز ..." has a topic, not an actor, as its object."""
        for slot in self.slots:
            if slot is exclude or slot.first <= position:
                continue
            if self.words_between(position, slot.first) > OBJECT_WINDOW:
                return None
            bare = self.preposition_of(slot) is None  # a place may be the object: زار القاهرة
            if bare and not self._coordinated_with(slot, exclude):
                return slot
        return None

    def words_between(self, start: int, end: int) -> int:
        """Words between two positions, not counting dates and places with their
        prepositions: "استقبل الوزير أمس في عمّان وفداً" has its object right after the subject."""
        return sum(1 for i in range(start + 1, end) if i not in self.circumstantial)

    def _coordinated_with(self, slot: Slot, other: Slot | None) -> bool:
        if other is None:
            return False
        first = self.tokens[slot.first]
        return slot.first == other.last + 1 and bool(first.proclitics[:1] == ["و"])

    def after_preposition(
        self, preps: Sequence[str], position: int, exclude: Slot | None = None
    ) -> Slot | None:
        wanted = {matching_key(p) for p in preps}
        for slot in self.slots:
            if slot.first <= position or slot.first > position + SEARCH_WINDOW or slot is exclude:
                continue
            prep = self.preposition_of(slot)
            if prep is not None and matching_key(prep) in wanted:
                return slot
            if self.verb_between(position, slot.first):
                return None
        return None

    def genitive(self, last: int) -> Slot | None:
        """The noun's complement: the slot right after it (ل allowed: اجتماع لرئيس الوزراء)."""
        for slot in self.slots:
            if last < slot.first <= last + 2:
                prep = self.preposition_of(slot)
                if prep in (None, "ل"):
                    return slot
        return None

    def coordinated_after(self, slot: Slot) -> list[Slot]:
        """Slots joined to `slot` by و right after it: "حماس والجهاد", "اشتية ورئيس ...".

        A slot in a sentence of several actors may end before its coordinated partner does,
        with a short gap for titles the resolver did not join ("حركتي حماس والجهاد").
        """
        joined = [slot]
        for candidate in self.slots:
            previous = joined[-1]
            if candidate.first <= previous.last:
                continue
            gap = candidate.first - previous.last - 1
            first = self.tokens[candidate.first]
            if gap <= 1 and first.proclitics[:1] == ["و"] and not candidate.place_only:
                joined.append(candidate)
            elif candidate.first > previous.last + 2:
                break
        return joined[1:]

    def light_verb_subject(self, noun: int) -> list[Slot] | None:
        """ "أعلنت الحكومة ... وقفاً لإطلاق النار", "عقد الوزيران اجتماعاً": a noun that is a
        verb's object takes that verb's subject as its source."""
        token = self.tokens[noun]
        introduced = any(c in CLITIC_PREPOSITIONS for c in token.proclitics) or (
            noun > 0 and self.tokens[noun - 1].key in PREPOSITION_WORDS
        )
        verb = None if introduced else self._governing_verb(noun)
        if verb is None:
            return None
        found = self.subject(verb, verb, verb_first=verb_first(self.tokens, verb))
        return None if found is None or found.first > noun else self.chain_of(found)

    def _governing_verb(self, noun: int) -> int | None:
        """The verb before the noun with only its subject, dates and places between."""
        for index in range(noun - 1, max(-1, noun - LIGHT_VERB_WINDOW), -1):
            candidate = self.tokens[index]
            if candidate.pos == "VERB" and candidate.key not in AUXILIARIES:
                return index
            if candidate.kind == "punct":
                return None
            if not self.in_slot(index) and index not in self.circumstantial:
                return None  # "سيجتمعان مع ... لتثبيت التهدئة": not the verb's own object
        return None

    def in_slot(self, index: int) -> bool:
        return any(slot.first <= index <= slot.last for slot in self.slots)

    def chain_of(self, slot: Slot) -> list[Slot]:
        """The whole coordination a slot belongs to: "وفود من حركتي حماس والجهاد الإسلامي"
        is one subject of two actors, whichever of them the search reached first."""
        head = slot
        while True:
            previous = next(
                (s for s in reversed(self.slots) if s.last < head.first),
                None,
            )
            token = self.tokens[head.first]
            if previous is None or head.first - previous.last > 2 or token.proclitics[:1] != ["و"]:
                break
            if previous.place_only:
                break
            head = previous
        return [head, *self.coordinated_after(head)]

    def read_role(
        self, role: Role, first: int, last: int, *, verb_first: bool, subject: Slot | None
    ) -> list[Slot] | None:
        """Slots a role names (several for lists), [] for `none`, None when nothing fits."""
        if role.kind == "none":
            return []
        if role.kind == "subject":
            found = self.subject(first, last, verb_first=verb_first)
            if found is not None:
                return self.chain_of(found)
        elif role.kind == "object":
            found = self.object_after(
                subject.last if subject and subject.first > last else last, subject
            )
        elif role.kind == "genitive":
            found = self.genitive(last)
        elif role.kind == "genitive_list":
            found = self.genitive(last)
            if found is not None:
                return [found, *self.coordinated_after(found)]
        else:
            found = self.after_preposition(role.preps, last, exclude=subject)
            if found is not None and role.many:
                return [found, *self.coordinated_after(found)]
        return None if found is None else [found]


def verb_first(tokens: Sequence[Token], first: int) -> bool:
    """Is the trigger clause-initial, so its subject follows it (VSO)?"""
    token = tokens[first]
    if token.proclitics[:1] in (["و"], ["ف"]):
        return True
    if first == 0:
        return True
    before = tokens[first - 1]
    return before.kind == "punct" or host_key(before) in CLAUSE_OPENERS
