"""The phrase and reference rules of `data/entities/rules.yaml`, loaded into one object."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from hadath.text.normalise import matching_key, phrase_key, strip_diacritics


def _keys(words: list[str]) -> frozenset[str]:
    return frozenset(matching_key(word) for word in words)


@dataclass(frozen=True)
class EntityRules:
    pair_references: dict[str, str]  # word key -> class (any | movement | country | delegation)
    single_references: dict[str, str]  # word key -> class
    delegation_nouns: frozenset[str]
    led_by: frozenset[str]
    group_heads: frozenset[str]
    links: frozenset[str]
    surname_after: frozenset[str]
    context_names: dict[str, str]  # word key -> actor id, accepted only in context
    titles: frozenset[str]  # phrase keys of titles that take the next actor's code
    title_starts: frozenset[str]  # their first words, to skip most tokens at once
    counterparts: frozenset[str]
    counts: frozenset[str]  # number words
    place_class_words: frozenset[str]
    diacritic_places: dict[str, tuple[str, str]]  # written form -> (place name, ISO country)
    group_roles: dict[str, str] = field(default_factory=dict)  # head noun key -> CAMEO role
    member_titles: frozenset[str] = frozenset()  # phrase keys: "القيادي", "احد قادة"
    member_links: frozenset[str] = frozenset()  # في, and the proclitics ب / ل
    apposition_links: frozenset[str] = frozenset()  # وهو, وهي
    speaking_verbs: frozenset[str] = frozenset()  # قال, أكد: a title after their subject

    @functools.cached_property
    def rule_words(self) -> frozenset[str]:
        """Every word key a one-word rule piece (`pieces.rule_piece`) looks for: a word
        holding none of them is no rule piece, whatever its form."""
        return frozenset(
            [
                *self.context_names,
                *self.pair_references,
                *self.single_references,
                *self.counterparts,
                *self.delegation_nouns,
                *self.group_heads,
                *self.links,
            ]
        )

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> EntityRules:
        def by_class(section: str) -> dict[str, str]:
            return {
                matching_key(word): name
                for name, words in data.get(section, {}).items()
                for word in words
            }

        return cls(
            pair_references=by_class("pair_references"),
            single_references=by_class("single_references"),
            delegation_nouns=_keys(data.get("delegation_nouns", [])),
            led_by=_keys(data.get("led_by", [])),
            group_heads=_keys(data.get("group_heads", [])),
            links=_keys(data.get("links", [])),
            surname_after=_keys(data.get("surname_after", [])),
            titles=frozenset(phrase_key(t) for t in data.get("titles", [])),
            title_starts=frozenset(phrase_key(t).split()[0] for t in data.get("titles", [])),
            counterparts=_keys(data.get("counterparts", [])),
            counts=_keys(data.get("counts", [])),
            place_class_words=_keys(data.get("place_class_words", [])),
            diacritic_places=_diacritic_places(data.get("diacritic_places", {})),
            context_names={
                matching_key(word): actor for word, actor in data.get("context_names", {}).items()
            },
            group_roles=by_class("group_roles"),
            member_titles=frozenset(phrase_key(t) for t in data.get("member_titles", [])),
            member_links=_keys(data.get("member_links", [])),
            apposition_links=_keys(data.get("apposition_links", [])),
            speaking_verbs=_keys(data.get("speaking_verbs", [])),
        )


def _diacritic_places(table: dict[str, dict[str, str]]) -> dict[str, tuple[str, str]]:
    places = {}
    for written, place in table.items():
        composed = unicodedata.normalize("NFC", written)
        # The stage skips tokens without marks (EntityStage.diacritic_places).
        if strip_diacritics(composed) == composed:
            raise ValueError(f"diacritic place {written!r} carries no diacritic")
        places[composed] = (place["name"], place["country"])
    return places


@functools.lru_cache(maxsize=1)
def default_rules() -> EntityRules:
    text = (resources.files("hadath") / "data" / "entities" / "rules.yaml").read_text("utf-8")
    return EntityRules.from_mapping(yaml.safe_load(text))
