"""Tokens: one regex pass over each sentence, with offsets into the clean text.

farahidi's own tokeniser drops digits and punctuation and returns no offsets (NOTES.md), so
hadath tokenises itself. Kinds: `word` (Arabic letters with their diacritics and tatweel),
`latin` (words in another script, mostly Latin), `number` (Western, Arabic-Indic or Persian
digits with internal . , ٫ ٬ separators), `punct`, `symbol`. One compiled pattern and
`finditer` keep the loop per token, not per character.
"""

from __future__ import annotations

import functools

import regex

from hadath.model import Document, Token
from hadath.text.normalise import matching_key, normalise

_TOKEN = regex.compile(
    r"(?V1)"
    r"(?P<number>\d+(?:[.,٫٬]\d+)*)"
    r"|(?P<word>[\p{Script=Arabic}&&\p{L}][[\p{Script=Arabic}&&\p{L}]\p{Mn}\u0640]*)"
    r"|(?P<latin>\p{L}[\p{L}\p{Mn}]*(?:['’\-][\p{L}]+)*)"
    r"|(?P<punct>(?P<mark>\p{P})(?P=mark)*)"
    r"|(?P<symbol>\S)"
)

#: Normalised form of a token text, cached per type: news repeats a small vocabulary.
cached_normalise = functools.lru_cache(maxsize=200_000)(normalise)


def tokenise(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of `text[start:end]`, with offsets into `text`."""
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN.finditer(text, start, len(text) if end is None else end):
        surface = match.group()
        append(
            Token(
                surface,
                match.start(),
                match.end(),
                match.lastgroup or "symbol",
                cached_normalise(surface),
                matching_key(surface),
            )
        )
    return tokens


def tokenise_document(doc: Document) -> Document:
    """Fill `tokens` of every sentence of `doc`."""
    text = doc.clean_text
    for sentence in doc.sentences:
        sentence.tokens = tokenise(text, sentence.start, sentence.end)
    return doc
