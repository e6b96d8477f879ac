"""Calendar words (calendar_words.yaml) and the regular expressions built from them."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

import regex

from hadath.text.normalise import phrase_key
from hadath.yamlio import load_yaml

# A word may carry the clitics و ف then ب ل ("وبالأمس", "ويوم", "لعام"); nothing else may
# touch it on either side.
CLITICS = r"(?<![\p{L}\p{N}])(?:[وف])?(?:[بل])?"
END = r"(?![\p{L}\p{N}])"


def _alternation(words: Iterable[str]) -> str:
    # Longest first: "تشرين الثاني" must win over "تشرين", "ربيع الاول" over nothing at all.
    keys = sorted({phrase_key(word) for word in words}, key=len, reverse=True)
    return "|".join(regex.escape(key).replace(r"\ ", r"\s+") for key in keys)


def _index(table: Mapping[Any, list[str]]) -> dict[str, int]:
    return {phrase_key(word): int(number) for number, words in table.items() for word in words}


def _month_parts(table: Mapping[str, Any]) -> dict[str, tuple[int, int]]:
    parts: dict[str, tuple[int, int]] = {}
    for name, part in table.items():
        first, last = int(part["first"]), int(part["last"])
        if not 1 <= first <= last <= 31:
            raise ValueError(f"calendar_words.yaml: month part {name}: days {first}-{last}")
        parts.update({phrase_key(word): (first, last) for word in part["words"]})
    return parts


@dataclass(frozen=True, slots=True)
class CalendarWords:
    months: dict[str, int]  # key -> 1..12
    hijri_months: dict[str, int]
    weekdays: dict[str, int]  # key -> Python weekday
    numbers: dict[str, int]
    ordinals: dict[str, int]  # "الثالث" -> 3: spelled-out days of a month
    month_parts: dict[str, tuple[int, int]]  # "مطلع" -> (1, 10): the days a part covers
    unit_of: dict[str, tuple[str, int | None]]  # key -> (unit, implied count or None)
    past_words: frozenset[str]
    next_words: frozenset[str]
    current_words: frozenset[str]
    data: dict[str, Any]  # the parsed YAML, for building patterns

    @classmethod
    def from_yaml(cls) -> CalendarWords:
        path = resources.files("hadath").joinpath("data", "dates", "calendar_words.yaml")
        data = load_yaml(path.read_text("utf-8"))
        unit_of: dict[str, tuple[str, int | None]] = {}
        for unit, forms in data["units"].items():
            for form, count in (("singular", 1), ("dual", 2), ("plural", None)):
                for word in forms[form]:
                    unit_of[phrase_key(word)] = (str(unit), count)
        return cls(
            months=_index(data["months"]),
            hijri_months=_index(data["hijri_months"]),
            weekdays=_index(data["weekdays"]),
            numbers=_index(data["numbers"]),
            ordinals=_index(data["ordinal_days"]),
            month_parts=_month_parts(data["month_parts"]),
            unit_of=unit_of,
            past_words=frozenset(phrase_key(w) for w in data["past_words"]),
            next_words=frozenset(phrase_key(w) for w in data["next_words"]),
            current_words=frozenset(phrase_key(w) for w in data["current_words"]),
            data=data,
        )


@dataclass(frozen=True, slots=True)
class DatePatterns:
    """One compiled pattern per rule family, over folded text (see folding.py)."""

    absolute: regex.Pattern[str]
    month_only: regex.Pattern[str]
    numeric: regex.Pattern[str]
    hijri: regex.Pattern[str]
    hijri_year: regex.Pattern[str]
    year: regex.Pattern[str]
    relative_day: regex.Pattern[str]
    ago: regex.Pattern[str]
    some_days: regex.Pattern[str]
    period: regex.Pattern[str]
    weekday: regex.Pattern[str]
    vague: regex.Pattern[str]
    # family name -> a pattern for a part every match of that family must contain, built
    # from the same pieces as the family's pattern: a sentence without it skips the family.
    # Most sentences name no date, and the anchors are cheap literal alternations, while the
    # families' optional leading groups make each a slow scan (resolver.py).
    anchors: dict[str, regex.Pattern[str]]


def build_patterns(words: CalendarWords) -> DatePatterns:
    data = words.data
    month = _alternation(w for ws in data["months"].values() for w in ws)
    hijri = _alternation(w for ws in data["hijri_months"].values() for w in ws)
    weekday = _alternation(w for ws in data["weekdays"].values() for w in ws)
    part = _alternation(data["parts_of_day"])
    relation = _alternation(data["past_words"] + data["next_words"] + data["current_words"])
    number = _alternation(w for ws in data["numbers"].values() for w in ws)
    unit = _alternation(words_of_units(data["units"]))
    lead = _alternation(data["month_lead_words"])
    part_of_month = _alternation(w for part in data["month_parts"].values() for w in part["words"])
    ordinal = _alternation(w for ws in data["ordinal_days"].values() for w in ws)
    year_word = r"(?:[بل]?(?:ال)?(?:عام|سنه))"
    paired = rf"(?:\s*[/(]\s*(?P<month2>{month})\s*\)?)?"
    year_tail = rf"(?:\s*,?\s*(?:من\s+)?(?:{year_word}\s+)?(?P<year>\d{{4}})(?!\s*ه{END}))?"
    # The parts each family cannot match without; each is used in its pattern and anchor.
    month_word = rf"{CLITICS}(?P<month>{month}){END}"
    hijri_year = rf"(?P<year>\d{{3,4}})\s*ه{END}"
    year = rf"(?:عام|سنه)\s+(?P<year>\d{{4}}){END}"
    relative_day = (
        r"(?:(?P<night>الليله\s+الماضيه|ليل\s+امس|ليله\s+امس|الليله\s+قبل\s+الماضيه|الليله)"
        r"|(?P<word>اول\s+من\s+امس|اول\s+امس|امس\s+الاول|البارحه\s+الاولي|البارحه|الامس|امس"
        r"|اليوم|بعد\s+غد|غدا|الغد|يوم\s+غد))"
    )
    # "أمس الجمعة", "اليوم (السبت)", "أمس، الجمعة": the weekday that names the same day.
    named_weekday = rf"(?:\s*[,،]?\s*\(?\s*(?:يوم\s+)?(?P<weekday>{weekday}){END}\s*\)?)?"
    # A day of a month: digits ("15", "الـ17") or an ordinal, which needs من or شهر after it.
    day_of_month = (
        rf"(?:(?:ال)?(?P<day>\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?"
        rf"|(?P<ordinal>{ordinal})\s+(?:من\s+(?:شهر\s+)?|شهر\s+))"
    )
    direction = r"(?P<direction>قبل|منذ|بعد)"
    some_days = r"(?:(?:قبل|منذ)\s+(?:بضعه\s+|عده\s+)?ايام|سبق\s+ذلك\s+بايام|(?<=\s)بايام)"
    period_unit = r"(?P<unit>الاسبوع|الشهر|العام|السنه)"
    weekday_word = rf"(?P<weekday>{weekday}){END}"
    vague = r"(?:وقت\s+سابق|وقت\s+لاحق|مؤخرا|الاونه\s+الاخيره)"
    flags = regex.UNICODE
    month_anchor = regex.compile(month_word, flags)
    return DatePatterns(
        absolute=regex.compile(
            rf"{CLITICS}{day_of_month}(?P<month>{month}){END}"
            rf"{paired}(?:\s+(?P<relation>{relation}){END})?{year_tail}",
            flags,
        ),
        month_only=regex.compile(
            rf"(?:(?<![\p{{L}}])(?P<lead>{lead})\s+)?{month_word}{paired}"
            rf"(?:\s+(?P<relation>{relation}){END})?{year_tail}",
            flags,
        ),
        numeric=regex.compile(
            r"(?<![\d/.-])(?:(?P<d>\d{1,2})([/.-])(?P<m>\d{1,2})\2(?P<y>\d{4})"
            r"|(?P<y2>\d{4})([/-])(?P<m2>\d{1,2})\6(?P<d2>\d{1,2}))(?![\d/.-])"
            rf"(?:\s*(?P<hijri>ه){END})?",
            flags,
        ),
        hijri=regex.compile(
            rf"{CLITICS}(?:(?:ال)?(?P<day>\d{{1,2}})\s+(?:من\s+)?|(?P<ordinal>{ordinal})\s+من\s+)?"
            rf"(?:(?P<month_word>شهر)\s+)?"
            rf"(?P<month>{hijri}){END}(?:\s*(?:{year_word}\s+)?(?P<year>\d{{3,4}}))?"
            rf"(?:\s*(?P<marker>ه){END})?",
            flags,
        ),
        hijri_year=regex.compile(rf"{CLITICS}(?:{year_word}\s+)?{hijri_year}"),
        year=regex.compile(rf"{CLITICS}(?:ال)?{year}(?!\s*ه{END})"),
        relative_day=regex.compile(
            rf"(?:(?P<part>{part})\s+)?{CLITICS}{relative_day}{END}{named_weekday}",
            flags,
        ),
        ago=regex.compile(
            rf"{CLITICS}{direction}\s+(?:(?P<count>\d+|{number})\s+)?"
            rf"(?P<unit>{unit}){END}(?!\s+(?:من|علي){END})",
            flags,
        ),
        some_days=regex.compile(rf"{CLITICS}{some_days}{END}", flags),
        period=regex.compile(
            rf"{CLITICS}(?:(?P<part_of_month>{part_of_month})\s+)?(?:(?P<this>هذا|هذه)\s+)?"
            rf"{period_unit}{END}"
            rf"(?:\s+(?P<relation>{relation}){END})?",
            flags,
        ),
        weekday=regex.compile(
            rf"(?:(?P<part>{part})\s+)?{CLITICS}(?:يوم\s+)?{weekday_word}"
            rf"(?:\s+(?P<relation>{relation}){END})?",
            flags,
        ),
        vague=regex.compile(rf"{CLITICS}(?:في\s+)?{vague}{END}", flags),
        anchors={
            # absolute names its month after a day and spaces, where CLITICS matches empty.
            "absolute": month_anchor,
            "month_only": month_anchor,
            "hijri": regex.compile(hijri, flags),
            "hijri_year": regex.compile(hijri_year, flags),
            "year": regex.compile(year, flags),
            "relative_day": regex.compile(relative_day, flags),
            "ago": regex.compile(direction, flags),
            "some_days": regex.compile(some_days, flags),
            "period": regex.compile(period_unit, flags),
            "weekday": regex.compile(weekday_word, flags),
            "vague": regex.compile(vague, flags),
        },
    )


def words_of_units(units: Mapping[str, Mapping[str, list[str]]]) -> list[str]:
    return [word for forms in units.values() for words in forms.values() for word in words]


@functools.lru_cache(maxsize=1)
def default_lexicon() -> tuple[CalendarWords, DatePatterns]:
    words = CalendarWords.from_yaml()
    return words, build_patterns(words)
