"""The document model: one `Document` carries every annotation through every stage.

Spans are `(start, end)` character offsets into `Document.clean_text`; `OffsetMap` maps any
clean offset back to the raw input, so the evidence of every record can be shown in place.
Later stages (entities, events) add their own records to the lists a `Document` reserves.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range `[start, end)` in the clean text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span ({self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


class OffsetMap:
    """Maps offsets in the clean text back to offsets in the raw text.

    The clean text is built from runs of raw text copied verbatim plus short replacements
    (a single space for collapsed whitespace). Each run is stored as an anchor
    `(clean_start, raw_start, raw_end, copied)`: inside a copied run the mapping is linear;
    a replacement maps every one of its characters to the whole raw range it replaced.
    A run list instead of one integer per character keeps a 50 MB input cheap.
    """

    __slots__ = ("_clean_starts", "_runs", "clean_length")

    def __init__(self) -> None:
        self._clean_starts: list[int] = []
        self._runs: list[tuple[int, int, int, bool]] = []
        self.clean_length = 0

    def add_copy(self, raw_start: int, raw_end: int) -> None:
        """Record that raw[raw_start:raw_end] was copied verbatim to the end of the clean text."""
        if raw_end <= raw_start:
            return
        if self._runs:
            c0, r0, r1, copied = self._runs[-1]
            if copied and r1 == raw_start and c0 + (r1 - r0) == self.clean_length:
                self._runs[-1] = (c0, r0, raw_end, True)
                self.clean_length += raw_end - raw_start
                return
        self._clean_starts.append(self.clean_length)
        self._runs.append((self.clean_length, raw_start, raw_end, True))
        self.clean_length += raw_end - raw_start

    def add_replacement(self, length: int, raw_start: int, raw_end: int) -> None:
        """Record `length` clean characters that stand for raw[raw_start:raw_end]."""
        if length <= 0:
            return
        self._clean_starts.append(self.clean_length)
        self._runs.append((self.clean_length, raw_start, raw_end, False))
        self.clean_length += length

    def _run_at(self, offset: int) -> tuple[int, int, int, bool]:
        index = bisect.bisect_right(self._clean_starts, offset) - 1
        return self._runs[max(index, 0)]

    def raw_offset(self, offset: int) -> int:
        """Raw offset of the clean character at `offset` (its start)."""
        if not self._runs:
            return offset
        if offset >= self.clean_length:
            return self._runs[-1][2]
        clean_start, raw_start, _raw_end, copied = self._run_at(offset)
        return raw_start + (offset - clean_start) if copied else raw_start

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw `(start, end)` covering the clean span `[start, end)`."""
        if end <= start:
            raw = self.raw_offset(start)
            return raw, raw
        raw_start = self.raw_offset(start)
        clean_start, run_raw_start, run_raw_end, copied = self._run_at(end - 1)
        raw_end = run_raw_start + (end - clean_start) if copied else run_raw_end
        return raw_start, raw_end

    def to_json(self) -> list[list[int]]:
        return [[c, r0, r1, int(copied)] for c, r0, r1, copied in self._runs]

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        offsets = cls()
        offsets.add_copy(0, length)
        return offsets


@dataclass(slots=True)
class Token:
    """A written word (or number, or punctuation mark) with its morphological analysis."""

    text: str
    start: int
    end: int
    kind: str = "word"  # word | number | punct | latin | symbol
    norm: str = ""  # presentation-normalised: NFKC, Western digits, no tatweel, no diacritics
    key: str = ""  # matching key: norm with alef/hamza, ى/ي, ة/ه unified
    segments: list[str] = field(default_factory=list)
    proclitics: list[str] = field(default_factory=list)
    stem: str = ""
    enclitic: str | None = None
    lemma: str = ""
    pos: str = ""
    proper_noun: bool = False
    # other readings the analyser offers, as (stem, lemma, pos), best first
    readings: tuple[tuple[str, str, str], ...] = ()

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def stem_key(self) -> str:
        """Matching key of the word without its proclitics (و ف ب ل ك س ال) and enclitic."""
        from hadath.text.normalise import matching_key

        return matching_key(self.stem) if self.stem else self.key


@dataclass(slots=True)
class Sentence:
    index: int  # from 1, as in the JSON contract
    start: int
    end: int
    text: str
    tokens: list[Token] = field(default_factory=list)

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(slots=True)
class ActorRef:
    """A resolved actor: a CAMEO code plus what the dictionaries know about it."""

    code: str  # CAMEO actor code, e.g. PSEREBHMS, EGYSPY
    name: str  # English name
    entry_id: str | None = None  # dictionary entry id, when resolved from a dictionary
    role: str | None = None  # e.g. "head of general intelligence"
    country: str | None = None  # ISO-3 / CAMEO country, e.g. EGY
    sector: str | None = None  # PLOVER sector, e.g. GOV, REB
    codes: list[str] = field(default_factory=list)  # further codes (agents, alternates)


