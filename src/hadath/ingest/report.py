"""Ingest settings and the count of what was read and what was skipped, with reasons."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

#: Largest text one `Document` may hold. Longer texts (a 50 MB dump of many articles) are split
#: at paragraph breaks into chunks of at most this size; see `hadath.ingest.text.chunk_text`.
MAX_DOCUMENT_CHARS = 5_000_000
#: Largest HTML page or JSON file read into memory at once; larger ones are skipped, counted.
MAX_MARKUP_BYTES = 50_000_000
#: Largest uncompressed size of one archive member (a text member is read as a stream, in
#: chunks; JSON and HTML members are also held to MAX_MARKUP_BYTES).
MAX_MEMBER_BYTES = 2_000_000_000
#: Largest total uncompressed size of one archive's members.
MAX_ARCHIVE_BYTES = 8_000_000_000
#: Largest compression ratio of a member, and of an archive as a whole (news text compresses
#: 3.8x, JSON with \u escapes 8.6x; zip bombs 170x and more: see hadath.ingest.archive).
MAX_COMPRESSION_RATIO = 100
#: Below this many uncompressed bytes the ratio is not checked.
RATIO_CHECK_BYTES = 1_000_000
#: File name endings read when walking a directory.
INGEST_EXTENSIONS = (".txt", ".html", ".htm", ".jsonl", ".json", ".zip")
#: How many example sources are kept per skip reason (the counts are always complete).
EXAMPLES_PER_REASON = 20


@dataclass(frozen=True, slots=True)
class JsonFields:
    """Field names read from JSON records; each lists candidates, first present wins."""

    id: tuple[str, ...] = ("id",)
    text: tuple[str, ...] = ("text", "content", "body")
    title: tuple[str, ...] = ("title",)
    url: tuple[str, ...] = ("url", "link")
    published: tuple[str, ...] = ("published", "date", "date_published", "date_extracted")
    source: tuple[str, ...] = ("source",)


@dataclass(frozen=True, slots=True)
class IngestOptions:
    max_document_chars: int = MAX_DOCUMENT_CHARS
    max_markup_bytes: int = MAX_MARKUP_BYTES
    max_member_bytes: int = MAX_MEMBER_BYTES
    max_archive_bytes: int = MAX_ARCHIVE_BYTES
    max_compression_ratio: float = MAX_COMPRESSION_RATIO
    ratio_check_bytes: int = RATIO_CHECK_BYTES
    json_fields: JsonFields = field(default_factory=JsonFields)
    read_block_bytes: int = 1 << 20


@dataclass(slots=True)
class IngestReport:
    """What ingest read and skipped. Every skip has a reason; nothing is dropped silently."""

    documents: int = 0
    chunked_inputs: int = 0  # inputs split into several documents for their size
    skipped: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)
    notes: Counter[str] = field(default_factory=Counter)  # read, but with a caveat
    warnings: list[str] = field(default_factory=list)

    def skip(self, source: str, reason: str) -> None:
        self.skipped[reason] += 1
        examples = self.examples.setdefault(reason, [])
        if len(examples) < EXAMPLES_PER_REASON:
            examples.append(source)

    def note(self, name: str, amount: int = 1) -> None:
        if amount:
            self.notes[name] += amount

    def warn(self, message: str) -> None:
        if len(self.warnings) < 1000:
            self.warnings.append(message)

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def summary_lines(self) -> list[str]:
        lines = [f"read {self.documents} document(s), skipped {self.skipped_total}"]
        for reason, count in sorted(self.skipped.items()):
            shown = ", ".join(self.examples.get(reason, [])[:3])
            lines.append(f"  skipped {count} × {reason}" + (f" (e.g. {shown})" if shown else ""))
        for name, count in sorted(self.notes.items()):
            lines.append(f"  note: {count} × {name}")
        return lines
