"""Tokeniser: kinds, offsets into the clean text, normalised forms and keys."""

from __future__ import annotations

from hadath.analysis import analyse
from hadath.text.tokens import tokenise


def kinds(text: str) -> list[tuple[str, str]]:
    return [(t.text, t.kind) for t in tokenise(text)]


def test_arabic_words_keep_diacritics_and_tatweel_inside() -> None:
    tokens = tokenise("وَصَلَ الوفـــد")
    assert [(t.text, t.kind, t.norm) for t in tokens] == [
        ("وَصَلَ", "word", "وصل"),
        ("الوفـــد", "word", "الوفد"),
    ]


def test_numbers_in_three_digit_systems_with_separators() -> None:
    tokens = tokenise("3.5 و١٬٢٠٠ و١٫٥ و۱۲ 1,000")
    numbers = [(t.text, t.norm) for t in tokens if t.kind == "number"]
    assert numbers == [
        ("3.5", "3.5"),
        ("١٬٢٠٠", "1,200"),
        ("١٫٥", "1.5"),
        ("۱۲", "12"),
        ("1,000", "1,000"),
    ]


def test_punctuation_latin_and_symbols() -> None:
    assert kinds("قال: «نعم»... COVID-19 بنسبة 5% $") == [
        ("قال", "word"),
        (":", "punct"),
        ("«", "punct"),
        ("نعم", "word"),
        ("»", "punct"),
        ("...", "punct"),
        ("COVID", "latin"),
        ("-", "punct"),
        ("19", "number"),
        ("بنسبة", "word"),
        ("5", "number"),
        ("%", "punct"),
        ("$", "symbol"),
    ]


def test_keys_unify_spelling_variants() -> None:
    first, second = tokenise("إلى القاهرة")
    assert first.key == "الي" and second.key == "القاهره"


def test_offsets_index_the_clean_text() -> None:
    doc = analyse("<p>وصل  الوفد</p>\n\nإلى القاهرة، أمس.", morphology=False)
    for sentence in doc.sentences:
        for token in sentence.tokens:
            assert doc.clean_text[token.start : token.end] == token.text
            assert sentence.start <= token.start < token.end <= sentence.end
    assert [t.text for t in doc.tokens] == ["وصل", "الوفد", "إلى", "القاهرة", "،", "أمس", "."]


def test_no_whitespace_tokens() -> None:
    assert all(t.text.strip() for t in tokenise(" \t كلمة \u00a0 أخرى "))
