"""Matching coded events to the expected events of a YAML gold article.

An expected event is found by a coded event whose root is one of its `cameo_root`s, whose
source and target actor codes contain one of the listed fragments (HMS in PSEREBHMS; either
direction when symmetric), and whose location, date and modality flags agree when the gold
gives them. Matching is one-to-one and greedy over all matching pairs, best pairs first: same
sentence as the gold says, then the more confident coded event, then document order, so the
result does not depend on the order of the expected list beyond ties.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from hadath.evaluation.gold import ArticleGold, DateWindow, ExpectedEvent
from hadath.evaluation.predictions import PredictedEvent, Prediction
from hadath.text.normalise import matching_key

# Proclitics that may be glued to a place name in the text: بالقاهرة, وفي -> not "في".
_PLACE_PROCLITICS = frozenset("وفبلك")


def codes_contain(codes: Sequence[str], fragments: Sequence[str]) -> bool:
    """True when no fragment is asked for, or some code contains some fragment."""
    if not fragments:
        return True
    return any(fragment.upper() in code.upper() for code in codes for fragment in fragments)


def orientation_scores(expected: ExpectedEvent, event: PredictedEvent) -> tuple[bool, bool]:
    """(source right, target right), in the better direction when the event is symmetric."""
    straight = (
        codes_contain(event.source_codes, expected.source),
        codes_contain(event.target_codes, expected.target),
    )
    if not expected.symmetric:
        return straight
    swapped = (
        codes_contain(event.target_codes, expected.source),
        codes_contain(event.source_codes, expected.target),
    )
    return max(straight, swapped, key=sum)


def place_matches(wanted: Sequence[str], names: Sequence[str]) -> bool:
    if not wanted:
        return True
    wanted_keys = {matching_key(w).casefold() for w in wanted}
    for name in names:
        key = matching_key(name).casefold()
        for want in wanted_keys:
            prefix = key.removesuffix(want)
            if key.endswith(want) and len(prefix) <= 2 and set(prefix) <= _PLACE_PROCLITICS:
                return True
    return False


def event_window(value: str | None) -> DateWindow | None:
    if not value:
        return None
    first, _, last = value.partition("/")
    try:
        start = dt.date.fromisoformat(first[:10])
        end = dt.date.fromisoformat(last[:10]) if last else start
    except ValueError:
        return None
    return DateWindow(start, end) if start <= end else None


def date_matches(wanted: DateWindow | None, value: str | None) -> bool:
    """The coded date (a day or a range) lies inside the gold day or window."""
    if wanted is None:
        return True
    coded = event_window(value)
    return coded is not None and wanted.contains(coded)


def modality_matches(expected: ExpectedEvent, event: PredictedEvent) -> bool:
    return all((flag in event.modality) == value for flag, value in expected.modality)


def event_matches(expected: ExpectedEvent, event: PredictedEvent) -> bool:
    return (
        event.root in expected.cameo_roots
        and all(orientation_scores(expected, event))
        and place_matches(expected.location, event.location_names)
        and date_matches(expected.date, event.date)
        and modality_matches(expected, event)
    )


def root_matches(expected: ExpectedEvent, event: PredictedEvent) -> bool:
    return event.root in expected.cameo_roots


@dataclass(frozen=True, slots=True)
class Pair:
    expected: ExpectedEvent
    event: PredictedEvent


def greedy_pairs(
    expected: Sequence[ExpectedEvent],
    events: Sequence[PredictedEvent],
    taken: set[int],
    accept: Callable[[ExpectedEvent, PredictedEvent], bool],
) -> list[Pair]:
    """One-to-one pairs, best first; `taken` (event indexes) is updated in place."""
    candidates = [
        (e.sentence is not None and e.sentence != ev.sentence, -ev.confidence, i, j)
        for i, e in enumerate(expected)
        for j, ev in enumerate(events)
        if j not in taken and accept(e, ev)
    ]
    used_expected: set[int] = set()
    pairs: list[tuple[int, Pair]] = []
    for _mismatch, _confidence, i, j in sorted(candidates):
        if i in used_expected or j in taken:
            continue
        used_expected.add(i)
        taken.add(j)
        pairs.append((i, Pair(expected[i], events[j])))
    return [pair for _i, pair in sorted(pairs, key=lambda p: p[0])]


@dataclass(slots=True)
class ArticleMatch:
    """How one article's coded events met its gold."""

    article: ArticleGold
    prediction: Prediction
    matched: list[Pair] = field(default_factory=list)
    missed: list[ExpectedEvent] = field(default_factory=list)
    optional: list[Pair] = field(default_factory=list)
    false_positives: list[PredictedEvent] = field(default_factory=list)
    tolerated: list[PredictedEvent] = field(default_factory=list)  # unmatched, not FP roots
    root_pairs: list[Pair] = field(default_factory=list)  # root-only matching, for diagnosis


def match_article(article: ArticleGold, prediction: Prediction) -> ArticleMatch:
    events = prediction.events
    taken: set[int] = set()
    matched = greedy_pairs(article.expected, events, taken, event_matches)
    optional = greedy_pairs(article.optional, events, taken, event_matches)
    found = {id(pair.expected) for pair in matched}
    result = ArticleMatch(article, prediction, matched=matched, optional=optional)
    result.missed = [e for e in article.expected if id(e) not in found]
    for index, event in enumerate(events):
        if index in taken:
            continue
        if event.root in article.false_positive_roots:
            result.false_positives.append(event)
        else:
            result.tolerated.append(event)
    result.root_pairs = greedy_pairs(article.expected, events, set(), root_matches)
    return result
