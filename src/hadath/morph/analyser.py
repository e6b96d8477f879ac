"""`Analyser`: one analysis per written word type, cached in memory and on disk."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path

from hadath.morph.analysis import WordAnalysis, unanalysed
from hadath.morph.backend import Backend, FarahidiBackend
from hadath.morph.cache import DiskCache, default_cache_dir
from hadath.morph.shipped import ShippedAnalyses, shipped_analyses
from hadath.text.normalise import normalise


def is_arabic(word: str) -> bool:
    return any("\u0621" <= ch <= "\u064a" for ch in word)


def trivial_analysis(word: str) -> WordAnalysis:
    """Numbers, Latin words and symbols: the word is its own stem and lemma."""
    return unanalysed(word, "NUM" if word.replace(".", "").replace(",", "").isdigit() else "X")


class Analyser:
    """Analyses written Arabic words, each type once.

    Lookups go memory → disk cache → the analyses shipped in the package (`shipped.py`, used
    only when they come from this backend's version) → backend; the backend (seconds to
    load) is only touched when a word type is in none of them. `cache_dir=None` uses
    `default_cache_dir()`; `disk_cache=False` keeps everything in memory; `shipped` gives
    the shipped analyses (default: the package's, read on the first word the disk lacks).
    """

    def __init__(
        self,
        backend: Backend | None = None,
        cache_dir: Path | str | None = None,
        *,
        disk_cache: bool = True,
        shipped: Callable[[], ShippedAnalyses] = shipped_analyses,
    ) -> None:
        self.backend: Backend = backend or FarahidiBackend()
        self._shipped = shipped
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
            shipped = self._shipped_for_backend()
            if shipped is not None:
                known = shipped.get_many(unseen)
                found.update(known)
                if self._disk is not None:
                    self._disk.put_many(known)  # next time one disk lookup finds them
                unseen = [key for key in unseen if key not in known]
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

    def _shipped_for_backend(self) -> ShippedAnalyses | None:
        shipped = self._shipped()
        if shipped.backend != f"{self.backend.name}-{self.backend.version}":
            return None  # another analyser or version made them: they are not its analyses
        return shipped

    def close(self) -> None:
        if self._disk is not None:
            self._disk.close()


@functools.lru_cache(maxsize=1)
def default_analyser() -> Analyser:
    """The shared analyser: farahidi backend, default disk cache, loaded lazily."""
    return Analyser()
