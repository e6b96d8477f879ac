"""The analyser backend: farahidi readings ranked by `ReadingRanker`, loaded lazily.

Loading farahidi's lexicon and language model takes seconds, so nothing is loaded until the
first word type that no cache knows.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from importlib import metadata
from typing import Any, Protocol

from hadath.morph.analysis import WordAnalysis, unanalysed
from hadath.morph.farahidi_backend import Candidate, candidate_from
from hadath.morph.ranking import ReadingRanker

log = logging.getLogger(__name__)

#: Bump when the conversion or the ranking changes: the disk cache is keyed by it.
RANKING_VERSION = "r3"  # r3: exact ties broken by the readings' forms, not farahidi's order
_LEADING_CLITIC_LETTERS = frozenset("وفبلكس")


class Backend(Protocol):
    name: str

    @property
    def version(self) -> str: ...

    def analyse_batch(self, words: Iterable[str]) -> dict[str, WordAnalysis]: ...


def spelling_variants(word: str) -> list[str]:
    """The word with a bare alef restored to أ or إ, at its start or after proclitic letters.

    News often drops the hamza (اسرائيل, اجراؤها); farahidi's lexicon then finds nothing.
    """
    variants: list[str] = []
    for position, letter in enumerate(word[:4]):
        if letter == "ا":
            variants.extend(word[:position] + hamza + word[position + 1 :] for hamza in "أإ")
        if letter not in _LEADING_CLITIC_LETTERS:
            break
    return variants


class FarahidiBackend:
    """farahidi's readings, ranked out of context by corpus statistics."""

    name = "farahidi"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._analyzer: Any = None
        self._ranker: ReadingRanker | None = None

    @property
    def version(self) -> str:
        return f"{metadata.version('farahidi')}-{RANKING_VERSION}"

    @property
    def loaded(self) -> bool:
        return self._analyzer is not None

    def _load(self) -> tuple[Any, ReadingRanker]:
        with self._lock:
            if self._analyzer is None or self._ranker is None:
                import farahidi

                log.info("loading farahidi lexicon and language model")
                self._analyzer = farahidi.Analyzer()
                self._ranker = ReadingRanker.from_farahidi()
            return self._analyzer, self._ranker

    def candidates(self, word: str) -> list[Candidate]:
        analyzer, _ = self._load()
        try:
            readings = analyzer.analyze(word)
        except Exception as error:  # a lexicon bug on one odd word must not stop a corpus
            log.warning("farahidi failed on %r: %s", word, error)
            return []
        return [candidate_from(reading) for reading in readings]

    def analyse_word(self, word: str) -> WordAnalysis:
        _, ranker = self._load()
        best = ranker.best(word, self.candidates(word))
        if best is None:
            for variant in spelling_variants(word):
                best = ranker.best(variant, self.candidates(variant))
                if best is not None:
                    break
        return best.analysis if best is not None else unanalysed(word)

    def analyse_batch(self, words: Iterable[str]) -> dict[str, WordAnalysis]:
        return {word: self.analyse_word(word) for word in words}
