"""Ingest: every input format reads into Documents; what cannot be read is counted."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from hadath.ingest import IngestOptions, IngestReport, JsonFields, read_inputs

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

ARTICLE = "استقبل الرئيس وفداً من حركة حماس في القاهرة أمس لبحث التهدئة في قطاع غزة."


def read_all(
    *inputs: str | Path, options: IngestOptions | None = None
) -> tuple[list, IngestReport]:
    report = IngestReport()
    docs = list(read_inputs(inputs, options, report))
    return docs, report


def test_plain_text_file_is_one_document(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    docs, report = read_all(path)
    assert [d.raw_text for d in docs] == [ARTICLE]
    assert report.documents == 1 and report.skipped_total == 0
    assert docs[0].meta["encoding"] == "utf-8-sig"


def test_utf8_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    docs, _ = read_all(path)
    assert docs[0].raw_text == ARTICLE


def test_html_main_text_and_metadata() -> None:
    docs, report = read_all(EXAMPLES / "riyadh-agreement.html")
    assert report.skipped_total == 0
    doc = docs[0]
    assert doc.title == "السعودية وعُمان توقعان اتفاقية للتعاون الأمني"
    assert doc.published is not None and doc.published.isoformat() == "2024-03-12"
    assert "وقّعت المملكة العربية السعودية" in doc.raw_text
    assert "الرئيسية" not in doc.raw_text  # navigation dropped by trafilatura


def test_jsonl_fields_and_bad_lines_are_counted(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": ARTICLE, "published": "2024-01-02"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "a2", "title": "no text"}),
        json.dumps([1, 2]),
        "",
        json.dumps({"id": "a3", "text": ARTICLE, "published": "yesterday"}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    docs, report = read_all(path)
    assert [d.id for d in docs] == ["a1", "a3"]
    assert docs[0].published is not None and docs[0].published.isoformat() == "2024-01-02"
    assert docs[1].published is None and docs[1].warnings  # unreadable date is warned about
    assert report.skipped_total == 3
    assert any("not valid JSON" in reason for reason in report.skipped)


def test_jsonl_custom_field_names(tmp_path: Path) -> None:
    path = tmp_path / "custom.jsonl"
    path.write_text(json.dumps({"key": "k9", "body_ar": ARTICLE}, ensure_ascii=False) + "\n")
    options = IngestOptions(json_fields=JsonFields(id=("key",), text=("body_ar",)))
    docs, report = read_all(path, options=options)
    assert [d.id for d in docs] == ["k9"] and report.skipped_total == 0


def test_zip_of_json_arrays(tmp_path: Path) -> None:
    records = [
        {
            "source": "wire",
            "url": "http://x/1",
            "date_extracted": "2015-07-22 00:05:53",
            "title": "t1",
            "author": "",
            "content": ARTICLE,
        },
        {
            "source": "wire",
            "url": "http://x/2",
            "date_extracted": "2015-07-22 01:00:00",
            "title": "t2",
            "author": "",
            "content": "",
        },
    ]
    path = tmp_path / "day.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("day.json", json.dumps(records, ensure_ascii=False))
        archive.writestr("notes.bin", b"\x00\x01")
    docs, report = read_all(path)
    assert [(d.title, d.url, d.source) for d in docs] == [("t1", "http://x/1", "wire")]
    assert docs[0].published is not None and docs[0].published.isoformat() == "2015-07-22"
    assert report.skipped_total == 2  # the record without content, the unsupported member


def test_directory_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(ARTICLE + " ٢", encoding="utf-8")
    (tmp_path / "one.txt").write_text(ARTICLE + " ١", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00")
    docs, report = read_all(tmp_path)
    assert [d.raw_text[-1] for d in docs] == ["٢", "١"]  # b/two.txt sorts before one.txt
    assert report.skipped == {"unsupported file type .png": 1}


def test_stdin_dash() -> None:
    report = IngestReport()
    stdin = io.BytesIO(ARTICLE.encode("utf-8"))
    docs = list(read_inputs(["-"], report=report, stdin=stdin))
    assert [d.raw_text for d in docs] == [ARTICLE]


def test_reading_is_lazy(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"{ARTICLE} {i}", encoding="utf-8")
    documents = read_inputs([tmp_path])
    first = next(iter(documents))
    assert first.raw_text.endswith("0")


@pytest.mark.shared
def test_saudinewsnet_zip_layout(shared_path: Path) -> None:
    archive = sorted((shared_path / "data" / "news" / "saudinewsnet").glob("*.zip"))[0]
    report = IngestReport()
    docs = []
    for doc in read_inputs([archive], report=report):
        docs.append(doc)
        if len(docs) == 50:
            break
    assert len(docs) == 50
    assert all(d.raw_text.strip() and d.url and d.published for d in docs)
