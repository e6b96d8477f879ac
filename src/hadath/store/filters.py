"""The event filters: one parser for the web pages, the JSON API and scripts, and the WHERE
clause they compile to over `events e`.

`EventQuery.parse` reads query parameters (strings, repeated keys allowed) and refuses a bad
value with a `FilterError` naming the parameter; `EventQuery.as_query` writes the same
parameters back, so a link built from a query lists exactly what the query counted.

Actor codes match exactly (`SAU` is Saudi Arabia itself); a trailing `*` matches the code and
every code under it (`SAU*`: SAUGOV, SAUMIL …). One syntax for every code filter lets a page
count "SAU with SAUMIL" and link to exactly that list; the network's edges are exact pairs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import threading
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from hadath.store import search
from hadath.store.core import Store
from hadath.store.search import QueryWord
from hadath.text.normalise import phrase_key


class FilterError(ValueError):
    """A filter parameter that cannot be used; the message names it and what it accepts."""


def plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def records(cursor: Any) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [{n: plain(v) for n, v in zip(names, row, strict=True)} for row in cursor.fetchall()]


#: Filter parameters with their help text, declared once: the API's OpenAPI parameters, the
#: unknown-parameter check and docs/web.md are all read from here.
FILTER_PARAMS: Mapping[str, str] = {
    "actor": "actor code on either side; SAU exactly, SAU* with every code under it",
    "source": "source actor code (SAU or SAU*)",
    "target": "target actor code (SAU or SAU*)",
    "either": "1: source and target in either direction (a dyad)",
    "dyad": "A,B: events between A and B in either direction (= source=A&target=B&either=1)",
    "actor_type": "role code on either side: GOV, MIL, REB, OPP, COP …",
    "root": "CAMEO root, two digits (04)",
    "code": "CAMEO code and the codes under it (043)",
    "plover_type": "PLOVER type (CONSULT)",
    "quad_class": "QuadClass 1-4",
    "hide": "leave out negated, hypothetical or future events (repeat or comma-separate)",
    "both": "1: only events naming both a source and a target",
    "min_confidence": "lowest confidence, 0-1",
    "min_mentions": "fewest reports of the event",
    "outlet": "the news outlet of one of the event's articles",
    "place": "place name in Arabic or English (صنعاء, Sanaa) or an ISO country code",
    "country": "country of the event's place: ISO code, CAMEO code or name",
    "since": "first day, YYYY-MM-DD",
    "until": "last day, YYYY-MM-DD",
    "q": "words of the source sentence",
}

#: `hide` values -> the PLOVER mode of the merged event (`hadath.codes.plover_mode`).
MODALITIES: Mapping[str, str] = MappingProxyType(
    {"negated": "negation", "hypothetical": "hypothetical", "future": "future"}
)

_TEXT_LIMIT = 200  # characters of a filter value; longer is not a filter, it is an attack
_ACTOR_CODE = re.compile(r"^[A-Z0-9]{1,30}\*?$")
_ROOT = re.compile(r"^(0[1-9]|1[0-9]|20)$")
_CAMEO = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]{0,2}$")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_CHUNK_STARTS = (1, 4, 7, 10, 13, 16)  # actor codes are up to six 3-letter chunks
_TRUE, _FALSE = frozenset({"1", "true", "yes", "on"}), frozenset({"0", "false", "no", "off"})


@dataclass(frozen=True)
class CodeMatch:
    """An actor code, matched exactly or (`prefix`) with every code under it."""

    code: str
    prefix: bool = False

    @classmethod
    def parse(cls, value: str, name: str) -> CodeMatch:
        upper = value.strip().upper()
        if not _ACTOR_CODE.match(upper):
            raise FilterError(f"{name} must be an actor code such as SAU or SAU*, not {value!r}")
        return cls(upper.rstrip("*"), upper.endswith("*"))

    def __str__(self) -> str:
        return f"{self.code}*" if self.prefix else self.code

    def sql(self, column: str) -> tuple[str, list[Any]]:
        test = f"starts_with({column}, ?)" if self.prefix else f"{column} = ?"
        return test, [self.code]


@dataclass(frozen=True)
class EventQuery:
    """What the events list, the network, the charts, the map and downloads filter on."""

    actor: CodeMatch | None = None
    source: CodeMatch | None = None
    target: CodeMatch | None = None
    either: bool = False
    actor_type: str | None = None
    root: str | None = None
    code: str | None = None
    plover_type: str | None = None
    quad_class: int | None = None
    hide: tuple[str, ...] = ()
    both: bool = False
    min_confidence: float | None = None
    min_mentions: int | None = None
    outlet: str | None = None
    place: str | None = None
    country: str | None = None  # ISO-3166 alpha-2, resolved from a code or a name
    since: str | None = None
    until: str | None = None
    text: str | None = None

    @classmethod
    def parse(cls, items: Iterable[tuple[str, str]] | Mapping[str, Any]) -> EventQuery:
        """From query parameters; unknown names are the caller's business (see web.params)."""
        values = _gathered(items)
        one = {k: _single(k, v) for k, v in values.items() if k != "hide"}
        source, target, either = one.get("source"), one.get("target"), _flag(one, "either")
        if one.get("dyad"):
            if source or target:
                raise FilterError("give dyad=A,B or source/target, not both")
            source, target, either = _dyad(one["dyad"])
        query = cls(
            actor=_code(one.get("actor"), "actor"),
            source=_code(source, "source"),
            target=_code(target, "target"),
            either=either,
            actor_type=_actor_type(one.get("actor_type")),
            root=_matching(one.get("root"), _ROOT, "root", "a CAMEO root 01-20"),
            code=_matching(one.get("code"), _CAMEO, "code", "a CAMEO code such as 043"),
            plover_type=one["plover_type"].upper() if one.get("plover_type") else None,
            quad_class=_quad_class(one.get("quad_class")),
            hide=_hide(values.get("hide", [])),
            both=_flag(one, "both"),
            min_confidence=_number(one.get("min_confidence"), "min_confidence", 0.0, 1.0),
            min_mentions=_whole(one.get("min_mentions"), "min_mentions"),
            outlet=one.get("outlet"),
            place=one.get("place"),
            country=_country(one.get("country")),
            since=_iso_date(one.get("since"), "since"),
            until=_iso_date(one.get("until"), "until"),
            text=one.get("q") or one.get("text"),
        )
        if query.since and query.until and query.since > query.until:
            raise FilterError(f"since ({query.since}) is after until ({query.until})")
        return query

    @classmethod
    def from_kwargs(cls, **kwargs: Any) -> EventQuery:
        """The keyword filters of `hadath.store.queries` (as the CLI passes them): `actor` is
        a code prefix there, as `hadath events --actor` documents it."""
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = set(kwargs) - known - {"words"}
        if unknown:
            raise TypeError(f"unknown event filters: {sorted(unknown)}")
        given = {k: v for k, v in kwargs.items() if v is not None and k in known}
        for side in ("actor", "source", "target"):
            if isinstance(given.get(side), str):
                given[side] = CodeMatch(given[side].upper().rstrip("*"), True)
        if "root" in given:
            given["root"] = str(given["root"]).zfill(2)
        for day in ("since", "until"):
            if day in given:
                given[day] = _as_date(given[day]).isoformat()
        if "quad_class" in given:
            given["quad_class"] = int(given["quad_class"])
        return cls(**given)

    def replace(self, **changes: Any) -> EventQuery:
        return dataclasses.replace(self, **changes)

    def as_query(self) -> dict[str, str]:
        """The filters as URL query parameters, for links and forms (only those set)."""
        query: dict[str, str] = {}
        for item in dataclasses.fields(self):
            value = getattr(self, item.name)
            if value is None or value is False or value == ():
                continue
            name = "q" if item.name == "text" else item.name
            if isinstance(value, bool):
                query[name] = "1"
            elif isinstance(value, tuple):
                query[name] = ",".join(value)
            else:
                query[name] = str(value)
        return query

    def where(self, store: Store | None = None) -> tuple[str, list[Any]]:
        """A WHERE clause over `events e` and its parameters. The text filter matches the
        sentence of one of the event's reports, by its words as search analyses them when
        the store keeps token keys, else as a substring of the sentence's key. Run it on a
        cursor from `prepared` (the outlet filter reads the outlet index it registers)."""
        words = None
        if self.text and store is not None and store.has_token_keys:
            words = search.analyse_query(store.search_path, self.text)
        return _Clauses(self, words, indexed=store is not None).build()


