"""Bad input never crashes: each case gives a counted skip or a counted, warned repair."""

from __future__ import annotations

from pathlib import Path

from hadath.analysis import analyse, iter_analysed
from hadath.ingest import IngestOptions, IngestReport, read_inputs

ARABIC_LINE = "وقال المتحدث باسم الحكومة إن الوفد وصل إلى العاصمة أمس لبحث الاتفاق.\n"


def read(path: Path, options: IngestOptions | None = None) -> tuple[list, IngestReport]:
    report = IngestReport()
    return list(read_inputs([path], options, report)), report


def test_empty_file_is_skipped_with_reason(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    docs, report = read(path)
    assert docs == [] and report.skipped == {"empty (no text)": 1}


def test_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("  \n\n\t \n", encoding="utf-8")
    docs, report = read(path)
    assert docs == [] and report.skipped == {"empty (no text)": 1}


def test_binary_file_is_skipped_with_reason(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    docs, report = read(path)
    assert docs == []
    assert list(report.skipped) == ["binary file (contains NUL bytes)"]


def test_control_byte_soup_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "soup.txt"
    path.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 65]) * 100)
    docs, report = read(path)
    assert docs == [] and "binary" in next(iter(report.skipped))


def test_missing_file_is_counted(tmp_path: Path) -> None:
    docs, report = read(tmp_path / "nope.txt")
    assert docs == [] and report.skipped == {"file not found": 1}


def test_invalid_utf8_is_replaced_counted_and_warned(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(ARABIC_LINE.encode("utf-8") + b"\xff\xfe" + ARABIC_LINE.encode("utf-8"))
    docs, report = read(path)
    assert len(docs) == 1
    assert report.notes["invalid bytes replaced"] == 2 and report.warnings
    doc = next(iter_analysed([path], morphology=False))
    assert doc.stats.get("invalid_bytes") == 2
    assert doc.stats.get("removed_invalid_chars") == 2
    assert "\ufffd" not in doc.clean_text and len(doc.sentences) == 2


def test_windows_1256_file_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes((ARABIC_LINE * 3).encode("cp1256"))
    docs, report = read(path)
    assert docs[0].raw_text == ARABIC_LINE * 3
    assert docs[0].meta["encoding"] == "cp1256"
    assert report.notes["inputs read as Windows-1256"] == 1


def test_huge_file_is_split_into_chunks_at_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    line = ARABIC_LINE.encode("utf-8")
    with path.open("wb") as out:
        out.write(line * (50_000_000 // len(line) + 1))
    assert path.stat().st_size >= 50_000_000
    docs_seen = chars = 0
    report = IngestReport()
    for doc in read_inputs([path], IngestOptions(), report):  # never holds more than two chunks
        docs_seen += 1
        chars += len(doc.raw_text)
        assert len(doc.raw_text) <= IngestOptions().max_document_chars
        assert doc.raw_text.endswith("\n")  # cut at a paragraph break
        assert doc.meta["chunk"] == docs_seen
    assert docs_seen > 1 and report.chunked_inputs == 1
    assert chars == path.stat().st_size // len(line) * len(ARABIC_LINE)


def test_non_arabic_text_is_dropped_and_counted() -> None:
    doc = analyse(
        "This is an English paragraph about a football match and nothing else.\n"
        "Ceci est un paragraphe en français qui parle de la météo de demain.",
        morphology=False,
    )
    assert doc.sentences == []
    assert doc.stats.get("dropped_paragraphs") == 2


def test_broken_html_falls_back_to_visible_text(tmp_path: Path) -> None:
    path = tmp_path / "broken.html"
    path.write_text(
        "<html><head><script>var x = '<p>';</script></head><body><div><p>"
        + ARABIC_LINE
        + "<b>غير مغلق <i>أيضا",
        encoding="utf-8",
    )
    docs, report = read(path)
    assert len(docs) == 1 and report.skipped_total == 0
    assert "وقال المتحدث" in docs[0].raw_text and "var x" not in docs[0].raw_text


def test_html_without_text_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><script>1</script></body></html>", encoding="utf-8")
    docs, report = read(path)
    assert docs == [] and report.skipped == {"HTML without text": 1}


def test_rtl_controls_are_removed_and_counted() -> None:
    text = "\u202bوصل\u200f الوفد\u200b إلى\u2067 القاهرة\u2069 أمس\u061c.\ufeff"
    doc = analyse(text, morphology=False)
    assert doc.clean_text == "وصل الوفد إلى القاهرة أمس."
    assert doc.stats.get("removed_controls") == 7
    assert [t.text for t in doc.tokens] == ["وصل", "الوفد", "إلى", "القاهرة", "أمس", "."]


def test_not_a_zip_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "fake.zip"
    path.write_bytes(b"PK but not really")
    docs, report = read(path)
    assert docs == [] and report.skipped == {"not a valid zip archive": 1}
