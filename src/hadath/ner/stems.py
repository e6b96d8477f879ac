"""A word's stem as the recogniser keys it: the matching key without the proclitics that
are safe to take off. Every list the recogniser consults (cue words, gazetteer places, the
word table) is keyed the same way, so a word matches however it is written."""

from __future__ import annotations

import functools

from hadath.text.normalise import matching_key


@functools.lru_cache(maxsize=200_000)
def strip_proclitics(key: str) -> tuple[str, str]:
    """`(proclitics, rest)` of a keyed word: و/ف, then ب/ل/ك, then ال — cheaply.

    Conjunctions and prepositions are only stripped before ال (والقاهرة, بالقاهرة, للرئيس):
    stripping a bare initial و or ب would cut وزير, وليد, بغداد, بيروت, which are far more
    common in news than a conjunction glued to an indefinite name.
    """
    rest, taken = key, ""
    if len(rest) > 4 and rest[0] in "وف" and rest[1:3] in {"ال", "بال", "لل", "كال"}:
        taken, rest = rest[0], rest[1:]
    if len(rest) > 3 and rest.startswith("لل"):
        taken, rest = taken + "ل", "ال" + rest[2:]
    elif len(rest) > 4 and rest[0] in "بلك" and rest.startswith("ال", 1):
        taken, rest = taken + rest[0], rest[1:]
    if len(rest) > 4 and rest.startswith("ال"):
        taken, rest = taken + "ال", rest[2:]
    return taken, rest


@functools.lru_cache(maxsize=200_000)
def loose_stem(stem: str) -> str:
    """`stem` without a bare و/ف and ب/ل/ك before an indefinite word (لصربيا, وسالم,
    وبأفريقيا): often wrong (بغداد → غداد), so it is only ever an extra feature."""
    rest = stem
    if len(rest) > 3 and rest[0] in "وف":
        rest = rest[1:]
    if len(rest) > 3 and rest[0] in "بلك":
        rest = rest[1:]
    return rest


@functools.lru_cache(maxsize=200_000)
def word_stem(word: str) -> str:
    """The stem of a written word (its matching key, safe proclitics off); cached, as news
    repeats its words."""
    return strip_proclitics(matching_key(word))[1]
