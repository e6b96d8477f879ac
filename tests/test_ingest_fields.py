"""What ingest makes of a record's id, title and outlet, and of a text with no Arabic in it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from hadath.cli import app
from hadath.cli.app import ExitCode
from hadath.ingest import IngestReport, read_inputs
from hadath.model import content_id

TEXT = "استقبل وزير الخارجية المصري نظيره الأردني في القاهرة أمس."
runner = CliRunner()


def _read(tmp_path: Path, records: list[object]) -> list:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return list(read_inputs([path], None, IngestReport()))


def test_ids_are_strings_or_integers_never_python_reprs(tmp_path: Path) -> None:
    records = [
        {"id": "a/1", "text": TEXT + "1"},
        {"id": 42, "text": TEXT + "2"},
        {"id": {"a": 1}, "text": TEXT + "3"},
        {"id": [1, 2], "text": TEXT + "4"},
        {"id": True, "text": TEXT + "5"},
        {"id": 1.5, "text": TEXT + "6"},
    ]
    docs = _read(tmp_path, records)
    assert [d.id for d in docs[:2]] == ["a/1", "42"]
    for doc in docs[2:]:
        assert doc.id == content_id(doc.raw_text)  # the text's hash, as with no id at all
        assert any("is not a string or integer" in w for w in doc.warnings)
    assert not any("{" in d.id or d.id in ("True", "1.5", "[1, 2]") for d in docs)


def test_titles_and_outlets_lose_invisible_controls(tmp_path: Path) -> None:
    title = "\u202bعنوان\u200f الخبر\u200b\u2067"
    docs = _read(
        tmp_path, [{"id": "x", "title": title, "source": "\ufeffالرياض\u200e", "text": TEXT}]
    )
    assert docs[0].title == "عنوان الخبر"
    assert docs[0].source == "الرياض"
    blank = _read(tmp_path, [{"id": "y", "title": "\u200f\u200e", "text": TEXT}])
    assert blank[0].title is None


def test_a_text_with_no_arabic_is_coded_with_a_warning(tmp_path: Path) -> None:
    for name, text in (
        ("english.txt", "The president met his counterpart in Cairo yesterday."),
        ("persian.txt", "رئیس‌جمهور ایران با همتای خود در تهران دیدار کرد و گفت‌وگو کردند."),
        ("marks.txt", "!!! ... ??? --- ،،،"),
    ):
        path = tmp_path / name
        path.write_text(text + "\n", encoding="utf-8")
        result = runner.invoke(app, ["code", str(path), "--format", "json"])
        assert result.exit_code == ExitCode.OK
        document = json.loads(result.stdout)["documents"][0]
        assert document["events"] == []
        assert any(w.startswith("no Arabic text to code") for w in document["warnings"]), name
        assert f"hadath code: warning: {path}: no Arabic text to code" in result.stderr
