"""Longest-match lookup of dictionary phrases over a sentence's tokens.

Dictionary names are keyed by `phrase_key` of their citation form ("الجهاد الإسلامي", "مصر").
Running text carries clitics ("والجهاد", "بحماس", "لحركة"), so each token offers a few
candidate word keys: its stem with the article kept (و+ال+جهاد → الجهاد), its whole key, and
for titles and roles its lemma ("قادة" → قائد, "مسؤولي" → مسؤول), because agent lists give
the singular. Lemmas are tried for agents only: "دور" has the lemma دار (house), and a
lemma-keyed place or name lookup would turn ordinary nouns into actors.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hadath.dictionaries.loader import Dictionaries, KeyMatch
from hadath.model import Token
from hadath.text.normalise import matching_key

ARTICLE = "ال"


def host_key(token: Token) -> str:
    """The token without و ف ب ل ك س and pronoun suffixes, keeping the article: والجهاد → الجهاد."""
    if not token.stem:
        return token.key
    stem = matching_key(token.stem)
    return ARTICLE + stem if ARTICLE in token.proclitics else stem


def lemma_key(token: Token) -> str:
    """The lemma keyed, with the token's article: قادة → قايد, المسؤولين → المسوول."""
    if not token.lemma or token.kind != "word":
        return ""
    lemma = matching_key(token.lemma)
    return ARTICLE + lemma if ARTICLE in token.proclitics else lemma


def word_forms(token: Token) -> tuple[str, ...]:
    forms = [host_key(token)]
    if token.key != forms[0]:
        forms.append(token.key)
    return tuple(forms)


@dataclass(frozen=True, slots=True)
class PhraseHit:
    """Tokens `[first, last]` of a sentence name dictionary entries."""

    first: int  # index into the sentence's tokens
    last: int  # inclusive
    key: str
    matches: tuple[KeyMatch, ...]
    via_lemma: bool = False

    @property
    def size(self) -> int:
        return self.last - self.first + 1


def _candidate_keys(tokens: Sequence[Token], first: int, size: int) -> list[tuple[str, bool]]:
    """Keys for tokens[first:first+size]: as written, by hosts, and lemma-headed for agents.

    Inside a phrase a و or ف on a later word is coordination ("حماس والجهاد" is two actors),
    so host forms stop there; the written form still matches names that contain the
    conjunction or a preposition themselves ("مجلس التعاون لدول الخليج العربية").
    """
    words = tokens[first : first + size]
    if any(token.kind not in ("word", "latin") for token in words):
        return []
    keys: list[tuple[str, bool]] = [(" ".join(t.key for t in words), False)]
    if any(_coordinated(t) for t in words[1:]):
        return keys
    hosts = [host_key(t) for t in words]
    for variant in (" ".join(hosts), " ".join([words[0].key, *hosts[1:]])):
        if all(variant != key for key, _ in keys):
            keys.append((variant, False))
    lemma = lemma_key(words[0])
    if lemma:
        keys.append((" ".join([lemma, *hosts[1:]]), True))
        bare_lemma = matching_key(words[0].lemma)
        if bare_lemma != lemma:
            keys.append((" ".join([bare_lemma, *hosts[1:]]), True))
    return keys


def _coordinated(token: Token) -> bool:
    return bool(token.proclitics) and token.proclitics[0] in ("و", "ف")


def _usable(matches: tuple[KeyMatch, ...], via_lemma: bool) -> tuple[KeyMatch, ...]:
    return tuple(m for m in matches if m.section == "agent") if via_lemma else matches


def find_hits(tokens: Sequence[Token], dictionaries: Dictionaries) -> list[PhraseHit]:
    """Non-overlapping dictionary hits, longest first, scanning left to right."""
    hits: list[PhraseHit] = []
    index = 0
    longest = dictionaries.max_key_words
    while index < len(tokens):
        hit = _longest_hit_at(tokens, index, longest, dictionaries)
        if hit is None:
            index += 1
            continue
        hits.append(hit)
        index = hit.last + 1
    return hits


def _longest_hit_at(
    tokens: Sequence[Token], index: int, longest: int, dictionaries: Dictionaries
) -> PhraseHit | None:
    for size in range(min(longest, len(tokens) - index), 0, -1):
        for key, via_lemma in _candidate_keys(tokens, index, size):
            matches = _usable(dictionaries.keys.get(key, ()), via_lemma)
            if matches:
                return PhraseHit(index, index + size - 1, key, matches, via_lemma)
    return None
