"""Analyses shipped in the package: the most frequent word types of Arabic news, analysed by
farahidi when the package was built, so that a fresh install does not pay farahidi's ~2 ms
per word type (and its 6 s load) for the words every article has.

`hadath/data/morph/analyses.tsv.gz` holds analyses keyed by word type, never text: a JSON
header line (the backend version the analyses came from, the files whose word counts chose
the types, how many types), then one line per type: the word (the analyser's key: normalised,
`Analyser`), then the disk cache's row (`WordAnalysis.to_row`), tab-separated.
`lexicon-flags.tsv.gz` holds, the same way, the recogniser's lexicon flags
(`hadath.ner.lexicon`) per token as written: the word, then its flags, space-separated.

Each file is used only by the farahidi version (and ranking or flags version) it names;
`scripts/build_morph_cache.py` rebuilds both, bit for bit, from the same sources. A missing
or damaged file is logged and ignored: the words are then analysed as before.
"""

from __future__ import annotations

import functools
import gzip
import json
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from hadath.morph.analysis import WordAnalysis

log = logging.getLogger(__name__)
T = TypeVar("T")

SHIPPED_RESOURCE = "data/morph/analyses.tsv.gz"
FLAGS_RESOURCE = "data/morph/lexicon-flags.tsv.gz"
FORMAT = "hadath-morph-analyses/1"
FLAGS_FORMAT = "hadath-lexicon-flags/1"
_FIELDS = 8  # word + the 7 fields of WordAnalysis.to_row


class ShippedAnalysesError(ValueError):
    """The shipped file cannot be read (wrong format, bad line)."""


@dataclass(frozen=True)
class ShippedAnalyses:
    """`word -> analysis` for one backend version; lines are parsed when asked for."""

    backend: str  # e.g. "farahidi-0.4.0-r4": the analyser that made them
    sources: frozenset[str] = frozenset()  # file names whose word counts chose the types
    lines: Mapping[str, str] = field(default_factory=dict)  # word -> its row, tab-separated

    def __len__(self) -> int:
        return len(self.lines)

    def get_many(self, words: Iterable[str]) -> dict[str, WordAnalysis]:
        found = {}
        for word in words:
            line = self.lines.get(word)
            if line is not None:
                found[word] = _analysis(line)
        return found


EMPTY = ShippedAnalyses(backend="")


def _analysis(line: str) -> WordAnalysis:
    proclitics, stem, enclitic, lemma, pos, proper_noun, readings = line.split("\t")
    return WordAnalysis.from_row(
        (proclitics, stem, enclitic, lemma, pos, int(proper_noun), readings)
    )


def _header(lines: Iterator[str], expected: str, source: str) -> dict[str, Any]:
    """The first line's JSON header, checked to be of the `expected` format."""
    try:
        header = json.loads(next(lines))
    except (StopIteration, json.JSONDecodeError) as error:
        raise ShippedAnalysesError(f"{source}:1: no header ({error})") from None
    if not isinstance(header, dict) or header.get("format") != expected:
        raise ShippedAnalysesError(f"{source}:1: not a {expected} file")
    return header


def read_shipped(lines: Iterable[str], source: str = "") -> ShippedAnalyses:
    """Parse the file's lines; `ShippedAnalysesError` names the first bad line."""
    iterator = iter(lines)
    header = _header(iterator, FORMAT, source)
    rows: dict[str, str] = {}
    for number, line in enumerate(iterator, start=2):
        word, tab, rest = line.rstrip("\n").partition("\t")
        if not tab or rest.count("\t") != _FIELDS - 2:
            raise ShippedAnalysesError(f"{source}:{number}: expected {_FIELDS} fields")
        rows[word] = rest
    return ShippedAnalyses(
        str(header.get("backend", "")), frozenset(header.get("sources", ())), rows
    )


def _lines(path: Path | None, resource: str) -> tuple[list[str], str]:
    if path is None:
        raw, where = resources.files("hadath").joinpath(resource).read_bytes(), f"hadath/{resource}"
    else:
        raw, where = path.read_bytes(), str(path)
    return gzip.decompress(raw).decode("utf-8").splitlines(), where


