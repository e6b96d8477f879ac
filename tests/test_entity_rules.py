"""The entity rules' load-time checks and the shortcuts the entity stage takes with them."""

from __future__ import annotations

import pytest

from hadath.entities import EntityStage
from hadath.entities.rules import EntityRules, default_rules
from hadath.model import Token
from hadath.text.normalise import matching_key, normalise


def _token(text: str) -> Token:
    return Token(text, 0, len(text), "word", normalise(text), matching_key(text))


def test_a_diacritic_place_written_without_marks_is_refused() -> None:
    # The stage skips unmarked tokens, so an unmarked entry would silently never match.
    data = {"diacritic_places": {"عمان": {"name": "Amman", "country": "JO"}}}
    with pytest.raises(ValueError, match="no diacritic"):
        EntityRules.from_mapping(data)


def test_diacritic_places_are_found_on_marked_tokens_only() -> None:
    stage = EntityStage(rules=default_rules())
    tokens = [_token("وصل"), _token("إلى"), _token("عمّان"), _token("عمان")]
    assert stage.diacritic_places(tokens) == {2: ("Amman", "JO")}


def test_every_one_word_rule_table_is_in_rule_words() -> None:
    rules = default_rules()
    tables = [
        rules.context_names,
        rules.pair_references,
        rules.single_references,
        rules.counterparts,
        rules.delegation_nouns,
        rules.group_heads,
        rules.links,
    ]
    assert all(word in rules.rule_words for table in tables for word in table)
    assert "الجانبان" in rules.rule_words
