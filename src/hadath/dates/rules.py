"""One function per rule family: a regex match -> a resolved `DateMention` (or None to drop)."""

from __future__ import annotations

import datetime as dt

import regex

from hadath.dates import calendar_math as cal
from hadath.dates.context import MatchContext, words_of
from hadath.dates.mention import DateMention

Match = regex.Match[str]

RELATIVE_DAYS = {
    "اليوم": 0,
    "امس": -1,
    "الامس": -1,
    "البارحه": -1,
    "غدا": 1,
    "الغد": 1,
    "يوم غد": 1,
    "بعد غد": 2,
    "اول امس": -2,
    "اول من امس": -2,
    "امس الاول": -2,
    "البارحه الاولي": -2,
}
# "قبل أيام" / "سبق ذلك بأيام": a few days, read as 2 to 9 days before the publication date
# (one day would be "أمس", ten or more would be "أسبوعين" or a date).
SOME_DAYS_NEAREST, SOME_DAYS_FARTHEST = 2, 9
# Gregorian years a news article plausibly names; "عام 1200" is history, not event dating,
# and a four-digit number outside this range is more often a count.
YEARS = range(1900, 2101)
HIJRI_YEARS = range(1343, 1501)  # what hijridate converts
# How many days the archive's day may follow the day an article was written. On SaudiNewsNet
# the weekday after a day word ("أمس الجمعة") names a day 1-3 days before the day word read
# against the archive's day in 184 of 735 pairs, and 4-6 days before in 15 (mistakes and
# quotes, most likely); beyond 3 days the day word is kept (scripts/date_lag_survey.py).
MAX_ARCHIVE_LAG = 3


def _year(text: str | None) -> int | None:
    return int(text) if text else None


def _day_of_month(match: Match, ctx: MatchContext) -> int | None:
    """The day of "15 مارس", "الـ17 من يوليو" or "الثالث من أغسطس"; None when absent."""
    if match["ordinal"]:
        return ctx.words.ordinals[words_of(match["ordinal"])]
    return int(match["day"]) if match["day"] else None


def absolute(match: Match, ctx: MatchContext) -> DateMention | None:
    """ "15 آذار/مارس 2024", "في 15 مارس", "الثالث من أغسطس", "27 أغسطس المقبل": a day of a
    Gregorian month. Without a year: the occurrence nearest publication, before or after it
    (news names a day without its year when it is recent or close: "اجتماع وزراء الخارجية في
    الثالث من أغسطس" in an article of 22 July is this August, not last year's), the next one
    after المقبل/القادم ("27 أغسطس المقبل" of 1 August is this August), the last before
    الماضي. An act told as done drops a date to come (hadath.dates.event_dates)."""
    month = ctx.words.months[words_of(match["month"])]
    day, year = _day_of_month(match, ctx), _year(match["year"])
    assert day is not None  # the pattern requires a day
    if year is not None:
        if year not in YEARS:
            return None
        value = cal.safe_date(year, month, day)
        return ctx.mention(match, "absolute", "day", value) if value else None
    if not 1 <= day <= 31:
        return None
    relation = words_of(match["relation"])
    if ctx.published is None:
        value = None
    elif relation in ctx.words.next_words:
        value = cal.nearest_next_day(ctx.published, month, day)
    elif relation in ctx.words.current_words:
        value = cal.safe_date(ctx.published.year, month, day)
    elif relation in ctx.words.past_words:
        value = cal.nearest_past_day(ctx.published, month, day)
    else:
        value = cal.nearest_day(ctx.published, month, day)
    return ctx.mention(match, "absolute-no-year", "day", value)


def numeric(match: Match, ctx: MatchContext) -> DateMention | None:
    """ "15/3/2024", "2024-03-15"; a year of 1343-1500 or a هـ after it makes it Hijri."""
    day, month, year = (
        (int(match[g]) for g in ("d", "m", "y"))
        if match["d"]
        else (int(match[g]) for g in ("d2", "m2", "y2"))
    )
    if match["hijri"] or (year in HIJRI_YEARS and year not in YEARS):
        value = cal.hijri_date(year, month, day)
        return ctx.mention(match, "numeric-hijri", "day", value) if value else None
    if year not in YEARS:
        return None
    value = cal.safe_date(year, month, day)
    return ctx.mention(match, "numeric", "day", value) if value else None


