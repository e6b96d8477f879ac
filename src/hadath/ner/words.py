"""What unlabelled Arabic news taught the recogniser about words ANERcorp never showed it.

`data/ner/word-table.tsv` holds, per word stem (`stems.word_stem`), three things learnt by
`scripts/build_ner_words.py` from text without labels (SaudiNewsNet, the GSR and UN
sentences) and from the name lists in ../shared (which are not copied):

* **clusters** at three sizes (64, 256, 1,024): words used in the same contexts share a
  cluster, so a name the training corpus never showed (الحارثي) falls in with the names it
  did show (k-means over PPMI-SVD vectors of the words two either side);
* **news tags**: how often a recogniser that sees only a word's context, never the word,
  tagged it as a person, place or organisation across the unlabelled news, as buckets
  (`PERS:hi` = at least half the time) — a name in easy contexts elsewhere helps the hard one;
* **name evidence**: how much the word's vector looks like those of the given and family
  names in the lists (a logistic regression on the vectors; `given:hi`, `family:mid`).

The table holds word forms and learned labels only, no sentence of any corpus.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from importlib import resources
from typing import NamedTuple, TextIO

TABLE_RESOURCE = "data/ner/word-table.tsv"
TABLE_VERSION = 1
_HEADER = f"# hadath ner word table v{TABLE_VERSION}\tclusters\tnews\tnames"
_NONE = "-"


class WordKnowledge(NamedTuple):
    """One word's row: a named tuple, so it can key the recogniser's per-word caches."""

    clusters: tuple[str, ...]  # cluster ids, coarsest first; () when the word had too few uses
    news: tuple[str, ...]  # news-tag buckets such as "PERS:hi"; ("none",) when never tagged
    names: tuple[str, ...]  # name-evidence buckets such as "given:hi"


class WordTable:
    """Stem -> `WordKnowledge`; an empty table (no rows) makes the features say nothing."""

    def __init__(self, rows: dict[str, WordKnowledge], source: str = "") -> None:
        self._rows = rows
        self.source = source

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, stem: str, loose: str) -> WordKnowledge | None:
        """The row of `stem`, else of its loose stem (لصربيا → صربيا), else None."""
        found = self._rows.get(stem)
        if found is None and loose != stem:
            found = self._rows.get(loose)
        return found

    def items(self) -> Iterator[tuple[str, WordKnowledge]]:
        return iter(sorted(self._rows.items()))


EMPTY_TABLE = WordTable({}, "empty")


def _field(text: str) -> tuple[str, ...]:
    return () if text == _NONE else tuple(text.split(","))


class WordTableError(ValueError):
    """The table file is not one `write_word_table` wrote."""


def read_word_table(lines: Iterable[str], source: str = "") -> WordTable:
    rows: dict[str, WordKnowledge] = {}
    # One object per distinct row (12k for the shipped table's 37k stems): a named tuple
    # stays tracked by the garbage collector, and every full collection of a coding process
    # walked 37k of them: the entities stage over 300 SaudiNewsNet articles took 1.67 s CPU
    # (median of 7 passes) against 1.34 s with one object per distinct row.
    shared: dict[WordKnowledge, WordKnowledge] = {}
    lines = iter(lines)
    header = next(lines, "").rstrip("\n")
    if header != _HEADER:
        raise WordTableError(f"{source or 'word table'}: unexpected header {header[:60]!r}")
    for number, line in enumerate(lines, start=2):
        fields = line.rstrip("\n").split("\t")
        if len(fields) != 4:
            raise WordTableError(f"{source}:{number}: expected 4 tab-separated fields")
        stem, clusters, news, names = fields
        row = WordKnowledge(_field(clusters), _field(news), _field(names))
        rows[stem] = shared.setdefault(row, row)
    return WordTable(rows, source)


def write_word_table(rows: Iterable[tuple[str, WordKnowledge]], out: TextIO) -> int:
    """Write rows sorted by stem (so a rebuild gives the same bytes); returns their number."""
    out.write(_HEADER + "\n")
    count = 0
    for stem, row in sorted(rows):
        if not stem or any(ch in stem for ch in "\t\n,"):
            continue  # cannot be keyed in this format; the tokeniser never makes such stems
        fields = (",".join(part) or _NONE for part in (row.clusters, row.news, row.names))
        out.write("\t".join((stem, *fields)) + "\n")
        count += 1
    return count


@functools.lru_cache(maxsize=1)
def default_word_table() -> WordTable:
    """The packaged table, read once per process."""
    resource = resources.files("hadath").joinpath(TABLE_RESOURCE)
    if not resource.is_file():
        raise FileNotFoundError(f"packaged NER word table missing: hadath/{TABLE_RESOURCE}")
    with resource.open(encoding="utf-8") as handle:
        return read_word_table(handle, f"hadath/{TABLE_RESOURCE}")
