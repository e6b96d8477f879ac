"""Event pattern dictionaries: they load, lint clean, cover CAMEO, and the lint catches errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from hadath.codes import default_codes
from hadath.events.patterns import (
    PREPOSITIONS,
    PatternError,
    builtin_pattern_paths,
    default_patterns,
    lint_patterns,
    load_patterns,
    pattern_stats,
)
from hadath.text.normalise import matching_key, phrase_key

ARABIC_LETTERS = {chr(c) for c in range(0x0621, 0x064B)}


def test_packaged_patterns_lint_clean() -> None:
    problems = lint_patterns()
    assert problems == [], "\n".join(str(p) for p in problems)


def test_coverage_all_roots_and_at_least_150_codes() -> None:
    stats = pattern_stats()
    assert set(stats.roots) == set(default_codes().roots())
    assert len(stats.codes) >= 150
    assert all(code in default_codes() for code in stats.codes)


@pytest.mark.parametrize(
    "codes",
    [
        ["040", "041", "042", "043", "045", "046"],  # consult, visit, host, mediate, negotiate
        ["057", "030", "036"],  # agree, sign
        [
            "020",
            "100",
            "112",
            "111",
            "120",
            "130",
            "138",
        ],  # appeal, demand, accuse, reject, threaten
        ["141", "143", "145", "173", "163", "161", "0841", "0871"],
        ["180", "181", "183", "1831", "1832", "186", "190", "193", "194", "195", "1823"],
    ],
)
def test_common_news_events_are_covered_in_depth(codes: list[str]) -> None:
    patterns = default_patterns().patterns
    for code in codes:
        own = [p for p in patterns if p.code == code]
        assert own, f"no pattern for {code}"
        assert all(p.frame is not None for p in own)


def test_every_trigger_word_is_an_arabic_key() -> None:
    for pattern in default_patterns().patterns:
        for trigger in pattern.triggers:
            for alternatives in trigger.words:
                for key in alternatives:
                    assert key == matching_key(key)
                    assert set(key) <= ARABIC_LETTERS, (pattern.id, key)


def test_index_by_first_key_finds_verbs_and_nouns() -> None:
    patterns = default_patterns()
    meet = {p.code for p in patterns.by_first_key(matching_key("التقى"))}
    assert "040" in meet
    assert matching_key("التقى") in patterns.verb_keys
    assert matching_key("غارة") in patterns.noun_keys
    assert {p.code for p in patterns.by_first_key(matching_key("غارة"))} == {"195"}
    sanctions = patterns.by_first_key(matching_key("فرض"))
    assert any(p.code == "163" and p.max_gap > 0 for p in sanctions)


def test_meetings_are_symmetric_and_attacks_take_a_preposition_target() -> None:
    meet = default_patterns().get("consult.meet")
    assert meet.frame is not None and meet.frame.symmetric
    attack = default_patterns().get("assault.attack")
    assert attack.frame is not None
    preps = {k for role in attack.frame.target for k in role.preps}
    assert matching_key("على") in preps


def test_discard_patterns_exist_for_sports_and_idioms() -> None:
    discards = [p for p in default_patterns().patterns if p.discard]
    ids = {p.id for p in discards}
    assert any(i.startswith("discard.sports") for i in ids)
    assert any(i.startswith("discard.idiom") for i in ids)
    assert all(p.code is None for p in discards)


def test_version_is_a_content_hash(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "patterns:\n  - {id: mine.x, code: '040', pos: verb, trigger: [تشاور], frame: meet}\n",
        "utf-8",
    )
    assert load_patterns().version == default_patterns().version
    assert load_patterns([extra]).version != default_patterns().version


def test_user_file_overrides_by_id(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "patterns:\n  - {id: consult.meet, code: '046', pos: verb, trigger: [التقى], "
        "frame: meet}\n",
        "utf-8",
    )
    assert load_patterns([extra]).get("consult.meet").code == "046"


BAD_FILE = """
patterns:
  - {id: bad.code, code: "999", pos: verb, trigger: [هاجم], frame: transitive}
  - {id: bad.code, code: "040", pos: verb, trigger: [قابل], frame: meet}
  - {id: bad.empty, code: "040", pos: verb, trigger: [""], frame: meet}
  - {id: bad.latin, code: "040", pos: verb, trigger: [meet], frame: meet}
  - {id: bad.diacritics, code: "040", pos: verb, trigger: [التَقى], frame: meet}
  - {id: bad.prep, code: "040", pos: verb, trigger: [جالس],
     frame: {source: subject, target: {prep: [فوق]}}}
  - {id: bad.clash.a, code: "111", pos: verb, trigger: [شجب], frame: transitive}
  - {id: bad.clash.b, code: "112", pos: verb, trigger: [شجب], frame: transitive}
  - {id: bad.frame, code: "040", pos: verb, trigger: [جالس], frame: nowhere}
  - {id: bad.pos, code: "040", pos: adverb, trigger: [جالس], frame: meet}
  - {id: bad.clitic, code: "040", pos: verb, trigger: ["اجتمع ب"], frame: meet}
"""


def test_lint_reports_each_kind_of_mistake(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_FILE, "utf-8")
    paths = [*(p for p in builtin_pattern_paths() if p.name.startswith("_")), bad]
    messages = "\n".join(str(p) for p in lint_patterns(paths))
    for expected in (
        "unknown CAMEO code '999'",
        "bad.code: duplicate id",
        "empty trigger",
        "not an Arabic word",
        "undiacritised",
        "unknown preposition",
        "coded 111 by 'bad.clash.a'",
        "unknown frame 'nowhere'",
        "pos must be verb or noun",
        "is a clitic",
    ):
        assert expected in messages, expected


def test_loading_a_broken_file_raises_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("patterns: [{id: x, code: '040', pos: verb}]\n", "utf-8")
    with pytest.raises(PatternError, match=r"broken\.yaml:1:x"):
        load_patterns([broken])
    not_yaml = tmp_path / "not.yaml"
    not_yaml.write_text("patterns: [unclosed\n", "utf-8")
    with pytest.raises(PatternError, match="cannot read"):
        load_patterns([not_yaml])


def test_prepositions_are_keys() -> None:
    assert matching_key("إلى") in PREPOSITIONS
    assert phrase_key("على يد") in PREPOSITIONS
