"""Resolve Arabic date expressions against the publication date.

Each rule family is one regular expression over the folded text (folding.py) and one
function turning its match into a `DateMention`; overlapping candidates keep the longest
("15 آذار/مارس 2024" beats "آذار"). Relative expressions without a publication date are
still reported, unresolved, so the caller can see them.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator

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
    key = (text, published)
    found = _RESOLVED.get(key)
    if found is None:
        found = _resolve(text, published)
        _RESOLVED.put(key, len(text), found)
    return list(found)


class _ResolutionCache:
    """`(text, day) -> mentions`, least recently used first out, bounded by the characters
    of the texts it holds rather than by their number."""

    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars
        self._entries: OrderedDict[tuple[str, dt.date | None], tuple[DateMention, ...]] = (
            OrderedDict()
        )
        self._chars = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[str, dt.date | None]) -> tuple[DateMention, ...] | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(
        self, key: tuple[str, dt.date | None], chars: int, value: tuple[DateMention, ...]
    ) -> None:
        with self._lock:
            if key in self._entries or chars > self.max_chars:
                return
            self._entries[key] = value
            self._chars += chars
            while self._chars > self.max_chars:
                (old, _), _ = self._entries.popitem(last=False)
                self._chars -= len(old)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._chars = 0


# The entity stage resolves every sentence twice (for the article's reference day, then
# against it) and the event stage twice again (events/placing.py): one cache serves all four
# passes when it holds a whole document. Ingest cuts documents at 5 M characters
# (hadath.ingest.report.MAX_DOCUMENT_CHARS). A cache of 4,096 sentences was emptied by a long
# document before its next pass began, so a 2 MB news text resolved each sentence four times:
# dates took 20% of its time against 4% at 0.5 MB (py-spy, bench/scaling.py's news kind).
# Holding 6 M characters costs ~30 MB at most.
_RESOLVED = _ResolutionCache(max_chars=6_000_000)


def _resolve(text: str, published: dt.date | None) -> tuple[DateMention, ...]:
    words, patterns = default_lexicon()
    context = MatchContext(text, published, words)
    folded = context.folded.text
    anchored = _AnchorCheck(folded, patterns.anchors)
    candidates = [
        mention
        for family, pattern, rule in _rules(patterns)
        if anchored(family)
        for match in pattern.finditer(folded)
        if match.group().strip()
        for mention in [rule(match, context)]
        if mention is not None
    ]
    return tuple(_without_overlaps(candidates))


def article_reference_date(texts: Iterable[str], published: dt.date | None) -> dt.date | None:
    """The day the article was written, which relative dates resolve against.

    The archive's day (SaudiNewsNet's `date_extracted`) can follow it by a day or more; the
    article says so when a day word and its weekday disagree with that day ("اليوم السبت" in
    an article dated Sunday). When most such pairs of the article name the same earlier day,
    that day is the reference; otherwise, and when the article has none, the archive's day.
    """
    if published is None:
        return None
    lags = Counter(
        mention.lag
        for text in texts
        for mention in resolve_dates(text, published)
        if mention.rule == "relative-day-weekday"
    )
    if not lags:
        return published
    lag, count = lags.most_common(1)[0]
    if lag == 0 or count * 2 <= sum(lags.values()):
        return published
    return published - dt.timedelta(days=lag)


class _AnchorCheck:
    """Whether a family's anchor occurs in the text; each anchor searched once per text
    (absolute and month_only share theirs)."""

    def __init__(self, text: str, anchors: dict[str, regex.Pattern[str]]) -> None:
        self._text = text
        self._anchors = anchors
        self._found: dict[regex.Pattern[str], bool] = {}

    def __call__(self, family: str) -> bool:
        anchor = self._anchors.get(family)
        if anchor is None:
            return True
        found = self._found.get(anchor)
        if found is None:
            found = self._found[anchor] = anchor.search(self._text) is not None
        return found


def _rules(patterns: DatePatterns) -> Iterator[tuple[str, regex.Pattern[str], Rule]]:
    yield "absolute", patterns.absolute, rules.absolute
    yield "numeric", patterns.numeric, rules.numeric
    yield "hijri", patterns.hijri, rules.hijri
    yield "hijri_year", patterns.hijri_year, rules.hijri_year
    yield "month_only", patterns.month_only, rules.month_only
    yield "year", patterns.year, rules.year
    yield "relative_day", patterns.relative_day, rules.relative_day
    yield "ago", patterns.ago, rules.ago
    yield "some_days", patterns.some_days, rules.some_days
    yield "period", patterns.period, rules.period
    yield "weekday", patterns.weekday, rules.weekday
    yield "vague", patterns.vague, rules.vague


def _without_overlaps(candidates: list[DateMention]) -> list[DateMention]:
    """Keep the longest of overlapping candidates; among equals, the first rule's."""
    kept: list[DateMention] = []
    order = sorted(enumerate(candidates), key=lambda p: (-(p[1].end - p[1].start), p[0]))
    for _, mention in order:
        if all(mention.end <= other.start or other.end <= mention.start for other in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: (m.start, m.end))
