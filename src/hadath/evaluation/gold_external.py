"""Readers for external gold sets: arabic_event_gsr (CSV + spans JSON) and UN QuadClass (TSV).

Every reader returns a `GoldSet`: the usable records plus a count of skipped rows by reason,
so a malformed or out-of-scope row is counted, never silently dropped and never a crash.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from hadath.evaluation.gold import GoldFormatError, GoldItem

RecordT = TypeVar("RecordT")

GSR_POSITIVE = "yes"
GSR_NEGATIVE = frozenset({"easy no", "difficult no", "hard no"})  # README calls it both
QUAD_LABELS = (0, 1, 2, 3, 4)  # UN numbering: see hadath.evaluation.scoring.UN_QUAD_NAMES
# Gigaword document ids carry the publication day: AAW_ARB_20071026.0026-2 -> 2007-10-26.
_GIGAWORD_DAY = re.compile(r"_(\d{8})\.")
# Role dicts mark "no country" as the string "None" and "annotator gave up" as UNKNOWN.
_NO_COUNTRY = frozenset({"", "None", "NONE", "UNKNOWN"})


@dataclass(slots=True)
class GoldSet(Generic[RecordT]):
    kind: str
    path: Path
    records: list[RecordT] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True, slots=True)
class DetectionGold:
    """Does the sentence report an event of `event_type` (PLOVER)?"""

    item: GoldItem
    event_type: str
    positive: bool
    label: str  # yes | easy no | difficult no


@dataclass(frozen=True, slots=True)
class SpanGold:
    """Who did the event of `event_type` to whom, by CAMEO country, and with which words."""

    item: GoldItem
    event_type: str
    source_country: str | None  # majority of annotators; None: no country named
    target_country: str | None
    trigger_words: tuple[str, ...]  # words most annotators marked as the verb


@dataclass(frozen=True, slots=True)
class ClassGold:
    """A sentence label: UN QuadClass 0-4, or event relevance 0/1."""

    item: GoldItem
    label: int


def gigaword_day(document_id: str) -> dt.date | None:
    match = _GIGAWORD_DAY.search(document_id)
    if not match:
        return None
    try:
        return dt.datetime.strptime(match.group(1), "%Y%m%d").date()
    except ValueError:
        return None


def _open_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise GoldFormatError(f"{path}: cannot read: {error}") from None


def read_gsr_detection(path: Path) -> GoldSet[DetectionGold]:
    """`label` yes is positive, easy/difficult no negative; ambiguous rows are left out."""
    rows = csv.DictReader(io.StringIO(_open_text(path), newline=""))
    missing = {"event_type", "id", "label", "text"} - set(rows.fieldnames or ())
    if missing:
        raise GoldFormatError(f"{path}: not an arabic_event_gsr CSV, missing {sorted(missing)}")
    gold: GoldSet[DetectionGold] = GoldSet("gsr", path)
    for number, row in enumerate(rows, start=2):
        label = (row.get("label") or "").strip()
        text = (row.get("text") or "").strip()
        if not text:
            gold.skipped["empty text"] += 1
            continue
        if label != GSR_POSITIVE and label not in GSR_NEGATIVE:
            gold.skipped[f"label {label or 'missing'}"] += 1
            continue
        row_id = (row.get("id") or "").strip() or f"row-{number}"
        item = GoldItem(row_id, text, gigaword_day(row_id), f"{path}:{number}")
        event_type = (row.get("event_type") or "").strip().upper()
        gold.records.append(DetectionGold(item, event_type, label == GSR_POSITIVE, label))
    return gold


def majority_country(roles: list[Any]) -> str | None:
    """The country most annotators gave; a tie goes to a named country, then alphabetically."""
    votes: Counter[str | None] = Counter()
    for role in roles:
        if not isinstance(role, dict) or "main" not in role:
            continue  # this annotator marked no actor at all
        main = str(role.get("main") or "").strip()
        votes[None if main in _NO_COUNTRY else main.upper()] += 1
    if not votes:
        return None
    return min(votes, key=lambda code: (-votes[code], code is None, code or ""))


def trigger_words(spans: list[dict[str, Any]]) -> tuple[str, ...]:
    """Words at least half the annotators marked as the verb (all marked words if none is).

    Annotators often add a preposition or the object to the verb span (تظاهر واحتجاجا على);
    the majority keeps the trigger itself.
    """
    marked = [{str(w) for w in (s.get("verb") or []) if isinstance(w, str)} for s in spans]
    marked = [words for words in marked if words]
    votes = Counter(word for words in marked for word in words)
    majority = {word for word, count in votes.items() if 2 * count >= len(marked)}
    return tuple(sorted(majority or set(votes)))


def _span_record(raw: Any, path: Path, index: int) -> SpanGold | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("spans"), list):
        return None
    text = str(raw.get("text") or "").strip()
    if not text:
        return None
    spans = [s for s in raw["spans"] if isinstance(s, dict)]
    document = str(raw.get("source") or "")
    item_id = str(raw.get("_id") or f"{path.stem}-{index}")
    return SpanGold(
        item=GoldItem(item_id, text, gigaword_day(document), f"{path}[{index}]"),
        event_type=str(raw.get("event_type") or "").upper(),
        source_country=majority_country([s.get("source_role") for s in spans]),
        target_country=majority_country([s.get("target_role") for s in spans]),
        trigger_words=trigger_words(spans),
    )


def read_gsr_spans(path: Path) -> GoldSet[SpanGold]:
    try:
        data = json.loads(_open_text(path))
    except json.JSONDecodeError as error:
        raise GoldFormatError(f"{path}: not JSON: {error}") from None
    if not isinstance(data, list):
        raise GoldFormatError(f"{path}: an arabic_event_gsr spans file is a JSON list")
    gold: GoldSet[SpanGold] = GoldSet("gsr-spans", path)
    for index, raw in enumerate(data):
        record = _span_record(raw, path, index)
        if record is None:
            gold.skipped["malformed record"] += 1
        else:
            gold.records.append(record)
    return gold


def read_labelled_tsv(path: Path, kind: str) -> GoldSet[ClassGold]:
    """`ar_quad` (header `ar QuadClass`, labels 0-4) or `ar_binary` (`ar Relevant`, 0/1)."""
    allowed = QUAD_LABELS if kind == "quad" else (0, 1)
    rows = csv.reader(io.StringIO(_open_text(path), newline=""), delimiter="\t")
    if next(rows, None) is None:
        raise GoldFormatError(f"{path}: empty file")
    gold: GoldSet[ClassGold] = GoldSet(kind, path)
    for number, row in enumerate(rows, start=2):
        if len(row) != 2 or not row[0].strip():
            gold.skipped["malformed row"] += 1
            continue
        try:
            label = int(row[1])
        except ValueError:
            label = -1
        if label not in allowed:
            gold.skipped[f"label {row[1]!r}"] += 1
            continue
        item = GoldItem(f"{path.stem}-{number}", row[0].strip(), None, f"{path}:{number}")
        gold.records.append(ClassGold(item, label))
    return gold


KINDS = ("yaml", "news", "gsr", "gsr-spans", "quad", "binary")


def detect_kind(path: Path) -> str:
    """The gold format of a file, by its extension and first line."""
    suffix = path.suffix.lower()
    if suffix in {".yaml", ".yml"}:
        return "yaml"
    if suffix == ".json":
        return "gsr-spans"
    first = _open_text(path).split("\n", 1)[0]
    if suffix == ".csv" and "event_type" in first and "label" in first:
        return "gsr"
    if suffix == ".tsv":
        header = [cell.strip().strip('"') for cell in first.split("\t")]
        if header[-1:] == ["QuadClass"]:
            return "quad"
        if header[-1:] == ["Relevant"]:
            return "binary"
    raise GoldFormatError(f"{path}: cannot tell the gold format; give --kind ({', '.join(KINDS)})")
