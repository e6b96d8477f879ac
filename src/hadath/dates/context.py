"""What every date rule sees: the folded text, the calendar words, the publication date."""

from __future__ import annotations

import datetime as dt

import regex

from hadath.dates.calendar_math import DateRange
from hadath.dates.folding import FOLDED_AWAY, FoldedText, fold
from hadath.dates.lexicon import CalendarWords
from hadath.dates.mention import DateMention


class MatchContext:
    __slots__ = ("folded", "original", "published", "words")

    def __init__(self, original: str, published: dt.date | None, words: CalendarWords):
        self.original = original
        self.folded: FoldedText = fold(original)
        self.published = published
        self.words = words

    def mention(
        self,
        match: regex.Match[str],
        rule: str,
        granularity: str,
        value: dt.date | None = None,
        span: DateRange | None = None,
        *,
        weekday: int | None = None,
        lag: int = 0,
    ) -> DateMention:
        """A mention covering the match (trailing spaces trimmed), in original offsets."""
        end = match.start() + len(match.group().rstrip())
        start, end = self.folded.span(match.start(), end)
        # Diacritics and tatweel folded away at the end still belong to the word: "غداً", "هـ".
        while end < len(self.original) and self.original[end] in FOLDED_AWAY:
            end += 1
        return DateMention(
            start, end, self.original[start:end], value, span, granularity, rule, weekday, lag
        )


def words_of(text: str | None) -> str:
    """A matched phrase with its inner whitespace collapsed: the form the word tables use."""
    return " ".join(text.split()) if text else ""
