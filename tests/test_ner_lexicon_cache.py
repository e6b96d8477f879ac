"""The recogniser's lexicon flags persist per word type across processes (ner/lexicon.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hadath.ner.lexicon import Lexicon


def test_flags_are_read_back_from_disk_without_the_analyser(tmp_path: Path) -> None:
    first = Lexicon(tmp_path)
    words = ["فولكسفاغن", "القاهرة", "ذهب", "في"]
    computed = {word: first.flags(word) for word in words}
    first.flush()

    def refuse(word: str) -> list[object]:
        raise AssertionError(f"farahidi asked again for {word}")

    second = Lexicon(tmp_path)
    second._analyze = refuse
    assert {word: second.flags(word) for word in words} == computed
    assert computed["فولكسفاغن"] == ("lex=none",)  # a foreign name has no reading


def test_a_damaged_cache_file_is_rebuilt_not_fatal(tmp_path: Path) -> None:
    lexicon = Lexicon(tmp_path)
    lexicon.flags("القاهرة")
    lexicon.flush()
    for path in tmp_path.glob("lexicon-flags-*.sqlite"):
        path.write_bytes(b"not a database" * 100)
    again = Lexicon(tmp_path)
    assert again.flags("القاهرة") == lexicon.flags("القاهرة")


def test_without_a_cache_directory_it_is_memory_only(tmp_path: Path) -> None:
    lexicon = Lexicon(None)
    assert lexicon.flags("ذهب") == lexicon.flags("ذهب")
    lexicon.flush()
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("word", ["", "123", "Reuters"])
def test_words_without_arabic_letters_have_no_flags(word: str, tmp_path: Path) -> None:
    assert Lexicon(tmp_path).flags(word) == ()
