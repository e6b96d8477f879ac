"""Ambiguous place names settled by the article's other places.

"طرابلس" is Tripoli in Libya and in Lebanon, "عمان" Oman and Amman, "صور" Tyre and Sur: the
gazetteer ranks them once for all texts (a country first, then by population and region), but
an article about Lebanon means the Lebanese Tripoli. A place mention whose name the gazetteer
gives in several countries takes the one the rest of the article names most; with no such
evidence the gazetteer's ranking stands.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from hadath.model import Entity, Place
from hadath.places.gazetteer import Gazetteer, default_gazetteer
from hadath.text.normalise import phrase_key

CLITIC_LETTERS = "وفبلك"


def candidates(gazetteer: Gazetteer, text: str) -> list[Place]:
    """The places a mention's words may denote: as written, or without one or two glued
    letters ("بطرابلس", "وبطرابلس")."""
    key = phrase_key(text)
    for cut in range(3):
        if cut and (len(key) <= cut or key[cut - 1] not in CLITIC_LETTERS):
            break
        found = gazetteer.lookup(key[cut:])
        if found:
            return found
    return []


def settle_places(entities: Sequence[Entity], gazetteer: Gazetteer | None = None) -> int:
    """Re-place the article's ambiguous place mentions by the countries its other places
    name; returns how many changed. Mentions that are also actors keep their place: the
    actor was resolved with it."""
    gazetteer = gazetteer or default_gazetteer()
    keys = [phrase_key(e.text) for e in entities]
    changed = 0
    for entity, key in zip(entities, keys, strict=True):
        place = entity.place
        if place is None or entity.actor is not None or entity.type != "LOC":
            continue
        options = [p for p in candidates(gazetteer, entity.text) if p.country]
        countries = {p.country for p in options}
        if len(countries) < 2 or place.country not in countries:
            continue
        evidence = Counter(
            other.place.country
            for other, other_key in zip(entities, keys, strict=True)
            if other.place is not None and other.place.country and other_key != key
        )
        best = max(options, key=lambda p: evidence[p.country or ""])
        if evidence[best.country or ""] > evidence[place.country or ""]:
            entity.place = best
            changed += 1
    return changed
