"""Is a paragraph Arabic? Script counts first, language identification only where it helps.

Only Arabic written in Arabic script counts (Modern Standard Arabic and Egyptian, which
py3langid reports as `arz`). A paragraph whose letters are mostly Latin (or another script)
is not Arabic. Persian, Urdu, Pashto and Kurdish share the Arabic script but always use
letters the Arabic alphabet lacks (ی ک گ پ چ ژ ے ...), so py3langid is only asked about
long paragraphs that contain such letters: asking it about every paragraph took half of the
cleaning time (0.5 ms per paragraph on SaudiNewsNet) and could only err on plain Arabic. A
short paragraph (a dateline, a caption) is judged by its letters alone, because language
identification on a handful of words is noise.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

_ARABIC_LETTER = regex.compile(r"(?V1)[\p{Script=Arabic}&&\p{L}]")
_OTHER_LETTER = regex.compile(r"(?V1)[\p{L}--\p{Script=Arabic}]")
# Arabic-script letters outside the Arabic alphabet (Persian, Urdu, Pashto, Kurdish ...):
# U+0679-U+06D3 holds them all (ی U+06CC, ک U+06A9, گ U+06AF, پ U+067E, ے U+06D2 ...).
_NON_ARABIC_ALPHABET = regex.compile(r"[\u0679-\u06d3]")
ARABIC_LANGUAGES = frozenset({"ar", "arz"})


@dataclass(frozen=True, slots=True)
class LanguageOptions:
    #: Below this many characters, a majority of Arabic letters is enough.
    short_paragraph_chars: int = 60


def is_arabic_paragraph(text: str, options: LanguageOptions | None = None) -> bool:
    options = options or LanguageOptions()
    if _ARABIC_LETTER.search(text) is None:
        return False
    others = len(_OTHER_LETTER.findall(text))  # few in Arabic text: a cheap count first
    if others and len(_ARABIC_LETTER.findall(text)) <= others:
        return False
    if len(text) < options.short_paragraph_chars or not _NON_ARABIC_ALPHABET.search(text):
        return True
    import py3langid

    language, _score = py3langid.classify(text)
    return language in ARABIC_LANGUAGES
