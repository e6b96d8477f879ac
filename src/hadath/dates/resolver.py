"""Resolve Arabic date expressions against the publication date.

Each rule family is one regular expression over the folded text (folding.py) and one
function turning its match into a `DateMention`; overlapping candidates keep the longest
("15 آذار/مارس 2024" beats "آذار"). Relative expressions without a publication date are
still reported, unresolved, so the caller can see them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import regex

from hadath.dates import rules
from hadath.dates.context import MatchContext
from hadath.dates.lexicon import DatePatterns, default_lexicon
from hadath.dates.mention import DateMention

Rule = Callable[[regex.Match[str], MatchContext], DateMention | None]


def resolve_dates(text: str, published: dt.date | None = None) -> list[DateMention]:
    """Every date expression in `text`, resolved against `published`, in text order."""
    if not isinstance(text, str) or not text:
        return []
    words, patterns = default_lexicon()
    context = MatchContext(text, published, words)
    candidates = [
        mention
        for pattern, rule in _rules(patterns)
        for match in pattern.finditer(context.folded.text)
        if match.group().strip()
        for mention in [rule(match, context)]
        if mention is not None
    ]
    return _without_overlaps(candidates)


def _rules(patterns: DatePatterns) -> Iterator[tuple[regex.Pattern[str], Rule]]:
    yield patterns.absolute, rules.absolute
    yield patterns.numeric, rules.numeric
    yield patterns.hijri, rules.hijri
    yield patterns.hijri_year, rules.hijri_year
    yield patterns.month_only, rules.month_only
    yield patterns.year, rules.year
    yield patterns.relative_day, rules.relative_day
    yield patterns.ago, rules.ago
    yield patterns.some_days, rules.some_days
    yield patterns.period, rules.period
    yield patterns.weekday, rules.weekday
    yield patterns.vague, rules.vague


def _without_overlaps(candidates: list[DateMention]) -> list[DateMention]:
    """Keep the longest of overlapping candidates; among equals, the first rule's."""
    kept: list[DateMention] = []
    order = sorted(enumerate(candidates), key=lambda p: (-(p[1].end - p[1].start), p[0]))
    for _, mention in order:
        if all(mention.end <= other.start or other.end <= mention.start for other in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: (m.start, m.end))
