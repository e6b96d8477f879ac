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


def test_another_verb_reading_of_a_verb_starts_the_pattern_of_its_lemma() -> None:
    # "تدين" is first read as the verb دان; "condemn" is its other verb reading أدان. The
    # rules-only coder does not see it; with other readings it is found, and marked so.
    text = "تدين المملكة الهجوم الإرهابي."
    assert ("disapprove.criticise", True) in _triggers(text, other_readings=True)
    assert not any(p == "disapprove.criticise" for p, _ in _triggers(text, other_readings=False))


def test_first_reading_matches_are_the_same_with_or_without_other_readings() -> None:
    text = "وصل وزير الخارجية إلى القاهرة أمس والتقى نظيره وهاجمتهم القوات."
    first = _triggers(text, other_readings=False)
    both = _triggers(text, other_readings=True)
    assert first == [m for m in both if not m[1]]
