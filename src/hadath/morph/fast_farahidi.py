"""farahidi's analyser with its stem-pattern search indexed: the same readings, in the same
order, for a fraction of the time on words no cache knows.

For each new stem, farahidi 0.4's `Analyzer._possible_solutions` walks every unvoweled stem
pattern of the stem's length (hundreds), normalising each pattern's hamza with a regular
expression and comparing it letter by letter (`normalize.is_diac_pattern`: a pattern's
ف ع ل match any letter, its other letters must equal the stem's). On 1,500 word types of
SaudiNewsNet 2015-08-09 that no other day holds (cProfile), that walk was 16 of the 30
seconds of analysis: 4.5 M pattern comparisons and as many regex substitutions.

`IndexedAnalyzer` normalises each pattern once and groups the patterns of a length by the
positions of their fixed letters, keyed by those letters: a stem is looked up once per
group, and the patterns that fit are taken in their original order, so everything after
the filter (roots, formulas, the result's insertion order) runs exactly as farahidi runs
it. The filter is the only part replaced; the rest of the method is farahidi's code
(GPL-3.0-or-later, as hadath). `tests/test_morph_fast.py` compares both analysers' full
readings word by word. Used only with the farahidi version it was written against.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

import farahidi
from farahidi import normalize
from farahidi.analyzer import Analyzer

#: The farahidi version whose `_possible_solutions` this reproduces.
INDEXED_VERSION = "0.4.0"
_WILDCARDS = frozenset("فعل")

#: (fixed positions) -> (their letters -> indexes of the patterns), and every pattern as
#: (record, hamza-normalised form): one table per category and stem length.
_Groups = dict[tuple[int, ...], dict[str, list[int]]]
_Table = tuple[_Groups, list[tuple[dict[str, Any], str]]]


class IndexedAnalyzer(Analyzer):  # type: ignore[misc]
    """`farahidi.Analyzer` with the stem-pattern filter looked up instead of scanned."""

    def __init__(self) -> None:
        super().__init__()
        self._tables: dict[tuple[str, int], _Table] = {}

    def _fitting(self, cat: str, stem: str) -> Iterator[tuple[dict[str, Any], str]]:
        """The patterns `is_diac_pattern(stem, pattern)` accepts, in the lexicon's order."""
        table = self._tables.get((cat, len(stem)))
        if table is None:
            table = self._tables[(cat, len(stem))] = self._table(cat, len(stem))
        groups, patterns = table
        fitting: list[int] = []
        for positions, by_letters in groups.items():
            found = by_letters.get("".join([stem[i] for i in positions]))
            if found:
                fitting.extend(found)
        fitting.sort()
        for index in fitting:
            yield patterns[index]

    def _table(self, cat: str, length: int) -> _Table:
        groups: _Groups = {}
        patterns: list[tuple[dict[str, Any], str]] = []
        for index, unv in enumerate(self.lex.unvoweled_stems(cat, length)):
            value = unv["val"]
            normalised = value[0] + normalize.normalize_hamza(value[1:])
            patterns.append((unv, normalised))
            # is_diac_pattern compares the first min(len(pattern), len(stem)) letters
            positions = tuple(i for i, ch in enumerate(normalised[:length]) if ch not in _WILDCARDS)
            letters = "".join(normalised[i] for i in positions)
            groups.setdefault(positions, {}).setdefault(letters, []).append(index)
        return groups, patterns

    def _possible_solutions(self, seg: Any, cat: str, cache: dict[str, Any]) -> dict[str, Any]:
        stem1 = seg.stem
        if stem1 in cache:
            return cache[stem1]  # type: ignore[no-any-return]
        lex = self.lex
        stem = stem1[0] + normalize.normalize_hamza(stem1[1:]) if stem1 else stem1
        result: dict[str, dict[str, Any]] = {}
        for unv, s_unvoweled in self._fitting(cat, stem):
            # From here on farahidi 0.4's loop body, unchanged.
            iroots = self._get_possible_roots(stem, unv["rules"], cat)
            if not iroots:
                continue
            roots_map: dict[str, list[dict[str, Any]]] = {}
            add = False
            for root in iroots:
                val = _word_from_root_and_pattern(root, s_unvoweled)
                root_ent = lex.root_entity(cat, root)
                if root_ent is None:
                    continue
                len_stem = len(seg.stem)
                id_root = root_ent.get(f"len{len_stem}") if 1 <= len_stem <= 12 else None
                if id_root and normalize.normalize_hamza(val) == normalize.normalize_hamza(stem):
                    res = self._get_info_result(id_root, unv["ids"], len_stem, cat)
                    if res:
                        roots_map[root] = res
                        add = True
            if add:
                result[unv["val"]] = roots_map
        cache[stem1] = result
        return result


@functools.lru_cache(maxsize=65_536)
def _word_from_root_and_pattern(root: str, pattern: str) -> str:
    """farahidi's function of two strings, kept: 2,000 new words asked it 68,000 times."""
    return normalize.word_from_root_and_pattern(root, pattern)  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=1)
def shared_analyzer() -> Analyzer:
    """One analyser per process: the indexed one on the farahidi version it reproduces,
    farahidi's own otherwise."""
    if farahidi.__version__ == INDEXED_VERSION:
        return IndexedAnalyzer()
    return Analyzer()
