"""Typed dictionary entries and the schema check that builds them from parsed YAML.

The format is documented in docs/dictionaries.md. `parse_document` never raises on bad
content: it returns the entries it could build and a `Problem` for every field it could not
(every one of an entry, not only the first), each located as file:line: entry id:field, so
`dict lint` can list them all and the loader can refuse with one line per problem.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from hadath.dictionaries.codes import (
    ACTOR_KINDS,
    CODE_SHAPE,
    PLOVER_NON_STATE,
    PLOVER_SECTORS,
    ROLE_CODES,
    code_groups,
)

FORMAT_VERSION = 1
ID_SHAPE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE_SHAPE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")

Severity = Literal["error", "warning", "info"]
Section = Literal["country", "actor", "agent"]
SECTION_KEYS: Mapping[str, Section] = {"countries": "country", "actors": "actor", "agents": "agent"}


@dataclass(frozen=True)
class Problem:
    severity: Severity
    source: str
    entry_id: str
    field: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        """`error: FILE:LINE: ENTRY:FIELD: MESSAGE`, one line (the parts known)."""
        head = f"{self.source}:{self.line}" if self.line else self.source
        where = ":".join(p for p in (self.entry_id, self.field) if p)
        return f"{self.severity}: {head}: {where + ': ' if where else ''}{self.message}"


@dataclass(frozen=True)
class Plover:
    country: str | None = None
    sector: str | None = None
    other_sectors: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class CodeRange:
    """A CAMEO code valid over the half-open range [valid_from, valid_until)."""

    code: str
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    plover: Plover | None = None

    def covers(self, day: dt.date) -> bool:
        after_start = self.valid_from is None or self.valid_from <= day
        before_end = self.valid_until is None or day < self.valid_until
        return after_start and before_end


@dataclass(frozen=True, kw_only=True)
class Role(CodeRange):
    """A person's role: a code plus the title it came from."""

    title: str | None = None
    title_ar: str | None = None


@dataclass(frozen=True, kw_only=True)
class CountryEntry:
    id: str
    cameo: str
    iso2: str
    en: str
    ar: tuple[str, ...]
    adjective: str
    adjective_forms: tuple[str, ...] = ()
    capital: str | None = None
    metonyms: tuple[str, ...] = ()
    ambiguous_forms: tuple[str, ...] = ()
    member_of: tuple[str, ...] = ()
    plover: Plover | None = None
    source: str = ""


@dataclass(frozen=True, kw_only=True)
class ActorEntry:
    id: str
    kind: str
    en: str
    ar: tuple[str, ...]
    codes: tuple[CodeRange, ...] = ()
    roles: tuple[Role, ...] = ()
    country: str | None = None
    parent: str | None = None
    ambiguous: bool = False
    aliases: tuple[str, ...] = ()
    plover: Plover | None = None
    wikidata: str | None = None
    note: str | None = None
    source: str = ""


@dataclass(frozen=True, kw_only=True)
class AgentEntry:
    id: str
    en: str
    ar: tuple[str, ...]
    code: str
    aliases: tuple[str, ...] = ()
    plover: Plover | None = None
    note: str | None = None
    source: str = ""


@dataclass(frozen=True)
class Removal:
    """`{id: x, disabled: true}`: drop an entry loaded from an earlier layer."""

    id: str
    section: Section
    source: str


Entry = CountryEntry | ActorEntry | AgentEntry


@dataclass
class ParsedDocument:
    source: str
    entries: list[tuple[Section, Entry | Removal]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class _FieldError(ValueError):
    """A field failed its check; carries the field name for the problem's location."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field_name = field_name


class _EntryProblemsError(ValueError):
    """Every field of an entry (or of one of its ranges) that failed its check."""

    def __init__(self, errors: list[_FieldError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


class _Checks:
    """Runs an entry's field checks, keeping every failure instead of stopping at the first
    (lint showed one error per entry: fixing it revealed the next, one run at a time)."""

    def __init__(self) -> None:
        self.errors: list[_FieldError] = []

    def __call__(self, check: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return check(*args, **kwargs)
        except _FieldError as error:
            self.errors.append(error)
        except _EntryProblemsError as errors:
            self.errors.extend(errors.errors)
        return None

    def done(self) -> None:
        if self.errors:
            raise _EntryProblemsError(self.errors)


def parse_date(value: object) -> dt.date:
    """`2018-01-18`, `2018-01` or `2018` (partial dates mean the first day) or a YAML date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int) and 1000 <= value <= 9999:
        return dt.date(value, 1, 1)
    match = _DATE_SHAPE.match(str(value).strip()) if isinstance(value, str) else None
    if match is None:
        raise ValueError(f"not a date (YYYY-MM-DD, YYYY-MM or YYYY): {value!r}")
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise ValueError(f"impossible date {value!r} ({error})") from None


