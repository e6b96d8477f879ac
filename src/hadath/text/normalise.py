"""Normalisation for matching. The text shown to users is never changed; these are keys.

Two levels:

* `normalise` — presentation forms (NFKC), Arabic-Indic and Persian digits to Western,
  tatweel and diacritics removed. Reversible enough to read; used for lemmas and display keys.
* `matching_key` — `normalise` plus the spelling variation Arabic news shows for one word:
  أ إ آ ٱ → ا, ى → ي, ة → ه, ؤ → و, ئ → ي. Dictionaries and gazetteers are indexed by it.
"""

from __future__ import annotations

import functools
import re
import unicodedata

TATWEEL = "\u0640"
# Harakat, tanwin, shadda, sukun, superscript alef, Quranic marks: none changes which word it is
# in news prose, and writers use them inconsistently.
DIACRITICS = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06DD)]
    + [chr(c) for c in range(0x06DF, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
)
_DIGITS = {ord(a): str(i) for i, a in enumerate("٠١٢٣٤٥٦٧٨٩")} | {
    ord(p): str(i) for i, p in enumerate("۰۱۲۳۴۵۶۷۸۹")
}
_DROP = {ord(c): None for c in DIACRITICS | {TATWEEL}}
_PRESENTATION = _DIGITS | _DROP | {ord("\u066b"): ".", ord("\u066c"): ","}
_KEY_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ی": "ي",
        "ک": "ك",
    }
)


# NFKC is slow on long strings; only presentation forms (FB00-FFFF) and enclosed
# alphanumerics need it, and they are rare in modern news. A regex finds them at C speed.
_NEEDS_NFKC = re.compile("[\ufb00-\uffff\u2460-\u24ff\U00010000-\U0010ffff]")


def needs_nfkc(text: str) -> bool:
    return _NEEDS_NFKC.search(text) is not None


def normalise(text: str) -> str:
    """NFKC where needed, Western digits, no tatweel, no diacritics. Idempotent."""
    if needs_nfkc(text):
        text = unicodedata.normalize("NFKC", text)
    text = text.translate(_PRESENTATION)
    # NFKC may itself produce diacritics (ﹰ → U+064B), so strip after it, never before.
    return text


def text_key(text: str) -> str:
    """`normalise` plus unified alef/hamza forms, ى/ي, ة/ه. Idempotent. Uncached: for long
    texts (a sentence), where `matching_key`'s cache would only fill up."""
    return normalise(text).translate(_KEY_LETTERS)


#: `text_key` cached, for words and names, which repeat.
matching_key = functools.lru_cache(maxsize=200_000)(text_key)


def strip_diacritics(text: str) -> str:
    return text.translate(_DROP)


def phrase_key(text: str) -> str:
    """Matching key of a multi-word phrase: words keyed, joined by single spaces."""
    return " ".join(matching_key(word) for word in text.split())
