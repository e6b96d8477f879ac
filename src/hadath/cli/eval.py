"""`hadath eval GOLD...`: score the coder on gold files and gate on metric floors."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from hadath.cli.app import ExitCode, app, write_json
from hadath.evaluation import runner
from hadath.evaluation.gold import GoldFormatError
from hadath.evaluation.gold_external import KINDS
from hadath.evaluation.report import render_report, report_to_json


def parse_floors(values: list[str]) -> dict[str, float]:
    """`metric=value` pairs, e.g. `gsr.ASSAULT.f1=0.4`."""
    floors: dict[str, float] = {}
    for value in values:
        name, sep, number = value.partition("=")
        try:
            floors[name.strip()] = float(number)
        except ValueError:
            raise typer.BadParameter(f"{value!r}: expected metric=number") from None
        if not sep or not name.strip():
            raise typer.BadParameter(f"{value!r}: expected metric=number")
    return floors


@app.command("eval")
def eval_command(
    gold: Annotated[
        list[Path], typer.Argument(help="Gold files or directories (YAML, GSR CSV/JSON, UN TSV).")
    ],
    *,
    output_format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    limit: Annotated[
        int | None, typer.Option(min=1, help="Score only the first N records of each file.")
    ] = None,
    kind: Annotated[str, typer.Option(help=f"Gold format: auto, {', '.join(KINDS)}.")] = "auto",
    floor: Annotated[
        list[str] | None,
        typer.Option(help="metric=value; exit with the GATE code when a metric is below it."),
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="Processes coding items.")] = 1,
    examples: Annotated[int, typer.Option(min=0, help="Error examples shown per set.")] = 10,
) -> None:
    """Code every gold item with hadath and print precision, recall, F1 and more."""
    if output_format not in {"table", "json"}:
        raise typer.BadParameter("--format is table or json")
    if kind != "auto" and kind not in KINDS:
        raise typer.BadParameter(f"--kind is auto or one of {', '.join(KINDS)}")
    options = runner.EvalOptions(
        kind=kind,
        limit=limit,
        workers=workers,
        examples=examples,
        floors=parse_floors(floor or []),
    )
    err = Console(stderr=True)
    try:
        # Looked up at call time so tests can swap the coder for a hand-made one.
        report = runner.evaluate(gold, options, coder=runner.code_with_hadath)
    except GoldFormatError as error:
        # One line each, unwrapped (a console would fold a long path over several lines).
        for problem in error.problems:
            typer.echo(f"hadath eval: error: {problem}", err=True)
        raise typer.Exit(ExitCode.INPUT) from None
    except runner.UnknownMetricError as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(ExitCode.USAGE) from None
    if output_format == "json":
        write_json(report_to_json(report), sys.stdout)
    else:
        render_report(report, Console())
    raise typer.Exit(exit_code(report))


def exit_code(report: runner.EvaluationReport) -> ExitCode:
    if not report.passed:
        return ExitCode.GATE
    if any(section.scores.errors for section in report.sections):
        return ExitCode.PARTIAL
    return ExitCode.OK
