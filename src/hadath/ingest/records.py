"""JSON records (JSONL lines, JSON arrays, zip archives of them) to `Document`s.

Field names are configurable (`JsonFields`): each field lists candidate names and the first
one a record has wins, so SaudiNewsNet's `content`/`date_extracted` and a plain `text`/
`published` layout read with the same defaults. A bad record is counted and skipped.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from hadath.ingest.decode import DecodedText, decode_bytes
from hadath.ingest.report import IngestOptions, IngestReport, JsonFields
from hadath.ingest.text import chunk_text
from hadath.model import Document

# Zero-width and bidi controls, soft hyphen, word joiners, C0 controls: the characters the
# text cleaner removes from article text (hadath.text.clean), removed from titles and outlets.
CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u2069\ufeff]+"
)


def strip_controls(text: str) -> str:
    """`text` without invisible controls (a line break inside becomes a space)."""
    return CONTROLS.sub("", text.replace("\n", " ").replace("\r", " "))


def parse_date(value: object) -> dt.date | None:
    """An ISO date or datetime string (or a date) to a date; None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _first(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        if name in record and record[name] not in (None, ""):
            return record[name]
    return None


def record_documents(
    record: object, name: str, options: IngestOptions, report: IngestReport
) -> Iterator[Document]:
    """Documents from one JSON record (several when its text is over the size limit)."""
    fields: JsonFields = options.json_fields
    if not isinstance(record, dict):
        report.skip(name, "JSON record is not an object")
        return
    text = _first(record, fields.text)
    if not isinstance(text, str) or not text.strip():
        report.skip(name, f"JSON record without text (fields tried: {', '.join(fields.text)})")
        return
    chunks = list(chunk_text(iter([text]), options.max_document_chars))
    for index, chunk in enumerate(chunks, start=1):
        yield _record_document(record, chunk, name, fields, index if len(chunks) > 1 else None)
    if len(chunks) > 1:
        report.chunked_inputs += 1


def _record_document(
    record: dict[str, Any], text: str, name: str, fields: JsonFields, chunk: int | None
) -> Document:
    raw_id = _first(record, fields.id)
    record_id = _record_id(raw_id)
    published_value = _first(record, fields.published)
    published = parse_date(published_value)
    doc = Document(
        raw_text=text,
        id=record_id + (f"#{chunk}" if chunk else "") if record_id is not None else "",
        title=_display(_first(record, fields.title)),
        url=_str_or_none(_first(record, fields.url)),
        source=_display(_first(record, fields.source)) or name,
        published=published,
    )
    doc.meta.update({"path": name, "format": "json"})
    if raw_id is not None and record_id is None:
        doc.warn(f"id {json.dumps(raw_id, ensure_ascii=False)[:60]} is not a string or integer")
    if chunk:
        doc.meta["chunk"] = chunk
    if published_value is not None and published is None:
        doc.warn(f"unreadable publication date {published_value!r}")
    return doc


def _str_or_none(value: object) -> str | None:
    return str(value) if value is not None else None


def _record_id(value: object) -> str | None:
    """A string or an integer id as written; anything else (a list, a mapping, a float, a
    boolean) is no id, and the document takes its content hash: `str()` of it made ids
    like "{'a': 1}" or "True", which no link or query reaches."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _display(value: object) -> str | None:
    """A title or outlet as shown: text without the zero-width and bidi controls scraped
    pages carry (they reorder or hide what the reader sees), None when nothing is left."""
    if value is None or isinstance(value, dict | list):
        return None
    text = strip_controls(str(value)).strip()
    return text or None


def read_jsonl_lines(
    lines: Iterable[bytes], name: str, options: IngestOptions, report: IngestReport
) -> Iterator[Document]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        decoded = decode_bytes(line)
        if not isinstance(decoded, DecodedText):
            report.skip(where, f"JSONL line is {decoded.skip_reason}")
            continue
        if decoded.invalid_bytes:
            report.note("invalid bytes replaced", decoded.invalid_bytes)
            report.warn(f"{where}: {decoded.invalid_bytes} invalid byte(s) replaced by U+FFFD")
        try:
            record = json.loads(decoded.text)
        except json.JSONDecodeError as error:
            report.skip(where, f"JSONL line is not valid JSON ({error.msg})")
            continue
        yield from record_documents(record, where, options, report)


def read_json_bytes(
    data: bytes, name: str, options: IngestOptions, report: IngestReport
) -> Iterator[Document]:
    """A JSON file: an array of records, one record, or (when it fails as JSON) JSON lines."""
    if len(data) > options.max_markup_bytes:
        report.skip(name, f"JSON larger than {options.max_markup_bytes} bytes")
        return
    decoded = decode_bytes(data)
    if not isinstance(decoded, DecodedText):
        report.skip(name, decoded.skip_reason or "not text")
        return
    try:
        value = json.loads(decoded.text)
    except json.JSONDecodeError:
        yield from read_jsonl_lines(data.splitlines(), name, options, report)
        return
    records = value if isinstance(value, list) else [value]
    for number, record in enumerate(records, start=1):
        yield from record_documents(record, f"{name}[{number}]", options, report)