def _text(raw: Mapping[str, Any], name: str, *, required: bool = True) -> str | None:
    value = raw.get(name)
    if value is None:
        if required:
            raise _FieldError(name, "required field is missing")
        return None
    if not isinstance(value, str | int) or not str(value).strip():
        raise _FieldError(name, f"expected a non-empty string, got {value!r}")
    return str(value).strip()


def _names(raw: Mapping[str, Any], name: str, *, required: bool = True) -> tuple[str, ...]:
    value = raw.get(name)
    if value is None:
        if required:
            raise _FieldError(name, "required field is missing")
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) and v.strip() for v in items):
        raise _FieldError(name, "expected a string or a list of non-empty strings")
    if required and not items:
        raise _FieldError(name, "needs at least one name")
    return tuple(v.strip() for v in items)


def _code(raw: Mapping[str, Any], name: str = "code") -> str:
    code = _text(raw, name)
    assert code is not None
    if not CODE_SHAPE.match(code):
        raise _FieldError(name, f"{code!r} is not a CAMEO code (groups of 3 capitals/digits)")
    return code


def _plover(raw: Mapping[str, Any], *, with_country: bool = True) -> Plover | None:
    value = raw.get("plover")
    if value is None:
        return None
    if not isinstance(value, Mapping) or set(value) - {"country", "sector", "other_sectors"}:
        raise _FieldError("plover", "expected {country?, sector?, other_sectors?}")
    country = _text(value, "country", required=False)
    if country is not None and not with_country:
        raise _FieldError("plover.country", "an agent has no country (the resolver adds it)")
    if country is not None and not re.fullmatch(r"[A-Z]{3}", country):
        raise _FieldError("plover.country", f"{country!r} is not a 3-letter code")
    sector = _text(value, "sector", required=False)
    others = _names(value, "other_sectors", required=False)
    for code in (sector, *others):
        if code is not None and code not in PLOVER_SECTORS:
            raise _FieldError("plover.sector", f"{code!r} is not a PLOVER sector code")
    return Plover(country=country, sector=sector, other_sectors=others)


def plover_country_ok(plover: Plover | None, country_codes: frozenset[str]) -> bool:
    return plover is None or plover.country in (None, *country_codes, *PLOVER_NON_STATE)


def _range_dates(raw: Mapping[str, Any]) -> tuple[dt.date | None, dt.date | None]:
    dates: list[dt.date | None] = []
    errors: list[_FieldError] = []
    for name in ("from", "until"):
        value = raw.get(name)
        try:
            dates.append(None if value is None else parse_date(value))
        except ValueError as exc:
            errors.append(_FieldError(name, str(exc)))
            dates.append(None)
    if errors:
        raise _EntryProblemsError(errors)
    return dates[0], dates[1]


def _code_range(raw: object, where: str) -> CodeRange:
    if not isinstance(raw, Mapping):
        raise _FieldError(where, "expected a mapping {code, from?, until?}")
    check = _Checks()
    check(_reject_unknown, raw, {"code", "from", "until", "plover"}, where)
    start, until = check(_range_dates, raw) or (None, None)
    code, plover = check(_code, raw), check(_plover, raw)
    check.done()
    return CodeRange(code=code, valid_from=start, valid_until=until, plover=plover)


def _role(raw: object, where: str) -> Role:
    if not isinstance(raw, Mapping):
        raise _FieldError(where, "expected a mapping {code, title?, from?, until?}")
    check = _Checks()
    check(_reject_unknown, raw, {"code", "title", "title_ar", "from", "until", "plover"}, where)
    start, until = check(_range_dates, raw) or (None, None)
    role = {
        "code": check(_code, raw),
        "plover": check(_plover, raw),
        "title": check(_text, raw, "title", required=False),
        "title_ar": check(_text, raw, "title_ar", required=False),
    }
    check.done()
    return Role(valid_from=start, valid_until=until, **role)


def _reject_unknown(raw: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(raw) - allowed, key=str)
    if unknown:
        prefix = f"{where}." if where else ""
        message = f"unknown field (allowed: {', '.join(sorted(allowed))})"
        raise _EntryProblemsError([_FieldError(f"{prefix}{name}", message) for name in unknown])