def hijri(match: Match, ctx: MatchContext) -> DateMention | None:
    """ "15 رمضان 1445", "شهر رمضان": a Hijri day or month."""
    month = ctx.words.hijri_months[words_of(match["month"])]
    day, year = _day_of_month(match, ctx), _year(match["year"])
    if day is None and year is None and not match["month_word"]:
        return None  # رمضان / صفر alone are a name and "zero" far more often than a month
    if year is None:
        year = _hijri_year_before(ctx.published, month, day)
    if year is None:
        return ctx.mention(match, "hijri", "day" if day else "month")
    if year not in HIJRI_YEARS:
        return None
    if day is not None:
        value = cal.hijri_date(year, month, day)
        return ctx.mention(match, "hijri", "day", value) if value else None
    span = cal.hijri_month_range(year, month)
    return ctx.mention(match, "hijri", "month", span=span) if span else None


def _hijri_year_before(published: dt.date | None, month: int, day: int | None) -> int | None:
    today = cal.hijri_today(published) if published else None
    if today is None:
        return None
    year, this_month, this_day = today
    later = (month, day or 1) > (this_month, this_day)
    return year - 1 if later else year


def hijri_year(match: Match, ctx: MatchContext) -> DateMention | None:
    """ "1445 هـ": a whole Hijri year."""
    year = int(match["year"])
    span = cal.hijri_year_range(year) if year in HIJRI_YEARS else None
    return ctx.mention(match, "hijri-year", "year", span=span) if span else None


def month_only(match: Match, ctx: MatchContext) -> DateMention | None:
    """ "مايو الماضي", "في مارس 2024", "يونيو (حزيران)": a whole Gregorian month."""
    if not (match["lead"] or match["relation"] or match["year"] or match["month2"]):
        return None  # "مارس" alone is the verb "practised"; "آب" alone is "father"
    month = ctx.words.months[words_of(match["month"])]
    year = _year(match["year"])
    if year is None:
        if ctx.published is None:
            return ctx.mention(match, "month", "month")
        relation = words_of(match["relation"])
        year = _month_year(ctx, month, relation)
    span = cal.month_range(year, month) if year in YEARS else None
    if span is None:
        return None
    part = _part_of(span, match["lead"], ctx)
    return ctx.mention(match, "month", "week" if part != span else "month", span=part)


def _part_of(span: cal.DateRange, lead: str | None, ctx: MatchContext) -> cal.DateRange:
    """The days "مطلع" / "منتصف" / "أواخر" cover of a month range (month_parts); a window of
    ten days or so, so its granularity is "week"."""
    part = ctx.words.month_parts.get(words_of(lead))
    if part is None:
        return span
    start, end = span
    first = cal.safe_date(start.year, start.month, part[0]) or start
    last = cal.safe_date(start.year, start.month, min(part[1], end.day)) or end
    return first, last


def _month_year(ctx: MatchContext, month: int, relation: str) -> int:
    assert ctx.published is not None
    if relation in ctx.words.next_words:
        return ctx.published.year if month > ctx.published.month else ctx.published.year + 1
    strictly = relation in ctx.words.past_words
    return cal.nearest_past_month(ctx.published, month, strictly=strictly)


def year(match: Match, ctx: MatchContext) -> DateMention | None:
    """ "عام 2023": a whole year."""
    number = int(match["year"])
    span = cal.year_range(number) if number in YEARS else None
    return ctx.mention(match, "year", "year", span=span) if span else None


def relative_day(match: Match, ctx: MatchContext) -> DateMention | None:
    """اليوم، أمس، أول أمس، غداً، بعد غد (with مساء/صباح... before them); the night before
    ("الليلة الماضية", "ليل أمس": publication - 1 to publication, as docs/codebook.md §5).

    A weekday after the day word names the same day, and it decides ("أمس الجمعة" in an
    article the archive dates Sunday is Friday): SaudiNewsNet's day is the day an article was
    collected, which can be a day or two after it was written (codebook §5; on the corpus the
    weekday names an earlier day than the day word in 1 of 4 such pairs)."""
    if ctx.published is None:
        return ctx.mention(match, "relative-day", "day")
    if match["night"]:
        back = 2 if "قبل" in match["night"] else 1
        first = cal.add_days(ctx.published, -back)
        last = cal.add_days(ctx.published, 1 - back)
        span = (first, last) if first and last else None
        return ctx.mention(match, "relative-night", "day", span=span)
    offset = RELATIVE_DAYS[words_of(match["word"])]
    value = cal.add_days(ctx.published, offset)
    if value is not None and match["weekday"]:
        named = cal.weekday_on_or_before(
            value, ctx.words.weekdays[words_of(match["weekday"])], strictly=False
        )
        lag = (value - named).days if named is not None else MAX_ARCHIVE_LAG + 1
        if named is not None and lag <= MAX_ARCHIVE_LAG:
            return ctx.mention(match, "relative-day-weekday", "day", named, lag=lag)
    return ctx.mention(match, "relative-day", "day", value)


