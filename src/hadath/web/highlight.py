"""Highlighting by offsets: cut the text at every span boundary into plain pieces.

A template renders each piece through autoescaping and wraps it in a `<mark>` whose class
names the kinds covering it. No HTML string is ever built around article text, so an article
containing `<script>` still renders as text. Overlapping spans (a trigger inside an actor
phrase) give pieces with several kinds.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class HighlightSpan:
    start: int
    end: int
    kind: str  # trigger | source | target | place | entity: a CSS class, from our own list
    label: str = ""  # shown as a title (actor code, CAMEO code); escaped like everything else


#: Kinds a span may carry; anything else is dropped so a class attribute holds only our words.
KINDS = frozenset({"trigger", "source", "target", "place", "entity", "actor"})


def segments(text: str, spans: Iterable[HighlightSpan], base: int = 0) -> list[dict[str, Any]]:
    """`text` starts at offset `base` of the document; spans are document offsets.

    Returns `[{"text", "start", "end", "kinds", "labels"}]`, pieces in order that join back to
    `text`. Spans outside the text are clipped; empty or unknown-kind spans are ignored.
    """
    usable = [_clip(s, base, len(text)) for s in spans if s.kind in KINDS]
    kept = [s for s in usable if s is not None]
    cuts = sorted({0, len(text), *(s.start for s in kept), *(s.end for s in kept)})
    pieces: list[dict[str, Any]] = []
    for left, right in itertools.pairwise(cuts):
        covering = [s for s in kept if s.start <= left and right <= s.end]
        pieces.append(
            {
                "text": text[left:right],
                "start": base + left,
                "end": base + right,
                "kinds": sorted({s.kind for s in covering}),
                "labels": sorted({s.label for s in covering if s.label}),
            }
        )
    return pieces


def _clip(span: HighlightSpan, base: int, length: int) -> HighlightSpan | None:
    start = max(span.start - base, 0)
    end = min(span.end - base, length)
    if start >= end:
        return None
    return HighlightSpan(start, end, span.kind, span.label)


def event_spans(event: dict[str, Any]) -> list[HighlightSpan]:
    """Trigger, source and target spans of an event or report record.

    Reads the nested form of the `code` contract (`trigger: {start, end}`, `source: {code,
    start, end}`) and the store's flat columns (`trigger_start`, `source_code`, ...).
    """
    spans: list[HighlightSpan] = []
    trigger = _offsets(event, "trigger")
    if trigger:
        spans.append(HighlightSpan(*trigger, "trigger", str(event.get("cameo") or "")))
    for role in ("source", "target"):
        found = _offsets(event, role)
        if found:
            nested = event.get(role)
            code = nested.get("code") if isinstance(nested, dict) else event.get(f"{role}_code")
            spans.append(HighlightSpan(*found, role, str(code or "")))
    return spans


def _offsets(record: dict[str, Any], name: str) -> tuple[int, int] | None:
    nested = record.get(name)
    if isinstance(nested, dict):
        start, end = nested.get("start"), nested.get("end")
    else:
        start, end = record.get(f"{name}_start"), record.get(f"{name}_end")
    if isinstance(start, int) and isinstance(end, int) and start < end:
        return start, end
    return None