_COUNTRY_FIELDS = {
    "id", "cameo", "iso2", "en", "ar", "adjective", "adjective_forms", "capital", "metonyms",
    "ambiguous_forms", "member_of", "plover",
}  # fmt: skip
_ACTOR_FIELDS = {
    "id", "kind", "en", "ar", "aliases", "codes", "roles", "country", "parent", "ambiguous",
    "plover", "wikidata", "note",
}  # fmt: skip
_AGENT_FIELDS = {"id", "en", "ar", "aliases", "code", "plover", "note"}


def _country(raw: Mapping[str, Any], source: str) -> CountryEntry:
    check = _Checks()
    check(_reject_unknown, raw, _COUNTRY_FIELDS, "")
    check(_pattern_field, raw, "cameo", r"[A-Z]{3}", "a 3-letter country code")
    check(_pattern_field, raw, "iso2", r"[A-Z]{2}", "a 2-letter ISO code")
    check(_adjective, raw)
    fields = {
        "id": check(_entry_id, raw),
        "en": check(_text, raw, "en") or "",
        "ar": check(_names, raw, "ar"),
        "adjective_forms": check(_names, raw, "adjective_forms", required=False),
        "capital": check(_text, raw, "capital", required=False),
        "metonyms": check(_names, raw, "metonyms", required=False),
        "ambiguous_forms": check(_names, raw, "ambiguous_forms", required=False),
        "member_of": check(_names, raw, "member_of", required=False),
        "plover": check(_plover, raw),
    }
    check.done()
    return CountryEntry(
        cameo=str(raw["cameo"]).strip(),
        iso2=str(raw["iso2"]).strip(),
        adjective=str(raw["adjective"]).strip(),
        source=source,
        **fields,
    )


def _pattern_field(raw: Mapping[str, Any], name: str, shape: str, what: str) -> None:
    value = _text(raw, name)
    if not re.fullmatch(shape, value or ""):
        raise _FieldError(name, f"{value!r} is not {what}")


def _adjective(raw: Mapping[str, Any]) -> None:
    adjective = _text(raw, "adjective")
    assert adjective is not None
    if not all(word.endswith("ي") for word in adjective.split()[-1:]):
        raise _FieldError("adjective", f"{adjective!r}: a nationality adjective ends in ي")


def _ranges(
    raw: Mapping[str, Any], name: str, build: Callable[[object, str], Any]
) -> tuple[Any, ...]:
    value = raw.get(name)
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _FieldError(name, "expected a list")
    built = []
    errors: list[_FieldError] = []
    for index, item in enumerate(value):
        where = f"{name}[{index}]"
        try:
            built.append(build(item, where))
        except _FieldError as exc:
            errors.append(_located(exc, where))
        except _EntryProblemsError as exc:
            errors.extend(_located(e, where) for e in exc.errors)
    if errors:
        raise _EntryProblemsError(errors)
    return tuple(built)


def _located(error: _FieldError, where: str) -> _FieldError:
    if error.field_name.startswith(where):
        return error
    return _FieldError(f"{where}.{error.field_name}", str(error))


def _actor(raw: Mapping[str, Any], source: str) -> ActorEntry:
    check = _Checks()
    check(_reject_unknown, raw, _ACTOR_FIELDS, "")
    kind = check(_actor_kind, raw)
    codes: tuple[CodeRange, ...] = check(_ranges, raw, "codes", _code_range) or ()
    roles: tuple[Role, ...] = check(_ranges, raw, "roles", _role) or ()
    if kind is not None:
        check(_ranges_for_kind, kind, codes, roles, raw)
    ambiguous = raw.get("ambiguous", False)
    if not isinstance(ambiguous, bool):
        check.errors.append(_FieldError("ambiguous", "expected true or false"))
    country = check(_text, raw, "country", required=False)
    if country is not None and not re.fullmatch(r"[A-Z]{3}", country):
        check.errors.append(_FieldError("country", f"{country!r} is not a 3-letter country code"))
    fields = {
        "id": check(_entry_id, raw),
        "en": check(_text, raw, "en") or "",
        "ar": check(_names, raw, "ar", required=not raw.get("aliases")),
        "aliases": check(_names, raw, "aliases", required=False),
        "parent": check(_text, raw, "parent", required=False),
        "plover": check(_plover, raw),
        "wikidata": check(_text, raw, "wikidata", required=False),
        "note": check(_text, raw, "note", required=False),
    }
    check.done()
    return ActorEntry(
        kind=kind, codes=codes, roles=roles, country=country, ambiguous=ambiguous,
        source=source, **fields,
    )  # fmt: skip


