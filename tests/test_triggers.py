"""Trigger matching on every reading of a word (events/triggers.py)."""

from __future__ import annotations

from hadath.analysis import analyse
from hadath.events.patterns import default_patterns
from hadath.events.triggers import find_triggers


def _triggers(text: str, *, other_readings: bool) -> list[tuple[str, bool]]:
    doc = analyse(text)
    tokens = doc.sentences[0].tokens
    found = find_triggers(tokens, default_patterns(), other_readings=other_readings)
    return [(match.pattern.id, match.other_reading) for match in found]


def test_a_verb_ranked_as_a_noun_starts_a_verb_pattern_through_its_other_reading() -> None:
    # Out of context "هاجمتهم" is ranked the noun هاجمة; its verb reading هاجم + هم is an
    # attack, marked as matched through another reading.
    text = "وقال إن القوات هاجمتهم في القرية."
    assert ("assault.attack", True) in _triggers(text, other_readings=True)
    assert not any(p == "assault.attack" for p, _ in _triggers(text, other_readings=False))


def test_a_first_reading_match_is_not_marked_as_another_reading() -> None:
    found = _triggers("استقبل الملك الرئيس في الرياض.", other_readings=True)
    assert ("consult.host", False) in found


def test_a_verb_reading_does_not_start_a_noun_pattern() -> None:
    # "تدين" (she condemns) has a noun reading تدين (religiosity) too; no noun pattern of
    # condemnation lists it, and the verb pattern fires on the verb reading.
    found = _triggers("تدين المملكة الهجوم الإرهابي.", other_readings=True)
    assert ("disapprove.criticise", False) in found
