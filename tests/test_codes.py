"""The CAMEO code table: complete, consistent, and equal to the public codebooks' values."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hadath.codes import (
    CodeTableError,
    default_codes,
    load_code_table,
    plover_mode,
    quad_class,
    root,
)


def test_all_twenty_roots_and_about_three_hundred_codes() -> None:
    table = default_codes()
    assert table.roots() == [f"{n:02d}" for n in range(1, 21)]
    assert 290 <= len(table) <= 330


def test_every_code_is_consistent_with_its_root() -> None:
    for code in default_codes():
        entry = default_codes().get(code)
        assert entry.root == code[:2]
        assert entry.quad_class == quad_class(code)
        assert entry.label.strip(), f"{code} has no label"
        assert -10.0 <= entry.goldstein <= 10.0


@pytest.mark.parametrize(
    ("code", "quad"), [("01", 1), ("057", 1), ("06", 2), ("0871", 2), ("09", 3), ("1384", 3)]
)
def test_quad_class_follows_gdelt_root_ranges(code: str, quad: int) -> None:
    assert quad_class(code) == quad


def test_quad_class_material_conflict_roots() -> None:
    assert {quad_class(f"{n}") for n in range(14, 21)} == {4}


def test_plover_is_dropped_for_statements_and_appeals_only() -> None:
    table = default_codes()
    dropped = {code for code in table if table.get(code).plover_type is None}
    assert dropped and all(code[:2] in {"01", "02"} for code in dropped)
    assert table.get("042").plover_mode == "visit"
    assert table.get("0841").plover_type == "RETREAT"
    assert table.get("081").plover_type == "CONCEDE"
    assert table.get("1121").plover_context == ("crime", "corruption")


def test_unknown_and_malformed_codes_raise_clear_errors() -> None:
    with pytest.raises(CodeTableError, match="unknown"):
        default_codes().get("0999")
    with pytest.raises(CodeTableError, match="not a CAMEO"):
        root("21")
    with pytest.raises(CodeTableError, match="not a CAMEO"):
        quad_class("x1")
    assert "0999" not in default_codes()


def test_children_walk_the_hierarchy() -> None:
    assert default_codes().children("04") == ["040", "041", "042", "043", "044", "045", "046"]
    assert default_codes().children("084") == ["0841", "0842"]


def test_plover_auxiliary_modes_follow_the_manual() -> None:
    assert plover_mode("040") is None
    assert plover_mode("040", future=True) == "future"
    assert plover_mode("040", hypothetical=True, future=True) == "hypothetical"
    assert plover_mode("190", negated=True, future=True, hypothetical=True) == "negation"
    assert plover_mode("190", historical=True) == "historical"
    # AGREE and THREATEN are already intents: "will" adds no auxiliary mode.
    assert plover_mode("036", future=True) is None
    assert plover_mode("138", future=True) is None
    assert plover_mode("036", negated=True) == "negation"


def test_bad_table_files_give_clear_errors(tmp_path: Path) -> None:
    bad_quad = tmp_path / "quad.yaml"
    bad_quad.write_text(
        'codes:\n  "04": {label: x, goldstein: 1.0, quad: 3, plover: CONSULT}\n', "utf-8"
    )
    with pytest.raises(CodeTableError, match="quad"):
        load_code_table(bad_quad)
    orphan = tmp_path / "orphan.yaml"
    orphan.write_text(
        'codes:\n  "0411": {label: x, goldstein: 1.0, quad: 1, plover: CONSULT}\n', "utf-8"
    )
    with pytest.raises(CodeTableError, match="parent"):
        load_code_table(orphan)
    missing = tmp_path / "missing.yaml"
    missing.write_text('codes:\n  "04": {label: x}\n', "utf-8")
    with pytest.raises(CodeTableError, match="missing"):
        load_code_table(missing)


def _goldstein_reference(shared: Path) -> dict[str, float]:
    lines = (shared / "data/reference/cameo/CAMEO.goldsteinscale.txt").read_text("utf-8")
    scores = {}
    for line in lines.splitlines()[1:]:
        if line.strip():
            code, score = line.split("\t")
            scores[code.strip()] = float(score)
    return scores


def _plover_reference(shared: Path) -> dict[str, set[str]]:
    text = (shared / "data/reference/plover/CAMEO2PLOVER-2021.txt").read_text("utf-8")
    types: dict[str, set[str]] = {}
    for line in text.splitlines():
        match = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if match:
            types.setdefault(match.group(1), set()).add(match.group(2))
    return types


def test_table_equals_the_goldstein_reference(shared_path: Path) -> None:
    reference = _goldstein_reference(shared_path)
    table = default_codes()
    assert set(table) == set(reference)
    mismatched = {
        c: (table.get(c).goldstein, g) for c, g in reference.items() if table.get(c).goldstein != g
    }
    assert not mismatched


def test_table_equals_the_cameo_to_plover_reference(shared_path: Path) -> None:
    reference = _plover_reference(shared_path)
    table = default_codes()
    checked = 0
    for code, types in reference.items():
        if code not in table:
            # 1213 and 1214 belong to a later CAMEO revision than 1.1b3.
            assert code in {"1213", "1214"}
            continue
        assert table.get(code).plover_type in types, code
        checked += 1
    assert checked >= 250
