"""An event's date as a careful coder reads it (hadath.dates.event_dates): one test per rule,
each with the reason it exists. Texts are our own sentences; the trigger is named by its word."""

from __future__ import annotations

import datetime as dt

from hadath.analysis import analyse
from hadath.dates import article_reference_date
from hadath.dates.event_dates import ArticleDates, EventDate

D = dt.date
SAT = D(2015, 8, 1)  # a Saturday
SUN = D(2015, 8, 9)  # a Sunday


def date_of(text: str, published: dt.date, trigger: str, *, future: bool = False) -> EventDate:
    """The date of the act whose trigger is the first token written `trigger`."""
    doc = analyse(text, published=published)
    dates = ArticleDates(doc.sentences, doc.published)
    for sentence in doc.sentences:
        for index, token in enumerate(sentence.tokens):
            if token.text == trigger:
                return dates.date(sentence, index, index, future=future)
    raise AssertionError(f"no token {trigger!r}")


def test_the_own_clause_wins_over_a_nearer_date_of_another_clause() -> None:
    # The announcement is yesterday's; the visit is the day after tomorrow.
    text = "أعلنت الخارجية الروسية أمس أن الوزير سيزور موسكو بعد غد."
    found = date_of(text, SUN, "سيزور", future=True)
    assert (found.day, found.basis, found.precision) == (D(2015, 8, 11), "clause", "day")
    assert date_of(text, SUN, "أعلنت").day == D(2015, 8, 8)


def test_the_governing_clause_dates_a_reported_act() -> None:
    # "قال أمس إن ..." dates what he said happened, when its own clause has no date.
    found = date_of("وقال المتحدث أمس إن القوات اعتقلت خمسة مسلحين.", SAT, "اعتقلت")
    assert (found.day, found.basis) == (D(2015, 7, 31), "sentence")


def test_a_joined_clause_shares_its_date() -> None:
    # Codebook §5: "واعتقلت أمس … كما احتجزت …" shares the date.
    found = date_of("اعتقلت الشرطة أمس خمسة مسلحين، كما احتجزت ثلاثة آخرين.", SAT, "احتجزت")
    assert (found.day, found.basis) == (D(2015, 7, 31), "sentence")


def test_a_relative_clause_after_a_noun_trigger_dates_the_act() -> None:
    # "المباحثات التي جرت أول من أمس": the relative clause tells when the talks were.
    text = "عقد الوزيران مؤتمرا صحافيا عقب المباحثات التي جرت بينهما أول من أمس في روما."
    found = date_of(text, SUN, "المباحثات")
    assert (found.day, found.basis) == (D(2015, 8, 7), "clause")


def test_a_relative_clause_after_a_verb_describes_its_object_not_the_act() -> None:
    # "أدانت الهجوم الذي وقع الخميس": Thursday is the attack's day, not the condemnation's.
    found = date_of("أدانت الحكومة اليوم الهجوم الذي وقع الخميس.", SAT, "أدانت")
    assert found.day == SAT


def test_an_earlier_sentence_frames_an_undated_one() -> None:
    # "A date the text gives through another event counts" (codebook §5): the story's day.
    text = "تجددت الاشتباكات في المدينة مساء أول من أمس. وهاجم أفراد من الجيش المستشفى."
    found = date_of(text, D(2015, 7, 22), "وهاجم")
    assert (found.day, found.basis) == (D(2015, 7, 20), "article")


def test_a_sentence_frames_the_next_by_its_main_act_not_its_background() -> None:
    text = (
        "تجددت الاشتباكات مساء أول من أمس، عقب ورود أنباء عن وفاة جندي مساء الخميس الماضي. "
        "وهاجم أفراد من الجيش المستشفى."
    )
    assert date_of(text, D(2015, 7, 22), "وهاجم").day == D(2015, 7, 20)


def test_an_undated_lead_takes_the_first_news_date_of_the_article() -> None:
    text = (
        "أدانت الرئاسة الفلسطينية التفجير الإرهابي. "
        "وقال أمين عام الرئاسة في تصريح له أمس إن القيادة تدين العملية."
    )
    found = date_of(text, SUN, "أدانت")
    assert (found.day, found.basis) == (D(2015, 8, 8), "article")


def test_a_span_never_frames_other_sentences() -> None:
    # "سبق ذلك بأيام" is days before *that*: relative to another act (the seed's case).
    text = "التقى الوفدان في القاهرة. سبق ذلك بأيام اجتماع للوزراء."
    found = date_of(text, SAT, "التقى")
    assert (found.day, found.precision, found.basis) == (SAT, None, "publication")


def test_a_year_in_passing_dates_nothing() -> None:
    # "منذ عام 2011" is the start of a duration; "عام 2014" in another clause is background.
    assert date_of("قتل المسلحون ألفي شخص منذ عام 2011.", SAT, "قتل").precision is None
    text = "اعتقل الجيش أمس المطلوب لمشاركته في أحداث عرسال في شهر أغسطس من العام 2014."
    assert date_of(text, SAT, "اعتقل").day == D(2015, 7, 31)
    assert date_of("وأعلن الجيش أمس أن الاحتلال مستمر منذ عام 2011.", SAT, "وأعلن").precision


