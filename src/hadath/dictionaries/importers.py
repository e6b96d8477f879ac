"""Read PETRARCH / Phoenix / UniversalPetrarch dictionaries into hadath's YAML schema.

The output is a plain mapping ready for `yaml.safe_dump`; it is written wherever the user
asks, never into the package. Entries are converted faithfully — odd date ranges and codes
without a country stay as they are, so `hadath dict lint` can show them.

PETRARCH actor format (TABARI heritage), one actor per block:

    NAME_WITH_UNDERSCORES_ [CODE]          # code on the same line, or
    NAME_
    +SYNONYM_                              # more names of the same actor
        [CODE 970101-061231]               # date-restricted codes: d1-d2, >from, <until

Dates are yymmdd or yyyymmdd. A trailing `_` marks a whole word in PETRARCH's matcher; our
matcher always matches whole words, so it is dropped. Agent files: `NAME_ {PLURALS} [~CODE]`;
`!MACRO! = …` lines are PETRARCH substitutions and are skipped (counted).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hadath.dictionaries.codes import CODE_SHAPE

_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_RANGE = re.compile(r"^(\d{6,8})\s*-\s*(\d{6,8})$")
_BOUND = re.compile(r"^([<>])\s*(\d{6,8})$")
# Two-digit years: PETRARCH's data start in the 1940s (UN secretaries-general from 1946);
# yy <= 30 is read as 20yy, the rest as 19yy.
_CENTURY_PIVOT = 30


class ImportFormat(enum.StrEnum):
    PETRARCH_ACTORS = "petrarch-actors"
    PETRARCH_AGENTS = "petrarch-agents"
    UP_ACTORS = "up-actors"
    UP_AGENTS = "up-agents"


IMPORTERS = tuple(f.value for f in ImportFormat)


@dataclass
class ImportResult:
    document: dict[str, Any]
    imported: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Block:
    line: int
    names: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


def parse_petrarch_date(text: str) -> dt.date:
    if len(text) == 6:
        yy, month, day = int(text[:2]), int(text[2:4]), int(text[4:])
        year = 2000 + yy if yy <= _CENTURY_PIVOT else 1900 + yy
    elif len(text) == 8:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:])
    else:
        raise ValueError(f"date {text!r} is neither yymmdd nor yyyymmdd")
    return dt.date(year, month, day)


def parse_code_block(content: str) -> dict[str, str]:
    """`IGOUNO 970101-061231` → {code, from, until}; raises ValueError on what it cannot read."""
    parts = content.strip().split(maxsplit=1)
    if not parts:
        raise ValueError("empty code block")
    code = parts[0].lstrip("~")
    if not CODE_SHAPE.match(code):
        raise ValueError(f"code {parts[0]!r} is not groups of three capitals")
    result = {"code": code}
    restriction = parts[1].split("#")[0].strip() if len(parts) > 1 else ""
    if not restriction:
        return result
    if match := _RANGE.match(restriction):
        result["from"] = parse_petrarch_date(match.group(1)).isoformat()
        result["until"] = parse_petrarch_date(match.group(2)).isoformat()
    elif match := _BOUND.match(restriction):
        key = "from" if match.group(1) == ">" else "until"
        result[key] = parse_petrarch_date(match.group(2)).isoformat()
    else:
        raise ValueError(f"date restriction {restriction!r} not understood")
    return result


def _name(raw: str) -> str:
    return " ".join(raw.replace("_", " ").split())


def _blocks(lines: list[str]) -> Iterator[_Block]:
    block: _Block | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("["):
            if block is not None:
                block.codes.extend(_CODE_BLOCK.findall(stripped))
            continue
        if stripped.startswith("+"):
            if block is not None:
                block.names.append(_name(stripped[1:]))
            continue
        if block is not None:
            yield block
        head = _CODE_BLOCK.split(stripped, maxsplit=1)[0]
        block = _Block(number, [_name(head)], _CODE_BLOCK.findall(stripped))
    if block is not None:
        yield block


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _actor_kind(codes: list[dict[str, str]]) -> str:
    first = codes[0]["code"][:3]
    return {"IGO": "igo", "NGO": "ngo"}.get(first, "organisation")


def import_actor_file(path: Path, *, arabic: bool) -> ImportResult:
    result = ImportResult({"version": 1, "actors": []})
    prefix = "up" if arabic else "petrarch"
    for block in _blocks(path.read_text(encoding="utf-8", errors="replace").splitlines()):
        names = [n for n in block.names if n]
        try:
            codes = [parse_code_block(content) for content in block.codes]
        except ValueError as exc:
            result.skipped.append((block.line, str(exc)))
            continue
        if not names or not codes:
            result.skipped.append((block.line, "an actor without a name or without a code"))
            continue
        slug = "" if arabic else _slug(names[0])
        entry: dict[str, Any] = {
            "id": f"{prefix}-{slug}-{block.line}" if slug else f"{prefix}-{block.line}",
            "kind": _actor_kind(codes),
            "en": names[0].title() if not arabic else names[0],
        }
        entry["ar" if arabic else "aliases"] = list(dict.fromkeys(names))
        entry["codes"] = codes
        result.document["actors"].append(entry)
        result.imported += 1
    return result


_AGENT_LINE = re.compile(
    r"^(?P<name>[^{\[]+?)\s*(?:\{(?P<plurals>[^}]*)\})?\s*\[(?P<code>[^\]]*)\]"
)
_AGENT_CODE = re.compile(r"~?([A-Z]{3,})~?")


def import_agent_file(path: Path, *, arabic: bool) -> ImportResult:
    result = ImportResult({"version": 1, "agents": []})
    prefix = "up-agent" if arabic else "petrarch-agent"
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for number, raw in enumerate(lines, start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = _AGENT_LINE.match(line)
        code_match = _AGENT_CODE.search(match.group("code")) if match else None
        if match is None or code_match is None or len(code_match.group(1)) % 3:
            result.skipped.append((number, f"not an agent line: {line[:60]!r}"))
            continue
        names = [_name(match.group("name"))]
        names += [_name(p) for p in (match.group("plurals") or "").split(",") if _name(p)]
        entry: dict[str, Any] = {
            "id": f"{prefix}-{number}",
            "en": names[0] if not arabic else f"agent {number}",
            "code": code_match.group(1),
        }
        if arabic:
            entry["ar"] = names
        else:
            entry["aliases"] = names
        result.document["agents"].append(entry)
        result.imported += 1
    return result


def import_dictionary(source_format: ImportFormat, path: Path) -> ImportResult:
    if source_format is ImportFormat.PETRARCH_ACTORS:
        return import_actor_file(path, arabic=False)
    if source_format is ImportFormat.UP_ACTORS:
        return import_actor_file(path, arabic=True)
    if source_format is ImportFormat.PETRARCH_AGENTS:
        return import_agent_file(path, arabic=False)
    return import_agent_file(path, arabic=True)
