"""One validation path for every YAML file a user gives (dictionaries, patterns, gold): every
problem of a file with its file, line and field; duplicate keys refused; impossible dates
caught; exit code 3 and one line per problem from the commands, never a traceback."""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hadath.cli import app
from hadath.cli.app import ExitCode
from hadath.dictionaries.lint import lint_layers
from hadath.dictionaries.loader import (
    DictionaryError,
    dictionaries_from_layers,
    read_file,
    read_layer,
)
from hadath.evaluation.gold import GoldFormatError, read_yaml_gold
from hadath.events.patterns import PatternError, lint_patterns, load_patterns
from hadath.yamlio import load_user_yaml

runner = CliRunner()
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "cairo-talks.txt"

BAD_DICTIONARY = """\
version: 1
actors:
  - id: two-names
    kind: person
    en: Someone
    ar: [فلان]
    ar: [علان]
    colour: red
    roles:
      - code: EGYGOV
        from: 2024-13-45
        until: soon
  - id: Bad_Id
    kind: thing
    en: X
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_reader_refuses_duplicate_keys_and_impossible_dates_with_their_lines() -> None:
    loaded = load_user_yaml("a: 1\nb:\n  - {day: 2024-02-30}\na: 2\n")
    assert [(p.line, p.message) for p in loaded.problems] == [
        (3, "impossible date 2024-02-30 (day is out of range for month)"),
        (4, "duplicate key 'a' (first at line 1)"),
    ]
    assert loaded.data == {"a": 1, "b": [{"day": "2024-02-30"}]}  # the date kept as text
    assert loaded.line_of("b[0].day") == 3 and loaded.line_of("b") == 2
    broken = load_user_yaml("a: [1,\n")
    assert broken.data is None and broken.problems[0].message.startswith("cannot read YAML")


def test_a_dictionary_file_lists_every_problem_with_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.yaml", BAD_DICTIONARY)
    doc, _raw = read_file(path)
    found = [(p.line, p.entry_id, p.field, p.message.split(" (")[0]) for p in doc.problems]
    assert found == [
        (7, "", "", "duplicate key 'ar'"),
        (8, "two-names", "colour", "unknown field"),
        (11, "", "", "impossible date 2024-13-45"),  # once: the schema's twin is dropped
        (12, "two-names", "roles[0].until", "not a date"),
        (13, "Bad_Id", "id", "'Bad_Id': ids are lower-case ascii words joined by '-'"),
        (13, "Bad_Id", "ar", "required field is missing"),
        (14, "Bad_Id", "kind", "'thing' is not one of organisation, igo, ngo, institution, person"),
    ]
    assert str(doc.problems[1]).startswith(f"error: {path}:8: two-names:colour: unknown field")


def test_one_bad_file_does_not_stop_a_directory_lint(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", BAD_DICTIONARY)
    _write(
        tmp_path,
        "b.yaml",
        "version: 1\nactors:\n  - {id: ok-one, kind: organisation, en: A, ar: [الف],\n"
        "     codes: [{code: EGYGOV, from: 2024-02-30}]}\n",
    )
    result = runner.invoke(app, ["dict", "lint", "--dict", str(tmp_path)])
    assert result.exit_code == ExitCode.INPUT
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert any(f"{tmp_path}/b.yaml:4: impossible date 2024-02-30" in e for e in errors)
    assert sum(f"{tmp_path}/a.yaml:" in e for e in errors) == 7
    assert "Traceback" not in result.output


def test_coding_commands_refuse_a_bad_dictionary_in_one_line_per_problem(tmp_path: Path) -> None:
    if not SEED.is_file():
        pytest.skip("../shared/seed is not here")
    bad = _write(tmp_path, "bad.yaml", BAD_DICTIONARY)
    for command in (
        ["code", str(SEED), "--dict", str(bad)],
        ["entities", str(SEED), "--dict", str(bad)],
        ["ingest", str(SEED), "--db", str(tmp_path / "db"), "--dict", str(bad)],
    ):
        result = runner.invoke(app, command)
        assert result.exit_code == ExitCode.INPUT, (command, result.output)
        lines = result.output.strip().splitlines()
        assert len(lines) == 7 and all(f"{bad}:" in line for line in lines), lines
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_pattern_file_with_duplicate_keys_and_bad_fields(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "mine.yaml",
        "patterns:\n"
        "  - id: mine-a\n    code: '040'\n    code: '042'\n    pos: verb\n"
        "    trigger: [التقى]\n    frame: {source: [subject], target: [object]}\n"
        "  - id: mine-b\n    pos: adverb\n    trigger: [التقى]\n    when: 2024-13-45\n",
    )
    problems = [str(p) for p in lint_patterns([path])]
    assert f"error: {path}:4: duplicate key 'code' (first at line 3)" in problems
    assert any(p.startswith(f"error: {path}:11: impossible date 2024-13-45") for p in problems)
    assert any(
        p.startswith("error: mine.yaml:8:mine-b: pos must be verb or noun") for p in problems
    )
    with pytest.raises(PatternError) as caught:
        load_patterns([path])
    assert len(caught.value.problems) >= 3
    if SEED.is_file():
        result = runner.invoke(
            app, ["ingest", str(SEED), "--db", str(tmp_path / "db"), "--patterns", str(path)]
        )
        assert result.exit_code == ExitCode.INPUT and "Traceback" not in result.output
        assert not (tmp_path / "db").exists()  # refused before a store is made


GOLD = """\
records:
  - id: one
    text: "استقبل الرئيس المصري نظيره الأردني في القاهرة أمس."
    publication_date: 2024-13-45
    expected:
      - {cameo_root: "04", future: maybe}
      - {cameo_root: "99"}
  - id: two
    id: three
    text: "x"
    expected:
      - {cameo_root: "04", sentence: first}
