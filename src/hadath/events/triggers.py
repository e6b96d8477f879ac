"""Finding event triggers in a sentence: pattern words matched on lemmas and stems.

A token matches a trigger word when its lemma key, its stem key or its host key (stem with
the article) is one of the word's alternatives. Among patterns firing on the same token the
coder keeps the most specific, after `needs_context`, `veto_context` and `discard`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hadath.entities.matching import host_key
from hadath.events.patterns import Pattern, PatternSet, Trigger
from hadath.model import Token
from hadath.text.normalise import matching_key

Phrase = tuple[tuple[str, ...], ...]


def token_keys(token: Token) -> frozenset[str]:
    """Every key a token can match a trigger word by."""
    if token.kind != "word":
        return frozenset()
    keys = {token.key, host_key(token)}
    if token.stem:
        keys.add(matching_key(token.stem))
    if token.lemma:
        keys.add(matching_key(token.lemma))
    return frozenset(k for k in keys if k)


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    pattern: Pattern
    trigger: Trigger
    first: int  # token index of the trigger's first word
    last: int  # token index of its last word
    context: str | None = None  # the needs_context phrase that licensed it

    @property
    def rank(self) -> tuple[int, int, int]:
        return (
            self.pattern.specificity,
            len(self.context.split()) if self.context else 0,
            -self.first,
        )


def _pos_fits(pattern: Pattern, token: Token) -> bool:
    """A verb pattern fires on a verb reading only: "لبحث" and "ودعم" are verbal nouns."""
    if pattern.pos == "verb":
        return token.pos == "VERB"
    return token.pos != "VERB"


def _match_words(
    trigger: Trigger, keys: Sequence[frozenset[str]], first: int, max_gap: int
) -> int | None:
    """Index of the last token of `trigger` starting at `first`, or None."""
    position = first
    for word in trigger.words[1:]:
        found = None
        for candidate in range(position + 1, min(position + 2 + max_gap, len(keys))):
            if keys[candidate] & set(word):
                found = candidate
                break
        if found is None:
            return None
        position = found
    return position


def phrase_at(phrase: Phrase, keys: Sequence[frozenset[str]], start: int) -> bool:
    return all(
        start + i < len(keys) and bool(keys[start + i] & set(word)) for i, word in enumerate(phrase)
    )


def find_phrase(phrase: Phrase, keys: Sequence[frozenset[str]], start: int, stop: int) -> bool:
    return any(phrase_at(phrase, keys, i) for i in range(max(start, 0), min(stop, len(keys))))


def _context_ok(
    pattern: Pattern,
    keys: Sequence[frozenset[str]],
    present: frozenset[str],
    span: tuple[int, int],
) -> tuple[bool, str | None]:
    """Vetoes anywhere in the sentence; the needed context after the trigger's first word,
    so a subject inside a verbal phrase counts ("شنت طائرات حربية ... غارة")."""
    for phrase in pattern.veto_context:
        if present.intersection(phrase[0]) and find_phrase(phrase, keys, 0, len(keys)):
            return False, None
    if not pattern.needs_context:
        return True, None
    for phrase in pattern.needs_context:
        if find_phrase(phrase, keys, span[0] + 1, span[1] + 1 + pattern.window):
            return True, " ".join(word[0] for word in phrase)
    return False, None


def find_triggers(tokens: Sequence[Token], patterns: PatternSet) -> list[TriggerMatch]:
    """The best trigger match at each token, discard look-alikes removed, left to right."""
    keys = [token_keys(token) for token in tokens]
    present = frozenset().union(*keys)  # every key in the sentence: most vetoes are absent
    best: dict[int, TriggerMatch] = {}
    discarded: set[int] = set()
    for index in range(len(tokens)):
        candidates = {p for key in keys[index] for p in patterns.by_first_key(key)}
        for pattern in sorted(candidates, key=lambda p: p.id):
            match = _match_pattern(pattern, tokens, (keys, present), index)
            if match is None:
                continue
            if pattern.discard:
                discarded.update(range(match.first, match.last + 1))
                continue
            current = best.get(index)
            if current is None or match.rank > current.rank:
                best[index] = match
    # A look-alike cancels every coded trigger it overlaps: the sports "هجوماً" also
    # cancels "شن ... هجوماً" that starts two words earlier.
    kept = [
        m for _, m in sorted(best.items()) if not discarded.intersection(range(m.first, m.last + 1))
    ]
    return _drop_inner(kept)


def _match_pattern(
    pattern: Pattern,
    tokens: Sequence[Token],
    sentence_keys: tuple[Sequence[frozenset[str]], frozenset[str]],
    index: int,
) -> TriggerMatch | None:
    keys, present = sentence_keys
    # Discards read parts of speech too: the noun "طالب" (student) must not cancel the
    # verb "طالب" (demanded).
    if not _pos_fits(pattern, tokens[index]):
        return None
    for trigger in pattern.triggers:
        if not keys[index] & set(trigger.first_keys):
            continue
        last = _match_words(trigger, keys, index, pattern.max_gap)
        if last is None:
            continue
        ok, context = _context_ok(pattern, keys, present, (index, last))
        if ok:
            return TriggerMatch(pattern, trigger, index, last, context)
    return None


def _drop_inner(matches: list[TriggerMatch]) -> list[TriggerMatch]:
    """A multiword trigger ("عقد اجتماع") swallows the single-word trigger inside it."""
    kept: list[TriggerMatch] = []
    for match in matches:
        inside = next(
            (k for k in kept if k.first <= match.first <= k.last and len(k.trigger.words) > 1),
            None,
        )
        if inside is None:
            kept.append(match)
    return kept
