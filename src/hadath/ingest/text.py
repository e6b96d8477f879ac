"""Plain text: a byte stream decoded block by block, split into chunks when it is huge.

A text longer than `IngestOptions.max_document_chars` is split at paragraph breaks (at a space
when a single paragraph is longer than the limit) rather than skipped: a file that large is
nearly always many articles pasted together, and splitting keeps every sentence. The stream is
never read whole, so memory stays at about one chunk whatever the file size.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from hadath.ingest.decode import SNIFF_BYTES, StreamDecoder, guess_encoding
from hadath.ingest.report import IngestOptions, IngestReport
from hadath.model import Document


class ByteStream(Protocol):
    """What the text reader needs of a stream: a file, stdin, or a limited zip member."""

    def read(self, size: int = -1, /) -> bytes: ...


def read_text_stream(
    stream: ByteStream, name: str, options: IngestOptions, report: IngestReport
) -> Iterator[Document]:
    """Documents from a text stream (one, or one per chunk when the text is huge)."""
    head = stream.read(SNIFF_BYTES)
    guess = guess_encoding(head)
    if guess.encoding is None:
        report.skip(name, guess.skip_reason or "not text")
        return
    decoder = StreamDecoder(guess.encoding)
    pieces = _decoded_blocks(stream, head, decoder, options.read_block_bytes)
    produced = 0
    several = False
    for index, chunk, is_only in _with_lookahead(chunk_text(pieces, options.max_document_chars)):
        several = several or not is_only
        if not chunk.strip():
            continue
        doc = Document(raw_text=chunk, source=name)
        doc.meta.update({"path": name, "format": "text", "encoding": guess.encoding})
        if not is_only:
            doc.meta["chunk"] = index
        if decoder.invalid_bytes:
            replaced = chunk.count("\ufffd")
            doc.stats.add("invalid_bytes", replaced)
            doc.warn(f"{replaced} invalid byte(s) in {guess.encoding} replaced by U+FFFD")
        produced += 1
        yield doc
    _finish(name, decoder, produced, several, report)


def _finish(
    name: str, decoder: StreamDecoder, produced: int, several: bool, report: IngestReport
) -> None:
    if decoder.invalid_bytes:
        report.note("invalid bytes replaced", decoder.invalid_bytes)
        report.warn(f"{name}: {decoder.invalid_bytes} invalid byte(s) replaced by U+FFFD")
    if decoder.encoding == "cp1256":
        report.note("inputs read as Windows-1256")
    if several:
        report.chunked_inputs += 1
        report.warn(f"{name}: larger than the document size limit, split into {produced} chunks")
    if not produced:
        report.skip(name, "empty (no text)")


def _decoded_blocks(
    stream: ByteStream, head: bytes, decoder: StreamDecoder, block_bytes: int
) -> Iterator[str]:
    yield decoder.decode(head)
    while block := stream.read(block_bytes):
        yield decoder.decode(block)
    yield decoder.decode(b"", final=True)


def _with_lookahead(chunks: Iterator[str]) -> Iterator[tuple[int, str, bool]]:
    """(index from 1, chunk, whether it is the only chunk), holding one chunk in hand."""
    previous = next(chunks, None)
    index = 0
    for chunk in chunks:
        index += 1
        yield index, previous or "", False
        previous = chunk
    if previous is not None:
        yield index + 1, previous, index == 0


def chunk_text(pieces: Iterator[str], limit: int) -> Iterator[str]:
    """Join decoded pieces and cut the text into chunks of at most `limit` characters."""
    buffer = ""
    for piece in pieces:
        buffer += piece
        while len(buffer) > limit:
            cut = _cut_point(buffer, limit)
            yield buffer[:cut]
            buffer = buffer[cut:]
    yield buffer


def _cut_point(text: str, limit: int) -> int:
    """Prefer the last paragraph break before `limit`, then the last space, then `limit`."""
    for separator in ("\n", " "):
        cut = text.rfind(separator, limit // 2, limit)
        if cut > 0:
            return cut + 1
    return limit
