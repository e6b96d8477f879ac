"""Invariants (Hypothesis): normalising is idempotent; every token and sentence maps back into
the raw text to the same characters, whatever debris and controls surround it."""

from __future__ import annotations

import html

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from hadath.analysis import analyse
from hadath.text.normalise import matching_key, normalise

_CONTROLS = regex.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u061c]")
WORDS = [
    "وصل",
    "الوفدُ",
    "إلى",
    "القاهرة",
    "أمسِ",
    "مؤتمر",
    "الـــدولة",
    "ى",
    "١٫٥",
    "3.5",
    "Gaza",
    "، ",
    "؛",
    "«قال»",
]
CONTROLS = ["\u200b", "\u200f", "\u202b", "\u2067", "\ufeff", "\u061c", "\u200e"]
DEBRIS = [
    "https://example.com/a?b=1",
    "www.site.org",
    "<b>",
    "</p>",
    "![](x.png)",
    "[نص](http://a.b)",
    "&amp;",
    "&quot;",
    "&#1605;",
    "&nbsp;",
]
SPACES = [" ", "  ", "\t", "\u00a0", "\n", "\n\n", "\r\n", ". ", "؟ ", "! "]


@st.composite
def word_with_controls(draw: st.DrawFn) -> str:
    word = draw(st.sampled_from(WORDS))
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(word)))
        word = word[:cut] + draw(st.sampled_from(CONTROLS)) + word[cut:]
    return word


@st.composite
def scraped_text(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.one_of(word_with_controls(), st.sampled_from(DEBRIS)), max_size=40))
    text = ""
    for piece in pieces:
        text += piece + draw(st.sampled_from(SPACES))
    return text


@given(st.text())
def test_normalise_twice_is_once(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@given(st.text())
def test_matching_key_is_idempotent(text: str) -> None:
    once = matching_key(text)
    assert matching_key(once) == once


def _raw_view(raw: str) -> str:
    """What a raw slice reads as once controls are gone and entities decoded."""
    return html.unescape(_CONTROLS.sub("", raw))


@settings(max_examples=200, deadline=None)
@given(scraped_text())
def test_tokens_map_back_to_the_same_characters(text: str) -> None:
    doc = analyse(text, morphology=False)
    for token in doc.tokens:
        raw_start, raw_end = doc.raw_span(token.start, token.end)
        assert _raw_view(doc.raw_text[raw_start:raw_end]) == token.text


@settings(max_examples=200, deadline=None)
@given(scraped_text())
def test_sentences_are_trimmed_and_map_back_through_their_tokens(text: str) -> None:
    doc = analyse(text, morphology=False)
    for sentence in doc.sentences:
        assert sentence.text == doc.clean_text[sentence.start : sentence.end]
        assert sentence.tokens, sentence
        first, last = sentence.tokens[0], sentence.tokens[-1]
        assert (sentence.start, sentence.end) == (first.start, last.end)
        assert doc.raw_span(sentence.start, sentence.end) == (
            doc.raw_span(first.start, first.end)[0],
            doc.raw_span(last.start, last.end)[1],
        )


@settings(max_examples=200, deadline=None)
@given(scraped_text())
def test_clean_text_has_no_controls_or_odd_whitespace(text: str) -> None:
    doc = analyse(text, morphology=False)
    clean = doc.clean_text
    assert not _CONTROLS.search(clean)
    assert "  " not in clean and "\t" not in clean and "\u00a0" not in clean
    assert all(line == line.strip() and line for line in clean.split("\n")) or not clean
    for index, char in enumerate(clean):
        raw_start, raw_end = doc.raw_span(index, index + 1)
        assert char in _raw_view(doc.raw_text[raw_start:raw_end]) or char in " \n"
