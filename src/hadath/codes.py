"""CAMEO event codes: Goldstein score, QuadClass and the PLOVER type, mode and context.

The table lives in `data/cameo/codes.yaml` (CAMEO 1.1b3, ~300 codes with their 20 roots).
`default_codes()` loads it once; `CodeTable.get` answers every lookup the coder and the
store need. PLOVER's auxiliary modes (future, negation, hypothetical, historical) are not
properties of a code but of a report; `plover_mode` applies the manual's rule for them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from hadath.yamlio import load_yaml

CODE_PATTERN = re.compile(r"^(0[1-9]|1[0-9]|20)[0-9]{0,2}$")

# GDELT's QuadClass by CAMEO root: 1 verbal cooperation, 2 material cooperation,
# 3 verbal conflict, 4 material conflict.
_QUAD_BY_ROOT_LIMIT = ((5, 1), (8, 2), (13, 3), (20, 4))

# PLOVER categories whose meaning already carries the auxiliary mode: AGREE is an *intent*
# to cooperate and THREATEN an intent to harm, so "will" adds nothing (PLOVER manual,
# "Auxiliary modes": return the single category, not category + auxiliary).
_INTENT_CATEGORIES = frozenset({"AGREE", "THREATEN"})


class CodeTableError(ValueError):
    """The code table is malformed or a code is unknown."""


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    root: str
    label: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None
    plover_context: tuple[str, ...]
    label_ar: str = ""  # the name in Arabic, for the web pages (`ar` in the table)

    @property
    def is_root(self) -> bool:
        return len(self.code) == 2


def root(code: str) -> str:
    """The two-digit CAMEO root of `code` ("0841" -> "08")."""
    if not CODE_PATTERN.match(code):
        raise CodeTableError(f"not a CAMEO event code: {code!r}")
    return code[:2]


def quad_class(code: str) -> int:
    """GDELT QuadClass of a CAMEO code, from its root."""
    number = int(root(code))
    for limit, quad in _QUAD_BY_ROOT_LIMIT:
        if number <= limit:
            return quad
    raise CodeTableError(f"root out of range: {code!r}")  # unreachable: CODE_PATTERN caps at 20


def plover_mode(
    code: str,
    *,
    future: bool = False,
    negated: bool = False,
    hypothetical: bool = False,
    historical: bool = False,
    table: CodeTable | None = None,
) -> str | None:
    """PLOVER auxiliary mode of a report of `code`, or None for a plain factual report.

    The manual (section "Auxiliary modes") names four: historical, future, hypothetical and
    negation, recorded with the event; negated events "can be excluded" — so negation wins
    over the others, and a hypothetical future ("if they were to meet") is hypothetical.
    For AGREE and THREATEN, which are intents by definition, "future" is not added.
    Codes PLOVER drops (roots 01, 02) still get their auxiliary mode: it describes the
    report, not the category.
    """
    entry = (table or default_codes()).get(code)
    if negated:
        return "negation"
    if hypothetical:
        return "hypothetical"
    if future:
        return None if entry.plover_type in _INTENT_CATEGORIES else "future"
    if historical:
        return "historical"
    return None


class CodeTable:
    """Immutable lookup of CAMEO codes: `code in table`, `table.get(code)`, iteration."""

    def __init__(self, codes: Mapping[str, CameoCode], version: int) -> None:
        self._codes = dict(codes)
        self.version = version

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __iter__(self) -> Iterator[str]:
        return iter(self._codes)

    def __len__(self) -> int:
        return len(self._codes)

    def get(self, code: str) -> CameoCode:
        """The entry for `code`; raises CodeTableError for an unknown code.

        A wrong code is a bug in a dictionary or a caller, so it must not pass silently;
        use `code in table` to test membership.
        """
        try:
            return self._codes[code]
        except KeyError:
            raise CodeTableError(f"unknown CAMEO event code: {code!r}") from None

    def roots(self) -> list[str]:
        return sorted(code for code in self._codes if len(code) == 2)

    def children(self, parent: str) -> list[str]:
        """Codes one level below `parent` ("04" -> 040…046; "084" -> 0841, 0842)."""
        return sorted(c for c in self._codes if len(c) == len(parent) + 1 and c.startswith(parent))


def _entry_from_yaml(code: str, fields: Any) -> CameoCode:
    if not isinstance(fields, dict):
        raise CodeTableError(f"code {code!r}: expected a mapping, got {type(fields).__name__}")
    missing = {"label", "goldstein", "quad", "plover"} - fields.keys()
    if missing:
        raise CodeTableError(f"code {code!r}: missing {sorted(missing)}")
    goldstein = float(fields["goldstein"])
    if not -10.0 <= goldstein <= 10.0:
        raise CodeTableError(f"code {code!r}: Goldstein {goldstein} outside [-10, 10]")
    quad = int(fields["quad"])
    if quad != quad_class(code):
        raise CodeTableError(f"code {code!r}: quad {quad} disagrees with its root")
    context = fields.get("context") or []
    return CameoCode(
        code=code,
        root=root(code),
        label=str(fields["label"]),
        goldstein=goldstein,
        quad_class=quad,
        plover_type=fields["plover"],
        plover_mode=fields.get("mode"),
        plover_context=tuple(str(c) for c in context),
        label_ar=str(fields.get("ar") or ""),
    )


def load_code_table(path: Path | None = None) -> CodeTable:
    """Read a code table from `path`, or the packaged one."""
    if path is None:
        text = resources.files("hadath").joinpath("data/cameo/codes.yaml").read_text("utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    data = load_yaml(text)
    if not isinstance(data, dict) or not isinstance(data.get("codes"), dict):
        raise CodeTableError("code table: expected a mapping with a 'codes' mapping")
    codes: dict[str, CameoCode] = {}
    for raw_code, fields in data["codes"].items():
        code = str(raw_code)
        if not CODE_PATTERN.match(code):
            raise CodeTableError(f"not a CAMEO event code: {code!r}")
        codes[code] = _entry_from_yaml(code, fields)
    orphans = sorted(c for c in codes if len(c) > 2 and c[:-1] not in codes)
    if orphans:
        raise CodeTableError(f"codes without a parent: {orphans}")
    return CodeTable(codes, version=int(data.get("version", 0)))


@functools.lru_cache(maxsize=1)
def default_codes() -> CodeTable:
    """The packaged CAMEO table, loaded once."""
    return load_code_table()
