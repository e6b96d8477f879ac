"""Cleaning: raw text -> clean text + an `OffsetMap` back to raw + paragraph spans.

Scraped Arabic news carries debris: tails of markdown image links (the seed article starts
with a line ".png)"), links, bare URLs, HTML tags and entities, "اقرأ أيضاً" and share lines,
invisible bidi marks. Each is removed (or decoded) by a regex pass, never a per-character loop,
and counted in `doc.stats`: nothing leaves the text uncounted. Kept characters are copied with
`OffsetMap.add_copy`, decoded ones recorded with `add_replacement`, so every clean offset maps
back to the raw input.

Stats names: `removed_debris` (total of debris pieces: images, link targets, URLs, HTML tags,
link-tail lines, boilerplate lines), `dropped_paragraphs` (not Arabic), and finer counts
(`removed_images`, `removed_links`, `removed_urls`, `removed_html`, `removed_link_tails`,
`removed_boilerplate`, `removed_controls`, `removed_invalid_chars`, `decoded_entities`,
`collapsed_whitespace`).
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import regex

from hadath.model import Document, OffsetMap, Span
from hadath.text.boilerplate import BoilerplateRules, load_boilerplate_rules
from hadath.text.language import LanguageOptions, is_arabic_paragraph

_WS = r"[\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
# Zero-width and bidi controls (U+200B-U+200F, U+202A-U+202E, U+2066-U+2069, U+061C, U+FEFF),
# soft hyphen, word joiners and C0 controls: invisible, and they split words for a regex.
_CONTROLS = (
    r"[\x00-\x08\x0e-\x1f\x7f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    r"\u2060-\u2064\u2066-\u2069\ufeff]+"
)
# Single plain spaces are ordinary text and stay in the copied runs; only odd runs are matched.
_INLINE = regex.compile(
    r"(?P<image>!\[[^\]\n]*\]\([^)\n]*\))"
    r"|\[(?P<link>[^\]\n]*)\]\([^)\n]*\)"
    r"|(?P<url>(?:https?://|ftp://|www\.)[^\s<>\"«»]+?(?=[.,;:!?؟،)\]»\"'”]*(?:\s|$)))"
    r"|(?P<html><!--.*?-->|</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>\n]*)?/?>)"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    rf"|(?P<control>{_CONTROLS})"
    r"|(?P<invalid>\ufffd+)"
    rf"|(?P<space>\x20?[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]{_WS}*|\x20{{2,}}{_WS}*)"
)
_LINE_BREAK = regex.compile(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROL_CHARS = regex.compile(_CONTROLS)
# A line that is only the tail of a link or image URL: ".png)", "photo.jpg)", "?w=800)".
# Any extension, any tail: no spaces, no Arabic, a Latin letter, link punctuation at the end.
_LINK_TAIL = regex.compile(
    r"(?i)^(?=\S*\p{Latin})(?:[^\s\p{Arabic}]*[./?=(\[][^\s\p{Arabic}]*[)\]]"
    r"|[^\s\p{Arabic}]*\.(?:png|jpe?g|gif|webp|svg|bmp|tiff?|avif|ico|mp4|pdf))$"
)
DEBRIS_STATS = (
    "removed_images",
    "removed_links",
    "removed_urls",
    "removed_html",
    "removed_link_tails",
    "removed_boilerplate",
)


@dataclass(frozen=True, slots=True)
class CleanOptions:
    language: LanguageOptions = field(default_factory=LanguageOptions)
    drop_non_arabic: bool = True


@dataclass(frozen=True, slots=True)
class _Piece:
    """A run of clean text: copied from raw[raw_start:raw_end] or replacing that range."""

    text: str
    raw_start: int
    raw_end: int
    copied: bool
    is_space: bool = False


@dataclass(slots=True)
class _Line:
    start: int  # raw offset of the line's first character
    end: int  # raw offset just after its last character (before the line break)
    break_start: int  # raw offset of the line break before it (== start for the first line)


def clean_document(
    doc: Document, options: CleanOptions | None = None, rules: BoilerplateRules | None = None
) -> Document:
    """Fill `clean_text`, `offsets`, `paragraphs` and the cleaning counts of `doc.stats`."""
    options = options or CleanOptions()
    rules = rules or load_boilerplate_rules()
    raw = doc.raw_text
    offsets = OffsetMap()
    parts: list[str] = []
    paragraphs: list[Span] = []
    counts: Counter[str] = Counter()
    for line in _lines(raw):
        pieces, line_counts = _inline_pass(raw, line)
        text = "".join(piece.text for piece in pieces)
        verdict = _line_verdict(text, raw[line.start : line.end].strip(), rules, options)
        if verdict:
            counts[verdict] += 1
            continue
        counts.update(line_counts)
        if not text:
            continue
        if parts:
            _add_paragraph_break(raw, line, offsets)
            parts.append("\n")
        start = offsets.clean_length
        for piece in pieces:
            _record(piece, offsets)
        parts.append(text)
        paragraphs.append(Span(start, offsets.clean_length))
    doc.clean_text = "".join(parts)
    doc.offsets = offsets
    doc.paragraphs = paragraphs
    _record_counts(doc, counts)
    if not doc.clean_text.strip() and raw.strip():
        # English, Persian or punctuation alone used to be "coded" with an empty text and
        # no word of why; the document is still returned (nothing is lost), with the reason.
        why = "not Arabic" if counts["dropped_paragraphs"] else "nothing but debris"
        doc.warn(f"no Arabic text to code ({why}: {_kept_reasons(counts)})")
    return doc


def _kept_reasons(counts: Counter[str]) -> str:
    names = {
        "dropped_paragraphs": "paragraph(s) in another language",
        "removed_link_tails": "link tail(s)",
        "removed_boilerplate": "boilerplate line(s)",
    }
    shown = [f"{counts[key]} {name}" for key, name in names.items() if counts[key]]
    return ", ".join(shown) or "no letters"


def _lines(raw: str) -> Iterator[_Line]:
    start = break_start = 0
    for match in _LINE_BREAK.finditer(raw):
        yield _Line(start, match.start(), break_start)
        start, break_start = match.end(), match.start()
    yield _Line(start, len(raw), break_start)


def _line_verdict(
    text: str, raw_line: str, rules: BoilerplateRules, options: CleanOptions
) -> str | None:
    """Why a whole line goes (a stats name), or None when it is kept."""
    if not text:
        return None
    # The raw line too: "](http://x/y.png)" loses its URL inline and would no longer look
    # like the link tail it is.
    if _LINK_TAIL.match(text) or _LINK_TAIL.match(raw_line):
        return "removed_link_tails"
    if rules.is_boilerplate(text):
        return "removed_boilerplate"
    if options.drop_non_arabic and not is_arabic_paragraph(text, options.language):
        return "dropped_paragraphs"
    return None


def _inline_pass(raw: str, line: _Line) -> tuple[list[_Piece], Counter[str]]:
    pieces: list[_Piece] = []
    counts: Counter[str] = Counter()
    position = line.start
    for match in _INLINE.finditer(raw, line.start, line.end):
        if match.start() > position:
            pieces.append(_Piece(raw[position : match.start()], position, match.start(), True))
        position = match.end()
        kind = match.lastgroup or ""
        pieces.extend(_handle_match(match, kind, counts))
    if position < line.end:
        pieces.append(_Piece(raw[position : line.end], position, line.end, True))
    return _collapse_spaces(pieces), counts


def _handle_match(match: regex.Match[str], kind: str, counts: Counter[str]) -> list[_Piece]:
    start, end = match.span()
    if kind == "link":
        counts["removed_links"] += 1
        text_start, text_end = match.span("link")
        text = match.group("link")
        return [_Piece(text, text_start, text_end, True)] if text.strip() else []
    if kind == "entity":
        return _decode_entity(match.group(), start, end, counts)
    if kind == "space":
        counts["collapsed_whitespace"] += 1
        return [_Piece(" ", start, end, False, is_space=True)]
    if kind in ("control", "invalid"):
        counts[f"removed_{kind}{'s' if kind == 'control' else '_chars'}"] += end - start
        return []
    counts[f"removed_{kind}{'' if kind == 'html' else 's'}"] += 1
    return []


def _decode_entity(entity: str, start: int, end: int, counts: Counter[str]) -> list[_Piece]:
    decoded = html.unescape(entity)
    if decoded == entity:  # not an entity html knows: it is text
        return [_Piece(entity, start, end, True)]
    if not decoded.strip():
        counts["decoded_entities"] += 1
        return [_Piece(" ", start, end, False, is_space=True)]
    if _CONTROL_CHARS.fullmatch(decoded):
        counts["removed_controls"] += 1
        return []
    counts["decoded_entities"] += 1
    return [_Piece(decoded, start, end, False)]


def _collapse_spaces(pieces: list[_Piece]) -> list[_Piece]:
    """One space between words, none at the ends: removals can leave two spaces side by side."""
    out: list[_Piece] = []
    after_space = True  # the start of a line counts as after a space
    for piece in pieces:
        if piece.is_space or not piece.text.strip():
            if not after_space:
                copied = piece.copied and piece.text == " "
                out.append(_Piece(" ", piece.raw_start, piece.raw_end, copied, is_space=True))
                after_space = True
            continue
        current = piece
        if after_space and current.text[0] == " ":
            current = _Piece(
                current.text[1:], current.raw_start + 1, current.raw_end, current.copied
            )
        out.append(current)
        after_space = current.text.endswith(" ")
    while out and out[-1].text.endswith(" "):
        last = out.pop()
        if not last.is_space and len(last.text) > 1:
            out.append(_Piece(last.text[:-1], last.raw_start, last.raw_end - 1, last.copied))
    return out


def _record(piece: _Piece, offsets: OffsetMap) -> None:
    if piece.copied:
        offsets.add_copy(piece.raw_start, piece.raw_end)
    else:
        offsets.add_replacement(len(piece.text), piece.raw_start, piece.raw_end)


def _add_paragraph_break(raw: str, line: _Line, offsets: OffsetMap) -> None:
    if raw[line.break_start : line.start] == "\n":
        offsets.add_copy(line.break_start, line.start)
    else:
        offsets.add_replacement(1, line.break_start, line.start)


def _record_counts(doc: Document, counts: Counter[str]) -> None:
    for name in sorted(counts):
        doc.stats.add(name, counts[name])
    doc.stats.add("removed_debris", sum(counts[name] for name in DEBRIS_STATS))
    doc.stats.counts.setdefault("removed_debris", 0)
    doc.stats.counts.setdefault("dropped_paragraphs", 0)
