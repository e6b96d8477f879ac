"""`dict lint`: each kind of problem is found, and the built-ins are clean."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from hadath.cli import app
from hadath.dictionaries.lint import lint_paths

NO_ENV: dict[str, str] = {}


def findings(tmp_path: Path, text: str) -> list[tuple[str, str, str, str]]:
    path = tmp_path / "d.yaml"
    path.write_text("version: 1\n" + text, encoding="utf-8")
    report = lint_paths([path], environ=NO_ENV)
    return [
        (p.severity, p.entry_id, p.field, p.message)
        for p in report.problems
        if p.source == str(path)
    ]


def test_builtin_dictionaries_have_no_errors() -> None:
    report = lint_paths([], environ=NO_ENV)
    assert report.ok, "\n".join(str(p) for p in report.problems if p.severity == "error")


def test_duplicate_id_in_one_layer(tmp_path: Path) -> None:
    found = findings(
        tmp_path,
        """actors:
  - {id: twin, kind: organisation, en: A, ar: [ألف], codes: [{code: EGYOPP}]}
  - {id: twin, kind: organisation, en: B, ar: [باء], codes: [{code: EGYOPP}]}
""",
    )
    assert any(s == "error" and e == "twin" and "duplicate id" in m for s, e, _, m in found)


def test_same_name_on_two_actors_is_an_error_unless_ambiguous(tmp_path: Path) -> None:
    clash = """actors:
  - {id: one, kind: organisation, en: A, ar: [الجبهة], codes: [{code: EGYOPP}]AMB}
  - {id: two, kind: organisation, en: B, ar: [الجبهه], codes: [{code: SYRREB}]AMB}
"""
    found = findings(tmp_path, clash.replace("AMB", ""))
    assert any(s == "error" and "also names 'one'" in m for s, _, _, m in found)
    found = findings(tmp_path, clash.replace("AMB", ", ambiguous: true"))
    assert not any("also names" in m for _, _, _, m in found)


def test_same_name_at_disjoint_dates_is_only_a_warning(tmp_path: Path) -> None:
    found = findings(
        tmp_path,
        """actors:
  - {id: old, kind: organisation, en: A, ar: [المجلس], codes: [{code: EGYGOV, until: 2000}]}
  - {id: new, kind: organisation, en: B, ar: [المجلس], codes: [{code: EGYGOV, from: 2000}]}
""",
    )
    assert [s for s, _, _, m in found if "also names" in m] == ["warning"]


def test_unknown_codes_and_bad_ranges(tmp_path: Path) -> None:
    found = findings(
        tmp_path,
        """actors:
  - id: p
    kind: person
    en: P
    ar: [فلان الفلاني]
    roles:
      - {code: XYZGOV, from: 2010}
      - {code: EGYGOV, from: 2012, until: 2011}
      - {code: EGYGOV, from: 2005, until: 2015}
  - {id: q, kind: institution, en: Q, ar: [هيئة], codes: [{code: EGYQQQ}], country: ZZZ}
""",
    )
    messages = [(s, m) for s, e, _, m in found]
    assert any(s == "error" and "XYZ is not a known country" in m for s, m in messages)
    assert any(s == "error" and "inverted or empty" in m for s, m in messages)
    assert any(s == "error" and "overlap in time" in m for s, m in messages)
    assert any(s == "warning" and "no role code" in m for s, m in messages)
    assert any(s == "error" and "'ZZZ' is not a known country" in m for s, m in messages)


def test_redundant_spelling_variants_warn(tmp_path: Path) -> None:
    found = findings(
        tmp_path,
        """agents:
  - {id: minister, en: minister, ar: [وزير الخارجية, وزير الخارجيه], code: GOV}
""",
    )
    assert any(s == "warning" and "redundant" in m for s, _, _, m in found)


def test_agent_code_must_be_role_codes(tmp_path: Path) -> None:
    found = findings(tmp_path, "agents:\n  - {id: a, en: a, ar: [قائد], code: EGYMIL}\n")
    assert any(
        s == "error" and f == "code" and "EGY is not a role code" in m for s, _, f, m in found
    )


def test_cli_lint_and_stats(tmp_path: Path) -> None:
    runner = CliRunner()
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "version: 1\nagents:\n  - {id: a, en: a, ar: [قائد], code: XXX}\n", encoding="utf-8"
    )
    assert runner.invoke(app, ["dict", "lint", "--dict", str(bad)]).exit_code == 3
    result = runner.invoke(app, ["dict", "stats", "--format", "json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    assert stats["countries"] == 198 and stats["igos"] >= 40 and stats["ngos"] >= 10
    assert runner.invoke(app, ["dict", "stats", "--dict", str(bad)]).exit_code == 3
