"""Coreference in one pass: the same antecedents as looking back through every earlier
entity, at a cost that does not grow with what came before."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hadath.entities import coref
from hadath.model import ActorRef, Entity

CODES = ["EGY", "ISR", "PSEREBHMS", "PSEGOV", "USAGOV", "EGYCVL", "IGOUNO"]
REFERENCES = [None, None, None, "any", "movement", "country", "delegation", "organisation", "x"]


def full_scan(entities: list[Entity], position: int) -> None:
    """The resolution as it was: every earlier entity looked at for each reference."""
    entity = entities[position]
    accepts = coref.CLASSES.get(entity.reference or "any", coref._is_actor)
    earlier = [
        (i, e)
        for i, e in enumerate(entities[:position])
        if accepts(e) and not e.members and e.end <= entity.start
    ]
    named = [(i, e) for i, e in earlier if coref._specific(e)]
    if len({e.actor.code for _, e in named if e.actor}) >= (2 if entity.plural else 1):
        earlier = named
    chosen: list[int] = []
    seen: set[str] = set()
    for index, candidate in reversed(earlier):
        assert candidate.actor is not None
        if candidate.actor.code in seen:
            continue
        seen.add(candidate.actor.code)
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


@st.composite
def documents(draw: st.DrawFn) -> list[Entity]:
    entities = []
    for _ in range(draw(st.integers(0, 30))):
        start = draw(st.integers(0, 200))
        reference = draw(st.sampled_from(REFERENCES))
        code = draw(st.sampled_from(CODES))
        has_actor = reference is None and draw(st.booleans())
        sector = code[3:6] if len(code) > 3 else ""
        actor = ActorRef(code=code, name=code, country=code[:3], sector=sector)
        entities.append(
            Entity(
                type=draw(st.sampled_from(["PER", "ORG", "LOC"])),
                start=start,
                end=start + draw(st.integers(1, 40)),  # some spans hold the ones after them
                text="x",
                actor=actor if has_actor else None,
                origin=draw(st.sampled_from(["dictionary", "rule", "ner", "locative"])),
                reference=reference,
                plural=reference is not None and draw(st.booleans()),
                delegation=draw(st.booleans()),
            )
        )
    return sorted(entities, key=lambda e: (e.start, -e.end, e.type))


@settings(max_examples=400, deadline=None)
@given(documents())
def test_one_pass_chooses_what_the_full_scan_chose(entities: list[Entity]) -> None:
    expected = [replace(e) for e in entities]
    for position, entity in enumerate(expected):
        if entity.reference and entity.actor is None and not entity.members:
            full_scan(expected, position)
    coref.resolve_references(entities)
    assert [(e.members, e.antecedent, e.actor, e.origin) for e in entities] == [
        (e.members, e.antecedent, e.actor, e.origin) for e in expected
    ]


def _article(copies: int) -> list[Entity]:
    """A long text of the same paragraph: two parties named, then "الجانبان"."""
    entities = []
    for n in range(copies):
        base = n * 100
        for offset, code in ((0, "EGYGOV"), (20, "PSEREBHMS")):
            actor = ActorRef(code=code, name=code, country=code[:3], sector=code[3:6])
            entities.append(
                Entity(
                    type="ORG",
                    start=base + offset,
                    end=base + offset + 10,
                    text="x",
                    actor=actor,
                    origin="dictionary",
                )
            )
        entities.append(
            Entity(
                type="ORG",
                start=base + 50,
                end=base + 58,
                text="الجانبان",
                reference="any",
                plural=True,
            )
        )
    return entities


def test_the_work_per_reference_does_not_grow_with_the_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = 0

    def counted(predicate: coref.Predicate) -> coref.Predicate:
        def check(entity: Entity) -> bool:
            nonlocal calls
            calls += 1
            return predicate(entity)

        return check

    monkeypatch.setattr(coref, "CLASSES", {k: counted(v) for k, v in coref.CLASSES.items()})
    work = []
    for copies in (200, 400, 800):
        calls = 0
        entities = _article(copies)
        coref.resolve_references(entities)
        assert all(e.members == [i - 2, i - 1] for i, e in enumerate(entities) if e.reference)
        work.append(calls)
    # linear: twice the text, twice the checks (the full scan did four times as many)
    assert work[1] == 2 * work[0] and work[2] == 2 * work[1]
