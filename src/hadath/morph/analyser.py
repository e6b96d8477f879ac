"""`Analyser`: one analysis per written word type, cached in memory and on disk."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from hadath.morph.analysis import WordAnalysis, unanalysed
from hadath.morph.backend import Backend, FarahidiBackend
from hadath.morph.cache import DiskCache, default_cache_dir
from hadath.text.normalise import normalise


def is_arabic(word: str) -> bool:
    return any("\u0621" <= ch <= "\u064a" for ch in word)


def trivial_analysis(word: str) -> WordAnalysis:
    """Numbers, Latin words and symbols: the word is its own stem and lemma."""
    return unanalysed(word, "NUM" if word.replace(".", "").replace(",", "").isdigit() else "X")


class Analyser:
    """Analyses written Arabic words, each type once.

    Lookups go memory → disk cache → backend; the backend (seconds to load) is only touched
    when a word type is in neither cache. `cache_dir=None` uses `default_cache_dir()`;
    `disk_cache=False` keeps everything in memory.
    """

    def __init__(
        self,
        backend: Backend | None = None,
        cache_dir: Path | str | None = None,
        *,
        disk_cache: bool = True,
    ) -> None:
        self.backend: Backend = backend or FarahidiBackend()
        self._memory: dict[str, WordAnalysis] = {}
        self._disk: DiskCache | None = None
        if disk_cache:
            directory = Path(cache_dir) if cache_dir is not None else default_cache_dir()
            filename = f"morph-{self.backend.name}-{self.backend.version}.sqlite"
            self._disk = DiskCache(directory / filename)

    @property
    def cache_path(self) -> Path | None:
        return self._disk.path if self._disk else None

    def analyse(self, word: str) -> WordAnalysis:
        """Analysis of one written word (diacritics and tatweel are ignored)."""
        return self.analyse_many([word])[word]

    def analyse_many(self, words: Iterable[str]) -> dict[str, WordAnalysis]:
        """`{word: analysis}` for every given word; unseen types are analysed in one batch."""
        memory = self._memory
        result: dict[str, WordAnalysis] = {}
        missing: dict[str, str] = {}  # word as given -> normalised key
        for word in words:
            known = memory.get(word)
            if known is not None:
                result[word] = known
            elif word not in missing:
                missing[word] = normalise(word).strip()
        if missing:
            self._fill(missing, result)
        return result

    def _fill(self, missing: dict[str, str], result: dict[str, WordAnalysis]) -> None:
        keys = set(missing.values())
        found = {key: self._memory[key] for key in keys if key in self._memory}
        arabic = [key for key in keys - found.keys() if is_arabic(key)]
        for key in keys - found.keys():
            if not is_arabic(key):
                found[key] = trivial_analysis(key)
        if arabic and self._disk is not None:
            found.update(self._disk.get_many(arabic))
        unseen = [key for key in arabic if key not in found]
        if unseen:
            computed = self.backend.analyse_batch(unseen)
            found.update(computed)
            if self._disk is not None:
                self._disk.put_many(computed)
        for word, key in missing.items():
            analysis = found[key]
            self._memory[key] = analysis
            self._memory[word] = analysis
            result[word] = analysis

    def close(self) -> None:
        if self._disk is not None:
            self._disk.close()


@functools.lru_cache(maxsize=1)
def default_analyser() -> Analyser:
    """The shared analyser: farahidi backend, default disk cache, loaded lazily."""
    return Analyser()
