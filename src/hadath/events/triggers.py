"""Finding event triggers in a sentence: pattern words matched on lemmas and stems.

A token matches a trigger word when its lemma key, its stem key or its host key (stem with
the article) is one of the word's alternatives. Among patterns firing on the same token the
coder keeps the most specific, after `needs_context`, `veto_context` and `discard`.

A verb pattern's first word matches the token's verb readings, a noun pattern's its other
readings — every reading the analyser offers, not only the one it ranked first: out of
context "هاجمتهم" and "وقتلتهم" are ranked as nouns, yet they are the verbs هاجم and قتل.
A match made through a reading other than the first says so (`TriggerMatch.other_reading`),
for the event decision to weigh.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, replace

from hadath.entities.matching import ARTICLE, host_key_of
from hadath.events.patterns import Pattern, PatternSet, Trigger
from hadath.model import Token
from hadath.text.normalise import matching_key

Phrase = tuple[tuple[str, ...], ...]


def token_keys(token: Token) -> frozenset[str]:
    """Every key a token can match a trigger word by, from its first reading."""
    if token.kind != "word":
        return frozenset()
    return _word_keys(token.key, token.stem, token.lemma, ARTICLE in token.proclitics)


# Keys depend only on the word's form and first reading, and a news day repeats its word
# types (300 SaudiNewsNet articles: 80,607 tokens, ~12,000 types): worked out once per type.
@functools.lru_cache(maxsize=1 << 16)
def _word_keys(key: str, stem: str, lemma: str, article: bool) -> frozenset[str]:
    keys = {key, host_key_of(key, stem, article)}
    if stem:
        keys.add(matching_key(stem))
    if lemma:
        keys.add(matching_key(lemma))
    return frozenset(k for k in keys if k)


@dataclass(frozen=True, slots=True)
class ReadingKeys:
    """A token's keys by part of speech: from its first reading, and from the others."""

    verb: frozenset[str]  # keys of verb readings (the first reading's when it is a verb)
    noun: frozenset[str]  # keys of the other readings
    verb_first: bool  # is the first reading a verb?


def reading_keys(token: Token, first: frozenset[str]) -> ReadingKeys:
    """`first` is `token_keys(token)`; the other readings add their stem and lemma keys, and
    the surface keys count for each part of speech the token has a reading of."""
    word = (token.pos == "VERB", token.key, token.stem, ARTICLE in token.proclitics)
    return _reading_keys(word, first, token.readings)


@functools.lru_cache(maxsize=1 << 16)
def _reading_keys(
    word: tuple[bool, str, str, bool],
    first: frozenset[str],
    readings: tuple[tuple[str, str, str], ...],
) -> ReadingKeys:
    verb_first, key, stem, article = word
    surface = frozenset(k for k in (key, host_key_of(key, stem, article)) if k)
    verb: set[str] = set(first) if verb_first else set()
    noun: set[str] = set() if verb_first else set(first)
    for other_stem, lemma, pos in readings:
        side = verb if pos == "VERB" else noun
        if not side:
            side.update(surface)
        side.update(k for k in (matching_key(other_stem), matching_key(lemma)) if k)
    return ReadingKeys(frozenset(verb), frozenset(noun), verb_first)


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    pattern: Pattern
    trigger: Trigger
    first: int  # token index of the trigger's first word
    last: int  # token index of its last word
    context: str | None = None  # the needs_context phrase that licensed it
    other_reading: bool = False  # the first word matched a reading the analyser ranked lower

    @property
    def rank(self) -> tuple[int, int, int]:
        return (
            self.pattern.specificity,
            len(self.context.split()) if self.context else 0,
            -self.first,
        )


def _match_words(
    trigger: Trigger, keys: Sequence[frozenset[str]], first: int, max_gap: int
) -> int | None:
    """Index of the last token of `trigger` starting at `first`, or None."""
    position = first
    for word in trigger.words[1:]:
        found = None
        for candidate in range(position + 1, min(position + 2 + max_gap, len(keys))):
            if not keys[candidate].isdisjoint(word):
                found = candidate
                break
        if found is None:
            return None
        position = found
    return position


