"""Zip archives, with limits on what they may unpack to.

A 1.2 MB zip holding a 200 MB `.txt` (the seed's text repeated, deflate ratio 172) used to run
ingest for minutes at over 1 GB of memory and code nothing: text members skipped the size
limit and nothing capped an archive's total. Now, before anything is decompressed, the
central directory is checked — each member's declared size, the archive's total and the
compression ratio of each and of all — and while a member is read its stream counts the
bytes that actually come out, so a header that lies about sizes is caught as well. Every
refusal is a counted skip with its reason.

Real archives are far from the caps: SaudiNewsNet's days compress 3.8× (8.6× as JSON with
\\u escapes); deflate bombs reach 170-1000×, bzip2 and LZMA bombs far more.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from hadath.ingest.html import read_html_bytes
from hadath.ingest.records import read_json_bytes, read_jsonl_lines
from hadath.ingest.report import IngestOptions, IngestReport
from hadath.ingest.text import read_text_stream
from hadath.model import Document

ARCHIVE_MEMBER_TYPES = (".json", ".jsonl", ".txt", ".html", ".htm")


class ArchiveLimitError(Exception):
    """A decompressed stream went past one of the archive limits; the message says which."""


@dataclass(slots=True)
class ArchiveBudget:
    """What is left of an archive's total uncompressed size as its members are read."""

    remaining: int


def ratio_too_high(uncompressed: int, compressed: int, options: IngestOptions) -> bool:
    """Whether `uncompressed` bytes from `compressed` exceed the ratio cap (small sizes
    are never refused: a few kilobytes of blank lines compress a thousandfold harmlessly)."""
    if uncompressed < options.ratio_check_bytes:
        return False
    return uncompressed > options.max_compression_ratio * max(compressed, 1)


class LimitedStream:
    """A decompressed member's stream that stops with `ArchiveLimitError` past the member
    cap, the archive's remaining budget, or the compression ratio of its compressed size."""

    def __init__(
        self,
        stream: IO[bytes],
        compressed: int,
        budget: ArchiveBudget,
        options: IngestOptions,
    ) -> None:
        self._stream = stream
        self._compressed = compressed
        self._budget = budget
        self._options = options
        self.read_bytes = 0

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            # Whole-member reads stop one byte past the cap, never unbounded.
            size = self._options.max_member_bytes - self.read_bytes + 1
        data = self._stream.read(max(size, 0))
        self.read_bytes += len(data)
        self._budget.remaining -= len(data)
        self._check()
        return data

    def __iter__(self) -> Iterator[bytes]:
        while line := self.readline():
            yield line

    def readline(self) -> bytes:
        line = self._stream.readline(self._options.max_member_bytes - self.read_bytes + 1)
        self.read_bytes += len(line)
        self._budget.remaining -= len(line)
        self._check()
        return line

    def _check(self) -> None:
        options = self._options
        if self.read_bytes > options.max_member_bytes:
            raise ArchiveLimitError(
                f"zip member unpacks to more than {options.max_member_bytes} bytes"
            )
        if self._budget.remaining < 0:
            raise ArchiveLimitError(
                f"zip archive unpacks to more than {options.max_archive_bytes} bytes"
            )
        if ratio_too_high(self.read_bytes, self._compressed, options):
            raise ArchiveLimitError(
                f"zip member compressed more than {options.max_compression_ratio}:1"
            )


def read_zip(path: Path, options: IngestOptions, report: IngestReport) -> Iterator[Document]:
    """A zip of JSON / JSONL / text / HTML members (SaudiNewsNet: one JSON array per day)."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        report.skip(str(path), "not a valid zip archive")
        return
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        refusal = _archive_refusal(members, path.stat().st_size, options)
        if refusal is not None:
            report.skip(str(path), refusal)
            return
        budget = ArchiveBudget(options.max_archive_bytes)
        for member in members:
            yield from _read_member(
                archive, member, str(path), budget, options=options, report=report
            )


def _archive_refusal(
    members: list[zipfile.ZipInfo], archive_bytes: int, options: IngestOptions
) -> str | None:
    """Why the whole archive is refused from its directory alone, or None."""
    total = sum(m.file_size for m in members)
    if total > options.max_archive_bytes:
        return f"zip archive unpacks to more than {options.max_archive_bytes} bytes"
    # Overlapping members (one compressed block named by many entries) keep each member's
    # own ratio low; the total against the file's size catches them.
    if ratio_too_high(total, archive_bytes, options):
        return f"zip archive compressed more than {options.max_compression_ratio}:1"
    return None


def _member_refusal(member: zipfile.ZipInfo, options: IngestOptions) -> str | None:
    suffix = Path(member.filename).suffix.lower()
    if suffix not in ARCHIVE_MEMBER_TYPES:
        return f"unsupported zip member type {suffix or '(no extension)'}"
    if member.file_size > options.max_member_bytes:
        return f"zip member unpacks to more than {options.max_member_bytes} bytes"
    if suffix in (".json", ".html", ".htm") and member.file_size > options.max_markup_bytes:
        return f"zip member larger than {options.max_markup_bytes} bytes"
    if ratio_too_high(member.file_size, member.compress_size, options):
        return f"zip member compressed more than {options.max_compression_ratio}:1"
    return None


def _read_member(
    archive: zipfile.ZipFile,
    member: zipfile.ZipInfo,
    zip_name: str,
    budget: ArchiveBudget,
    *,
    options: IngestOptions,
    report: IngestReport,
) -> Iterator[Document]:
    name = f"{zip_name}!{member.filename}"
    refusal = _member_refusal(member, options)
    if refusal is not None:
        report.skip(name, refusal)
        return
    suffix = Path(member.filename).suffix.lower()
    try:
        with archive.open(member) as raw:
            stream = LimitedStream(raw, member.compress_size, budget, options)
            if suffix == ".txt":
                yield from read_text_stream(stream, name, options, report)
                return
            if suffix == ".jsonl":
                yield from read_jsonl_lines(stream, name, options, report)
                return
            data = stream.read(options.max_markup_bytes + 1)
    except ArchiveLimitError as error:
        report.skip(name, str(error))
        return
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
        report.skip(name, f"unreadable zip member ({error})")
        return
    if suffix == ".json":
        yield from read_json_bytes(data, name, options, report)
    else:
        doc = read_html_bytes(data, name, options, report)
        if doc is not None:
            yield doc
