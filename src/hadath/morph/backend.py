"""The analyser backend: farahidi readings ranked by `ReadingRanker`, loaded lazily.

Loading farahidi's lexicon and language model takes seconds, so nothing is loaded until the
first word type that no cache knows.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Iterable
from dataclasses import replace
from importlib import metadata
from typing import Any, Protocol

from hadath.morph.analysis import MAX_READINGS, Reading, WordAnalysis, unanalysed
from hadath.morph.farahidi_backend import Candidate, candidate_from
from hadath.morph.ranking import ReadingRanker

log = logging.getLogger(__name__)

#: Bump when the conversion or the ranking changes: the disk cache is keyed by it.
#: r3: exact ties broken by the readings' forms, not farahidi's order; r4: other readings kept
RANKING_VERSION = "r4"
_LEADING_CLITIC_LETTERS = frozenset("وفبلكس")


@functools.lru_cache(maxsize=4096)
def farahidi_readings(word: str) -> tuple[Any, ...]:
    """farahidi's readings of one word, from its one shared analyser, kept for the words
    last asked: the morphology stage and then the recogniser's lexicon flags
    (hadath.ner.lexicon) ask for the same new words of a document. Each asked farahidi on
    its own (and loaded its own lexicon): a fifth of a cold run's time was the lexicon's second
    analysis of words the analyser had just read (py-spy, 150 articles of an unseen day).
    Raises what farahidi raises (not kept). farahidi's analyser with its pattern search
    indexed (fast_farahidi.py: the same readings, half the time on new words)."""
    from hadath.morph.fast_farahidi import shared_analyzer

    return tuple(shared_analyzer().analyze(word))


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


def other_readings(
    ranker: ReadingRanker, word: str, best: Candidate, candidates: list[Candidate]
) -> tuple[Reading, ...]:
    """The readings other than `best`, best-ranked first, one per stem/lemma/POS."""
    chosen = best.analysis
    seen = {(chosen.stem, chosen.lemma, chosen.pos)}
    readings: list[Reading] = []
    ranked = sorted(
        candidates,
        key=lambda c: (ranker.rank_key(word, c), c.vocalised_lemma, c.analysis.to_row()),
        reverse=True,
    )
    for candidate in ranked:
        analysis = candidate.analysis
        key = (analysis.stem, analysis.lemma, analysis.pos)
        if key in seen or "|" in analysis.stem + analysis.lemma:
            continue
        seen.add(key)
        readings.append(Reading(*key))
        if len(readings) == MAX_READINGS:
            break
    return tuple(readings)


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
                log.info("loading farahidi lexicon and language model")
                self._analyzer = farahidi_readings
                self._ranker = ReadingRanker.from_farahidi()
            return self._analyzer, self._ranker

    def candidates(self, word: str) -> list[Candidate]:
        analyzer, _ = self._load()
        try:
            readings = analyzer(word)
        except Exception as error:  # a lexicon bug on one odd word must not stop a corpus
            log.warning("farahidi failed on %r: %s", word, error)
            return []
        return [candidate_from(reading) for reading in readings]

    def analyse_word(self, word: str) -> WordAnalysis:
        _, ranker = self._load()
        candidates = self.candidates(word)
        best = ranker.best(word, candidates)
        if best is None:
            for variant in spelling_variants(word):
                candidates = self.candidates(variant)
                best = ranker.best(variant, candidates)
                if best is not None:
                    word = variant
                    break
        if best is None:
            return unanalysed(word)
        return replace(best.analysis, readings=other_readings(ranker, word, best, candidates))

    def analyse_batch(self, words: Iterable[str]) -> dict[str, WordAnalysis]:
        return {word: self.analyse_word(word) for word in words}