def phrase_at(phrase: Phrase, keys: Sequence[frozenset[str]], start: int) -> bool:
    return all(
        start + i < len(keys) and not keys[start + i].isdisjoint(word)
        for i, word in enumerate(phrase)
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


def find_triggers(
    tokens: Sequence[Token], patterns: PatternSet, *, other_readings: bool = True
) -> list[TriggerMatch]:
    """The best trigger match at each token, discard look-alikes removed, left to right.

    The first readings are matched first, exactly as if no other reading existed; then, with
    `other_readings`, patterns may start on another reading of a word no first-reading match
    or look-alike covers (marked `other_reading`). So the rules' own choice never changes,
    and `other_readings=False` is the rules-only coder."""
    keys = [token_keys(token) for token in tokens]
    first_only = [_first_reading_start(token, key) for token, key in zip(tokens, keys, strict=True)]
    kept, covered = _best_matches(patterns, keys, first_only, set(), other=False)
    if not other_readings or not any(token.readings for token in tokens):
        return kept
    readings = [
        reading_keys(token, key) if token.readings else None
        for token, key in zip(tokens, keys, strict=True)
    ]
    # Later words of a trigger and context phrases then match any reading too.
    all_keys = [
        key | r.verb | r.noun if r is not None else key
        for key, r in zip(keys, readings, strict=True)
    ]
    others = [
        _other_reading_start(r) if r is not None and i not in covered else {}
        for i, r in enumerate(readings)
    ]
    extra, _ = _best_matches(patterns, all_keys, others, covered, other=True)
    return sorted([*kept, *extra], key=lambda m: (m.first, m.last))


StartKeys = dict[str, frozenset[str]]  # pattern pos -> keys a pattern may start on


def _first_reading_start(token: Token, keys: frozenset[str]) -> StartKeys:
    """Parts of speech are read even by discards: the noun "طالب" (student) must not cancel
    the verb "طالب" (demanded); "لبحث" and "ودعم" are verbal nouns, not verbs."""
    return {"verb" if token.pos == "VERB" else "noun": keys}


def _other_reading_start(readings: ReadingKeys) -> StartKeys:
    """The keys of every reading, by part of speech ("تدين" is the verb دان first, and the
    verb أدان, "condemn", only in another reading)."""
    return {"verb": readings.verb, "noun": readings.noun}


def _best_matches(
    patterns: PatternSet,
    keys: Sequence[frozenset[str]],
    starts: Sequence[StartKeys],
    covered: set[int],
    *,
    other: bool,
) -> tuple[list[TriggerMatch], set[int]]:
    """(the best match at each token, the token indexes matches and look-alikes cover)."""
    present = frozenset().union(*keys)  # every key in the sentence: most vetoes are absent
    best: dict[int, TriggerMatch] = {}
    discarded: set[int] = set()
    known = _STARTING.setdefault(patterns, {})
    for index, start in enumerate(starts):
        for pattern in _starting(patterns, known, start):
            match = _match_pattern(pattern, start[pattern.pos], (keys, present), index)
            if match is None:
                continue
            if other:
                match = replace(match, other_reading=True)
            if pattern.discard:
                discarded.update(range(match.first, match.last + 1))
                continue
            current = best.get(index)
            if current is None or match.rank > current.rank:
                best[index] = match
    # A look-alike cancels every coded trigger it overlaps: the sports "هجوماً" also
    # cancels "شن ... هجوماً" that starts two words earlier.
    kept = [
        m
        for _, m in sorted(best.items())
        if not discarded.intersection(range(m.first, m.last + 1))
        and not covered.intersection(range(m.first, m.last + 1))
    ]
    kept = _drop_inner(kept)
    spans = {i for m in kept for i in range(m.first, m.last + 1)}
    return kept, covered | discarded | spans


# PatternSet -> {(pos, start keys): patterns}: most tokens start no pattern, and the others
# are few word types, each asked for its patterns over and over.
_Starts = dict[tuple[str, frozenset[str]], tuple[Pattern, ...]]
_STARTING: weakref.WeakKeyDictionary[PatternSet, _Starts] = weakref.WeakKeyDictionary()


def _starting(patterns: PatternSet, known: _Starts, start: StartKeys) -> Sequence[Pattern]:
    """The patterns that may start on a token, each once, by id (`known`: those found before)."""
    lists = []
    for pos, start_keys in start.items():
        entry = known.get((pos, start_keys))
        if entry is None:
            unique = {
                pattern.id: pattern
                for key in start_keys
                for pattern in patterns.by_first_key(key)
                if pattern.pos == pos
            }
            entry = known[(pos, start_keys)] = tuple(unique[i] for i in sorted(unique))
        if entry:
            lists.append(entry)
    if len(lists) == 1:
        return lists[0]
    # each pattern has one part of speech: two lists never share a pattern
    return sorted((p for entry in lists for p in entry), key=_pattern_id)


def _pattern_id(pattern: Pattern) -> str:
    return pattern.id


def _match_pattern(
    pattern: Pattern,
    start_keys: frozenset[str],
    sentence_keys: tuple[Sequence[frozenset[str]], frozenset[str]],
    index: int,
) -> TriggerMatch | None:
    keys, present = sentence_keys
    for trigger in pattern.triggers:
        if start_keys.isdisjoint(trigger.first_keys):
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
