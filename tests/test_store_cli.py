"""The store commands end to end: ingest, events, stats, export, index, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hadath.cli import app
from hadath.cli.app import ExitCode
from hadath.store import Store
from store_corpus import write_jsonl_corpus

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("cli")
    corpus = write_jsonl_corpus(directory / "corpus.jsonl", 5)
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(directory / "db")])
    assert result.exit_code == ExitCode.OK, result.output
    assert "added 5 document(s)" in result.output
    again = runner.invoke(app, ["ingest", str(corpus), "--db", str(directory / "db")])
    assert "added 0 document(s), 0 event report(s)" in again.output
    assert "(+0)" in again.output
    return directory / "db"


def test_events_json_and_csv(db: Path) -> None:
    result = runner.invoke(app, ["events", "--db", str(db), "--format", "json", "--limit", "500"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    assert listed["total"] == len(listed["events"]) > 0
    day = listed["events"][0]["date"]
    narrowed = runner.invoke(
        app, ["events", "--db", str(db), "--since", day, "--until", day, "--format", "csv"]
    )
    lines = narrowed.stdout.strip().splitlines()
    assert lines[0].startswith("id,date,cameo")
    assert all(f",{day}," in line for line in lines[1:])
    bad = runner.invoke(app, ["events", "--db", str(db), "--since", "yesterday"])
    assert bad.exit_code == ExitCode.USAGE


def test_events_by_type(db: Path) -> None:
    every = json.loads(runner.invoke(app, ["events", "--db", str(db), "--format", "json"]).stdout)[
        "events"
    ]
    kind = every[0]["plover"]["type"]
    by_type = json.loads(
        runner.invoke(app, ["events", "--db", str(db), "--type", kind, "--format", "json"]).stdout
    )
    assert by_type["events"] and all(e["plover"]["type"] == kind for e in by_type["events"])
    code = every[0]["cameo"][:2]
    by_code = json.loads(
        runner.invoke(app, ["events", "--db", str(db), "--type", code, "--format", "json"]).stdout
    )
    assert all(e["cameo"].startswith(code) for e in by_code["events"])


def test_stats_and_export(db: Path, tmp_path: Path) -> None:
    stats = json.loads(runner.invoke(app, ["stats", "--db", str(db), "--format", "json"]).stdout)
    assert stats["documents"] == 5 and stats["events"] > 0
    table = runner.invoke(app, ["stats", "--db", str(db)])
    assert "by_root" in table.stdout
    out = tmp_path / "events.tsv"
    result = runner.invoke(app, ["export", str(out), "--db", str(db), "--format", "gdelt"])
    assert result.exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == stats["events"]


def test_index_rebuilds_derived_data(db: Path) -> None:
    result = runner.invoke(app, ["index", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "indexed the sentences of 5 document(s)" in result.output


def test_missing_and_busy_store(db: Path, tmp_path: Path) -> None:
    missing = runner.invoke(app, ["stats", "--db", str(tmp_path / "nothing")])
    assert missing.exit_code == ExitCode.INPUT
    with Store(db):
        busy = runner.invoke(app, ["stats", "--db", str(db)])
    assert busy.exit_code == ExitCode.BUSY  # as `hadath serve` says it (test_serve_exit_codes)
    assert "in use" in busy.output


def test_unreadable_input_only(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "absent.jsonl"), "--db", str(tmp_path)])
    assert result.exit_code == ExitCode.INPUT
    assert "file not found" in result.output


def test_ingest_of_a_missing_path_creates_no_store(tmp_path: Path) -> None:
    db = tmp_path / "db"
    result = runner.invoke(app, ["ingest", str(tmp_path / "absent.jsonl"), "--db", str(db)])
    assert result.exit_code == ExitCode.INPUT
    assert "file not found" in result.output and not db.exists()


def test_recode_with_a_user_dictionary_restamps_what_it_cannot_affect(
    db: Path, tmp_path: Path
) -> None:
    unchanged = runner.invoke(app, ["recode", "--db", str(db)])
    assert unchanged.exit_code == ExitCode.OK, unchanged.output
    assert "0 document(s) coded with other versions" in unchanged.output
    layer = tmp_path / "mine.yaml"
    # An invented person no document names: every document is re-stamped, none re-coded.
    layer.write_text(
        "version: 1\nactors:\n  - id: invented-envoy\n    kind: person\n    en: Invented Envoy\n"
        "    ar: [سلمان القرطبوني]\n    country: JOR\n    roles:\n      - {code: JORGOV}\n",
        encoding="utf-8",
    )
    changed = runner.invoke(app, ["recode", "--db", str(db), "--dict", str(layer)])
    assert changed.exit_code == ExitCode.OK, changed.output
    assert "5 document(s) coded with other versions: 0 affected" in changed.output
    assert "5 re-stamped" in changed.output
    back = runner.invoke(app, ["recode", "--db", str(db)])  # the entry removed: same again
    assert "0 affected" in back.output and "5 re-stamped" in back.output
    layer.write_text("version: 1\nactors:\n  - id: Not An Id\n", encoding="utf-8")
    bad = runner.invoke(app, ["recode", "--db", str(db), "--dict", str(layer)])
    assert bad.exit_code == ExitCode.INPUT  # a bad user file, one line per problem
    assert f"hadath recode: error: {layer}:3: Not An Id:id" in bad.output