@dataclass(slots=True)
class Place:
    """A place: what the gazetteer knows of it and, on an event's location, the Arabic words
    that named it (`text`, `start`, `end`: offsets into the clean text)."""

    name: str
    country: str | None  # ISO-3166 alpha-2 country code
    lat: float | None
    lon: float | None
    feature: str = ""  # country | city | region | crossing | ...
    geonameid: int | None = None
    admin1: str | None = None  # geonames first-level division code within the country
    text: str = ""  # the name as the text writes it, less a glued و ف ب ل ("بالقاهرة": القاهرة)
    start: int | None = None
    end: int | None = None
    # How closely lat/lon locate the event (ACLED's geo_precision, plus 4): 1 the named
    # place itself, 2 a part of a place or a place near the one whose point is given, 3 a
    # region or province, 4 a country. None on gazetteer entries and entity mentions.
    precision: int | None = None
    basis: str = ""  # for an event: clause | sentence | article | dateline


@dataclass(slots=True)
class Entity:
    """A mention of a person, organisation, place or date, with what it resolves to."""

    type: str  # PER | ORG | LOC | GPE | DATE | MISC
    start: int
    end: int
    text: str
    actor: ActorRef | None = None
    place: Place | None = None
    origin: str = "dictionary"  # dictionary | rule | ner | coref | gazetteer | date
    sentence: int | None = None  # index of the sentence (from 1)
    antecedent: int | None = None  # for coreference: index of the entity it refers to
    members: list[int] = field(default_factory=list)  # for "الجانبان": the entities it joins
    value: str | None = None  # for dates: ISO date or range "YYYY-MM-DD/YYYY-MM-DD"
    reference: str | None = None  # a back-reference's class: any | movement | country | ...
    plural: bool = False  # "الجانبان": refers to two actors (see `members`)
    delegation: bool = False  # "وفد ...": a delegation, which acts for its actor
    score: float = 1.0  # confidence of the match

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True, slots=True)
class DateExpression:
    """The Arabic words that dated an event and the days they name."""

    text: str
    start: int  # offsets into the clean text; in another sentence when `basis` is article
    end: int
    first: str  # ISO days: the window the words name ("الأسبوع الماضي"), one day twice
    last: str
    basis: str  # clause | sentence | article: where the words stand for the event
    rule: str  # the resolver's rule: relative-day, weekday, absolute, month, period, ...


@dataclass(slots=True)
class Event:
    """One coded event with the evidence that produced it."""

    cameo: str
    root: str
    goldstein: float
    quad_class: int
    plover: dict[str, str | None]
    source: dict[str, Any] | None  # {code, name, text, start, end}: one event per pair
    target: dict[str, Any] | None
    sentence: int
    sentence_start: int
    sentence_end: int
    trigger_start: int
    trigger_end: int
    location: Place | None = None
    date: str | None = None
    modality: dict[str, bool] = field(default_factory=dict)
    confidence: float = 0.0
    explanation: dict[str, Any] = field(default_factory=dict)
    # day | week | month | year: how closely `date` is known; None when the text gives no
    # date and `date` is the publication day (GDELT's convention).
    date_precision: str | None = None
    date_expression: DateExpression | None = None


@dataclass(slots=True)
class DocumentStats:
    """Counts of everything a stage removed, replaced or skipped: nothing goes uncounted."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, amount: int = 1) -> None:
        if amount:
            self.counts[name] = self.counts.get(name, 0) + amount

    def get(self, name: str) -> int:
        return self.counts.get(name, 0)


@dataclass(slots=True)
class Document:
    """An article and every annotation the pipeline adds to it."""

    raw_text: str
    id: str = ""
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None
    title: str | None = None
    clean_text: str = ""
    offsets: OffsetMap = field(default_factory=OffsetMap)
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    stats: DocumentStats = field(default_factory=DocumentStats)
    warnings: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    annotated: set[str] = field(default_factory=set)  # names of what stages have assigned

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.raw_text)

    @property
    def tokens(self) -> list[Token]:
        return [token for sentence in self.sentences for token in sentence.tokens]

    def text_of(self, start: int, end: int) -> str:
        return self.clean_text[start:end]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.raw_span(start, end)

    def sentence_at(self, offset: int) -> Sentence | None:
        starts = [sentence.start for sentence in self.sentences]
        index = bisect.bisect_right(starts, offset) - 1
        if index >= 0 and self.sentences[index].start <= offset < self.sentences[index].end:
            return self.sentences[index]
        return None

    def warn(self, message: str) -> None:
        self.warnings.append(message)


def content_id(text: str) -> str:
    """A document's key: the hash of its content, so ingest is idempotent."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def as_date(value: dt.date | str | None) -> dt.date | None:
    """A publication date given as a date or an ISO string ("2024-02-10", or a timestamp)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
