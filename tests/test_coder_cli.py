"""`hadath code` from the command line: exit codes, the table, TSV to stdout, stdin."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from hadath.cli import ExitCode, app
from hadath.events.output import TSV_COLUMNS

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
runner = CliRunner()


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["code", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_examples_print_a_table_of_events() -> None:
    code, out, _ = run(str(EXAMPLES))
    assert code == ExitCode.OK
    assert "CAMEO" in out and "evidence" in out  # the table's header
    assert "events" in out and "اعتقلت" in out  # wire-002's arrest, with its trigger


def test_missing_file_is_an_input_error_with_a_message() -> None:
    code, out, err = run("no-such-article.txt")
    assert code == ExitCode.INPUT
    assert "file not found" in err and "no usable input" in err
    assert "Traceback" not in out + err


def test_missing_file_next_to_a_good_one_is_partial(tmp_path: Path) -> None:
    code, out, err = run(str(EXAMPLES / "beirut-arrest.txt"), str(tmp_path / "gone.txt"))
    assert code == ExitCode.PARTIAL
    assert "file not found" in err and "CAMEO" in out


def test_tsv_goes_to_stdout_with_a_header() -> None:
    code, out, _ = run("--format", "tsv", "--date", "2024-03-01", str(EXAMPLES / "wire.jsonl"))
    assert code == ExitCode.OK
    lines = out.splitlines()
    assert lines[0].split("\t") == list(TSV_COLUMNS)
    assert len(lines) >= 2 and all(len(x.split("\t")) == len(TSV_COLUMNS) for x in lines)
    assert any(line.startswith("wire-002\t") for line in lines[1:])


def test_stdin_is_read_with_a_dash() -> None:
    text = "اعتقلت الشرطة الإسرائيلية ثلاثة فلسطينيين في الخليل."
    code, out, _ = run("--format", "tsv", "--date", "2024-03-01", "-", stdin=text)
    assert code == ExitCode.OK
    (row,) = out.splitlines()[1:]
    values = dict(zip(TSV_COLUMNS, row.split("\t"), strict=True))
    assert values["root"] == "17" and values["date"] == "2024-03-01"


def test_unknown_format_is_a_usage_error() -> None:
    code, _, _ = run("--format", "xml", str(EXAMPLES / "beirut-arrest.txt"))
    assert code == ExitCode.USAGE


def test_empty_input_is_an_input_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, _, err = run(str(empty))
    assert code == ExitCode.INPUT and "no usable input" in err
