"""The Typer application and what every command shares: exit codes and output helpers."""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from hadath.ingest import IngestReport


class ExitCode(enum.IntEnum):
    OK = 0
    ERROR = 1  # an unexpected failure
    USAGE = 2  # bad arguments (Typer's own code for usage errors)
    INPUT = 3  # no usable input: every file missing, empty or unreadable
    PARTIAL = 4  # the run finished but skipped some inputs (counted in the summary)
    GATE = 5  # an evaluation fell below its floor
    BUSY = 6  # the store is in use by another process (every store command, serve too)


#: `--dict`, shared by every command that reads the dictionaries: user files over the built-ins.
DictOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--dict", help="extra actor dictionary file or directory, laid over the built-ins"
    ),
]

app = typer.Typer(
    name="hadath",
    help="hadath (حدث): Arabic news to coded political event data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def write_json(value: Any, out: TextIO | None = None) -> None:
    """JSON as the contract wants it: UTF-8 Arabic as is, not \\u escapes."""
    stream = out or sys.stdout
    json.dump(value, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def check_user_files(
    command: str, dicts: list[Path] | None = None, patterns: list[Path] | None = None
) -> None:
    """Load the user's dictionaries and pattern files now, before any input is read: a bad
    file stops the command with each of its problems on one line (file:line: entry:field:
    message) and exit code 3, not a traceback from inside the first document."""
    from hadath.dictionaries.loader import DictionaryError, load_dictionaries
    from hadath.events.patterns import PatternError, load_patterns

    try:
        if dicts:
            load_dictionaries(dicts)
        if patterns:
            load_patterns(patterns)
    except (DictionaryError, PatternError) as error:
        problems = [str(p) for p in error.problems] or [str(error)]
        for line in problems[:MAX_PROBLEM_LINES]:
            typer.echo(f"hadath {command}: {line}", err=True)
        if len(problems) > MAX_PROBLEM_LINES:
            typer.echo(
                f"hadath {command}: … and {len(problems) - MAX_PROBLEM_LINES} more "
                "(hadath dict lint lists them all)",
                err=True,
            )
        raise typer.Exit(ExitCode.INPUT) from None


#: How many problems of a user's file a coding command prints before it stops.
MAX_PROBLEM_LINES = 50


def finish_run(command: str, report: IngestReport, documents: int) -> ExitCode:
    """Warnings and skips on stderr; OK, PARTIAL (some inputs skipped) or INPUT (none usable)."""
    for warning in report.warnings:
        typer.echo(f"hadath {command}: warning: {warning}", err=True)
    if report.skipped_total or not documents:
        for line in report.summary_lines():
            typer.echo(f"hadath {command}: {line}", err=True)
    if not documents:
        typer.echo(f"hadath {command}: no usable input", err=True)
        return ExitCode.INPUT
    return ExitCode.PARTIAL if report.skipped_total else ExitCode.OK
