"""`hadath dict lint`: every problem a set of dictionary layers has, as located findings.

Errors make the command fail; warnings are worth a look; info notes intended overrides.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from hadath.dictionaries.codes import CODE_SHAPE, INTERNATIONAL, REGIONS, ROLE_CODES, code_groups
from hadath.dictionaries.loader import (
    Layer,
    all_problems,
    entry_keys,
    read_layers,
)
from hadath.dictionaries.schema import (
    ActorEntry,
    AgentEntry,
    CodeRange,
    CountryEntry,
    Entry,
    Problem,
    Removal,
    Section,
    plover_country_ok,
)
from hadath.text.normalise import phrase_key


@dataclass(frozen=True)
class LintReport:
    problems: tuple[Problem, ...]

    def count(self, severity: str) -> int:
        return sum(1 for p in self.problems if p.severity == severity)

    @property
    def ok(self) -> bool:
        return self.count("error") == 0


def lint_paths(
    extra_paths: Sequence[Path] = (), environ: Mapping[str, str] | None = None
) -> LintReport:
    return lint_layers(read_layers(extra_paths, environ))


def lint_layers(layers: Sequence[Layer]) -> LintReport:
    problems = list(all_problems(layers))
    merged = _merge_for_lint(layers, problems)
    country_codes = frozenset(e.cameo for e in merged.values() if isinstance(e, CountryEntry))
    for entry in merged.values():
        problems.extend(_entry_problems(entry, country_codes, merged))
    problems.extend(_collisions(merged.values()))
    order = {"error": 0, "warning": 1, "info": 2}
    problems.sort(key=lambda p: (order[p.severity], p.source, p.line or 0, p.entry_id, p.field))
    return LintReport(tuple(problems))


def _merge_for_lint(
    layers: Sequence[Layer], problems: list[Problem]
) -> dict[tuple[str, str], Entry]:
    """Merge like the loader, reporting duplicate ids inside a layer and overrides across."""
    merged: dict[tuple[str, str], Entry] = {}
    for layer in layers:
        seen_here: dict[tuple[str, str], str] = {}
        for doc in layer.documents:
            for section, item in doc.entries:
                key = ("agent" if section == "agent" else "actor", item.id)
                if key in seen_here:
                    problems.append(
                        Problem(
                            "error",
                            doc.source,
                            item.id,
                            "id",
                            f"duplicate id (also in {seen_here[key]})",
                        )
                    )
                elif key in merged:
                    problems.append(
                        Problem(
                            "info", doc.source, item.id, "id", f"overrides {merged[key].source}"
                        )
                    )
                seen_here[key] = doc.source
                merged.pop(key, None)
                if not isinstance(item, Removal):
                    merged[key] = item
    return merged


def _entry_problems(
    entry: Entry, country_codes: frozenset[str], merged: Mapping[tuple[str, str], Entry]
) -> Iterator[Problem]:
    def problem(severity: str, where: str, message: str) -> Problem:
        return Problem(severity, entry.source, entry.id, where, message)  # type: ignore[arg-type]

    if not entry.ar:
        yield problem("warning", "ar", "no Arabic name: the entry can never match")
    keys = Counter(phrase_key(name) for name in entry.ar)
    for key, count in keys.items():
        if count > 1:
            yield problem(
                "warning", "ar", f"{count} names share the key {key!r}: redundant variants"
            )
    if isinstance(entry, ActorEntry):
        ranges: Sequence[CodeRange] = entry.roles or entry.codes
        field = "roles" if entry.roles else "codes"
        for index, item in enumerate(ranges):
            where = f"{field}[{index}]"
            yield from (problem(s, where, m) for s, m in _code_problems(item.code, country_codes))
            if not plover_country_ok(item.plover, country_codes):
                yield problem("error", f"{where}.plover", "unknown PLOVER country")
        yield from (problem("error", field, m) for m in _range_problems(ranges))
        if entry.country and entry.country not in country_codes:
            yield problem("error", "country", f"{entry.country!r} is not a known country code")
        if entry.parent and ("actor", entry.parent) not in merged:
            yield problem("warning", "parent", f"{entry.parent!r} is not a known id")
        if not plover_country_ok(entry.plover, country_codes):
            yield problem("error", "plover", "unknown PLOVER country")
    if isinstance(entry, CountryEntry):
        for member in entry.member_of:
            if ("actor", member) not in merged:
                yield problem("warning", "member_of", f"{member!r} is not a known id")


def _code_problems(code: str, country_codes: frozenset[str]) -> Iterator[tuple[str, str]]:
    if not CODE_SHAPE.match(code):
        yield "error", f"{code!r} is not a CAMEO code"
        return
    first, *rest = code_groups(code)
    if first not in country_codes | INTERNATIONAL | REGIONS:
        yield "error", f"{code!r}: {first} is not a known country, international or region code"
    elif first in country_codes and rest and not any(g in ROLE_CODES for g in rest):
        yield "warning", f"{code!r}: no role code after the country"


def _range_problems(ranges: Sequence[CodeRange]) -> Iterator[str]:
    for item in ranges:
        if item.valid_from and item.valid_until and item.valid_from >= item.valid_until:
            yield f"{item.code}: range {item.valid_from} – {item.valid_until} is inverted or empty"
    ordered = sorted(ranges, key=lambda r: r.valid_from or dt.date.min)
    for before, after in itertools.combinations(ordered, 2):
        if _spans_overlap(_span([before]), _span([after])):
            yield f"{before.code} and {after.code} overlap in time"


def _span(ranges: Iterable[CodeRange]) -> tuple[dt.date, dt.date]:
    items = list(ranges)
    if not items:
        return dt.date.min, dt.date.max
    start = min((r.valid_from or dt.date.min) for r in items)
    end = max((r.valid_until or dt.date.max) for r in items)
    return start, end


def _spans_overlap(a: tuple[dt.date, dt.date], b: tuple[dt.date, dt.date]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _entry_span(entry: Entry) -> tuple[dt.date, dt.date]:
    if isinstance(entry, ActorEntry):
        return _span(entry.roles or entry.codes)
    return dt.date.min, dt.date.max


def _collisions(entries: Iterable[Entry]) -> Iterator[Problem]:
    """The same key on two different entries: names at overlapping dates are errors."""
    by_key: dict[str, list[tuple[Entry, str, bool]]] = defaultdict(list)
    for entry in entries:
        section: Section = "agent" if isinstance(entry, AgentEntry) else "actor"
        seen: set[tuple[str, str]] = set()
        for key, kind, ambiguous in entry_keys(section, entry):
            if (key, kind) not in seen:
                seen.add((key, kind))
                by_key[key].append((entry, kind, ambiguous))
    for key, hits in by_key.items():
        ids = {e.id for e, _, _ in hits}
        if len(ids) < 2:
            continue
        yield from _key_collision(key, hits)


def _key_collision(key: str, hits: list[tuple[Entry, str, bool]]) -> Iterator[Problem]:
    for i, (first, kind_a, amb_a) in enumerate(hits):
        for second, kind_b, amb_b in hits[i + 1 :]:
            if first.id == second.id or (amb_a and amb_b):
                continue
            same_section = isinstance(first, AgentEntry) == isinstance(second, AgentEntry)
            both_names = kind_a != "metonym" and kind_b != "metonym" and kind_a == kind_b
            overlapping = _spans_overlap(_entry_span(first), _entry_span(second))
            severe = same_section and both_names and overlapping and not (amb_a and amb_b)
            yield Problem(
                "error" if severe else "warning",
                second.source,
                second.id,
                "ar",
                f"key {key!r} ({kind_b}) also names {first.id!r} ({kind_a})"
                + ("; mark both `ambiguous: true` if intended" if severe else ""),
            )
