"""The recogniser's features as crfsuite reads them fastest: UTF-8 bytes, known ones only.

`sentence_features` builds every feature as a `str`; python-crfsuite then encodes each one to
UTF-8 and looks it up in the model's attribute dictionary, where a feature the model never
saw in training is dropped. On news, a quarter of the features are unknown, and the encoding
and lookups were half of the recogniser's time (bench/coder.py profile, 3.5M features over
300 SaudiNewsNet articles). `TaggingFeatures` gives the tagger the same rows less the
features it would drop, already encoded, cached per word type: the tags come out the same
(crfsuite sums the same weights in the same order), a test checks it row by row.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import NamedTuple, Protocol

from hadath.ner.features import (
    PAIR_PREFIXES,
    Cues,
    WordFeatures,
    WordType,
    assemble_rows,
    in_context,
    place_marks,
    word_features,
    word_type,
)
from hadath.ner.lexicon import Lexicon
from hadath.ner.words import WordTable

#: Word types kept before the cache starts again (a few KB each; news needs ~30k per 300
#: articles, a long batch run more).
_CACHE_LIMIT = 100_000


class DumpingTagger(Protocol):
    def dump(self, filename: str) -> None: ...


def model_attributes(tagger: DumpingTagger) -> frozenset[str] | None:
    """The attribute names of an opened crfsuite model, or None when it cannot tell.

    python-crfsuite has no call listing them, only `Tagger.dump` (the model as text, its
    `ATTRIBUTES = {` block one `  <id>: <name>` line each); ~35 ms for the packaged model.
    """
    try:
        with tempfile.TemporaryDirectory(prefix="hadath-ner-") as scratch:
            path = Path(scratch) / "model.txt"
            tagger.dump(str(path))
            with path.open(encoding="utf-8") as dump:
                return frozenset(_attribute_block(dump))
    except (OSError, UnicodeDecodeError, ValueError):
        return None  # tag with every feature: slower, same tags


def _attribute_block(lines: Iterable[str]) -> Iterable[str]:
    inside = False
    for line in lines:
        if not inside:
            inside = line.startswith("ATTRIBUTES = {")
        elif line.startswith("}"):
            return
        else:
            _, name = line.rstrip("\n").split(": ", 1)
            yield name
    raise ValueError("model dump has no complete ATTRIBUTES block")


class _Entry(NamedTuple):
    kind: WordType
    plain: WordFeatures[bytes]  # its features when no gazetteer place touches it


class TaggingFeatures:
    """`sentence_features` rows without the features `known` lacks, as UTF-8 bytes."""

    def __init__(
        self, cues: Cues, lexicon: Lexicon, known: frozenset[str] | None, table: WordTable
    ) -> None:
        self._cues = cues
        self._lexicon = lexicon
        self._table = table
        self._known = known
        self._by_token: dict[str, _Entry] = {}
        # (token, place mark, loose place mark) -> features, for words inside a place name
        self._placed_words: dict[tuple[str, str, str], WordFeatures[bytes]] = {}
        self._boundaries = (self._encode(("BOS",)), self._encode(("EOS",)))
        # Stem pairs are built per sentence; the known ones, looked up in C.
        self._pair: Callable[[str], bytes | None] = _encoded_pair
        if known is not None:
            self._pair = {f: f.encode() for f in known if f.startswith(PAIR_PREFIXES)}.get

    def rows(self, tokens: Sequence[str]) -> list[list[bytes]]:
        entries = [self._by_token.get(token) or self._add(token) for token in tokens]
        marks, loose_marks = place_marks([entry.kind for entry in entries], self._cues)
        words = [
            self._placed(token, entry, mark, loose) if mark or loose else entry.plain
            for token, entry, mark, loose in zip(tokens, entries, marks, loose_marks, strict=True)
        ]
        return assemble_rows(words, self._pair, self._boundaries)

    def _add(self, token: str) -> _Entry:
        if len(self._by_token) >= _CACHE_LIMIT:
            self._by_token.clear()
            self._placed_words.clear()
        kind = word_type(token, self._cues, self._table)
        entry = _Entry(kind, self._encoded(token, kind, "", ""))
        self._by_token[token] = entry
        return entry

    def _placed(self, token: str, entry: _Entry, mark: str, loose_mark: str) -> WordFeatures[bytes]:
        # A word inside a gazetteer place (~4% of news tokens, a few hundred types).
        if not mark and entry.kind.loose == entry.kind.stem:
            return entry.plain  # the loose stem's mark counts only where it differs
        key = (token, mark, loose_mark)
        found = self._placed_words.get(key)
        if found is None:
            found = self._placed_words[key] = self._encoded(token, entry.kind, mark, loose_mark)
        return found

    def _encoded(
        self, token: str, kind: WordType, mark: str, loose_mark: str
    ) -> WordFeatures[bytes]:
        word = in_context(kind, mark, loose_mark)
        text = word_features(word, self._lexicon.flags(token), cached=False)
        return WordFeatures(text.stem, *(self._encode(part) for part in text[1:]))

    def _encode(self, features: Iterable[str]) -> tuple[bytes, ...]:
        known = self._known
        return tuple(f.encode() for f in features if known is None or f in known)


def _encoded_pair(feature: str) -> bytes:
    return feature.encode()
