"""A date expression found in text, and how an event picks the one that dates it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression at `[start, end)` of the text, resolved against the publication date.

    `value` is set when the expression names one day ("قبل يومين"); `range` when it names a
    span ("الشهر الماضي", "قبل أيام"); both are None for vague expressions ("في وقت سابق") and
    for relative ones without a publication date. `granularity` is day | week | month | year,
    or vague. `rule` names the rule that matched, for explanations. `weekday` is set on a bare
    weekday ("الثلاثاء", no الماضي/المقبل): it was resolved to the past, and an event told as
    future reads it forward. `lag` is how many days the weekday after a day word ("أمس
    الجمعة") names before the day word read against the publication date: evidence that the
    archive dated the article late.
    """

    start: int
    end: int
    text: str
    value: dt.date | None
    range: tuple[dt.date, dt.date] | None
    granularity: str
    rule: str
    weekday: int | None = None
    lag: int = 0

    @property
    def resolved(self) -> bool:
        return self.value is not None or self.range is not None

    @property
    def window(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day the expression names (one day twice for a day)."""
        if self.range is not None:
            return self.range
        return (self.value, self.value) if self.value is not None else None

    @property
    def iso(self) -> str | None:
        """ "YYYY-MM-DD", "YYYY-MM-DD/YYYY-MM-DD" (inclusive range) or None, as in Entity.value."""
        if self.value is not None:
            return self.value.isoformat()
        if self.range is not None:
            return f"{self.range[0].isoformat()}/{self.range[1].isoformat()}"
        return None


def date_for_span(
    mentions: Sequence[DateMention],
    start: int,
    end: int,
    sentence: tuple[int, int] | None = None,
) -> DateMention | None:
    """The resolved date mention closest to `[start, end)`, inside `sentence` when given.

    Distance is the gap in characters between the two spans (0 when they overlap). On a tie
    the mention before the span wins: Arabic news puts the time before the verb or right
    after it ("التقى أمس"), and the earlier one is the one the clause opened with.
    """
    best: tuple[int, int, DateMention] | None = None
    for mention in mentions:
        if not mention.resolved:
            continue
        if sentence is not None and not (
            sentence[0] <= mention.start and mention.end <= sentence[1]
        ):
            continue
        gap = max(mention.start - end, start - mention.end, 0)
        after = 1 if mention.start >= end else 0
        if best is None or (gap, after) < best[:2]:
            best = (gap, after, mention)
    return best[2] if best else None
