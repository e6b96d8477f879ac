"""The store's read API on a small coded corpus: shapes, filters, JSON-readiness."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from hadath.store import Store, queries
from hadath.store.ingest import IngestSettings, ingest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    directory = tmp_path_factory.mktemp("queries")
    with Store(directory) as opened:
        ingest([EXAMPLES], opened, IngestSettings(published=dt.date(2024, 2, 10)))
        yield opened


def test_events_page_and_total(store: Store) -> None:
    everything = queries.events(store, limit=1000)
    assert everything["total"] == len(everything["events"]) == store.count("events") > 0
    page = queries.events(store, limit=2, offset=1)
    assert page["total"] == everything["total"]
    assert [e["id"] for e in page["events"]] == [e["id"] for e in everything["events"][1:3]]
    json.dumps(everything)  # JSON-ready: no dates or decimals left


def test_event_filters_narrow_correctly(store: Store) -> None:
    every = queries.events(store, limit=1000)["events"]
    for quad in (1, 4):
        got = queries.events(store, quad_class=quad, limit=1000)["events"]
        assert {e["id"] for e in got} == {e["id"] for e in every if e["quad_class"] == quad}
    actor = next(e["source"]["code"] for e in every if e["source"])
    with_actor = queries.events(store, actor=actor, limit=1000)["events"]
    assert with_actor
    assert all(
        actor in ((e["source"] or {}).get("code"), (e["target"] or {}).get("code"))
        or (e["source"] or {}).get("code", "").startswith(actor)
        or (e["target"] or {}).get("code", "").startswith(actor)
        for e in with_actor
    )
    day = every[0]["date"]
    same_day = queries.events(store, since=day, until=day, limit=1000)["events"]
    assert same_day and all(e["date"] == day for e in same_day)
    root = every[0]["root"]
    assert all(e["root"] == root for e in queries.events(store, root=root)["events"])
    assert (
        queries.events(store, root=int(root))["total"] == queries.events(store, root=root)["total"]
    )


def test_filters_are_parameters_not_sql(store: Store) -> None:
    hostile = "x' OR 1=1; DROP TABLE events; --"
    assert queries.events(store, actor=hostile)["total"] == 0
    assert queries.events(store, place=hostile)["total"] == 0
    assert queries.search(store, hostile) == []
    assert queries.actors(store, q=hostile) == []
    assert store.count("events") > 0


def test_event_carries_every_report_with_evidence(store: Store) -> None:
    first = queries.events(store, limit=1)["events"][0]
    record = queries.event(store, first["id"])
    assert record is not None
    assert len(record["reports"]) == record["num_mentions"]
    for report in record["reports"]:
        sentence = report["sentence"]["text"]
        assert sentence and report["trigger"]["text"]
        doc = queries.document(store, report["document"]["id"])
        assert doc is not None
        start, end = report["trigger"]["start"], report["trigger"]["end"]
        assert doc["clean_text"][start:end] == report["trigger"]["text"]
        assert report["explanation"]["pattern"]
    assert queries.event(store, "no-such-event") is None
    json.dumps(record)


def test_document_spans_point_into_its_text(store: Store) -> None:
    doc = queries.document(store, "wire-002")
    assert doc is not None and doc["title"]
    text = doc["clean_text"]
    for entity in doc["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]
    assert doc["events"], "wire-002 reports an arrest"
    for report in doc["events"]:
        assert report["event_id"]
        if report["source"]:
            assert 0 <= report["source"]["start"] < report["source"]["end"] <= len(text)
    assert queries.document(store, "nope") is None
    json.dumps(doc)


def test_actors_and_profile(store: Store) -> None:
    listed = queries.actors(store, limit=5)
    assert listed and listed == sorted(listed, key=lambda a: (-a["mentions"], a["code"]))
    code = listed[0]["code"]
    assert any(a["code"] == code for a in queries.actors(store, q=code[:3]))
    profile = queries.actor_profile(store, code)
    assert profile is not None and profile["mentions"] == listed[0]["mentions"]
    assert sum(profile["by_quad_class"].values()) == profile["events"]
    assert queries.actor_profile(store, "NOSUCHCODE") is None
    json.dumps(profile)


def test_dyads_and_timeline_agree_with_events(store: Store) -> None:
    graph = queries.dyads(store)
    both = [e for e in queries.events(store, limit=1000)["events"] if e["source"] and e["target"]]
    assert sum(edge["weight"] for edge in graph["edges"]) == len(both)
    ids = {node["id"] for node in graph["nodes"]}
    assert all(edge["source"] in ids and edge["target"] in ids for edge in graph["edges"])
    timeline = queries.timeline(store, by="root")
    dated = queries.events(store, since="1900-01-01", limit=1000)["total"]
    assert sum(point["count"] for point in timeline) == dated
    with pytest.raises(ValueError):
        queries.timeline(store, by="nonsense")


def test_search_uses_matching_keys(store: Store) -> None:
    # Every word must occur in the sentence, in any order.
    hits = queries.search(store, "التونسيين النقابة")
    assert any(hit["doc_id"] == "wire-002" for hit in hits)
    keyed = queries.search(store, "النقابه الوطنيه")  # ه for ة: the key unifies them
    assert any(hit["doc_id"] == "wire-002" for hit in keyed)
    assert queries.search(store, "كلمةغيرموجودةابدا") == []


def test_stats_counts_add_up(store: Store) -> None:
    result = queries.stats(store)
    assert result["events"] == store.count("events")
    assert sum(row["count"] for row in result["by_root"]) == result["events"]
    assert sum(row["count"] for row in result["by_quad_class"]) == result["events"]
    assert result["documents"] == 8
    json.dumps(result)
