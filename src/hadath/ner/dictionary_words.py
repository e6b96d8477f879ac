"""Word sets from hadath's own actor dictionaries, as cue lists for the recogniser.

A word that is part of a listed person's name (حفتر, المنفي), of a listed organisation or
institution (حماس, الكنيست) or that names a country or its people (سوري, الأمريكية) is a hint
the CRF can weigh, as the hand-written cue lists are. Only the built-in dictionary layers are
read, never HADATH_DICT_PATH: a user's layer must not change the features the shipped model
was trained on.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable

from hadath.dictionaries import ActorEntry, CountryEntry, load_dictionaries
from hadath.text.normalise import matching_key

PERSON_KINDS = frozenset({"person"})
ORGANISATION_KINDS = frozenset({"organisation", "institution", "igo", "ngo"})
# A nationality adjective is inflected in news text (سوري, سورية, سوريون, سوريين, سوريان);
# the dictionaries list the masculine singular.
_ADJECTIVE_ENDINGS = ("", "ه", "ون", "ين", "ان", "تان", "تين")
# Shorter stems (بن, ال, عبد split from عبد الله) are name glue, not names.
_MIN_LETTERS = 3

Stemmer = Callable[[str], str]


def _words(names: Iterable[str], stem: Stemmer) -> set[str]:
    words: set[str] = set()
    for name in names:
        plain = unicodedata.normalize("NFKC", name).replace("-", " ")
        words.update(stem(matching_key(word)) for word in plain.split())
    return {word for word in words if len(word) >= _MIN_LETTERS}


def _actor_names(entries: Iterable[ActorEntry], kinds: frozenset[str]) -> list[str]:
    return [name for e in entries if e.kind in kinds for name in (*e.ar, *e.aliases)]


def _nationality_words(countries: Iterable[CountryEntry], stem: Stemmer) -> set[str]:
    forms = (form for c in countries for form in (c.adjective, *c.adjective_forms))
    adjectives = _words((form for form in forms if len(form.split()) == 1), stem)
    return {adjective + ending for adjective in adjectives for ending in _ADJECTIVE_ENDINGS}


def _single_word_country_names(countries: Iterable[CountryEntry]) -> list[str]:
    names = (name for c in countries for name in (*c.ar, *c.metonyms))
    return [name for name in names if len(name.split()) == 1]


@functools.lru_cache(maxsize=1)
def dictionary_word_lists(stem: Stemmer) -> dict[str, frozenset[str]]:
    """`{list name: stems}` for person-name, organisation-name, country and nationality words.

    `stem` is the recogniser's own proclitic stripper, so a word here matches a token the way
    the hand-written cue lists do.
    """
    dictionaries = load_dictionaries(environ={})
    actors = list(dictionaries.actors.values())
    countries = list(dictionaries.countries.values())
    return {
        "dict_person": frozenset(_words(_actor_names(actors, PERSON_KINDS), stem)),
        "dict_organisation": frozenset(_words(_actor_names(actors, ORGANISATION_KINDS), stem)),
        "dict_country": frozenset(_words(_single_word_country_names(countries), stem)),
        "dict_nationality": frozenset(_nationality_words(countries, stem)),
    }
