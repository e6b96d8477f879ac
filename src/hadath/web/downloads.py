"""Downloads of a filtered events list: CSV, JSON lines or Parquet, streamed.

The columns are the events table's, as `hadath export --format csv` writes them (the export
reads `SELECT * FROM events`; a column a newer store adds appears in both). Rows come from
the store in Arrow batches and leave as they are encoded, so a download of a million events
holds one batch in memory, never the whole answer, and has no row cap.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import Any

from fastapi.responses import StreamingResponse

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
}


def download_response(reader: Any, output_format: str) -> StreamingResponse:
    """The streamed answer to an Arrow `RecordBatchReader` of events; the filename says what
    it is (`hadath-events.csv`)."""
    encoders = {"csv": csv_chunks, "jsonl": jsonl_chunks, "parquet": parquet_chunks}
    body = encoders[output_format](reader)
    headers = {"Content-Disposition": f'attachment; filename="hadath-events.{output_format}"'}
    return StreamingResponse(body, media_type=MEDIA_TYPES[output_format], headers=headers)


def csv_chunks(reader: Any) -> Iterator[bytes]:
    """A header row, then every row as the `csv` module writes it (`hadath export` does the
    same: None as an empty field, dates as YYYY-MM-DD)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(reader.schema.names)
    yield _drain(buffer)
    for batch in reader:
        columns = [column.to_pylist() for column in batch.columns]
        writer.writerows(zip(*columns, strict=True))
        yield _drain(buffer)


def jsonl_chunks(reader: Any) -> Iterator[bytes]:
    """One JSON object per event, keys the column names (Arabic as written, not escaped)."""
    for batch in reader:
        lines = [json.dumps(row, ensure_ascii=False, default=_plain) for row in batch.to_pylist()]
        yield ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def parquet_chunks(reader: Any) -> Iterator[bytes]:
    """A Parquet file written one row group per batch, each sent as soon as it is encoded
    (no rows: still a valid file with the events table's columns)."""
    import pyarrow.parquet as pq

    sink = _ChunkSink()
    writer = pq.ParquetWriter(sink, reader.schema)
    for batch in reader:
        writer.write_batch(batch)
        yield sink.take()
    writer.close()
    yield sink.take()


class _ChunkSink(io.RawIOBase):
    """A write-only file whose written bytes are taken away as they are streamed."""

    def __init__(self) -> None:
        super().__init__()
        self._chunks: list[bytes] = []
        self._position = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self._chunks.append(chunk)
        self._position += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self._position

    def take(self) -> bytes:
        chunk, self._chunks = b"".join(self._chunks), []
        return chunk


def _drain(buffer: io.StringIO) -> bytes:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text.encode("utf-8")


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")
