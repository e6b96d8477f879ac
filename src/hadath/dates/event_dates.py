"""An event's date as a careful coder reads it (docs/codebook.md §5, docs/places_and_dates.md).

The date of an event is the date expression of its own clause; else one of another clause
of its sentence (the clause that governs it — "أعلنت الوزارة أمس أن ..." — or one joined to
it); else the article's frame: the latest news date told in an earlier sentence, or the
dateline's; else the publication day, GDELT's convention, with no precision (the text gave
none). Some expressions never date an event they are not in the clause of: a year or a
decade mentioned in passing, "منذ ..." (a duration's start), dates more than five years before
publication, and dates to come for an act told as done. A pluperfect act ("كان ... قد
وصل") and an act told as future take only their own clause's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from hadath.dates.clauses import Clause, clause_at, clause_of, clauses, pluperfect
from hadath.dates.mention import DateMention
from hadath.dates.resolver import article_reference_date, resolve_dates
from hadath.model import Sentence, Token
from hadath.text.normalise import matching_key

#: Before publication minus this many days, a date is history unless the event's own clause
#: gives it (the issue's full-ingest check: nothing dated before publication - 5 years).
HISTORY_DAYS = 5 * 365 + 1
#: A date of another clause of the sentence lends itself only when it is this recent (a
#: calendar month back and a day: "الشهر الماضي" read on the 31st still lends).
LEND_DAYS = 62
#: An earlier sentence's date frames later sentences only when it is this recent: the news
#: of the article, not its background ("وفي 26 يونيو، قتل ..." in an August article).
FRAME_DAYS = 14
SINCE = frozenset(matching_key(w) for w in ("منذ", "مذ"))
# Only a day frames: a span ("قبل أيام", "سبق ذلك بأيام" — days before *that*) is told
# relative to another act, and would date the seed's undated lead by the meeting before it.
FRAME_GRANULARITIES = ("day",)
#: How many tokens after a noun trigger a relative clause may open and still describe it.
RELATIVE_REACH = 3
IMPERFECT_PREFIXES = frozenset("يتن")
DONE_AUXILIARIES = frozenset(matching_key(w) for w in ("تم", "جرى", "جري", "تمت"))


@dataclass(frozen=True, slots=True)
class DatedMention:
    """A date expression of the article, in clean-text offsets."""

    mention: DateMention
    start: int
    end: int
    sentence: int  # index, from 1
    since: bool  # "منذ ...": the start of a duration, not the time of an act


@dataclass(frozen=True, slots=True)
class EventDate:
    """What dated an event: its day, precision and window, and the words that gave them."""

    day: dt.date | None  # one day (the middle of a window); the publication day when undated
    precision: str | None  # day | week | month | year; None when the text gives no date
    window: tuple[dt.date, dt.date] | None  # the days the expression names (clipped)
    mention: DatedMention | None
    basis: str  # clause | sentence | article | publication | none
    note: str  # for the explanation: "date: أمس -> 2015-07-31 (its clause)"


class ArticleDates:
    """Every date expression of an article, resolved once against the day it was written."""

    def __init__(self, sentences: Sequence[Sentence], published: dt.date | None) -> None:
        self.published = published
        self.reference = article_reference_date([s.text for s in sentences], published)
        self.by_sentence: dict[int, list[DatedMention]] = {}
        self.frames: dict[int, DatedMention | None] = {}
        frame: DatedMention | None = None
        for sentence in sentences:
            found = _sentence_dates(sentence, self.reference)
            self.by_sentence[sentence.index] = found
            self.frames[sentence.index] = frame
            frame = self._latest_frame(sentence, found) or frame
        # Sentences before the first dated one (an undated lead, "أدانت الرئاسة ...", then
        # "وقال ... في تصريح له أمس") take the article's first news date.
        first = next((f for f in self.frames.values() if f is not None), frame)
        self.frames = {i: f or first for i, f in self.frames.items()}

    def _latest_frame(self, sentence: Sentence, found: list[DatedMention]) -> DatedMention | None:
        """The first expression of the sentence that can frame the sentences after it: the
        main act comes first, its background after ("تجددت الاشتباكات مساء أول من أمس، عقب
        ورود أنباء عن وفاة ... مساء الخميس الماضي")."""
        if not found or self.reference is None:
            return None
        parts = clauses(sentence.tokens)
        usable = [
            dated
            for dated in found
            if self._frames_news(dated) and not _in_pluperfect(sentence.tokens, parts, dated)
        ]
        return usable[0] if usable else None

    def _frames_news(self, dated: DatedMention) -> bool:
        mention, window = dated.mention, dated.mention.window
        if window is None or dated.since or mention.granularity not in FRAME_GRANULARITIES:
            return False
        assert self.reference is not None
        return window[1] <= self.reference and (self.reference - window[0]).days <= FRAME_DAYS

    def date(self, sentence: Sentence, first: int, last: int, *, future: bool) -> EventDate:
        """The date of the act whose trigger is tokens `first`..`last` of `sentence`."""
        tokens = sentence.tokens
        parts = clauses(tokens)
        position = clause_of(parts, first)
        found = self.by_sentence.get(sentence.index, [])
        held = [clause_at(parts, d.start) for d in found]
        own = {position, *_describing(tokens, parts, position, last)}
        trigger = (tokens[first].start, tokens[last].end)
        done = not future and _told_done(tokens, first)
        mine = [
            d
            for d, at in zip(found, held, strict=True)
            if at in own and _dates_own(d) and not (done and self._to_come(d))
        ]
        ahead = future or _imperfect(tokens[first])
        if mine:
            chosen = _nearest(mine, trigger)
            return self._dated(chosen, "clause", future=future, ahead=ahead)
        if pluperfect(tokens, parts[position], first):
            return self._undated("its clause has none, and it is told as earlier")
        borrowed = self._borrowed(found, held, parts, position, future=future)
        if borrowed is not None:
            # Another clause's bare weekday keeps its own reading: the imperfect of a quote
            # ("وقال ... يوم الخميس ... نحث") does not move yesterday's Thursday ahead.
            return self._dated(borrowed, "sentence", future=future)
        if future:
            return self._undated("its sentence gives no date to come, and it is told as future")
        frame = self.frames.get(sentence.index)
        if frame is not None:
            return self._dated(frame, "article", future=future)
        return self._undated("none in the article")

    def _borrowed(
        self,
        found: Sequence[DatedMention],
        held: Sequence[int],
        parts: Sequence[Clause],
        position: int,
        *,
        future: bool,
    ) -> DatedMention | None:
        """A date of another clause: the nearest governing or preceding one, else a clause
        joined after it ("... ، واعتقلت أمس"). An act told as future takes only a date to
        come ("سيسافر إلى طهران الأسبوع المقبل ... وسيجتمع مع روحاني"): the announcement's
        "أمس" is not when it will happen."""
        lendable = self._lendable_ahead if future else self._lendable
        after = [j for j in range(position + 1, len(parts)) if parts[j].kind == "coordinate"]
        for j in [*range(position - 1, -1, -1), *after]:
            usable = [d for d, at in zip(found, held, strict=True) if at == j and lendable(d)]
            if usable:
                return usable[-1] if j < position else usable[0]
        return None

    def _to_come(self, dated: DatedMention) -> bool:
        window = dated.mention.window
        return self.reference is not None and window is not None and window[0] > self.reference

    def _lendable_ahead(self, dated: DatedMention) -> bool:
        return not dated.since and dated.mention.granularity != "vague" and self._to_come(dated)

    def _lendable(self, dated: DatedMention) -> bool:
        """Whether a date of another clause may date this act: a date of the news — not a
        year in passing, not "منذ", not to come, and within a month or so of the writing day
        ("أوقفت ... أمس ..., المطلوب لمشاركته في أحداث عرسال في شهر أغسطس من العام 2014،
        كما أوقفت ..." — the second arrest is yesterday's, not of August 2014)."""
        mention, window = dated.mention, dated.mention.window
        if window is None or dated.since or mention.granularity not in ("day", "week", "month"):
            return False
        if self.reference is None:
            return True
        return window[1] <= self.reference and (self.reference - window[0]).days <= LEND_DAYS

    def _dated(
        self,
        dated: DatedMention,
        basis: str,
        *,
        future: bool,
        ahead: bool = False,
    ) -> EventDate:
        mention = dated.mention
        window = mention.window
        assert window is not None
        reference = self.reference
        if reference is not None and window[1] < reference and ahead:
            # "سيجتمعون الثلاثاء", "يبحث الوزير ... الاثنين": a bare weekday or a day without
            # its year, of an act to come, is the next such day.
            window = _forward(mention, reference) or window
        if not future and reference is not None and window[0] <= reference:
            # "هذا الأسبوع", "الشهر الجاري" for an act told as done: up to the writing day.
            window = (window[0], min(window[1], reference))
        day = window[0] + (window[1] - window[0]) / 2
        where = {"clause": "its clause", "sentence": "its sentence", "article": "the article"}
        middle = f" (the middle of {window[0]}/{window[1]})" if window[0] != window[1] else ""
        note = f"date: {mention.text} -> {day.isoformat()}{middle}, from {where[basis]}"
        return EventDate(day, mention.granularity, window, dated, basis, note)

    def _undated(self, why: str) -> EventDate:
        if self.reference is None:
            return EventDate(None, None, None, None, "none", f"date: {why}; no publication date")
        return EventDate(
            self.reference, None, None, None, "publication", f"date: {why}; the publication day"
        )


def _describing(
    tokens: Sequence[Token], parts: Sequence[Clause], position: int, last: int
) -> list[int]:
    """A relative clause right after a noun trigger describes the act itself ("الزيارة التي
    سيقوم بها ... في سبتمبر المقبل", "المباحثات التي جرت أول من أمس"): its dates are the
    act's own. After a verb it describes the object instead."""
    following = position + 1
    if tokens[last].pos == "VERB" or following >= len(parts):
        return []
    clause = parts[following]
    return (
        [following] if clause.kind == "relative" and clause.first - last <= RELATIVE_REACH else []
    )


def _told_done(tokens: Sequence[Token], first: int) -> bool:
    """An act told as done: a perfect verb ("اعتقلت"), or a verbal noun after تم / جرى
    ("وتم حبسهما"). A date to come in its clause is not its date ("تم حبسهما حتى الجلسة
    المقبلة في العاشر من أغسطس المقبل" — remanded yesterday until then)."""
    token = tokens[first]
    if token.pos == "VERB":
        return not _imperfect(token) and "س" not in token.proclitics
    before = tokens[first - 1] if first > 0 else None
    return before is not None and host_stem(before) in DONE_AUXILIARIES


def host_stem(token: Token) -> str:
    return matching_key(token.stem) if token.stem else token.key


def _imperfect(token: Token) -> bool:
    """A verb in the imperfect ("يبحث", "تعقد", "يلتقي"): its stem opens with the person
    prefix its lemma (the perfect) lacks. In a news clause with a bare weekday it tells what
    is to come: "يبحث الوزير ... الاثنين" is the coming Monday."""
    if token.pos != "VERB" or not token.stem or not token.lemma:
        return False
    stem, lemma = matching_key(token.stem), matching_key(token.lemma)
    return stem[:1] in IMPERFECT_PREFIXES and lemma[:1] != stem[:1]


def _forward(mention: DateMention, reference: dt.date) -> tuple[dt.date, dt.date] | None:
    """The coming occurrence of a bare weekday, or of a day named without its year."""
    if mention.weekday is not None:
        day = reference + dt.timedelta(days=(mention.weekday - reference.weekday()) % 7)
        return day, day
    if mention.rule == "absolute-no-year" and mention.value is not None:
        day = mention.value
        try:
            day = day.replace(year=day.year + 1) if day < reference else day
        except ValueError:  # 29 February
            return None
        return day, day
    return None


def _dates_own(dated: DatedMention) -> bool:
    """An expression of the act's own clause dates it, with its precision, unless it is vague
    or the start of a duration ("منذ 17 عاماً", "منذ عام 2011")."""
    return dated.mention.window is not None and not dated.since


def _nearest(found: Sequence[DatedMention], trigger: tuple[int, int]) -> DatedMention:
    """The expression nearest the trigger; on a tie the one before it (Arabic news puts the
    time before the verb or right after it: "التقى أمس")."""

    def distance(dated: DatedMention) -> tuple[int, int]:
        gap = max(dated.start - trigger[1], trigger[0] - dated.end, 0)
        return gap, 1 if dated.start >= trigger[1] else 0

    return min(found, key=distance)


def _sentence_dates(sentence: Sentence, reference: dt.date | None) -> list[DatedMention]:
    tokens = sentence.tokens
    found = []
    for mention in resolve_dates(sentence.text, reference):
        start, end = sentence.start + mention.start, sentence.start + mention.end
        since = mention.granularity in ("month", "year") and _since(tokens, start)
        found.append(DatedMention(mention, start, end, sentence.index, since))
    return found


def _since(tokens: Sequence[Token], start: int) -> bool:
    """Whether the expression starting at `start` opens with منذ or follows it. (Only years
    and months are read so: "منذ ثلاثة أيام" is three days ago, whether the act began then
    or happened then.)"""
    for index, token in enumerate(tokens):
        if token.end > start:
            here = matching_key(token.stem) if token.stem else token.key
            before = tokens[index - 1].key if index > 0 else ""
            return here in SINCE or (token.start >= start and before in SINCE)
    return False


def _in_pluperfect(tokens: Sequence[Token], parts: Sequence[Clause], dated: DatedMention) -> bool:
    for clause in parts:
        if clause.holds(dated.start, dated.end):
            verbs = [i for i in range(clause.first, clause.last + 1) if tokens[i].pos == "VERB"]
            return any(pluperfect(tokens, clause, i) for i in verbs)
    return False
