"""Sentence splitting on the clean text: . ! ? ؟ … and line breaks, never ، or ؛.

، and ؛ are clause breaks in Arabic news, not sentence breaks: the sentence splitters of
pyarabic and farahidi split at ، and gave 30 pieces for the 10-sentence seed (NOTES.md).
No split inside numbers (3.5 has no space after its dot; ١٫٥ uses the Arabic decimal
separator), after abbreviations (a single letter and a dot: "د. محمد", "U.S."), or inside
a quotation «...» / "..." — a terminator followed by a closing quote ends the sentence
after the quote.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import regex

from hadath.model import Document, Sentence, Span
from hadath.text.normalise import TATWEEL
from hadath.yamlio import load_yaml

_TERMINATOR = regex.compile(r"(?:[.!?؟…]+|\.{3})[»\"”’')\]]*")
_QUOTATION = regex.compile(r"«[^«»\n]*»|“[^“”\n]*”|\"[^\"\n]*\"")
_WORD_BEFORE = regex.compile(r"(\w+)\W*$")
_NUMBER_BEFORE_WORD = regex.compile(r"\d\s*\w+$")
_ARABIC_LETTER = regex.compile(r"(?V1)[\p{Script=Arabic}&&\p{L}]")
_HAS_WORD = regex.compile(r"\w")


@dataclass(frozen=True, slots=True)
class Abbreviations:
    words: frozenset[str]  # without the dot, tatweel removed
    era_markers: frozenset[str]

    def blocks_split(self, text_before: str) -> bool:
        """Does the dot that follows `text_before` belong to an abbreviation?"""
        match = _WORD_BEFORE.search(text_before[-40:])
        if match is None:
            return False
        word = match.group(1).replace(TATWEEL, "")
        if len(word) == 2 and word[0] in "وف":
            word = word[1:]  # "وم. خالد": the conjunction on an abbreviation
        if word in self.era_markers and _NUMBER_BEFORE_WORD.search(text_before[-40:]):
            return False  # "عام 1948 م." may end a sentence
        return (len(word) == 1 and not word.isdigit()) or word in self.words


@functools.lru_cache(maxsize=1)
def load_abbreviations() -> Abbreviations:
    path = resources.files("hadath").joinpath("data/text/abbreviations.yaml")
    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    words = [str(w) for key in ("latin", "arabic") for w in data.get(key, []) or []]
    markers = [str(w) for w in data.get("era_markers", []) or []]
    return Abbreviations(
        words=frozenset(w.replace(TATWEEL, "") for w in words),
        era_markers=frozenset(m.replace(TATWEEL, "") for m in markers),
    )


def split_sentences(doc: Document, abbreviations: Abbreviations | None = None) -> Document:
    """Fill `doc.sentences` from `doc.clean_text`, paragraph by paragraph."""
    abbreviations = abbreviations or load_abbreviations()
    text = doc.clean_text
    paragraphs = doc.paragraphs or ([Span(0, len(text))] if text else [])
    sentences: list[Sentence] = []
    for paragraph in paragraphs:
        for start, end in sentence_spans(text, paragraph.start, paragraph.end, abbreviations):
            sentences.append(Sentence(len(sentences) + 1, start, end, text[start:end]))
    doc.sentences = sentences
    return doc


def sentence_spans(
    text: str, start: int, end: int, abbreviations: Abbreviations
) -> list[tuple[int, int]]:
    """Trimmed `(start, end)` spans of the sentences in `text[start:end]` (one paragraph)."""
    quotations = [m.span() for m in _QUOTATION.finditer(text, start, end)]
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for match in _TERMINATOR.finditer(text, start, end):
        if _is_boundary(text, match, end, quotations, abbreviations):
            _append_trimmed(spans, text, sentence_start, match.end())
            sentence_start = match.end()
    _append_trimmed(spans, text, sentence_start, end)
    return spans


def _is_boundary(
    text: str,
    match: regex.Match[str],
    paragraph_end: int,
    quotations: list[tuple[int, int]],
    abbreviations: Abbreviations,
) -> bool:
    after = match.end()
    for quote_start, quote_end in quotations:
        if quote_start < match.start() < quote_end and after < quote_end:
            return False  # inside a quotation that goes on after this terminator
    single_dot = match.group().startswith(".") and not match.group().startswith("..")
    if single_dot and abbreviations.blocks_split(text[max(0, match.start() - 40) : match.start()]):
        return False
    if after >= paragraph_end or text[after].isspace():
        return True
    # Scraped Arabic often drops the space after a full stop ("الماضي.وقال"): an Arabic
    # letter right after the terminator still starts a new sentence. Latin letters or digits
    # there are a URL, a decimal or an initialism.
    return _ARABIC_LETTER.match(text, after) is not None


def _append_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return
    if not _HAS_WORD.search(text, start, end) and spans:
        spans[-1] = (spans[-1][0], end)  # stray punctuation joins the sentence before it
        return
    spans.append((start, end))
