"""`hadath ner FILE.conll [-o OUT]`: tag a one-token-per-line file with the NER model."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from hadath.cli.app import ExitCode, app


@app.command("ner")
def ner_command(
    file: Annotated[
        Path, typer.Argument(help="one token per line (first column); blank line = sentence break")
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="write here instead of stdout")
    ] = None,
) -> None:
    """Tag tokens with B-/I- PERS, LOC, ORG, MISC or O, one `token<TAB>tag` line per input line."""
    from hadath.ner import default_recogniser
    from hadath.ner.conll import tag_token_column

    try:
        source = file.open(encoding="utf-8")
    except OSError as error:
        typer.echo(f"hadath ner: cannot read {file}: {error.strerror or error}", err=True)
        raise typer.Exit(ExitCode.INPUT) from error
    recogniser = default_recogniser()
    try:
        with source:
            if output is None:
                count = tag_token_column(source, sys.stdout, recogniser.tag)
            else:
                with output.open("w", encoding="utf-8") as out:
                    count = tag_token_column(source, out, recogniser.tag)
    except UnicodeDecodeError as error:
        typer.echo(f"hadath ner: {file} is not UTF-8 text ({error.reason})", err=True)
        raise typer.Exit(ExitCode.INPUT) from error
    if count == 0:
        typer.echo(f"hadath ner: no tokens in {file}", err=True)
        raise typer.Exit(ExitCode.INPUT)
