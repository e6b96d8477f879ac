"""farahidi with its stem-pattern search indexed (hadath.morph.fast_farahidi): the same
patterns fit a stem as in farahidi's own scan, and the same readings come out, in order."""

from __future__ import annotations

import random

import farahidi
import pytest
from farahidi import normalize
from farahidi.analyzer import Analyzer
from hypothesis import given, settings
from hypothesis import strategies as st

from hadath.morph import fast_farahidi
from hadath.morph.backend import farahidi_readings
from hadath.morph.fast_farahidi import IndexedAnalyzer, shared_analyzer
from hadath.morph.shipped import shipped_analyses

pytestmark = pytest.mark.skipif(
    farahidi.__version__ != fast_farahidi.INDEXED_VERSION,
    reason=f"the index reproduces farahidi {fast_farahidi.INDEXED_VERSION} only",
)

#: Letters the stems of news words are made of, hamza carriers and ف ع ل included (the
#: pattern wildcards: a stem may hold them too).
LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"
PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وال", "بال", "لل", "فال", "وب", "ول", "س")
ENCLITICS = ("", "ه", "ها", "هم", "هما", "كم", "نا", "ي")


@pytest.fixture(scope="module")
def analyzers() -> tuple[Analyzer, IndexedAnalyzer]:
    return Analyzer(), IndexedAnalyzer()


@settings(max_examples=300, deadline=None)
@given(cat=st.sampled_from(["Nouns", "Verbs"]), stem=st.text(LETTERS, min_size=1, max_size=9))
def test_the_index_fits_the_patterns_farahidi_scan_fits(cat: str, stem: str) -> None:
    indexed = shared_analyzer()
    assert isinstance(indexed, IndexedAnalyzer)
    scanned = []
    for unv in indexed.lex.unvoweled_stems(cat, len(stem)):
        pattern = unv["val"][0] + normalize.normalize_hamza(unv["val"][1:])
        if normalize.is_diac_pattern(stem, pattern):
            scanned.append((unv, pattern))
    assert list(indexed._fitting(cat, stem)) == scanned


def news_words() -> list[str]:
    """Shipped analyser keys across the frequency range, and forms made from them with
    clitics (many of them stems or words no table holds)."""
    keys = sorted(shipped_analyses().lines)
    chosen = random.Random(15).sample(keys, 150)
    forms = random.Random(16)
    made = [forms.choice(PROCLITICS) + word + forms.choice(ENCLITICS) for word in chosen]
    spelled = ["اسرائيل", "إسرائيل", "والمسؤولين", "سيجتمعان", "مُحَمَّد", "بالقاهرة", "كما"]
    return chosen + made + spelled


def test_indexed_readings_equal_farahidi_readings(
    analyzers: tuple[Analyzer, IndexedAnalyzer],
) -> None:
    stock, indexed = analyzers
    words = news_words()
    assert sum(1 for word in words if stock.analyze(word)) > len(words) // 2
    for word in words:
        assert indexed.analyze(word) == stock.analyze(word), word


def test_the_backend_asks_the_indexed_analyser() -> None:
    farahidi_readings.cache_clear()
    assert isinstance(shared_analyzer(), IndexedAnalyzer)
    assert farahidi_readings("والمدرسة") == tuple(Analyzer().analyze("والمدرسة"))


def test_the_ranker_reads_farahidis_emission_table() -> None:
    from farahidi.lm import LanguageModel

    from hadath.morph.ranking import emission_table

    table, full = emission_table(), LanguageModel().emission
    assert len(table) > 100_000
    assert list(table.items()) == list(full.items())
