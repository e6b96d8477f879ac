"""Candidate events: what the rules propose for each trigger, with every signal they read.

The rules find candidates well and decide badly (DESIGN.md, "Rules propose, models
decide"): a trigger the realis rules refuse, a noun that a demand asks for, an actorless
noun after another event — today's vetoes — are kept here as signals. `rules_keep` is the
rules' own verdict; the event decision (`events/decision.py`) weighs the signals instead
when a trained model is installed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hadath.events.decision import Verdict
from hadath.events.frames import FrameReader, Slot
from hadath.events.modality import Modality
from hadath.events.triggers import TriggerMatch
from hadath.model import Sentence


@dataclass(frozen=True)
class Participants:
    sources: list[dict[str, Any]]
    targets: list[dict[str, Any]]
    rules: list[str]
    frame: str
    symmetric: bool


@dataclass(slots=True)
class Candidate:
    """One trigger of one sentence, as the rules read it."""

    sentence: Sentence
    match: TriggerMatch
    position: int  # order among the sentence's triggers, from 0
    participants: Participants | None  # None: the pattern has no frame
    refusal: str | None  # why the rules would not code these participants
    happened: bool  # realis: does the trigger report an occurrence?
    realis_rule: str
    request: str | None  # the rule when the trigger is what an earlier request asks for
    modality: Modality
    earlier_codes: tuple[str, ...] = ()  # codes of the triggers the rules coded before it
    verdict: Verdict | None = None  # the event decision's, when a model decided
    reader: FrameReader | None = None  # the sentence's slots, for the argument decision

    @property
    def rules_keep(self) -> bool:
        return (
            self.happened
            and self.request is None
            and self.participants is not None
            and self.refusal is None
            and not self.match.other_reading
        )

    @property
    def code(self) -> str:
        return self.match.pattern.code or ""


def sides(
    source_slots: list[Slot], target_slots: list[Slot], symmetric: bool
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    sources = actors_of(source_slots)
    if source_slots and not target_slots and symmetric:
        return _split_list(source_slots, sources)
    if len(source_slots) == 1 and not target_slots:
        return _split_pair(source_slots[0], sources)
    return sources, actors_of(target_slots)


def actors_of(slots: Sequence[Slot]) -> list[dict[str, Any]]:
    return [actor for slot in slots for actor in slot.actors]


def _split_list(
    slots: Sequence[Slot], actors: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """ "اجتماع لـ X و Y", "الجانبان": in a symmetric event the first is the source and the
    others its partners."""
    if len(actors) >= 2:
        return actors[:1], actors[1:]
    return actors, []


def _split_pair(
    slot: Slot, actors: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """ "وناقش الجانبان": a pair reference alone is both sides of the event."""
    if slot.entity.plural and len(actors) == 2:
        return actors[:1], actors[1:]
    return actors, []