def _gathered(items: Iterable[tuple[str, str]] | Mapping[str, Any]) -> dict[str, list[str]]:
    pairs = items.items() if isinstance(items, Mapping) else items
    values: dict[str, list[str]] = {}
    for key, value in pairs:
        if value is None:
            continue
        for one in value if isinstance(value, list | tuple) else [value]:
            text = str(one).strip()
            if len(text) > _TEXT_LIMIT:
                raise FilterError(f"{key} is longer than {_TEXT_LIMIT} characters")
            if text:
                values.setdefault(key, []).append(text)
    return values


def _single(name: str, values: list[str]) -> str:
    if len(set(values)) > 1:
        raise FilterError(f"{name} is given {len(values)} times; give it once")
    return values[0]


def _flag(values: Mapping[str, str], name: str) -> bool:
    value = values.get(name, "").lower()
    if value in _TRUE:
        return True
    if value in _FALSE or not value:
        return False
    raise FilterError(f"{name} must be 1 or 0, not {value!r}")


def _dyad(value: str) -> tuple[str, str, bool]:
    parts = [p.strip() for p in value.split(",")]
    if len(parts) != 2 or not all(parts):
        raise FilterError(f"dyad must be two actor codes A,B, not {value!r}")
    return parts[0], parts[1], True


