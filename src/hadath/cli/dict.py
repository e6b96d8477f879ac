"""`hadath dict lint | stats | import`: check, count and convert actor dictionaries."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer
import yaml

from hadath.cli.app import DictOption, ExitCode, app, write_json
from hadath.dictionaries.importers import IMPORTERS, ImportFormat, import_dictionary
from hadath.dictionaries.lint import lint_paths
from hadath.dictionaries.loader import DictionaryError, load_dictionaries
from hadath.dictionaries.stats import dictionary_stats

dict_app = typer.Typer(help="Check, count and convert actor dictionaries.", no_args_is_help=True)
app.add_typer(dict_app, name="dict")


class OutputFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"


@dict_app.command("lint")
def lint_command(
    dict_paths: DictOption = None,
    output: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.TEXT,
) -> None:
    """Report schema errors, duplicate ids and names, unknown codes and bad date ranges:
    every problem of every file, one line each (file:line: entry:field: message); exit code
    3 when there is an error."""
    report = lint_paths(dict_paths or [])
    if output is OutputFormat.JSON:
        write_json([vars(p) for p in report.problems])
    else:
        for p in report.problems:
            typer.echo(str(p))
        typer.echo(f"{report.count('error')} error(s), {report.count('warning')} warning(s)")
    raise typer.Exit(ExitCode.OK if report.ok else ExitCode.INPUT)


@dict_app.command("stats")
def stats_command(
    dict_paths: DictOption = None,
    output: Annotated[OutputFormat, typer.Option("--format")] = OutputFormat.TEXT,
) -> None:
    """Count countries, organisations, institutions, people, agents and names."""
    try:
        stats = dictionary_stats(load_dictionaries(dict_paths or []))
    except DictionaryError as exc:
        for problem in exc.problems:
            typer.echo(f"hadath dict stats: {problem}", err=True)
        raise typer.Exit(ExitCode.INPUT) from None
    if output is OutputFormat.JSON:
        write_json(stats.as_dict())
        return
    for name, value in stats.as_dict().items():
        typer.echo(f"{name:>16}  {value}")


@dict_app.command("import")
def import_command(
    source_format: Annotated[ImportFormat, typer.Argument(metavar="FORMAT")],
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False)],
    out: Annotated[Path | None, typer.Option("-o", "--output", help="YAML file to write")] = None,
) -> None:
    """Convert a PETRARCH / Phoenix / UniversalPetrarch actor or agent file to hadath YAML."""
    result = import_dictionary(source_format, path)
    text = yaml.safe_dump(result.document, allow_unicode=True, sort_keys=False, width=120)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
    typer.echo(f"{result.imported} entries imported, {len(result.skipped)} skipped", err=True)
    for line_number, reason in result.skipped[:20]:
        typer.echo(f"  line {line_number}: {reason}", err=True)
    raise typer.Exit(ExitCode.PARTIAL if result.skipped else ExitCode.OK)


__all__ = ["IMPORTERS", "dict_app"]
