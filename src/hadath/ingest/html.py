"""HTML pages: main text and metadata through trafilatura, with a plain-text fallback.

trafilatura drops navigation, footers and share buttons (it dropped all boilerplate of an
Arabic test page, NOTES.md), but returns nothing for very short or broken pages. Then the
page's visible text is taken from the parsed tree instead, and the fallback is counted.
"""

from __future__ import annotations

import datetime as dt
import logging
from html.parser import HTMLParser

from hadath.ingest.decode import DecodedText, decode_bytes
from hadath.ingest.records import parse_date, strip_controls
from hadath.ingest.report import IngestOptions, IngestReport
from hadath.model import Document

_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head")


def read_html_bytes(
    data: bytes, name: str, options: IngestOptions, report: IngestReport
) -> Document | None:
    if len(data) > options.max_markup_bytes:
        report.skip(name, f"HTML larger than {options.max_markup_bytes} bytes")
        return None
    decoded = decode_bytes(data)
    if not isinstance(decoded, DecodedText):
        report.skip(name, decoded.skip_reason or "not text")
        return None
    if decoded.invalid_bytes:
        report.note("invalid bytes replaced", decoded.invalid_bytes)
        report.warn(f"{name}: {decoded.invalid_bytes} invalid byte(s) replaced by U+FFFD")
    doc = html_document(decoded.text, name, options, report)
    if doc is not None and decoded.invalid_bytes:
        doc.stats.add("invalid_bytes", decoded.invalid_bytes)
    return doc


def html_document(
    html: str, name: str, options: IngestOptions, report: IngestReport
) -> Document | None:
    text, title, date, url = _extract_main_text(html)
    if not text.strip():
        text = _visible_text(html)
        if text.strip():
            report.note("HTML read by fallback (trafilatura found no main text)")
    if not text.strip():
        report.skip(name, "HTML without text")
        return None
    if len(text) > options.max_document_chars:
        report.skip(name, f"HTML text longer than {options.max_document_chars} characters")
        return None
    shown = strip_controls(title).strip() if title else None
    doc = Document(raw_text=text, source=name, title=shown or None, url=url, published=date)
    doc.meta.update({"path": name, "format": "html"})
    return doc


def _extract_main_text(html: str) -> tuple[str, str | None, dt.date | None, str | None]:
    import trafilatura

    # trafilatura logs every page it cannot parse at WARNING; the fallback below handles them.
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    try:
        result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except (ValueError, TypeError, AttributeError):
        # Seen on malformed markup deep inside lxml; the fallback reads such pages.
        return "", None, None, None
    if result is None:
        return "", None, None, None
    text = getattr(result, "text", None) or ""
    title = getattr(result, "title", None) or None
    date = parse_date(getattr(result, "date", None))
    url = getattr(result, "url", None) or None
    return text, title, date, url


class _VisibleText(HTMLParser):
    """Text outside script/style/head; block elements start new lines. Tolerates bad markup."""

    _BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "article"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _INVISIBLE_TAGS:
            self._hidden_depth += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _INVISIBLE_TAGS and self._hidden_depth:
            self._hidden_depth -= 1
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            self.parts.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")  # kept: the cleaning stage decodes and counts entities

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")


def _visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)
