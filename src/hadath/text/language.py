"""Is a paragraph Arabic? Script counts first, language identification only where it helps.

Only Arabic written in Arabic script counts (Modern Standard Arabic and Egyptian, which
py3langid reports as `arz`). Persian and Urdu share the script, so a long Arabic-script
paragraph goes to py3langid; a short one (a dateline, a caption) is judged by its letters,
because language identification on a handful of words is noise.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

_LETTER = regex.compile(r"\p{L}")
_ARABIC_LETTER = regex.compile(r"(?V1)[\p{Script=Arabic}&&\p{L}]")
# Letters of Persian, Urdu, Pashto, Kurdish... that the Arabic alphabet does not use
# (پ چ ژ گ ک ی ٹ ڈ ڑ ں ے ہ ۀ ...): the evidence that backs a non-Arabic py3langid verdict.
_NON_ARABIC_ALPHABET = regex.compile(r"[\u0679-\u06bf\u06c0-\u06d3\u06cc\u06a9\u06af]")
ARABIC_LANGUAGES = frozenset({"ar", "arz"})


@dataclass(frozen=True, slots=True)
class LanguageOptions:
    #: Below this many characters, a majority of Arabic letters is enough.
    short_paragraph_chars: int = 60


def is_arabic_paragraph(text: str, options: LanguageOptions | None = None) -> bool:
    options = options or LanguageOptions()
    arabic = len(_ARABIC_LETTER.findall(text))
    if arabic == 0 or 2 * arabic <= len(_LETTER.findall(text)):
        return False
    if len(text) < options.short_paragraph_chars:
        return True
    import py3langid

    language, _score = py3langid.classify(text)
    if language in ARABIC_LANGUAGES:
        return True
    # An Arabic-majority paragraph py3langid calls English (many Latin names) is still Arabic;
    # one it calls Persian or Urdu is dropped only when it has letters Arabic does not use.
    return _NON_ARABIC_ALPHABET.search(text) is None
