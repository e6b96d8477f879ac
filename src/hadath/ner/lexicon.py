"""What the farahidi lexicon knows about a word, as a few yes/no features for the recogniser.

A transliterated foreign name (دياكيه, فولكسفاغن) has no reading at all; many Arab given
names and places have a proper-noun reading (اسم علم). Adding these flags to the CRF lifted
held-out PERS F1 from 0.71 to 0.75 (docs/ner.md). farahidi is slow per word (2-10 ms), so each
word type's flags are kept in memory and in a SQLite file beside the morphology cache: a new
process, or each worker of an ingest, looks them up instead of asking farahidi again. Two
ingest workers that each asked farahidi analysed 41,092 word types between them against
32,298 in one process, 26% more CPU per article (docs/store.md).
"""

from __future__ import annotations

import atexit
import functools
from importlib import metadata
from pathlib import Path
from typing import Any

from hadath.morph.backend import farahidi_readings
from hadath.morph.cache import WordTable, default_cache_dir
from hadath.morph.shipped import shipped_flags

PROPER_NOUN = "اسم علم"
VERB = "فعل"
PARTICLE = "حرف"
_CACHE_LIMIT = 500_000
FLAGS_VERSION = _FLAGS_VERSION = "1"  # bump when reading_flags changes
_FLUSH_EVERY = 256  # new flags written to disk in batches; a process may lose its last batch


def _has_arabic_letter(word: str) -> bool:
    return any("\u0621" <= ch <= "\u064a" for ch in word)


def reading_flags(analyses: list[Any]) -> tuple[str, ...]:
    """Flags from farahidi analyses (objects with `pos` and `type`)."""
    if not analyses:
        return ("lex=none",)
    kinds = [analysis.type for analysis in analyses]
    parts = [analysis.pos for analysis in analyses]
    flags = []
    if PROPER_NOUN in kinds:
        flags.append("lex=propn")
        if all(kind == PROPER_NOUN for kind in kinds):
            flags.append("lex=propn_only")
    if all(part == VERB for part in parts):
        flags.append("lex=verb_only")
    if all(part == PARTICLE for part in parts):
        flags.append("lex=particle")
    return tuple(flags)


class Lexicon:
    """Word -> lexicon flags, cached per word type in memory and, when `cache_dir` is given
    (the default lexicon uses the morphology cache's directory), on disk."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self._analyze = farahidi_readings  # the analyser's readings of the same new words
        self._cache: dict[str, tuple[str, ...]] = {}
        self._disk: WordTable | None = None
        self._pending: dict[str, tuple[str]] = {}
        # The package's flags of common news words (hadath.morph.shipped), of this version.
        self._shipped = shipped_flags(f"farahidi-{metadata.version('farahidi')}-v{FLAGS_VERSION}")
        if cache_dir is not None:
            self._disk = WordTable(
                cache_dir / lexicon_cache_name(), "flags", ("flags",), "lexicon cache"
            )

    def flags(self, word: str) -> tuple[str, ...]:
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        flags = self._stored(word)
        if flags is None:
            flags = self._compute(word)
            if self._disk is not None:
                self._pending[word] = (" ".join(flags),)
                if len(self._pending) >= _FLUSH_EVERY:
                    self.flush()
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[word] = flags
        return flags

    def _stored(self, word: str) -> tuple[str, ...] | None:
        row = self._disk.get_many([word]).get(word) if self._disk is not None else None
        return tuple(str(row[0]).split()) if row is not None else self._shipped.get(word)

    def _compute(self, word: str) -> tuple[str, ...]:
        if not _has_arabic_letter(word):
            return ()
        try:
            return reading_flags(list(self._analyze(word)))
        except Exception:  # a word the analyser chokes on gets no flags, not a crash
            return ()

    def flush(self) -> None:
        """Write the flags computed since the last flush to the disk cache."""
        if self._disk is not None and self._pending:
            self._disk.put_many(self._pending)
        self._pending = {}


def lexicon_cache_name() -> str:
    return f"lexicon-flags-farahidi-{metadata.version('farahidi')}-v{FLAGS_VERSION}.sqlite"


@functools.lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    lexicon = Lexicon(default_cache_dir())
    atexit.register(lexicon.flush)  # forked pool workers skip this; they lose < 256 words
    return lexicon
