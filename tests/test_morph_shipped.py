"""The analyses shipped in the package: the same as farahidi's own for the words they hold,
read before farahidi is asked, and only by the backend version that made them."""

from __future__ import annotations

import gzip
import random
from importlib import metadata
from pathlib import Path

import pytest

from hadath.morph.analyser import Analyser
from hadath.morph.analysis import POS_TAGS, WordAnalysis
from hadath.morph.backend import FarahidiBackend
from hadath.morph.shipped import (
    EMPTY,
    ShippedAnalyses,
    ShippedAnalysesError,
    load_shipped,
    read_shipped,
    shipped_analyses,
    shipped_flags,
    write_shipped,
)
from hadath.ner.lexicon import FLAGS_VERSION, Lexicon

SAMPLE = 60


def test_the_package_ships_analyses_of_this_backend() -> None:
    shipped = shipped_analyses()
    backend = FarahidiBackend()
    assert shipped.backend == f"{backend.name}-{backend.version}"
    assert len(shipped) >= 50_000
    assert any(name.endswith(".zip") for name in shipped.sources)


def test_a_sample_of_shipped_entries_equals_a_fresh_farahidi_analysis() -> None:
    shipped = shipped_analyses()
    words = random.Random(15).sample(sorted(shipped.lines), SAMPLE)
    assert shipped.get_many(words) == FarahidiBackend().analyse_batch(words)


def test_every_shipped_row_is_well_formed() -> None:
    for word, analysis in shipped_analyses().get_many(shipped_analyses().lines).items():
        assert word and word == word.strip()
        assert analysis.pos in POS_TAGS and analysis.stem, word
        assert all(reading.pos in POS_TAGS for reading in analysis.readings), word


class CountingBackend:
    """farahidi's name and version, with answers counted instead of computed."""

    name = "farahidi"

    def __init__(self, version: str) -> None:
        self._version = version
        self.asked: list[str] = []

    @property
    def version(self) -> str:
        return self._version

    def analyse_batch(self, words: list[str]) -> dict[str, WordAnalysis]:
        self.asked.extend(words)
        return {w: WordAnalysis((), w, None, w, "NOUN", False) for w in words}


def _shipped(backend: str) -> ShippedAnalyses:
    analysis = WordAnalysis(("و",), "ناقش", None, "ناقش", "VERB", False)
    lines = {"وناقش": "\t".join(str(v) for v in analysis.to_row())}
    return ShippedAnalyses(backend=backend, lines=lines)


def test_shipped_analyses_are_read_before_the_backend_and_then_cached(tmp_path: Path) -> None:
    backend = CountingBackend("9-r9")
    analyser = Analyser(backend, cache_dir=tmp_path, shipped=lambda: _shipped("farahidi-9-r9"))
    found = analyser.analyse_many(["وناقش", "كتاب"])
    assert found["وناقش"].segments == ["و", "ناقش"] and found["وناقش"].pos == "VERB"
    assert backend.asked == ["كتاب"]
    analyser.close()
    again = Analyser(backend, cache_dir=tmp_path, shipped=lambda: EMPTY)
    assert again.analyse("وناقش").pos == "VERB"  # from the disk cache now
    assert backend.asked == ["كتاب"]


def test_another_backend_version_ignores_them(tmp_path: Path) -> None:
    backend = CountingBackend("9-r10")
    analyser = Analyser(backend, cache_dir=tmp_path, shipped=lambda: _shipped("farahidi-9-r9"))
    assert analyser.analyse("وناقش").pos == "NOUN"
    assert backend.asked == ["وناقش"]


def test_written_and_read_back_the_same_and_byte_for_byte_stable(tmp_path: Path) -> None:
    analyses = {
        "وناقش": WordAnalysis(("و",), "ناقش", None, "ناقش", "VERB", False),
        "بالقاهرة": WordAnalysis(("ب", "ال"), "قاهرة", None, "قاهرة", "PROPN", True),
    }
    one, two = tmp_path / "one.tsv.gz", tmp_path / "two.tsv.gz"
    write_shipped(one, "farahidi-x", analyses, {"sources": ["a.zip"]})
    write_shipped(two, "farahidi-x", dict(reversed(analyses.items())), {"sources": ["a.zip"]})
    assert one.read_bytes() == two.read_bytes()
    read = load_shipped(one)
    assert read.backend == "farahidi-x" and read.sources == {"a.zip"}
    assert read.get_many(analyses) == analyses


def test_a_damaged_file_is_ignored_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    bad = tmp_path / "bad.tsv.gz"
    bad.write_bytes(b"not gzip at all")
    assert load_shipped(bad) is EMPTY
    bad.write_bytes(gzip.compress(b'{"format": "hadath-morph-analyses/1"}\nword\tonly\n'))
    assert load_shipped(bad) is EMPTY
    assert "unusable" in caplog.text
    with pytest.raises(ShippedAnalysesError, match=":2:"):
        read_shipped(['{"format": "hadath-morph-analyses/1"}', "word\tonly"], "f")


def test_a_sample_of_shipped_lexicon_flags_equals_farahidi_now() -> None:
    flags = shipped_flags(lexicon_version())
    assert len(flags) >= 50_000
    words = random.Random(15).sample(sorted(flags), SAMPLE)
    fresh = Lexicon()
    assert {w: flags[w] for w in words} == {w: fresh._compute(w) for w in words}
    assert shipped_flags("farahidi-0.0-v0") == {}


def test_the_lexicon_reads_shipped_flags_before_asking_farahidi(tmp_path: Path) -> None:
    lexicon = Lexicon(tmp_path)
    word = next(iter(sorted(shipped_flags(lexicon_version()))))
    asked: list[str] = []
    lexicon._analyze = lambda w: asked.append(w) or []
    assert lexicon.flags(word) == shipped_flags(lexicon_version())[word]
    assert lexicon.flags("كلمةلاتوجد") == ("lex=none",)
    assert asked == ["كلمةلاتوجد"]


def lexicon_version() -> str:
    return f"farahidi-{metadata.version('farahidi')}-v{FLAGS_VERSION}"