def _load(
    path: Path | None,
    resource: str,
    read: Callable[[Iterable[str], str], T],
    empty: T,
    what: tuple[str, str],
) -> T:
    """`read` of the package's `resource` (or of `path`); `empty`, with one warning naming
    the file (`what[0]`) and what happens instead (`what[1]`), when it cannot be read."""
    where = str(path or resource)
    try:
        lines, where = _lines(path, resource)
        return read(lines, where)
    except (OSError, EOFError, UnicodeDecodeError, ShippedAnalysesError) as error:
        log.warning("%s %s unusable (%s): %s", what[0], where, error, what[1])
        return empty


def load_shipped(path: Path | None = None) -> ShippedAnalyses:
    """The shipped analyses (the package's file unless `path`); empty when unreadable."""
    what = ("shipped analyses", "analysing every word")
    return _load(path, SHIPPED_RESOURCE, read_shipped, EMPTY, what)


@dataclass(frozen=True)
class ShippedFlags:
    """`token -> lexicon flags` for one farahidi and flags version."""

    version: str  # e.g. "farahidi-0.4.0-v1"
    flags: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


def read_flags(lines: Iterable[str], source: str = "") -> ShippedFlags:
    iterator = iter(lines)
    header = _header(iterator, FLAGS_FORMAT, source)
    flags: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(iterator, start=2):
        word, tab, rest = line.rstrip("\n").partition("\t")
        if not tab or "\t" in rest:
            raise ShippedAnalysesError(f"{source}:{number}: expected 2 fields")
        flags[word] = tuple(rest.split())
    return ShippedFlags(str(header.get("backend", "")), flags)


def load_flags(path: Path | None = None) -> ShippedFlags:
    """The shipped lexicon flags (the package's file unless `path`); empty when unreadable."""
    what = ("shipped lexicon flags", "asking farahidi")
    return _load(path, FLAGS_RESOURCE, read_flags, ShippedFlags(""), what)


@functools.lru_cache(maxsize=1)
def _package_flags() -> ShippedFlags:
    return load_flags()


def shipped_flags(version: str) -> Mapping[str, tuple[str, ...]]:
    """The package's lexicon flags when they were made by `version` (else none)."""
    shipped = _package_flags()
    return shipped.flags if shipped.version == version else {}


def write_flags(
    path: Path, version: str, flags: Mapping[str, tuple[str, ...]], header: Mapping[str, Any]
) -> None:
    """Write `flags` sorted by word, gzip without a timestamp (a rebuild gives the same bytes)."""
    top = {"format": FLAGS_FORMAT, "backend": version, **header, "types": len(flags)}
    lines = [json.dumps(top, ensure_ascii=False, sort_keys=True)]
    for word in sorted(flags):
        if any(c in word for c in "\t\n") or any(" " in f or "\t" in f for f in flags[word]):
            raise ShippedAnalysesError(f"{word!r}: a tab, newline or space in its flags")
        lines.append(f"{word}\t{' '.join(flags[word])}")
    _write_gzip(path, lines)


@functools.lru_cache(maxsize=1)
def shipped_analyses() -> ShippedAnalyses:
    """The package's analyses, read once per process (on the first word no cache knows)."""
    return load_shipped()


def write_shipped(
    path: Path, backend: str, analyses: Mapping[str, WordAnalysis], header: Mapping[str, Any]
) -> None:
    """Write `analyses` sorted by word, gzip without a timestamp: the same input gives the
    same bytes."""
    top = {"format": FORMAT, "backend": backend, **header, "types": len(analyses)}
    lines = [json.dumps(top, ensure_ascii=False, sort_keys=True)]
    for word in sorted(analyses):
        row = analyses[word].to_row()
        if any("\t" in str(value) or "\n" in str(value) for value in (word, *row)):
            raise ShippedAnalysesError(f"{word!r}: a tab or newline in its analysis")
        lines.append("\t".join([word, *(str(value) for value in row)]))
    _write_gzip(path, lines)


def _write_gzip(path: Path, lines: list[str]) -> None:
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