"""


def test_a_gold_file_lists_every_wrong_field_with_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "gold.yaml", GOLD)
    with pytest.raises(GoldFormatError) as caught:
        read_yaml_gold(path)
    problems = caught.value.problems
    assert f"{path}:4: impossible date 2024-13-45 (month must be in 1..12)" in problems
    assert f"{path}:9: duplicate key 'id' (first at line 8)" in problems
    assert f"{path}:6: record 1 expected[0]: `future` is true or false, got 'maybe'" in problems
    assert f"{path}:7: record 1 expected[1]: unknown CAMEO roots ['99']" in problems
    assert f"{path}:12: record 2 expected[0]: `sentence` must be a number, got 'first'" in problems
    result = runner.invoke(app, ["eval", str(path)])
    assert result.exit_code == ExitCode.INPUT
    assert len(result.output.strip().splitlines()) == len(problems)
    assert all(line.startswith("hadath eval: error: ") for line in result.output.splitlines())


# -- random YAML: every loader answers with its own error, never anything else -------------

FIELD_NAMES = [
    "version", "countries", "actors", "agents", "id", "kind", "en", "ar", "codes", "roles",
    "code", "from", "until", "plover", "country", "sector", "disabled", "ambiguous", "aliases",
    "frames", "patterns", "pos", "trigger", "frame", "source", "target", "discard", "window",
    "records", "expected", "optional", "must_not", "cameo_root", "future", "date", "sentence",
    "text", "publication_date", "part", "debris", "false_positive_roots", "location",
]  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["2024-13-45", "2024-02-30", "040", "verb", "person", "EGYGOV", "التقى", ""]),
    st.text(string.ascii_letters + "ابت -_:[]{}", max_size=12),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(FIELD_NAMES), st.integers(0, 3)), inner, max_size=5
        ),
    ),
    max_leaves=25,
)


def _yaml_text(value: Any, raw: str, duplicate: bool) -> str:
    text = yaml.safe_dump(value, allow_unicode=True)
    # unquote the impossible dates so the YAML resolver reads them as timestamps
    text = text.replace("'2024-13-45'", "2024-13-45").replace("'2024-02-30'", "2024-02-30")
    if duplicate and isinstance(value, dict) and value:
        text += text.splitlines()[0] + "\n"
    return text + raw


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    value=st.one_of(VALUES, st.dictionaries(st.sampled_from(FIELD_NAMES), VALUES, max_size=4)),
    raw=st.sampled_from(["", "\n", "a: [1,\n", "\t- x\n", "&a [*a]\n", ": :\n", "!!python/x 1\n"]),
    duplicate=st.booleans(),
)
def test_random_yaml_never_escapes_a_loader(
    tmp_path: Path, value: Any, raw: str, duplicate: bool
) -> None:
    path = tmp_path / "random.yaml"
    path.write_text(_yaml_text(value, raw, duplicate), encoding="utf-8")
    layer = read_layer("random", [path])
    lint_layers([layer])
    try:
        dictionaries_from_layers([layer])
    except DictionaryError as error:
        assert all("\n" not in str(p) for p in error.problems)
    lint_patterns([path])
    try:
        read_yaml_gold(path)
    except GoldFormatError as error:
        assert all("\n" not in p for p in error.problems)
