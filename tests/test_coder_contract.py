"""The output contracts of `hadath code` (json, jsonl, plover, tsv) and `hadath entities`.

These shapes are what researchers' scripts parse: a renamed key or a quad class that
disagrees with its CAMEO root breaks them silently, so each field is checked by name and type.
"""

from __future__ import annotations

import csv
import io
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from hadath.cli import ExitCode, app
from hadath.events.output import TSV_COLUMNS

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
runner = CliRunner()


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


@cache
def coded_examples() -> dict[str, Any]:
    """The examples coded once per test session (the pipeline is the slow part)."""
    code, out, err = run("code", "--date", "2024-05-01", "--format", "json", str(EXAMPLES))
    assert code == ExitCode.OK, err
    parsed: dict[str, Any] = json.loads(out)
    return parsed


@cache
def analysed_sentences() -> dict[str, list[dict[str, Any]]]:
    """`hadath analyse` of the same inputs: the sentence numbering events must agree with."""
    code, out, err = run("analyse", "--no-morphology", "--format", "json", str(EXAMPLES))
    assert code == ExitCode.OK, err
    return {d["id"]: d["sentences"] for d in json.loads(out)["documents"]}


def all_events() -> list[tuple[str, dict[str, Any]]]:
    return [(d["id"], e) for d in coded_examples()["documents"] for e in d["events"]]


def expected_quad_class(root: str) -> int:
    """GDELT's QuadClass from the CAMEO root: 01-05, 06-08, 09-13, 14-20."""
    number = int(root)
    return 1 if number <= 5 else 2 if number <= 8 else 3 if number <= 13 else 4


def check_actor(actor: dict[str, Any] | None) -> None:
    if actor is None:
        return
    assert {"code", "name", "text", "start", "end"} <= actor.keys()
    assert isinstance(actor["code"], str) and actor["code"]
    assert isinstance(actor["text"], str) and actor["text"]
    assert isinstance(actor["start"], int) and isinstance(actor["end"], int)
    assert 0 <= actor["start"] < actor["end"]
    assert actor["end"] - actor["start"] == len(actor["text"])


def check_place(place: dict[str, Any] | None) -> None:
    if place is None:
        return
    assert {"name", "country", "lat", "lon"} <= place.keys()
    assert isinstance(place["name"], str) and place["name"]
    assert place["country"] is None or re.fullmatch(r"[A-Z]{2}", place["country"])
    for key, bound in (("lat", 90), ("lon", 180)):
        assert place[key] is None or -bound <= place[key] <= bound


def test_json_top_level_shape() -> None:
    documents = coded_examples()["documents"]
    assert len(documents) >= 8  # four text articles, one HTML page, three JSONL records
    for doc in documents:
        assert {"id", "published", "entities", "events"} <= doc.keys()
        assert isinstance(doc["entities"], list) and isinstance(doc["events"], list)
        assert DATE.match(doc["published"])
    wire = {d["id"]: d for d in documents}
    assert wire["wire-001"]["published"] == "2024-04-02"  # the record's own date wins
    assert sum(len(d["events"]) for d in documents) >= 10


def test_every_event_has_the_contract_fields() -> None:
    for _doc_id, event in all_events():
        keys = {"cameo", "root", "goldstein", "quad_class", "plover", "source", "target"}
        keys |= {"location", "date", "modality", "sentence", "confidence", "explanation"}
        assert keys <= event.keys()
        assert re.fullmatch(r"\d{3,4}", event["cameo"])
        assert re.fullmatch(r"\d{2}", event["root"]) and event["cameo"].startswith(event["root"])
        assert 1 <= int(event["root"]) <= 20
        assert isinstance(event["goldstein"], float) and -10 <= event["goldstein"] <= 10
        assert isinstance(event["confidence"], float) and 0 <= event["confidence"] <= 1
        assert isinstance(event["explanation"], dict) and event["explanation"]
        assert DATE.match(event["date"]), "every document has a date: each event must have one"


def test_quad_class_agrees_with_the_root() -> None:
    for _doc_id, event in all_events():
        assert event["quad_class"] == expected_quad_class(event["root"]), event["cameo"]


def test_plover_modality_actor_and_place_shapes() -> None:
    for _doc_id, event in all_events():
        assert set(event["plover"]) == {"type", "mode", "context"}
        for value in event["plover"].values():
            assert value is None or isinstance(value, str)
        modality = event["modality"]
        assert {"future", "negated", "reported", "hypothetical"} <= modality.keys()
        assert all(isinstance(v, bool) for v in modality.values())
        check_actor(event["source"])
        check_actor(event["target"])
        check_place(event["location"])


def test_sentence_numbering_is_the_one_of_analyse() -> None:
    sentences = analysed_sentences()
    for doc_id, event in all_events():
        sentence = event["sentence"]
        assert {"index", "start", "end"} <= sentence.keys()
        analysed = sentences[doc_id][sentence["index"] - 1]
        assert analysed["index"] == sentence["index"] >= 1
        assert (analysed["start"], analysed["end"]) == (sentence["start"], sentence["end"])


def test_actor_spans_lie_in_their_sentence_and_slice_to_their_text() -> None:
    sentences = analysed_sentences()
    for doc_id, event in all_events():
        analysed = sentences[doc_id][event["sentence"]["index"] - 1]
        for actor in (event["source"], event["target"]):
            if actor is None:
                continue
            assert analysed["start"] <= actor["start"] < actor["end"] <= analysed["end"]
            offset = actor["start"] - analysed["start"]
            assert analysed["text"][offset : offset + len(actor["text"])] == actor["text"]


