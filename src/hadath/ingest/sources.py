"""Paths to documents: files by type, directory trees, zip archives and stdin ("-")."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from hadath.ingest.archive import read_zip
from hadath.ingest.html import read_html_bytes
from hadath.ingest.records import read_json_bytes, read_jsonl_lines
from hadath.ingest.report import INGEST_EXTENSIONS, IngestOptions, IngestReport
from hadath.ingest.text import read_text_stream
from hadath.model import Document

STDIN_NAME = "-"


def read_inputs(
    inputs: Iterable[str | Path],
    options: IngestOptions | None = None,
    report: IngestReport | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Document]:
    """Lazily read every input; what cannot be read is counted in `report` with a reason."""
    options = options or IngestOptions()
    report = report if report is not None else IngestReport()
    for item in inputs:
        if str(item) == STDIN_NAME:
            stream = stdin if stdin is not None else sys.stdin.buffer
            documents = read_text_stream(stream, "<stdin>", options, report)
        else:
            documents = read_path(Path(item), options, report)
        for doc in documents:
            report.documents += 1
            yield doc


def read_path(path: Path, options: IngestOptions, report: IngestReport) -> Iterator[Document]:
    if path.is_dir():
        yield from read_directory(path, options, report)
    elif not path.exists():
        report.skip(str(path), "file not found")
    elif not path.is_file():
        report.skip(str(path), "not a regular file")
    else:
        try:
            yield from read_file(path, options, report)
        except OSError as error:
            report.skip(str(path), f"unreadable ({error.strerror or error})")


def read_directory(root: Path, options: IngestOptions, report: IngestReport) -> Iterator[Document]:
    # Sorted, so a corpus is always read in the same order (deterministic output).
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if path.name.startswith("."):
            continue
        if path.suffix.lower() in INGEST_EXTENSIONS:
            yield from read_path(path, options, report)
        else:
            report.skip(str(path), f"unsupported file type {path.suffix or '(no extension)'}")


def read_file(path: Path, options: IngestOptions, report: IngestReport) -> Iterator[Document]:
    """One file by its extension; an unknown extension is read as plain text."""
    suffix = path.suffix.lower()
    name = str(path)
    if suffix in (".html", ".htm"):
        doc = read_html_bytes(_read_limited(path, options), name, options, report)
        if doc is not None:
            yield doc
    elif suffix == ".jsonl":
        with path.open("rb") as stream:
            yield from read_jsonl_lines(stream, name, options, report)
    elif suffix == ".json":
        yield from read_json_bytes(_read_limited(path, options), name, options, report)
    elif suffix == ".zip":
        yield from read_zip(path, options, report)
    else:
        with path.open("rb") as stream:
            yield from read_text_stream(stream, name, options, report)


def _read_limited(path: Path, options: IngestOptions) -> bytes:
    """The file's bytes, or just over the limit of them so the reader skips it by size."""
    with path.open("rb") as stream:
        return stream.read(options.max_markup_bytes + 1)