def ago(match: Match, ctx: MatchContext) -> DateMention | None:
    """ "قبل يومين", "منذ ثلاثة أيام", "قبل أسبوع", "منذ 17 عاماً", "بعد شهرين"."""
    unit, implied = ctx.words.unit_of[words_of(match["unit"])]
    count = _count(match["count"], ctx) or implied
    if count is None:
        return None  # "قبل أسابيع": some weeks, too vague to place
    sign = 1 if match["direction"] == "بعد" else -1
    if ctx.published is None:
        return ctx.mention(match, "ago", unit)
    if unit in ("day", "week"):
        days = count * (7 if unit == "week" else 1)
        return ctx.mention(match, "ago", unit, cal.add_days(ctx.published, sign * days))
    months = count * (12 if unit == "year" else 1)
    point = cal.shift_months(ctx.published, sign * months)
    if point is None:
        return None
    span = (
        cal.month_range(point.year, point.month) if unit == "month" else cal.year_range(point.year)
    )
    return ctx.mention(match, "ago", unit, point, span)


def _count(text: str | None, ctx: MatchContext) -> int | None:
    if not text:
        return None
    if text.isdigit():
        return int(text) if int(text) < 10_000 else None
    return ctx.words.numbers.get(words_of(text))


def some_days(match: Match, ctx: MatchContext) -> DateMention | None:
    """ "قبل أيام", "سبق ذلك بأيام": a few days before publication."""
    if ctx.published is None:
        return ctx.mention(match, "some-days", "week")
    first = cal.add_days(ctx.published, -SOME_DAYS_FARTHEST)
    last = cal.add_days(ctx.published, -SOME_DAYS_NEAREST)
    span = (first, last) if first and last else None
    return ctx.mention(match, "some-days", "week", span=span)


def period(match: Match, ctx: MatchContext) -> DateMention | None:
    """ "الأسبوع الماضي", "الشهر المقبل", "العام الجاري", "هذا العام"."""
    relation = words_of(match["relation"])
    this_month = match["part_of_month"] and match["unit"] == "الشهر"  # "مطلع الشهر"
    if not (match["this"] or relation or this_month):
        return None  # "الأمين العام", "الرأي العام": not a date
    step = -1 if relation in ctx.words.past_words else 1 if relation in ctx.words.next_words else 0
    unit = {"الاسبوع": "week", "الشهر": "month"}.get(match["unit"], "year")
    if ctx.published is None:
        return ctx.mention(match, "period", unit)
    span = _period_range(ctx.published, unit, step)
    if span is not None and unit == "month" and match["part_of_month"]:
        part = _part_of(span, match["part_of_month"], ctx)
        return ctx.mention(match, "period", "week" if part != span else unit, span=part)
    return ctx.mention(match, "period", unit, span=span)


def _period_range(published: dt.date, unit: str, step: int) -> cal.DateRange | None:
    if unit == "week":
        anchor = cal.add_days(published, 7 * step)
        return cal.week_range(anchor) if anchor else None
    if unit == "month":
        anchor = cal.shift_months(published, step)
        return cal.month_range(anchor.year, anchor.month) if anchor else None
    return cal.year_range(published.year + step)


def weekday(match: Match, ctx: MatchContext) -> DateMention | None:
    """ "الثلاثاء", "يوم الأحد", "فجر الأحد المقبل", "الأربعاء الماضي".

    A bare weekday in news prose reports the past: the latest such day on or before
    publication ("المقبل"/"القادم" for the next one, "الماضي" for strictly before).
    """
    number = ctx.words.weekdays[words_of(match["weekday"])]
    if ctx.published is None:
        return ctx.mention(match, "weekday", "day", weekday=number)
    relation = words_of(match["relation"])
    if relation in ctx.words.next_words:
        value = cal.weekday_after(ctx.published, number)
    else:
        strictly = relation in ctx.words.past_words
        value = cal.weekday_on_or_before(ctx.published, number, strictly=strictly)
    bare = None if relation else number
    return ctx.mention(match, "weekday", "day", value, weekday=bare)


def some_time(match: Match, ctx: MatchContext) -> DateMention | None:
    """ "في وقت سابق", "مؤخراً": a time reference too vague to date."""
    return ctx.mention(match, "vague", "vague")


def vague(match: Match, ctx: MatchContext) -> DateMention | None:
    return some_time(match, ctx)