def test_seed_json_contract(shared_path: Path) -> None:
    seed = shared_path / "seed" / "cairo-talks.txt"
    code, out, err = run("code", "--date", "2024-02-10", "--format", "json", str(seed))
    assert code == ExitCode.OK, err
    (doc,) = json.loads(out)["documents"]
    assert doc["published"] == "2024-02-10"
    codes = {e["cameo"] for e in doc["events"]}
    assert "043" in codes  # استقبل: host a visit
    for event in doc["events"]:
        assert event["quad_class"] == expected_quad_class(event["root"])
        check_actor(event["source"])
        check_actor(event["target"])


def test_jsonl_in_gives_one_line_per_input_line_with_its_id(tmp_path: Path) -> None:
    lines = [
        {"id": "x-1", "text": "اعتقلت الشرطة الإسرائيلية ثلاثة فلسطينيين في الخليل."},
        {"id": "x-2", "text": "التقى وزير الخارجية المصري نظيره الأردني في القاهرة."},
        {"id": "x-3", "text": "ارتفعت أسعار الذهب اليوم."},
    ]
    lines[1]["published"] = "2024-01-09"
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    code, out, err = run("code", "--format", "jsonl", "--date", "2024-01-10", str(path))
    assert code == ExitCode.OK, err
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["x-1", "x-2", "x-3"]
    for record in records:
        assert set(record) == {"id", "events"}
    assert {e["root"] for e in records[0]["events"]} == {"17"}  # the arrest
    assert all(e["date"] == "2024-01-10" for e in records[0]["events"])  # --date stands in
    assert all(e["date"] == "2024-01-09" for e in records[1]["events"])  # its own date wins
    assert records[2]["events"] == []


def test_jsonl_for_the_wire_example_keeps_ids_and_order() -> None:
    code, out, err = run("code", "--format", "jsonl", str(EXAMPLES / "wire.jsonl"))
    assert code == ExitCode.OK, err
    ids = [json.loads(line)["id"] for line in out.splitlines()]
    assert ids == ["wire-001", "wire-002", "wire-003"]


def plover_records() -> list[dict[str, Any]]:
    code, out, err = run("code", "--format", "plover", "--date", "2024-05-01", str(EXAMPLES))
    assert code == ExitCode.OK, err
    return [json.loads(line) for line in out.splitlines()]


def test_plover_records_have_the_manuals_required_fields() -> None:
    """PLOVER manual, table "PLOVER JSON": id, date, actor and event are required."""
    records = plover_records()
    # PLOVER has no category for CAMEO's 01 (statements) and 02 (appeals): those are not written.
    assert len(records) == sum(1 for _, e in all_events() if e["plover"]["type"])
    for record in records:
        assert {"id", "date", "actor", "event"} <= record.keys()
        assert isinstance(record["id"], str) and record["id"]
        assert DATE.match(record["date"])
        assert isinstance(record["actor"], list) and isinstance(record["event"], list)
        assert record["quad_code"] in (1, 2, 3, 4)
    assert len({r["id"] for r in records}) == len(records)  # unique within the data set


def test_plover_records_name_an_event_category() -> None:
    for record in plover_records():
        assert record["event"], record["comment"]


def test_tsv_header_and_row_width() -> None:
    code, out, err = run("code", "--format", "tsv", "--date", "2024-05-01", str(EXAMPLES))
    assert code == ExitCode.OK, err
    rows = list(csv.reader(io.StringIO(out), delimiter="\t"))
    assert tuple(rows[0]) == TSV_COLUMNS
    assert len(rows) - 1 == len(all_events())
    cameo, root = TSV_COLUMNS.index("cameo"), TSV_COLUMNS.index("root")
    for row in rows[1:]:
        assert len(row) == len(TSV_COLUMNS)
        assert row[cameo].startswith(row[root])


def slice_of_sentences(sentences: list[dict[str, Any]], span: dict[str, Any]) -> str | None:
    """The clean text under `span`, read through the sentence that holds it."""
    for sentence in sentences:
        if sentence["start"] <= span["start"] and span["end"] <= sentence["end"]:
            offset = span["start"] - sentence["start"]
            return str(sentence["text"][offset : offset + span["end"] - span["start"]])
    return None


def test_entities_json_contract() -> None:
    code, out, err = run("entities", "--format", "json", "--date", "2024-05-01", str(EXAMPLES))
    assert code == ExitCode.OK, err
    documents = json.loads(out)["documents"]
    sentences = analysed_sentences()
    assert len(documents) == len(sentences)
    with_actor = 0
    for doc in documents:
        assert {"id", "entities"} <= doc.keys()
        for entity in doc["entities"]:
            assert {"type", "text", "start", "end", "actor", "place"} <= entity.keys()
            assert entity["type"] in {"PER", "ORG", "LOC", "GPE", "DATE", "MISC"}
            assert entity["end"] - entity["start"] == len(entity["text"]) > 0
            assert slice_of_sentences(sentences[doc["id"]], entity) == entity["text"]
            actor = entity["actor"]
            if actor is not None:
                assert set(actor) == {"code", "name", "role"} and actor["code"]
                with_actor += 1
            check_place(entity["place"])
    assert with_actor >= 10


def test_entities_json_actor_codes_for_the_seed(shared_path: Path) -> None:
    seed = shared_path / "seed" / "cairo-talks.txt"
    code, out, err = run("entities", "--format", "json", "--date", "2024-02-10", str(seed))
    assert code == ExitCode.OK, err
    (doc,) = json.loads(out)["documents"]
    codes = {e["actor"]["code"] for e in doc["entities"] if e["actor"]}
    assert {"PSEREBHMS", "PSEREBISJ", "EGYSPY", "PSEGOV"} <= codes