def test_a_year_in_the_act_own_clause_dates_it_with_year_precision() -> None:
    # Older than five years is allowed only this way, and then says how precise it is.
    found = date_of("وفي عام 2003 احتلت القوات الأمريكية العراق.", SAT, "احتلت")
    assert (found.day, found.precision) == (D(2003, 7, 2), "year")


def test_history_from_another_clause_does_not_date_the_act() -> None:
    found = date_of("وقال إنه في 15 مارس 1990 ، واعتقلت الشرطة المتهمين.", SAT, "واعتقلت")
    assert found.precision is None


def test_a_pluperfect_takes_only_its_own_date() -> None:
    # "كان ... قد وصل" is earlier than the article's news (codebook §5).
    text = "التقى الوفد أمس بالمسؤولين. وكان الوفد قد وصل إلى القاهرة."
    found = date_of(text, SAT, "وصل")
    assert (found.day, found.basis) == (SAT, "publication")
    own = date_of("كان الوفد قد وصل إلى القاهرة قبل يومين.", SAT, "وصل")
    assert (own.day, own.basis) == (D(2015, 7, 30), "clause")


def test_an_act_to_come_reads_a_bare_weekday_forward() -> None:
    found = date_of("وسيجتمع الوزراء الثلاثاء في الرياض.", SUN, "وسيجتمع", future=True)
    assert found.day == D(2015, 8, 11)


def test_an_imperfect_verb_reads_a_bare_weekday_forward() -> None:
    # "يبحث الوزير ... الاثنين" is the coming Monday; "بحث ... الاثنين" the past one.
    text = "يبحث وزير الخارجية مع نظيره الألماني الاثنين مستجدات الأحداث."
    assert date_of(text, SUN, "يبحث").day == D(2015, 8, 10)
    assert date_of("التقى وزير الخارجية نظيره الاثنين.", SUN, "التقى").day == D(2015, 8, 3)


def test_an_act_to_come_takes_no_date_from_the_governing_clause() -> None:
    found = date_of("أعلن الوزير أمس أنه سيزور موسكو.", SAT, "سيزور", future=True)
    assert (found.precision, found.basis) == (None, "publication")


def test_a_window_reaching_past_publication_stops_at_it_for_a_done_act() -> None:
    # "هذا الأسبوع" read on a Sunday runs to Friday; what happened, happened by Sunday.
    found = date_of("اعتقلت الشرطة هذا الأسبوع خمسة مسلحين.", SUN, "اعتقلت")
    assert found.window == (D(2015, 8, 8), SUN) and found.day <= SUN


def test_the_weekday_after_a_day_word_moves_the_whole_article() -> None:
    # An article the archive dates Sunday but which says "اليوم السبت" was written Saturday:
    # its bare "أمس" is Friday.
    texts = ["وقالت الوزارة اليوم السبت إن الوضع هادئ.", "وكانت القوات اعتقلت أمس خمسة."]
    assert article_reference_date(texts, SUN) == D(2015, 8, 8)
    found = date_of(" ".join(texts), SUN, "اعتقلت")
    assert found.day == D(2015, 8, 7)


def test_an_article_without_disagreeing_weekdays_keeps_its_archive_day() -> None:
    assert article_reference_date(["اعتقلت الشرطة أمس الجمعة خمسة."], SAT) == SAT
    assert article_reference_date(["لا تاريخ هنا."], SAT) == SAT
    assert article_reference_date(["أمس الجمعة"], None) is None


def test_an_act_told_as_done_drops_a_date_to_come() -> None:
    # Remanded yesterday until the next hearing: the hearing's day is not the remand's.
    text = "ومثل الرجلان أمام القضاة أمس، وتم حبسهما حتى الجلسة المقبلة في العاشر من أغسطس المقبل."
    assert date_of(text, D(2015, 7, 22), "حبسهما").day == D(2015, 7, 21)


def test_a_future_act_borrows_only_a_date_to_come() -> None:
    text = "أعلن الوزير أمس أنه سيسافر إلى طهران الأسبوع المقبل، وسيجتمع مع الرئيس."
    found = date_of(text, D(2015, 7, 22), "وسيجتمع", future=True)
    assert found.window is not None and found.window[0] > D(2015, 7, 22)
    assert found.basis == "sentence"


def test_another_clause_lends_only_a_recent_date() -> None:
    # "... في أحداث عرسال في شهر أغسطس من العام 2014، كما أوقفت ...": August 2014 is the
    # background of the first arrest, not the second one's date.
    text = (
        "أوقف الجيش أمس المدعو حسن المطلوب لمشاركته في أحداث عرسال في شهر أغسطس من العام "
        "2014، كما احتجز الجيش السوري محمود."
    )
    assert date_of(text, D(2015, 7, 22), "احتجز").day == D(2015, 7, 21)


def test_a_borrowed_weekday_keeps_its_past_reading() -> None:
    # On the full SaudiNewsNet ingest an imperfect verb in a quote moved the speaker's
    # "يوم الخميس" a week ahead, after publication.
    text = "وقال المتحدث يوم الخميس إن الوزارة تتابع التطورات، ونحث السلطات على الامتناع."
    found = date_of(text, D(2015, 7, 22), "ونحث")
    assert (found.day, found.basis) == (D(2015, 7, 16), "sentence")