def _actor_kind(raw: Mapping[str, Any]) -> str:
    kind = _text(raw, "kind")
    if kind not in ACTOR_KINDS:
        raise _FieldError("kind", f"{kind!r} is not one of {', '.join(ACTOR_KINDS)}")
    return kind


def _ranges_for_kind(
    kind: str, codes: tuple[CodeRange, ...], roles: tuple[Role, ...], raw: Mapping[str, Any]
) -> None:
    # Judged on what was written, so a role that failed its own check is not "missing".
    if kind == "person" and not roles and not raw.get("roles"):
        raise _FieldError("roles", "a person needs at least one role")
    if kind != "person" and raw.get("roles"):
        raise _FieldError("roles", f"only people have roles; a {kind} has codes")
    if kind != "person" and not codes and not raw.get("codes"):
        raise _FieldError("codes", f"a {kind} needs at least one code")


def _agent(raw: Mapping[str, Any], source: str) -> AgentEntry:
    check = _Checks()
    check(_reject_unknown, raw, _AGENT_FIELDS, "")
    code = check(_agent_code, raw)
    fields = {
        "id": check(_entry_id, raw),
        "en": check(_text, raw, "en") or "",
        "ar": check(_names, raw, "ar", required=not raw.get("aliases")),
        "aliases": check(_names, raw, "aliases", required=False),
        "plover": check(_plover, raw, with_country=False),
        "note": check(_text, raw, "note", required=False),
    }
    check.done()
    return AgentEntry(code=code, source=source, **fields)


def _agent_code(raw: Mapping[str, Any]) -> str:
    code = _code(raw)
    # Later groups may refine a religion or group (CHRCTH, MUSSHI), as in Phoenix agents.
    first = code_groups(code)[0]
    if first not in ROLE_CODES:
        raise _FieldError("code", f"{code!r}: {first} is not a role code")
    return code


def _entry_id(raw: Mapping[str, Any]) -> str:
    entry_id = _text(raw, "id")
    assert entry_id is not None
    if not ID_SHAPE.match(entry_id):
        raise _FieldError("id", f"{entry_id!r}: ids are lower-case ascii words joined by '-'")
    return entry_id


_BUILDERS: Mapping[Section, Callable[[Mapping[str, Any], str], Entry]] = {
    "country": _country,
    "actor": _actor,
    "agent": _agent,
}


def parse_document(
    data: object, source: str, locate: Callable[[str], int | None] | None = None
) -> ParsedDocument:
    """Check one loaded YAML document and build its entries; `locate` gives the line of a
    path such as `actors[3].roles[0].from` (hadath.yamlio.UserYaml.line_of)."""
    doc = ParsedDocument(source)

    def problem(entry_id: str, where: str, message: str, path: str = "") -> None:
        line = locate(path or where) if locate else None
        doc.problems.append(Problem("error", source, entry_id, where, message, line))

    if not isinstance(data, Mapping):
        problem("", "", "a dictionary file is a mapping with `version: 1`")
        return doc
    if data.get("version") != FORMAT_VERSION:
        problem("", "version", f"expected `version: {FORMAT_VERSION}`, got {data.get('version')!r}")
        return doc
    for key in sorted(set(data) - {"version", *SECTION_KEYS}, key=str):
        problem("", str(key), "unknown top-level key (expected countries, actors, agents)")
    for key, section in SECTION_KEYS.items():
        items = data.get(key) or []
        if not isinstance(items, list):
            problem("", key, "expected a list of entries")
            continue
        for index, raw in enumerate(items):
            _parse_entry(doc, section, raw, f"{key}[{index}]", problem)
    return doc


def _parse_entry(
    doc: ParsedDocument,
    section: Section,
    raw: object,
    position: str,
    problem: Callable[[str, str, str, str], None],
) -> None:
    if not isinstance(raw, Mapping):
        problem(position, "", "an entry is a mapping", position)
        return
    entry_id = str(raw.get("id") or position)
    if raw.get("disabled") is True:
        if set(raw) - {"id", "disabled"}:
            problem(
                entry_id, "disabled", "a disabling entry has only `id` and `disabled`", position
            )
        doc.entries.append((section, Removal(entry_id, section, doc.source)))
        return
    try:
        doc.entries.append((section, _BUILDERS[section](raw, doc.source)))
    except _FieldError as exc:
        problem(entry_id, exc.field_name, str(exc), f"{position}.{exc.field_name}")
    except _EntryProblemsError as exc:
        for error in exc.errors:
            problem(entry_id, error.field_name, str(error), f"{position}.{error.field_name}")
