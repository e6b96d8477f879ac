"""A light tokeniser for place matching without the morphology stage.

It splits words and strips the proclitics a place name can carry (و or ف, then ب or ل, then ال),
keeping at least three letters of stem. The full pipeline gives tokens from the morphology
analyser instead; this exists for scripts, benchmarks and `find_places_in_text`, where loading
the analyser would cost more than the matching.
"""

from __future__ import annotations

import regex

from hadath.model import Token
from hadath.text.normalise import matching_key, normalise

_TOKEN = regex.compile(r"\p{Arabic}+|\d+(?:[.,]\d+)*|[\p{L}\p{N}]+|\S")
# ك ("like") and ف before anything but ال are left on: before a place name they are rare,
# while stripping them made false stems of common words (كبيرا -> بيرا, فورا -> ورا).
_PROCLITICS = regex.compile(
    r"^(?:(?P<conj>و|ف(?=ال))?(?P<prep>[بل])?(?P<article>ال)?)(?P<stem>.+)$"
)
MIN_STEM_LETTERS = 3


def light_tokens(text: str) -> list[Token]:
    tokens = []
    for found in _TOKEN.finditer(text):
        word = found.group()
        norm = normalise(word)
        token = Token(text=word, start=found.start(), end=found.end(), norm=norm)
        token.key = matching_key(norm)
        if regex.match(r"\p{Arabic}", word):
            _split_proclitics(token)
        else:
            token.kind = _kind_of(word)
        tokens.append(token)
    return tokens


def _split_proclitics(token: Token) -> None:
    parts = _PROCLITICS.match(token.norm)
    if parts is None:
        return
    clitics = [parts.group(name) for name in ("conj", "prep", "article") if parts.group(name)]
    stem = parts.group("stem")
    # ل + ال is written لل ("للقاهرة"): the regex reads it as ل then a stem starting with ل.
    if parts.group("prep") == "ل" and not parts.group("article") and stem.startswith("ل"):
        clitics.append("ال")
        stem = stem[1:]
    if clitics and len(stem) >= MIN_STEM_LETTERS:
        token.proclitics = clitics
        token.stem = stem


def _kind_of(word: str) -> str:
    if word[0].isdigit():
        return "number"
    return "punct" if len(word) == 1 and not word.isalnum() else "latin"
