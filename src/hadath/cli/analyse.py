"""`hadath analyse FILE...`: clean text, sentences and tokens (with morphology) per document.

FILE may be a text, HTML, JSONL, JSON or zip file, a directory (read recursively) or "-" for
stdin. `--format json` prints the `analyse` JSON contract (see hadath.output).
"""

from __future__ import annotations

import enum
import sys
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from hadath.cli.app import app, finish_run, write_json
from hadath.ingest import MAX_DOCUMENT_CHARS, IngestOptions, JsonFields
from hadath.model import Document
from hadath.output import documents_to_json, stats_to_json


class OutputFormat(enum.StrEnum):
    table = "table"
    json = "json"


def _fields(text: str | None, id_: str | None, published: str | None) -> JsonFields:
    defaults = JsonFields()
    return JsonFields(
        id=(id_,) if id_ else defaults.id,
        text=(text,) if text else defaults.text,
        title=defaults.title,
        url=defaults.url,
        published=(published,) if published else defaults.published,
        source=defaults.source,
    )


@app.command("analyse")
def analyse_command(
    files: Annotated[
        list[str], typer.Argument(help="text/HTML/JSONL/JSON/zip files, directories, or - (stdin)")
    ],
    *,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="table for people, json for programs")
    ] = OutputFormat.table,
    jsonl_text_field: Annotated[
        str | None, typer.Option(help="JSON field with the article text (default: text/content)")
    ] = None,
    jsonl_id_field: Annotated[str | None, typer.Option(help="JSON field with the id")] = None,
    jsonl_published_field: Annotated[
        str | None, typer.Option(help="JSON field with the publication date")
    ] = None,
    morphology: Annotated[
        bool, typer.Option(help="add clitic segmentation, lemma and POS (loads the lexicon)")
    ] = True,
    max_document_chars: Annotated[
        int, typer.Option(help="longer texts are split into chunks at paragraph breaks")
    ] = MAX_DOCUMENT_CHARS,
) -> None:
    """Split articles into sentences and tokens; report what was removed or skipped."""
    from hadath.analysis import analyse_inputs, morphology_available

    options = IngestOptions(
        max_document_chars=max_document_chars,
        json_fields=_fields(jsonl_text_field, jsonl_id_field, jsonl_published_field),
    )
    use_morphology = morphology and morphology_available()
    if morphology and not use_morphology:
        typer.echo("hadath analyse: morphology stage not installed; tokens only", err=True)
    run = analyse_inputs(files, options, morphology=use_morphology)
    if output_format is OutputFormat.json:
        write_json(documents_to_json(run.documents))
    else:
        console = Console(file=sys.stdout)
        for doc in run.documents:
            console.print(document_table(doc))
    raise typer.Exit(finish_run("analyse", run.report, len(run.documents)))


def document_table(doc: Document) -> Table:
    """One rich table per document: a row per sentence with its tokens."""
    stats = ", ".join(f"{k}={v}" for k, v in stats_to_json(doc.stats).items())
    published = doc.published.isoformat() if doc.published else "-"
    table = Table(
        title=f"{doc.title or doc.id}  ({doc.id}, {published})",
        caption=stats,
        show_lines=True,
        expand=False,
    )
    table.add_column("#", justify="right")
    table.add_column("span")
    table.add_column("sentence", overflow="fold")
    table.add_column("tokens", overflow="fold")
    for sentence in doc.sentences:
        tokens = " ".join("+".join(t.segments) if t.segments else t.text for t in sentence.tokens)
        table.add_row(
            str(sentence.index), f"{sentence.start}-{sentence.end}", sentence.text, tokens
        )
    return table
