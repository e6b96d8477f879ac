"""Calendar arithmetic for the resolver: month shifts, week and month ranges, Hijri dates."""

from __future__ import annotations

import calendar
import datetime as dt

from hijridate import Gregorian, Hijri

DateRange = tuple[dt.date, dt.date]
# The Arab working week ends on Friday; a week range runs Saturday to Friday, so "الأسبوع
# الماضي" read on a Sunday is the Saturday-Friday week that just ended.
WEEK_START = 5  # Saturday, in Python's Monday=0 numbering


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def add_days(day: dt.date, days: int) -> dt.date | None:
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def shift_months(day: dt.date, months: int) -> dt.date | None:
    """The same day `months` later (earlier when negative), clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def month_range(year: int, month: int) -> DateRange | None:
    if not (dt.MINYEAR <= year <= dt.MAXYEAR and 1 <= month <= 12):
        return None
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def year_range(year: int) -> DateRange | None:
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def week_range(day: dt.date) -> DateRange | None:
    start = add_days(day, -((day.weekday() - WEEK_START) % 7))
    end = add_days(start, 6) if start else None
    return (start, end) if start and end else None


def nearest_past_day(published: dt.date, month: int, day: int) -> dt.date | None:
    """`day month` in the publication year, or the year before when that is still to come."""
    candidate = safe_date(published.year, month, day)
    if candidate is None or candidate > published:
        candidate = safe_date(published.year - 1, month, day)
    return candidate


def nearest_day(published: dt.date, month: int, day: int) -> dt.date | None:
    """`day month` nearest the publication date, before or after it (before on a tie)."""
    past = nearest_past_day(published, month, day)
    coming = nearest_next_day(published, month, day)
    if past is None or coming is None:
        return past or coming
    return coming if coming - published < published - past else past


def nearest_next_day(published: dt.date, month: int, day: int) -> dt.date | None:
    """`day month` after the publication date: this year's, or next year's when it has passed."""
    candidate = safe_date(published.year, month, day)
    if candidate is None or candidate <= published:
        candidate = safe_date(published.year + 1, month, day)
    return candidate


def nearest_past_month(published: dt.date, month: int, *, strictly: bool = False) -> int:
    """The year of the latest `month` on or before the publication month (before, if strict)."""
    if month < published.month or (month == published.month and not strictly):
        return published.year
    return published.year - 1


def weekday_on_or_before(day: dt.date, weekday: int, *, strictly: bool) -> dt.date | None:
    back = (day.weekday() - weekday) % 7
    if back == 0 and strictly:
        back = 7
    return add_days(day, -back)


def weekday_after(day: dt.date, weekday: int) -> dt.date | None:
    ahead = (weekday - day.weekday()) % 7 or 7
    return add_days(day, ahead)


def hijri_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return _gregorian(year, month, day)
    except (ValueError, OverflowError):
        return None


def _gregorian(year: int, month: int, day: int) -> dt.date:
    gregorian = Hijri(year, month, day).to_gregorian()
    return dt.date(gregorian.year, gregorian.month, gregorian.day)


def hijri_month_range(year: int, month: int) -> DateRange | None:
    try:
        length = Hijri(year, month, 1).month_length()
        return _gregorian(year, month, 1), _gregorian(year, month, length)
    except (ValueError, OverflowError):
        return None


def hijri_year_range(year: int) -> DateRange | None:
    first = hijri_month_range(year, 1)
    last = hijri_month_range(year, 12)
    return (first[0], last[1]) if first and last else None


def hijri_today(day: dt.date) -> tuple[int, int, int] | None:
    try:
        hijri = Gregorian(day.year, day.month, day.day).to_hijri()
    except (ValueError, OverflowError):
        return None
    return hijri.year, hijri.month, hijri.day