def _code(value: str | None, name: str) -> CodeMatch | None:
    return CodeMatch.parse(value, name) if value else None


def _actor_type(value: str | None) -> str | None:
    if value is None:
        return None
    from hadath.store.actor_codes import CAMEO_ACTOR_TYPES

    upper = value.upper()
    if upper not in CAMEO_ACTOR_TYPES:
        raise FilterError(f"actor_type must be a CAMEO role code (GOV, MIL …), not {value!r}")
    return upper


def _matching(value: str | None, pattern: re.Pattern[str], name: str, want: str) -> str | None:
    if value is None:
        return None
    if not pattern.match(value):
        raise FilterError(f"{name} must be {want}, not {value!r}")
    return value


def _quad_class(value: str | None) -> int | None:
    if value is None:
        return None
    if value not in ("1", "2", "3", "4"):
        raise FilterError(f"quad_class must be 1, 2, 3 or 4, not {value!r}")
    return int(value)


def _hide(values: Sequence[str]) -> tuple[str, ...]:
    wanted = {part.strip().lower() for value in values for part in value.split(",")} - {""}
    unknown = sorted(wanted - set(MODALITIES))
    if unknown:
        raise FilterError(f"hide takes {', '.join(MODALITIES)}, not {', '.join(unknown)}")
    return tuple(sorted(wanted))


def _number(value: str | None, name: str, low: float, high: float) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        number = float("nan")
    if not low <= number <= high:
        raise FilterError(f"{name} must be a number from {low:g} to {high:g}, not {value!r}")
    return number


def _whole(value: str | None, name: str) -> int | None:
    if value is None:
        return None
    if not value.isdigit() or len(value) > 9:
        raise FilterError(f"{name} must be a whole number, not {value!r}")
    return int(value)


def _country(value: str | None) -> str | None:
    """An ISO-2 code from an ISO-2 or CAMEO code, or an English or Arabic country name."""
    if value is None:
        return None
    from hadath.dictionaries import default_dictionaries

    dictionaries = default_dictionaries()
    upper, key = value.upper(), phrase_key(value)
    for entry in dictionaries.countries.values():
        if upper in (entry.iso2, entry.cameo) or value.lower() == entry.en.lower():
            return entry.iso2
        if key in {phrase_key(name) for name in entry.ar}:
            return entry.iso2
    if re.fullmatch(r"[A-Z]{2}", upper):  # a territory the dictionaries do not list
        return upper
    raise FilterError(f"country must be an ISO code (YE), a CAMEO code or a name, not {value!r}")


