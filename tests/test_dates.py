"""Arabic date resolution: a gold table with reasons, Hijri, the seed phrases, junk input."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hadath.dates import DateMention, date_for_span, resolve_dates

D = dt.date
SAT = D(2024, 2, 10)  # the seed's publication date, a Saturday

# (text, published, expected iso value or range, granularity, reason)
CASES: list[tuple[str, dt.date, str, str, str]] = [
    ("اليوم", SAT, "2024-02-10", "day", "today is the publication day"),
    ("أمس", SAT, "2024-02-09", "day", "yesterday"),
    ("وصل بالأمس", SAT, "2024-02-09", "day", "ب + الأمس clitics"),
    ("وأمس", SAT, "2024-02-09", "day", "و clitic"),
    ("البارحة", SAT, "2024-02-09", "day", "synonym of أمس"),
    ("أول أمس", SAT, "2024-02-08", "day", "the day before yesterday"),
    ("أول من أمس", SAT, "2024-02-08", "day", "long form of أول أمس"),
    ("غداً", SAT, "2024-02-11", "day", "tomorrow, with tanwin"),
    ("بعد غد", SAT, "2024-02-12", "day", "the day after tomorrow"),
    ("قبل يومين", SAT, "2024-02-08", "day", "dual unit implies 2"),
    ("قبل ثلاثة أيام", SAT, "2024-02-07", "day", "number word + plural unit"),
    ("منذ ثلاثة أيام", SAT, "2024-02-07", "day", "منذ like قبل (dateparser misses it)"),
    ("منذ ٣ أيام", SAT, "2024-02-07", "day", "Arabic-Indic digit"),
    ("قبل 11 يوماً", SAT, "2024-01-30", "day", "11+ takes the singular accusative"),
    ("قبل أسبوع", SAT, "2024-02-03", "week", "one week back, week precision"),
    ("قبل أسبوعين", SAT, "2024-01-27", "week", "dual week"),
    ("قبل شهر", SAT, "2024-01-10", "month", "one month back"),
    ("منذ 17 عاماً", SAT, "2007-02-10", "year", "years back"),
    ("الأسبوع الماضي", SAT, "2024-02-03/2024-02-09", "week", "Saturday-Friday week before"),
    ("الأسبوع المقبل", SAT, "2024-02-17/2024-02-23", "week", "next Saturday-Friday week"),
    ("هذا الأسبوع", SAT, "2024-02-10/2024-02-16", "week", "the current week"),
    ("الشهر الماضي", SAT, "2024-01-01/2024-01-31", "month", "previous calendar month"),
    ("الشهر المقبل", SAT, "2024-03-01/2024-03-31", "month", "next calendar month"),
    ("العام الماضي", SAT, "2023-01-01/2023-12-31", "year", "previous year"),
    ("السنة الماضية", SAT, "2023-01-01/2023-12-31", "year", "feminine سنة"),
    ("العام الجاري", SAT, "2024-01-01/2024-12-31", "year", "current year"),
    ("الثلاثاء", SAT, "2024-02-06", "day", "bare weekday: latest on or before publication"),
    ("يوم الأحد", SAT, "2024-02-04", "day", "يوم + weekday"),
    ("ويوم الأحد", SAT, "2024-02-04", "day", "و clitic on يوم"),
    ("الأحد الماضي", SAT, "2024-02-04", "day", "past weekday"),
    ("الأحد المقبل", SAT, "2024-02-11", "day", "next weekday"),
    ("فجر الأحد المقبل", SAT, "2024-02-11", "day", "part of day + next (dateparser: wrong)"),
    ("مساء الخميس", SAT, "2024-02-08", "day", "part of day + weekday"),
    ("السبت", SAT, "2024-02-10", "day", "same weekday as publication: that day"),
    ("السبت الماضي", SAT, "2024-02-03", "day", "الماضي on the same weekday: a week back"),
    ("الأربعاء الماضي", D(2024, 2, 7), "2024-01-31", "day", "strictly before a Wednesday"),
    ("الثلاثاء المقبل", D(2024, 2, 6), "2024-02-13", "day", "strictly after a Tuesday"),
    ("قبل أيام", SAT, "2024-02-01/2024-02-08", "week", "some days: 2-9 days back"),
    ("15 آذار/مارس 2024", SAT, "2024-03-15", "day", "Levantine/MSA pair with year"),
    ("في 15 آذار", SAT, "2024-03-15", "day", "no year: the nearest occurrence (ahead)"),
    ("في 15 آذار الماضي", SAT, "2023-03-15", "day", "no year + الماضي: the last one"),
    ("في 26 يونيو", D(2015, 8, 1), "2015-06-26", "day", "no year: the nearest (behind)"),
    ("في 5 فبراير", SAT, "2024-02-05", "day", "no year, earlier this year"),
    ("3 كانون الثاني", SAT, "2024-01-03", "day", "two-word Levantine month"),
    ("20 تشرين الأول 2023", SAT, "2023-10-20", "day", "تشرين الأول, not تشرين الثاني"),
    ("1 يوليه 2015", SAT, "2015-07-01", "day", "Egyptian spelling يوليه"),
    ("في 9 إبريل", SAT, "2024-04-09", "day", "إبريل spelling, nearest occurrence"),
    ("يونيو (حزيران) الماضي", SAT, "2023-06-01/2023-06-30", "month", "paren pair + الماضي"),
    ("في مارس 2023", SAT, "2023-03-01/2023-03-31", "month", "month and year"),
    ("في يناير", SAT, "2024-01-01/2024-01-31", "month", "lead word anchors a bare month"),
    ("مطلع يناير", SAT, "2024-01-01/2024-01-10", "week", "early month: the 1st-10th (§5)"),
    ("أواخر الشهر الماضي", SAT, "2024-01-20/2024-01-31", "week", "late month: 20th-end"),
    ("منتصف مارس 2023", SAT, "2023-03-11/2023-03-20", "week", "mid-month: 11th-20th"),
    ("مطلع الشهر", SAT, "2024-02-01/2024-02-10", "week", "مطلع الشهر: this month's start"),
    ("الثالث من أغسطس 2015", SAT, "2015-08-03", "day", "spelled-out ordinal day"),
    ("الحادي والعشرين من يوليو 2015", SAT, "2015-07-21", "day", "compound ordinal"),
    ("يوم الـ17 من يوليو 2015", SAT, "2015-07-17", "day", "الـ before the digits"),
    ("في 17 من أغسطس الحالي", D(2015, 8, 1), "2015-08-17", "day", "day + current month"),
    ("في 27 أغسطس المقبل", D(2015, 8, 1), "2015-08-27", "day", "المقبل: next occurrence"),
    ("أمس الجمعة", D(2015, 8, 9), "2015-08-07", "day", "the weekday decides (archive lag)"),
    ("اليوم (السبت)", D(2015, 8, 9), "2015-08-08", "day", "parenthesised weekday decides"),
    ("أمس، الجمعة", D(2015, 8, 1), "2015-07-31", "day", "agreeing weekday after a comma"),
    ("الليلة الماضية", SAT, "2024-02-09/2024-02-10", "day", "last night: pub-1 to pub (§5)"),
    ("ليل أمس", SAT, "2024-02-09/2024-02-10", "day", "ليل أمس like الليلة الماضية"),
    ("الخامس عشر من رمضان 1445", SAT, "2024-03-25", "day", "ordinal Hijri day"),
    ("15/3/2024", SAT, "2024-03-15", "day", "numeric, day first"),
    ("2024-03-15", SAT, "2024-03-15", "day", "ISO"),
    ("١٥/٣/٢٠٢٤", SAT, "2024-03-15", "day", "Arabic-Indic numeric"),
    ("15 رمضان 1445", SAT, "2024-03-25", "day", "Hijri day"),
    ("1436/10/30هـ", SAT, "2015-08-15", "day", "numeric Hijri with هـ"),
    ("١٤٤٥ هـ", SAT, "2023-07-19/2024-07-06", "year", "Hijri year"),
    ("شهر رمضان", D(2024, 4, 1), "2024-03-11/2024-04-09", "month", "Hijri month, this year"),
    ("عام 2023", SAT, "2023-01-01/2023-12-31", "year", "year alone"),
]


@pytest.mark.parametrize(("text", "published", "expected", "granularity", "why"), CASES)
def test_gold_table(
    text: str, published: dt.date, expected: str, granularity: str, why: str
) -> None:
    mentions = resolve_dates(text, published)
    assert len(mentions) == 1, (why, mentions)
    mention = mentions[0]
    assert mention.iso == expected, why
    assert mention.granularity == granularity, why
    assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("الأمين العام للحركة", "العام is 'general' without a relation word"),
        ("الرأي العام", "public opinion"),
        ("مارس الرياضة", "مارس is the verb 'practised' without an anchor"),
        ("رمضان عبد الله", "a personal name, no day/year/شهر"),
        ("بعد 17 عاماً من الانقسام", "after N years *of* something: a duration, not a date"),
        ("يحمل الرقم 2024", "a bare number is not a year"),
        ("صفر", "zero"),
    ],
)
def test_not_dates(text: str, why: str) -> None:
    assert [m for m in resolve_dates(text, SAT) if m.resolved] == [], why


def test_vague_expression_has_no_date() -> None:
    (mention,) = resolve_dates("في وقت سابق تحدثت مصادر", SAT)
    assert (mention.granularity, mention.value, mention.range) == ("vague", None, None)
    assert not mention.resolved


def test_relative_expressions_without_publication_date_stay_unresolved() -> None:
    mentions = resolve_dates("قبل يومين، وفي 15 آذار/مارس 2024", None)
    assert [m.iso for m in mentions] == [None, "2024-03-15"]


def test_seed_phrases() -> None:
    text = "وصلت إلى القاهرة قبل يومين. سبق ذلك بأيام اجتماع. في وقت سابق تحدثت مصادر."
    first, second, third = resolve_dates(text, SAT)
    assert first.value == D(2024, 2, 8)
    assert second.range is not None and second.range[1] < SAT
    assert third.granularity == "vague"


def test_seed_article(seed_text: str) -> None:
    by_text = {m.text: m for m in resolve_dates(seed_text, SAT)}
    assert by_text["قبل يومين"].value == D(2024, 2, 8)
    window = by_text["سبق ذلك بأيام"].range
    assert window is not None and window[1] < SAT
    assert not any(m.resolved and m.value and m.value > SAT for m in by_text.values())


def test_offsets_survive_diacritics_and_tatweel() -> None:
    text = "وصلوا أمـــس، ثم غداً"
    spans = [text[m.start : m.end] for m in resolve_dates(text, SAT)]
    assert spans == ["أمـــس", "غداً"]


def test_longest_expression_wins() -> None:
    (mention,) = resolve_dates("في 15 آذار/مارس 2024", SAT)
    assert mention.rule == "absolute"


def test_impossible_dates_are_dropped() -> None:
    assert resolve_dates("31/2/2024", SAT) == []
    # The day is impossible; what remains is the month it names.
    assert [m.granularity for m in resolve_dates("30 فبراير 2024", SAT)] == ["month"]


def test_date_for_span_picks_the_nearest_in_the_sentence() -> None:
    text = "التقى الوفد أمس بالمسؤولين. وكان قد وصل قبل يومين."
    mentions = resolve_dates(text, SAT)
    met = text.index("التقى")
    chosen = date_for_span(mentions, met, met + 5, sentence=(0, text.index(".") + 1))
    assert chosen is not None and chosen.value == D(2024, 2, 9)
    arrived = text.index("وصل ")
    chosen = date_for_span(mentions, arrived, arrived + 3)
    assert chosen is not None and chosen.value == D(2024, 2, 8)


def test_date_for_span_ignores_vague_and_other_sentences() -> None:
    text = "في وقت سابق التقى الوفد. وصلوا أمس."
    mentions = resolve_dates(text, SAT)
    met = text.index("التقى")
    assert date_for_span(mentions, met, met + 5, sentence=(0, text.index(".") + 1)) is None


def test_mention_iso_formats() -> None:
    day = DateMention(0, 1, "x", D(2024, 1, 2), None, "day", "t")
    span = DateMention(0, 1, "x", None, (D(2024, 1, 1), D(2024, 1, 31)), "month", "t")
    assert (day.iso, span.iso) == ("2024-01-02", "2024-01-01/2024-01-31")


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=80)
    | st.text(alphabet=st.sampled_from(list("0123456789/-. ١٢٣هـًامسقبلينوأيرخشعدت")), max_size=40),
    st.one_of(st.none(), st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31))),
)
def test_any_text_and_date_never_crash(text: str, published: dt.date | None) -> None:
    for mention in resolve_dates(text, published):
        assert 0 <= mention.start <= mention.end <= len(text)
        assert mention.text == text[mention.start : mention.end]


def test_non_string_input_gives_nothing() -> None:
    assert resolve_dates("", SAT) == []
