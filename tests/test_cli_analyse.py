"""`hadath analyse`: the JSON contract, the table, stdin, and exit codes for bad input."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from hadath.cli import ExitCode, app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
runner = CliRunner()


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["analyse", "--no-morphology", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_json_contract_for_the_examples() -> None:
    code, out, _ = run("--format", "json", str(EXAMPLES))
    assert code == ExitCode.OK
    documents = json.loads(out)["documents"]
    assert len(documents) >= 7  # four text articles, one HTML page, three JSONL records
    for doc in documents:
        assert {"id", "title", "published", "stats", "sentences"} <= doc.keys()
        assert {"removed_debris", "dropped_paragraphs"} <= doc["stats"].keys()
        for expected_index, sentence in enumerate(doc["sentences"], start=1):
            assert sentence["index"] == expected_index
            assert {"index", "text", "start", "end", "tokens"} <= sentence.keys()
            for token in sentence["tokens"]:
                keys = {"text", "start", "end", "segments", "lemma", "pos", "proper_noun"}
                assert keys <= token.keys()
    debris = [d["stats"]["removed_debris"] for d in documents]
    assert max(debris) >= 3  # the article with scraping debris
    wire = {d["id"]: d for d in documents}["wire-001"]
    assert wire["published"] == "2024-04-02" and wire["title"] == "مصر تستضيف محادثات ليبية"


def test_stdin_and_table() -> None:
    code, out, _ = run("-", stdin="وصل الوفد إلى القاهرة أمس. وقال المتحدث إن اللقاء مثمر.")
    assert code == ExitCode.OK
    assert "وصل الوفد إلى القاهرة أمس." in out and "removed_debris=0" in out


def test_missing_file_alone_is_an_input_error() -> None:
    code, _out, err = run("--format", "json", "does-not-exist.txt")
    assert code == ExitCode.INPUT
    assert "file not found" in err and "no usable input" in err


def test_some_inputs_skipped_is_partial_with_reasons(tmp_path: Path) -> None:
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    code, out, err = run("--format", "json", str(EXAMPLES / "khartoum-protest.txt"), str(binary))
    assert code == ExitCode.PARTIAL
    assert len(json.loads(out)["documents"]) == 1
    assert "binary file" in err


def test_jsonl_text_field_option(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "x", "nass": "وصل الوفد أمس."}, ensure_ascii=False))
    code, out, _ = run("--format", "json", "--jsonl-text-field", "nass", str(path))
    assert code == ExitCode.OK
    assert json.loads(out)["documents"][0]["sentences"][0]["text"] == "وصل الوفد أمس."
