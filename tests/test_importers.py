"""Importers of PETRARCH / Phoenix / UniversalPetrarch dictionaries, and lint on what they give."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from hadath.dictionaries import load_dictionaries
from hadath.dictionaries.importers import (
    ImportFormat,
    import_dictionary,
    parse_code_block,
    parse_petrarch_date,
)
from hadath.dictionaries.lint import lint_paths

NO_ENV: dict[str, str] = {}

ACTORS = """# a comment
THE_UNITED_NATIONS_ [IGOUNO]
KOFI_ANNAN_
+SECRETARY-GENERAL_KOFI_ANNAN
+K._ANNAN_
\t[IGOUNO 970101-061231]
\t[ELI]# a trailing comment
NOBODY_
BROKEN_ [IGOUNO 2004017-20061201]
"""
AGENTS = """!PERSON! = MAN, MEN
CHAMBER_OF_COMMERCE {CHAMBERS_OF_COMMERCE} [~BUS]
PRESIDENT_ [~GOV]
"""


def test_petrarch_dates() -> None:
    assert parse_petrarch_date("970101") == dt.date(1997, 1, 1)
    assert parse_petrarch_date("061231") == dt.date(2006, 12, 31)
    assert parse_petrarch_date("20070101") == dt.date(2007, 1, 1)
    assert parse_code_block("IGOUNO >20070101") == {"code": "IGOUNO", "from": "2007-01-01"}
    assert parse_code_block("~MIL <990101") == {"code": "MIL", "until": "1999-01-01"}
    with pytest.raises(ValueError, match="yymmdd"):
        parse_code_block("IGOUNO 2004017-20061201")


def test_actor_blocks_synonyms_and_skips(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ACTORS, encoding="utf-8")
    result = import_dictionary(ImportFormat.PETRARCH_ACTORS, path)
    actors = result.document["actors"]
    assert [a["aliases"][0] for a in actors] == ["THE UNITED NATIONS", "KOFI ANNAN"]
    annan = actors[1]
    assert annan["aliases"] == ["KOFI ANNAN", "SECRETARY-GENERAL KOFI ANNAN", "K. ANNAN"]
    assert annan["codes"] == [
        {"code": "IGOUNO", "from": "1997-01-01", "until": "2006-12-31"},
        {"code": "ELI"},
    ]
    assert annan["kind"] == "igo"
    assert [line for line, _ in result.skipped] == [8, 9]


def test_agents_with_plurals_and_macros(tmp_path: Path) -> None:
    path = tmp_path / "g.txt"
    path.write_text(AGENTS, encoding="utf-8")
    result = import_dictionary(ImportFormat.PETRARCH_AGENTS, path)
    agents = result.document["agents"]
    assert agents[0]["aliases"] == ["CHAMBER OF COMMERCE", "CHAMBERS OF COMMERCE"]
    assert [a["code"] for a in agents] == ["BUS", "GOV"]
    assert [line for line, _ in result.skipped] == [1]


def round_trip(tmp_path: Path, source_format: ImportFormat, path: Path) -> tuple[dict, Path]:  # type: ignore[type-arg]
    result = import_dictionary(source_format, path)
    out = tmp_path / "imported.yaml"
    out.write_text(
        yaml.safe_dump(result.document, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return result.document, out


@pytest.mark.parametrize(
    ("source_format", "relative"),
    [
        (ImportFormat.PETRARCH_ACTORS, "petrarch2/Phoenix.International.actors.txt"),
        (ImportFormat.PETRARCH_AGENTS, "petrarch2/Phoenix.agents.txt"),
        (ImportFormat.UP_ACTORS, "universalpetrarch_arabic/actor_dict_ar_v4.txt"),
    ],
)
def test_shared_files_round_trip(
    shared_path: Path, tmp_path: Path, source_format: ImportFormat, relative: str
) -> None:
    document, out = round_trip(
        tmp_path, source_format, shared_path / "data" / "reference" / relative
    )
    section = "agents" if "agents" in document else "actors"
    assert len(document[section]) > 1000
    loaded = load_dictionaries([out], environ=NO_ENV)
    table = loaded.agents if section == "agents" else loaded.actors
    for raw in document[section]:
        entry = table[raw["id"]]
        if section == "agents":
            assert entry.code == raw["code"]
        else:
            assert [c.code for c in entry.codes] == [c["code"] for c in raw["codes"]]  # type: ignore[union-attr]


def test_up_agents_import_salvages_codes(shared_path: Path, tmp_path: Path) -> None:
    path = shared_path / "data" / "reference" / "universalpetrarch_arabic" / "agents.all.ar_v3.txt"
    result = import_dictionary(ImportFormat.UP_AGENTS, path)
    assert result.imported > 1900
    assert all(agent["ar"] for agent in result.document["agents"])


def test_lint_finds_the_known_problems_of_the_up_actor_file(
    shared_path: Path, tmp_path: Path
) -> None:
    """The UniversalPetrarch Arabic actor file repeats names under several entries (حماس and
    حركة حماس each appear more than once), writes open-ended ranges as ...-18000101 (an end
    before the start), and codes bare roles such as [MIL] without a country."""
    path = shared_path / "data" / "reference" / "universalpetrarch_arabic" / "actor_dict_ar_v4.txt"
    _, out = round_trip(tmp_path, ImportFormat.UP_ACTORS, path)
    problems = [p for p in lint_paths([out], environ=NO_ENV).problems if p.source == str(out)]
    messages = [p.message for p in problems if p.severity == "error"]
    assert sum("also names" in m for m in messages) > 100
    assert sum("18000101" in m or "1800-01-01 is inverted" in m for m in messages) > 50
    assert any("'MIL': MIL is not a known country" in m for m in messages)
