"""Dates: Arabic relative, weekday, Gregorian (MSA and Levantine months), numeric and Hijri
date expressions resolved against the publication date.

    >>> import datetime as dt
    >>> from hadath.dates import resolve_dates
    >>> [m.value for m in resolve_dates("وصلوا قبل يومين", dt.date(2024, 2, 10))]
    [datetime.date(2024, 2, 8)]
"""

from hadath.dates.mention import DateMention, date_for_span
from hadath.dates.resolver import article_reference_date, resolve_dates

__all__ = ["DateMention", "article_reference_date", "date_for_span", "resolve_dates"]
