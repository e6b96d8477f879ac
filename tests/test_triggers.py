"""Trigger matching on every reading of a word (events/triggers.py)."""

from __future__ import annotations

from pathlib import Path

from hadath.analysis import analyse
from hadath.events.patterns import PatternSet, default_patterns, load_patterns
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


def test_another_verb_reading_of_a_verb_starts_the_pattern_of_its_lemma(tmp_path: Path) -> None:
    # "تدين" is first read as the verb دان; "condemn" is also its other verb reading أدان. A
    # pattern listing أدان alone is not found by the rules-only coder, and is found with
    # other readings, marked so.
    (tmp_path / "condemn.yaml").write_text(
        "version: 1\npatterns:\n"
        "  - {id: test.condemn, code: '111', pos: verb, trigger: [أدان], frame: speak_about}\n",
        encoding="utf-8",
    )
    loaded = load_patterns((tmp_path / "condemn.yaml",))  # frames come with the built-ins
    patterns = PatternSet([p for p in loaded.patterns if p.id == "test.condemn"], "test")
    tokens = analyse("تدين المملكة الهجوم الإرهابي.").sentences[0].tokens
    found = [(m.pattern.id, m.other_reading) for m in find_triggers(tokens, patterns)]
    assert ("test.condemn", True) in found
    rules_only = find_triggers(tokens, patterns, other_readings=False)
    assert not any(m.pattern.id == "test.condemn" for m in rules_only)


def test_first_reading_matches_are_the_same_with_or_without_other_readings() -> None:
    text = "وصل وزير الخارجية إلى القاهرة أمس والتقى نظيره وهاجمتهم القوات."
    first = _triggers(text, other_readings=False)
    both = _triggers(text, other_readings=True)
    assert first == [m for m in both if not m[1]]