def _as_date(value: str | dt.date) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _iso_date(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise FilterError(f"{name} must be a date YYYY-MM-DD, not {value!r}") from None


def place_candidates(value: str) -> list[tuple[str, str | None]]:
    """(name, country) of the places an Arabic name may denote, from the gazetteer: the
    events store the gazetteer's name, so صنعاء finds events placed at Sanaa."""
    from hadath.places import default_gazetteer

    found = default_gazetteer().lookup(phrase_key(value))
    return list(dict.fromkeys((p.name, p.country) for p in found))[:20]


_SENTENCE_EXISTS = """EXISTS (SELECT 1 FROM event_members m
    JOIN event_reports r ON r.report_id = m.report_id
    JOIN sentences s ON s.doc_id = r.doc_id AND s.idx = r.sentence
    WHERE m.event_id = e.event_id AND {})"""

_OUTLET_EXISTS = """EXISTS (SELECT 1 FROM event_members m
    JOIN event_reports r ON r.report_id = m.report_id
    JOIN documents d ON d.id = r.doc_id WHERE m.event_id = e.event_id AND d.source = ?)"""

OUTLET_VIEW = "hadath_event_outlets"
_OUTLET_INDEXED = f"e.rowid IN (SELECT rid FROM {OUTLET_VIEW})"


class _OutletIndex:
    """Which outlets reported each event, by the events table's row id, kept per open store.

    Why: an event's outlets are three joins away (members, reports, documents), all keyed
    by strings; on 1M events the outlet filter took 460-520 ms a query, the join alone
    360 ms. Read once (1.3 s on 1M events) and registered on the cursor as an Arrow view,
    the filter is an integer semi-join: 32 ms. The index is rebuilt when the events table
    changes (its row count or last row id, checked on every use: ~1 ms)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # per store: (fingerprint, {outlet: its rows; "": every (rid, source)})
        self._built: weakref.WeakKeyDictionary[Store, tuple[tuple[int, int], Any]] = (
            weakref.WeakKeyDictionary()
        )

    def rows(self, store: Store, outlet: str) -> Any:
        """The row ids (`rid`) of the events one of whose articles is from `outlet`."""
        import pyarrow.compute as pc

        found = (
            store.cursor()
            .execute("SELECT count(*), coalesce(max(rowid), -1) FROM events")
            .fetchone()
        )
        fingerprint = (int(found[0]), int(found[1])) if found else (0, -1)
        with self._lock:
            built = self._built.get(store)
            if built is None or built[0] != fingerprint:
                table = (
                    store.cursor()
                    .sql(
                        """SELECT DISTINCT e.rowid AS rid, d.source AS source FROM events e
                    JOIN event_members m ON m.event_id = e.event_id
                    JOIN event_reports r ON r.report_id = m.report_id
                    JOIN documents d ON d.id = r.doc_id WHERE d.source IS NOT NULL"""
                    )
                    .to_arrow_table()
                )
                built = (fingerprint, {"": table})
                self._built[store] = built
            outlets: dict[str, Any] = built[1]
            if outlet not in outlets:
                whole = outlets[""]
                outlets[outlet] = whole.filter(pc.equal(whole["source"], outlet)).select(["rid"])
            return outlets[outlet]


_OUTLETS = _OutletIndex()


def prepared(store: Store, query: EventQuery) -> tuple[Any, str, list[Any]]:
    """A cursor ready for `query` (the outlet index registered when the query needs it),
    and the query's WHERE clause and parameters."""
    cursor = store.cursor()
    if query.outlet:
        cursor.register(OUTLET_VIEW, _OUTLETS.rows(store, query.outlet))
    where, params = query.where(store)
    return cursor, where, params


class _Clauses:
    """Compiles one EventQuery into SQL; each filter adds a clause and its parameters."""

    def __init__(
        self, query: EventQuery, words: Sequence[QueryWord] | None, *, indexed: bool
    ) -> None:
        self.query, self.words, self.indexed = query, words, indexed
        self.clauses: list[str] = ["TRUE"]
        self.params: list[Any] = []

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def build(self) -> tuple[str, list[Any]]:
        q = self.query
        self._actors()
        simple: list[tuple[Any, str]] = [
            (q.root, "e.root = ?"),
            (q.plover_type, "e.plover_type = ?"),
            (q.quad_class, "e.quad_class = ?"),
            (q.min_confidence, "e.confidence >= ?"),
            (q.min_mentions, "e.num_mentions >= ?"),
            (None if self.indexed else q.outlet, _OUTLET_EXISTS),
            (q.country, "e.place_country = ?"),
            (q.since and _as_date(q.since), "e.day >= ?"),
            (q.until and _as_date(q.until), "e.day <= ?"),
        ]
        for value, clause in simple:
            if value is not None:
                self.add(clause, value)
        if q.outlet and self.indexed:  # the cursor holds the outlet's rows (`prepared`)
            self.add(_OUTLET_INDEXED)
        if q.code:
            self.add("starts_with(e.cameo, ?)", q.code)
        if q.hide:
            marks = ", ".join("?" for _ in q.hide)
            modes = (MODALITIES[h] for h in q.hide)
            self.add(f"coalesce(e.plover_mode, '') NOT IN ({marks})", *modes)
        if q.both:
            self.add("e.source_code IS NOT NULL AND e.target_code IS NOT NULL")
        self._place()
        self._text()
        return " AND ".join(self.clauses), self.params

    def _actors(self) -> None:
        q = self.query
        if q.actor:
            self._either_side(q.actor)
        if q.actor_type:
            # A role is a 3-letter chunk of the code (PSEREBHMS: REB), tested at each chunk's
            # place, on the codes that contain it at all: a regular expression did the same
            # six times slower (108 vs 16 ms on 1M events).
            sides, params = [], []
            for side in ("source", "target"):
                chunks = " OR ".join(
                    f"substr(e.{side}_code, {start}, 3) = ?" for start in _CHUNK_STARTS
                )
                sides.append(f"(contains(e.{side}_code, ?) AND ({chunks}))")
                params += [q.actor_type] * (len(_CHUNK_STARTS) + 1)
            self.add("(" + " OR ".join(sides) + ")", *params)
        if q.either and q.source and q.target:
            there = _pair(q.source, q.target)
            back = _pair(q.target, q.source)
            self.add(f"(({there[0]}) OR ({back[0]}))", *there[1], *back[1])
        elif q.either and (q.source or q.target):
            self._either_side(q.source or q.target)  # type: ignore[arg-type]
        else:
            for side, match in (("source", q.source), ("target", q.target)):
                if match:
                    test, params = match.sql(f"e.{side}_code")
                    self.add(test, *params)

    def _either_side(self, match: CodeMatch) -> None:
        source, params = match.sql("e.source_code")
        target, more = match.sql("e.target_code")
        self.add(f"({source} OR {target})", *params, *more)

    def _place(self) -> None:
        place = self.query.place
        if not place:
            return
        if re.fullmatch(r"[A-Z]{2}", place):  # an ISO code, as the list has always taken
            self.add("e.place_country = ?", place.upper())
            return
        tests: list[str] = ["lower(e.place_name) = lower(?)"]
        params: list[Any] = [place]
        if _ARABIC.search(place):
            # The words the text named the place with (issue 12): also places no gazetteer
            # lists ("قعطبة") and parts of countries ("شمال العراق").
            tests.append("e.place_text = ?")
            params.append(place.strip())
            for name, country in place_candidates(place):
                tests.append("(e.place_name = ? AND e.place_country IS NOT DISTINCT FROM ?)")
                params += [name, country]
        self.add("(" + " OR ".join(tests) + ")", *params)

    def _text(self) -> None:
        if self.words:
            tests, params = _word_tests(self.words)
            self.add(_SENTENCE_EXISTS.format(tests), *params)
        elif self.query.text and phrase_key(self.query.text):
            self.add(_SENTENCE_EXISTS.format("contains(s.key, ?)"), phrase_key(self.query.text))


def _pair(source: CodeMatch, target: CodeMatch) -> tuple[str, list[Any]]:
    left, params = source.sql("e.source_code")
    right, more = target.sql("e.target_code")
    return f"{left} AND {right}", [*params, *more]


def _word_tests(words: Sequence[QueryWord]) -> tuple[str, list[Any]]:
    """Each word as written or by one of its stems, as search matches it (a sentence stored
    without token keys falls back to its key containing the word)."""
    tests, params = [], []
    for word in words:
        tests.append(
            """coalesce(list_contains(string_split(s.words, ' '), ?)
                OR list_has_any(string_split(s.stems, ' '), ?::VARCHAR[]),
                contains(s.key, ?))"""
        )
        params += [word.key, list(word.stems), word.key]
    return " AND ".join(tests), params


def event_filters(**filters: Any) -> tuple[str, list[Any]]:
    """The WHERE clause of keyword filters (`EventQuery.from_kwargs`), text as a substring."""
    return EventQuery.from_kwargs(**filters).where(None)


def store_filters(store: Store, **filters: Any) -> tuple[str, list[Any]]:
    """`event_filters` with the text analysed as the store's search analyses it."""
    return EventQuery.from_kwargs(**filters).where(store)


def query_of(query: EventQuery | None, filters: Mapping[str, Any]) -> EventQuery:
    """The query a read function was given: an EventQuery, or the keyword filters."""
    if query is not None:
        if any(v is not None for v in filters.values()):
            raise TypeError("give an EventQuery or keyword filters, not both")
        return query
    return EventQuery.from_kwargs(**filters)
