"""`hadath ingest|recode|events|stats|export|index --db DIR`: the event store from the shell.

Each command opens the store, calls one library function (hadath.store.*) and renders what
it returns; the progress bar is the only thing `ingest` draws while it runs.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from hadath.api import CoderOptions
from hadath.cli.app import DictOption, ExitCode, app, check_user_files, write_json

DbOption = Annotated[Path, typer.Option("--db", help="store directory (created by ingest)")]
PatternsOption = Annotated[
    list[Path] | None,
    typer.Option("--patterns", help="event pattern file laid over the built-in ones"),
]


class Engine(enum.StrEnum):
    local = "local"
    dask = "dask"


class ListFormat(enum.StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ExportFormat(enum.StrEnum):
    plover = "plover"
    gdelt = "gdelt"
    csv = "csv"
    parquet = "parquet"


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        typer.echo(f"hadath: {option} must be YYYY-MM-DD, not {value!r}", err=True)
        raise typer.Exit(ExitCode.USAGE) from None


def _open(db: Path, *, create: bool = False) -> Any:
    from hadath.store import Store, StoreBusyError
    from hadath.store.schema import StoreVersionError

    if not create and not (db / "hadath.duckdb").is_file():
        typer.echo(f"hadath: no store in {db} (run hadath ingest --db {db} first)", err=True)
        raise typer.Exit(ExitCode.INPUT)
    try:
        return Store(db)
    except StoreBusyError as error:
        typer.echo(f"hadath: {error}", err=True)
        raise typer.Exit(ExitCode.BUSY) from None
    except (StoreVersionError, OSError) as error:
        typer.echo(f"hadath: {error}", err=True)
        raise typer.Exit(ExitCode.INPUT) from None


def _require_inputs(paths: list[str], command: str) -> None:
    """Stop before a store is created or opened when no input path exists at all."""
    if any(p == "-" or Path(p).exists() for p in paths):
        return
    shown = ", ".join(paths[:3]) + (" …" if len(paths) > 3 else "")
    typer.echo(f"hadath {command}: file not found: {shown}; nothing to do", err=True)
    raise typer.Exit(ExitCode.INPUT)


def _coder_options(
    dicts: list[Path] | None, patterns: list[Path] | None, command: str = "ingest"
) -> CoderOptions:
    """The options, with the user's files checked now: a bad file stops the command with
    its problems, one line each (exit code 3), not a traceback from inside the first batch."""
    check_user_files(command, dicts, patterns)
    return CoderOptions(dictionaries=tuple(dicts or ()), patterns=tuple(patterns or ()))


def _engine(
    engine: Engine, workers: int, scheduler: str | None, staging: Path | None, db: Path
) -> Any:
    from hadath.store.engines import LocalEngine

    if engine is Engine.local and scheduler is None:
        return LocalEngine(workers)
    from hadath.store.dask_engine import DaskEngine

    return DaskEngine(staging or db / "staging", scheduler=scheduler, workers=workers)


def _progress_bar(console: Console) -> Progress:
    return Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("articles · {task.fields[events]} reports · {task.fields[rate]:.2f}/s"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="files, directories, JSONL, zip, HTML")],
    db: DbOption,
    *,
    workers: Annotated[int, typer.Option(help="coding processes (or Dask workers)")] = 1,
    date_field: Annotated[str | None, typer.Option(help="JSON field with the date")] = None,
    id_field: Annotated[
        str | None,
        typer.Option(
            help="JSON field with the document id (e.g. url): a new text under a "
            "stored id replaces the old version"
        ),
    ] = None,
    date: Annotated[str | None, typer.Option(help="date for documents with none")] = None,
    engine: Annotated[Engine, typer.Option(help="local process pool or Dask")] = Engine.local,
    scheduler: Annotated[str | None, typer.Option(help="Dask scheduler tcp://HOST:PORT")] = None,
    staging: Annotated[Path | None, typer.Option(help="Parquet shards (Dask)")] = None,
    batch_size: Annotated[int, typer.Option(help="documents per transaction")] = 16,
    progress: Annotated[bool, typer.Option(help="show a progress bar")] = True,
    dicts: DictOption = None,
    patterns: PatternsOption = None,
) -> None:
    """Code documents into the store: idempotent, resumable, with a progress bar."""
    from hadath.store.ingest import IngestSettings, count_documents, ingest

    _require_inputs(paths, "ingest")
    settings = IngestSettings(
        workers=workers,
        batch_size=max(1, batch_size),
        published=_date(date, "--date"),
        date_field=date_field,
        id_field=id_field,
        coder=_coder_options(dicts, patterns),
    )
    store = _open(db, create=True)
    console = Console(file=sys.stderr)
    chosen = _engine(engine, workers, scheduler, staging, db)
    try:
        if hasattr(chosen, "start"):  # fork the workers before the bar starts its thread
            chosen.start(settings.coder)
        with _progress_bar(console) as bar:
            total = count_documents(paths, settings) if progress else None
            task = bar.add_task("ingest", total=total, events=0, rate=0.0, visible=progress)

            def advance(summary: Any) -> None:
                done = summary.coded + summary.duplicates + sum(summary.skipped.values())
                rate = summary.coded / summary.seconds if summary.seconds else 0.0
                bar.update(task, completed=done, events=summary.reports_added, rate=rate)
                if not progress and summary.batches:
                    typer.echo(
                        f"hadath ingest: batch written, {summary.documents_added} "
                        "document(s) so far",
                        err=True,
                    )

            summary = ingest(
                paths,
                store,
                settings,
                engine=chosen,
                progress=advance,
            )
    finally:
        store.close()
    for line in summary.lines():
        typer.echo(f"hadath ingest: {line}", err=True)
    if summary.read == 0 and summary.skipped_total:
        raise typer.Exit(ExitCode.INPUT)
    raise typer.Exit(ExitCode.PARTIAL if summary.skipped_total else ExitCode.OK)


@app.command("recode")
def recode_command(
    db: DbOption,
    *,
    workers: Annotated[int, typer.Option(help="coding processes")] = 1,
    dicts: DictOption = None,
    patterns: PatternsOption = None,
) -> None:
    """Re-code the documents a dictionary, pattern or coder change can affect; re-stamp the
    other documents coded with older versions."""
    from hadath.store.engines import LocalEngine
    from hadath.store.recode import recode

    options = _coder_options(dicts, patterns, "recode")
    store = _open(db)
    try:
        summary = recode(store, options, engine=LocalEngine(workers))
    finally:
        store.close()
    for line in summary.lines():
        typer.echo(f"hadath recode: {line}", err=True)
    raise typer.Exit(ExitCode.PARTIAL if summary.skipped else ExitCode.OK)


@app.command("index")
def index_command(db: DbOption) -> None:
    """Rebuild what is derived from the reports: merged events and the search index."""
    from hadath.store.dedup import merge_all
    from hadath.store.indexing import rebuild_search

    store = _open(db)
    try:
        keys = merge_all(store)
        documents = rebuild_search(store)
        events = store.count("events")
    finally:
        store.close()
    typer.echo(
        f"hadath index: merged the reports of {keys} dyad key(s) into {events} "
        f"event(s); indexed the sentences of {documents} document(s)",
        err=True,
    )


def _flat(event: dict[str, Any]) -> dict[str, Any]:
    source, target, place = event["source"] or {}, event["target"] or {}, event["place"] or {}
    return {
        "id": event["id"],
        "date": event["date"],
        "cameo": event["cameo"],
        "quad_class": event["quad_class"],
        "plover_type": event["plover"]["type"],
        "source": source.get("code"),
        "source_name": source.get("name"),
        "target": target.get("code"),
        "target_name": target.get("name"),
        "place": place.get("name"),
        "mentions": event["num_mentions"],
        "sources": event["num_sources"],
        "articles": event["num_articles"],
    }


@app.command("events")
def events_command(
    db: DbOption,
    *,
    actor: Annotated[str | None, typer.Option(help="actor code prefix, either side")] = None,
    event_type: Annotated[
        str | None, typer.Option("--type", help="PLOVER type (PROTEST) or CAMEO code (043)")
    ] = None,
    since: Annotated[str | None, typer.Option(help="from YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option(help="to YYYY-MM-DD")] = None,
    limit: Annotated[int, typer.Option(help="at most this many")] = 50,
    output_format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
) -> None:
    """List merged events, newest first."""
    from hadath.store import queries

    store = _open(db)
    kind = (
        {"code": event_type}
        if event_type and event_type[:1].isdigit()
        else {"plover_type": event_type}
    )
    try:
        result = queries.events(
            store,
            actor=actor,
            since=_date(since, "--since"),
            until=_date(until, "--until"),
            limit=limit,
            **kind,
        )
    finally:
        store.close()
    rows = [_flat(e) for e in result["events"]]
    if output_format is ListFormat.json:
        write_json(result)
    elif output_format is ListFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(_flat_fields()))
        writer.writeheader()
        writer.writerows(rows)
    else:
        shown = ("date", "cameo", "source", "target", "place", "mentions", "articles")
        _print_table(f"{result['total']} event(s)", [{k: r[k] for k in shown} for r in rows])


def _flat_fields() -> tuple[str, ...]:
    return (
        "id",
        "date",
        "cameo",
        "quad_class",
        "plover_type",
        "source",
        "source_name",
        "target",
        "target_name",
        "place",
        "mentions",
        "sources",
        "articles",
    )


def _print_table(title: str, rows: list[dict[str, Any]]) -> None:
    table = Table(title=title)
    columns = list(rows[0]) if rows else []
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if row[c] is None else str(row[c]) for c in columns))
    Console(file=sys.stdout).print(table)


@app.command("stats")
def stats_command(
    db: DbOption,
    *,
    output_format: Annotated[ListFormat, typer.Option("--format")] = ListFormat.table,
) -> None:
    """Counts by day, CAMEO root and QuadClass; top dyads and actors."""
    from hadath.store import queries

    store = _open(db)
    try:
        result = queries.stats(store)
    finally:
        store.close()
    if output_format is ListFormat.json:
        write_json(result)
        return
    totals = {k: result[k] for k in ("documents", "reports", "events", "first_day", "last_day")}
    _print_table("store", [totals])
    for name in ("by_root", "by_quad_class", "by_date_precision", "by_place_precision"):
        _print_table(name, result[name])
    _print_table("dated_outside_publication", [result["dated_outside_publication"]])
    for name in ("top_dyads", "top_actors"):
        _print_table(name, result[name])


@app.command("export")
def export_command(
    out: Annotated[Path, typer.Argument(help="output file (a directory for parquet)")],
    db: DbOption,
    *,
    output_format: Annotated[ExportFormat, typer.Option("--format")] = ExportFormat.plover,
) -> None:
    """Export merged events: PLOVER JSON lines, GDELT-style TSV, CSV, or Parquet tables."""
    from hadath.store.export import export

    store = _open(db)
    try:
        count = export(store, output_format.value, out)
    finally:
        store.close()
    unit = "table(s)" if output_format is ExportFormat.parquet else "event(s)"
    typer.echo(f"hadath export: wrote {count} {unit} to {out}", err=True)
