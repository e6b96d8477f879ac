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
from typing import NamedTuple

from hadath.dictionaries.loader import Dictionaries, KeyMatch
from hadath.model import Token
from hadath.text.normalise import matching_key

ARTICLE = "ال"


def host_key(token: Token) -> str:
    """The token without و ف ب ل ك س and pronoun suffixes, keeping the article: والجهاد → الجهاد."""
    return host_key_of(token.key, token.stem, ARTICLE in token.proclitics)


def host_key_of(key: str, stem: str, article: bool) -> str:
    """`host_key` from a token's parts: its key, its stem and whether it has the article."""
    if not stem:
        return key
    return ARTICLE + matching_key(stem) if article else matching_key(stem)


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


class _Forms(NamedTuple):
    """What one token can be matched by; computed once per sentence (a named tuple: built
    for every token, and a frozen dataclass took three times as long to build)."""

    key: str
    host: str
    lemmas: tuple[str, ...]  # the lemma with the token's article, and bare, for agents
    wordlike: bool
    coordinated: bool
    function_word: bool  # the analyser reads it as a preposition, adverb or particle


#: Parts of speech no title or role word has: "أمام" (in front of, ADV) is keyed as "إمام"
#: (imam) once the hamza is folded, and starts no agent phrase.
FUNCTION_POS = frozenset({"ADV", "ADP", "PART", "CCONJ", "SCONJ", "PRON", "DET", "AUX"})


def _forms(token: Token, host: str) -> _Forms:
    bare = lemma = ""
    if token.lemma and token.kind == "word":  # lemma_key, with one matching_key call
        bare = matching_key(token.lemma)
        lemma = ARTICLE + bare if ARTICLE in token.proclitics else bare
    return _Forms(
        token.key,
        host,
        (lemma,) if not bare or bare == lemma else (lemma, bare),
        token.kind in ("word", "latin"),
        _coordinated(token),
        token.pos in FUNCTION_POS,
    )


def _coordinated(token: Token) -> bool:
    return bool(token.proclitics) and token.proclitics[0] in ("و", "ف")


def _usable(
    matches: tuple[KeyMatch, ...], via_lemma: bool, function_word: bool
) -> tuple[KeyMatch, ...]:
    if via_lemma:
        matches = tuple(m for m in matches if m.section == "agent")
    if function_word:
        matches = tuple(m for m in matches if m.section != "agent")
    return matches


def find_hits(
    tokens: Sequence[Token], dictionaries: Dictionaries, hosts: Sequence[str] | None = None
) -> list[PhraseHit]:
    """Non-overlapping dictionary hits, longest first, scanning left to right.

    `hosts`: the tokens' `host_key`s, when the caller has them already.
    """
    if hosts is None:
        hosts = [host_key(token) for token in tokens]
    forms = [_forms(token, host) for token, host in zip(tokens, hosts, strict=True)]
    prefixes = dictionaries.key_prefixes
    hits: list[PhraseHit] = []
    index = 0
    while index < len(tokens):
        first = forms[index]
        # Most words start no dictionary name: one look-up per form settles them.
        starts = first.wordlike and (
            first.key in prefixes or first.host in prefixes or not prefixes.isdisjoint(first.lemmas)
        )
        hit = _longest_hit_at(forms, index, dictionaries) if starts else None
        if hit is None:
            index += 1
            continue
        hits.append(hit)
        index = hit.last + 1
    return hits


def _starts(first: _Forms) -> list[tuple[str, bool, bool]]:
    """(first-word key, followed by hosts?, via lemma?) in the order a tie is broken.

    Inside a phrase a و or ف on a later word is coordination ("حماس والجهاد" is two actors),
    so host forms stop there; the written form (all words as written) still matches names
    that contain the conjunction or a preposition themselves ("مجلس التعاون لدول الخليج").
    """
    starts = [(first.key, False, False), (first.host, True, False), (first.key, True, False)]
    starts += [(lemma, True, True) for lemma in first.lemmas]
    return starts


def _longest_hit_at(
    forms: Sequence[_Forms], index: int, dictionaries: Dictionaries
) -> PhraseHit | None:
    if not forms[index].wordlike:
        return None
    prefixes, best = dictionaries.key_prefixes, None
    for order, (head, hosts, via_lemma) in enumerate(_starts(forms[index])):
        key, last = head, index
        while key in prefixes:
            matches = _usable(dictionaries.keys.get(key, ()), via_lemma, forms[index].function_word)
            size = last - index + 1
            if matches and (best is None or (size, -order) > (best[0], -best[1])):
                best = (size, order, PhraseHit(index, last, key, matches, via_lemma))
            following = last + 1
            if following >= len(forms) or not forms[following].wordlike:
                break
            if hosts and forms[following].coordinated:
                break
            key = f"{key} {forms[following].host if hosts else forms[following].key}"
            last = following
    return best[2] if best else None
