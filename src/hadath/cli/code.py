"""`hadath code FILE...` and `hadath entities FILE...`: events and entities per document.

`--format json` prints the `code` contract (hadath.events.output); `jsonl` one line per
document `{"id", "events"}` as it is coded; `plover` one PLOVER JSON record per line; `tsv`
a header and one row per event.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from hadath.api import CoderOptions
from hadath.cli.app import DictOption, ExitCode, app, check_user_files, finish_run, write_json
from hadath.coding import iter_coded
from hadath.events.output import (
    TSV_COLUMNS,
    coded_document_to_json,
    entity_to_json,
    event_to_json,
    event_to_plover,
    event_tsv_row,
    has_plover_type,
)
from hadath.ingest import IngestReport
from hadath.model import Document


class CodeFormat(enum.StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    plover = "plover"
    tsv = "tsv"


class EntityFormat(enum.StrEnum):
    table = "table"
    json = "json"


FilesArgument = Annotated[
    list[str], typer.Argument(help="text/HTML/JSONL/JSON/zip files, directories, or - (stdin)")
]
DateOption = Annotated[
    str | None,
    typer.Option("--date", help="publication date (YYYY-MM-DD) for documents that carry none"),
]
NerOption = Annotated[bool, typer.Option(help="use the trained recogniser for unknown names")]


def _published(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        typer.echo(f"hadath: --date must be YYYY-MM-DD, not {value!r}", err=True)
        raise typer.Exit(ExitCode.USAGE) from None


def _coded(
    files: list[str], date: str | None, dicts: list[Path] | None, ner: bool, report: IngestReport
) -> Iterator[Document]:
    published = _published(date)
    check_user_files("code", dicts)
    options = CoderOptions(dictionaries=tuple(dicts or ()), use_ner=ner)
    return iter_coded(files, report=report, options=options, published=published)


@app.command("code")
def code_command(
    files: FilesArgument,
    *,
    date: DateOption = None,
    output_format: Annotated[CodeFormat, typer.Option("--format")] = CodeFormat.table,
    dicts: DictOption = None,
    ner: NerOption = True,
) -> None:
    """Code political events (CAMEO, PLOVER) with their evidence."""
    report = IngestReport()
    documents = _coded(files, date, dicts, ner, report)
    count = write_events(documents, output_format)
    raise typer.Exit(finish_run("code", report, count))


def write_events(documents: Iterator[Document], output_format: CodeFormat) -> int:
    """Write as the documents come (all but json and table stream); return how many."""
    count = 0
    if output_format in (CodeFormat.json, CodeFormat.table):
        collected = list(documents)
        if output_format is CodeFormat.json:
            write_json({"documents": [coded_document_to_json(d) for d in collected]})
        else:
            console = Console(file=sys.stdout)
            for doc in collected:
                console.print(events_table(doc))
        return len(collected)
    writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    if output_format is CodeFormat.tsv:
        writer.writerow(TSV_COLUMNS)
    for doc in documents:
        count += 1
        if output_format is CodeFormat.jsonl:
            line = {"id": doc.id, "events": [event_to_json(doc, e) for e in doc.events]}
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
        elif output_format is CodeFormat.plover:
            for event in filter(has_plover_type, doc.events):
                sys.stdout.write(json.dumps(event_to_plover(doc, event), ensure_ascii=False) + "\n")
        else:
            writer.writerows(event_tsv_row(doc, event) for event in doc.events)
        sys.stdout.flush()
    return count


@app.command("entities")
def entities_command(
    files: FilesArgument,
    *,
    date: DateOption = None,
    output_format: Annotated[EntityFormat, typer.Option("--format")] = EntityFormat.table,
    dicts: DictOption = None,
    ner: NerOption = True,
) -> None:
    """List people, organisations, places and dates with their resolved actors."""
    report = IngestReport()
    documents = list(_coded(files, date, dicts, ner, report))
    if output_format is EntityFormat.json:
        write_json(
            {
                "documents": [
                    {"id": d.id, "entities": [entity_to_json(e) for e in d.entities]}
                    for d in documents
                ]
            }
        )
    else:
        console = Console(file=sys.stdout)
        for doc in documents:
            console.print(entities_table(doc))
    raise typer.Exit(finish_run("entities", report, len(documents)))


#: Room for a 9-letter actor code and a trigger word in an 80-column terminal. The CAMEO
#: column holds the code alone (four digits at most): QuadClass and the rest are in the JSON.
MIN_WIDTHS = {"source": 9, "target": 9, "evidence": 8}


def events_table(doc: Document) -> Table:
    published = doc.published.isoformat() if doc.published else "-"
    table = Table(title=f"{doc.title or doc.id}  ({published}): {len(doc.events)} events")
    # Codes and dates never wrap: "PSEREBHMS" split over two lines reads as two codes.
    for column in ("#", "CAMEO", "source", "target", "date", "place", "modality", "evidence"):
        table.add_column(
            column,
            overflow="fold",
            no_wrap=column in ("#", "CAMEO", "date"),
            min_width=MIN_WIDTHS.get(column),
        )
    for event in doc.events:
        modality = ",".join(k for k, v in event.modality.items() if v) or "-"
        table.add_row(
            str(event.sentence),
            event.cameo,
            _actor_cell(event.source),
            _actor_cell(event.target),
            event.date or "-",
            event.location.name if event.location else "-",
            modality,
            doc.clean_text[event.trigger_start : event.trigger_end],
        )
    return table


def _actor_cell(actor: dict[str, object] | None) -> str:
    # The code on a line of its own, so a narrow terminal folds the Arabic, not the code.
    return f"{actor['code']}\n{actor['text']}" if actor else "-"


def entities_table(doc: Document) -> Table:
    table = Table(title=f"{doc.title or doc.id}: {len(doc.entities)} entities")
    for column in ("#", "type", "text", "actor", "place / value", "origin"):
        table.add_column(column, overflow="fold")
    for entity in doc.entities:
        place = entity.place
        where = f"{place.name} ({place.country})" if place else (entity.value or "-")
        table.add_row(
            str(entity.sentence),
            entity.type,
            entity.text,
            entity.actor.code if entity.actor else "-",
            where,
            entity.origin,
        )
    return table
