"""Ingest: files, directories, zip archives and stdin to `Document`s, lazily.

`read_inputs(paths, options, report)` yields documents one at a time so a corpus streams;
`report` (an `IngestReport`) counts what was read and what was skipped, with reasons.
"""

from hadath.ingest.decode import DecodedText, EncodingGuess, decode_bytes, guess_encoding
from hadath.ingest.report import (
    MAX_DOCUMENT_CHARS,
    IngestOptions,
    IngestReport,
    JsonFields,
)
from hadath.ingest.sources import STDIN_NAME, read_file, read_inputs, read_path

__all__ = [
    "MAX_DOCUMENT_CHARS",
    "STDIN_NAME",
    "DecodedText",
    "EncodingGuess",
    "IngestOptions",
    "IngestReport",
    "JsonFields",
    "decode_bytes",
    "guess_encoding",
    "read_file",
    "read_inputs",
    "read_path",
]
