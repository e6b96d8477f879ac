"""Inflected forms of nationality adjectives: مصري → مصرية مصريون مصريين مصريان مصريتان …

Arabic nisba adjectives (ending in ي) inflect regularly; only the endings change. Broken
plurals (أتراك، روس) are irregular and listed by hand in a country's `adjective_forms`.
"""

from __future__ import annotations

# Appended to the stem (the adjective without its final ي). Unvocalised, the oblique masculine
# dual (مصريَّيْن) is spelled like the oblique plural (مصريِّين), so one form covers both.
# The indefinite accusative (عراقياً) is written with an alef after the ي.
_NISBA_ENDINGS = ("ي", "ية", "يون", "يين", "يان", "يتان", "يتين", "يات", "يا")
DEFINITE = "ال"


def inflect_word(word: str) -> tuple[str, ...]:
    """All regular forms of one nisba word, indefinite; a word not ending in ي is kept as is."""
    if not word.endswith("ي") or len(word) < 3:
        return (word,)
    stem = word[:-1]
    return tuple(stem + ending for ending in _NISBA_ENDINGS)


def _definite(words: list[str], inflected: list[bool]) -> str:
    # ال goes on every inflected word (الكوري الجنوبي); when the first word is a noun that is
    # not inflected (جنوب أفريقي), the article goes on it alone: الجنوب أفريقي.
    if not inflected[0]:
        return " ".join([DEFINITE + words[0], *words[1:]])
    return " ".join(DEFINITE + w if flag else w for w, flag in zip(words, inflected, strict=True))


def adjective_forms(adjective: str) -> tuple[str, ...]:
    """Indefinite and definite forms of a (possibly multi-word) nationality adjective.

    Every word ending in ي takes the same ending, so كوري جنوبي → كورية جنوبية, and never a
    mix such as كورية جنوبي.
    """
    words = adjective.split()
    if not words:
        return ()
    inflected = [w.endswith("ي") and len(w) >= 3 for w in words]
    forms: list[str] = []
    for ending_index in range(len(_NISBA_ENDINGS)):
        current = [
            inflect_word(w)[ending_index] if flag else w
            for w, flag in zip(words, inflected, strict=True)
        ]
        forms.append(" ".join(current))
        forms.append(_definite(current, inflected))
    if not any(inflected):
        forms = [adjective, _definite(words, inflected)]
    return tuple(dict.fromkeys(forms))


def irregular_forms(form: str) -> tuple[str, ...]:
    """A hand-listed extra form: inflected like the adjective if it is a nisba, else with ال."""
    if form.rsplit(maxsplit=1)[-1].endswith("ي"):
        return adjective_forms(form)
    if form.startswith(DEFINITE):
        return (form,)
    return (form, DEFINITE + form)
