"""The JSON API and the pages' JSON twins, through the ASGI client, on a store of examples/."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from web_store import built_store, store_package_or_skip

fastapi = pytest.importorskip("fastapi", reason="the web extra (fastapi) is not installed")
from fastapi.testclient import TestClient  # noqa: E402

from hadath.web import views  # noqa: E402
from hadath.web.app import create_app  # noqa: E402
from hadath.web.charts import Count, bucket_size, stacked_bars  # noqa: E402
from hadath.web.data import EventFilters, Page, StoreData  # noqa: E402
from hadath.web.highlight import HighlightSpan, segments  # noqa: E402
from hadath.web.i18n import ui_strings  # noqa: E402
from hadath.web.settings import WebSettings, settings_table  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
TEMPLATES = REPO / "src" / "hadath" / "web" / "templates"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    store_package_or_skip()
    with TestClient(create_app(built_store("examples"))) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def all_events(client: TestClient) -> list[dict[str, Any]]:
    body = client.get("/api/events", params={"limit": 500}).json()
    assert body["total"] == len(body["events"]) > 0
    return list(body["events"])


def test_events_page_of_the_api_counts_and_pages(client: TestClient) -> None:
    first = client.get("/api/events", params={"limit": 2}).json()
    second = client.get("/api/events", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == second["total"] > 4
    assert len(first["events"]) == len(second["events"]) == 2
    assert {e["id"] for e in first["events"]}.isdisjoint(e["id"] for e in second["events"])


def test_event_filters_select_what_they_name(
    client: TestClient, all_events: list[dict[str, Any]]
) -> None:
    with_source = next(e for e in all_events if e["source"])
    code = with_source["source"]["code"]
    by_actor = client.get("/api/events", params={"actor": code}).json()["events"]
    assert by_actor and all(
        (e["source"] or {}).get("code", "").startswith(code)
        or (e["target"] or {}).get("code", "").startswith(code)
        for e in by_actor
    )
    root = all_events[0]["root"]
    by_root = client.get("/api/events", params={"root": root}).json()
    assert by_root["total"] == sum(e["root"] == root for e in all_events)
    for quad in (1, 2, 3, 4):
        body = client.get("/api/events", params={"quad_class": quad}).json()
        assert body["total"] == sum(e["quad_class"] == quad for e in all_events)
    day = max(e["date"] for e in all_events if e["date"])
    since = client.get("/api/events", params={"since": day}).json()["events"]
    assert since and all(e["date"] and e["date"] >= day for e in since)


def test_text_search_filter_finds_the_sentence_of_an_event(
    client: TestClient, all_events: list[dict[str, Any]]
) -> None:
    detail = client.get(f"/api/events/{all_events[0]['id']}").json()
    sentence = detail["reports"][0]["sentence"]["text"]
    word = max(sentence.split(), key=len)
    found = client.get("/api/events", params={"q": word}).json()["events"]
    assert all_events[0]["id"] in {e["id"] for e in found}


def test_bad_filter_values_are_400_not_500(client: TestClient) -> None:
    for params in (
        {"since": "yesterday"},
        {"quad_class": "7"},
        {"root": "4; DROP TABLE events"},
        {"limit": "-3"},
        {"offset": "many"},
        {"actor": "x" * 500},
    ):
        response = client.get("/api/events", params=params)
        assert response.status_code == 400, params
        assert "detail" in response.json()


def test_page_size_is_capped(client: TestClient) -> None:
    body = client.get("/api/events", params={"limit": 10**6}).json()
    assert body["limit"] == WebSettings().max_page_size
    assert client.get("/api/events", params={"offset": 10**8}).status_code == 400


def test_event_reports_carry_evidence_whose_offsets_slice_the_sentence(
    client: TestClient, all_events: list[dict[str, Any]]
) -> None:
    for summary in all_events:
        event = client.get(f"/api/events/{summary['id']}").json()
        assert event["id"] == summary["id"] and event["reports"]
        for report in event["reports"]:
            sentence = report["sentence"]
            trigger = report["trigger"]
            piece = sentence["text"][
                trigger["start"] - sentence["start"] : trigger["end"] - sentence["start"]
            ]
            assert piece == trigger["text"]
            assert report["explanation"]["pattern"]
    assert client.get("/api/events/no-such-event").status_code == 404


def test_actor_search_and_profile(client: TestClient) -> None:
    actors = client.get("/api/actors", params={"limit": 100}).json()["actors"]
    assert actors
    partnered = client.get("/api/network").json()["edges"][0]["source"]
    profile = client.get(f"/api/actors/{partnered}").json()
    assert profile["code"] == partnered
    assert profile["partners"] and profile["events"] >= 1
    assert set(profile) >= {"roles", "by_root", "by_quad_class", "names"}
    found = client.get("/api/actors", params={"q": partnered[:3]}).json()["actors"]
    assert all(a["code"].startswith(partnered[:3]) or a["name"] for a in found)
    assert client.get("/api/actors/NOSUCHACTOR").status_code == 404


def test_network_weights_count_the_events_of_each_dyad(
    client: TestClient, all_events: list[dict[str, Any]]
) -> None:
    graph = client.get("/api/network").json()
    dyads = [e for e in all_events if e["source"] and e["target"]]
    assert sum(edge["weight"] for edge in graph["edges"]) == len(dyads)
    ids = {node["id"] for node in graph["nodes"]}
    assert all(edge["source"] in ids and edge["target"] in ids for edge in graph["edges"])
    assert client.get("/api/network", params={"min_weight": 10**6}).json()["edges"] == []


def test_timeline_counts_every_dated_event(
    client: TestClient, all_events: list[dict[str, Any]]
) -> None:
    dated = sum(1 for e in all_events if e["date"])
    for by in ("quad_class", "root"):
        body = client.get("/api/timeline", params={"by": by}).json()
        assert sum(row["count"] for row in body["counts"]) == dated
    assert client.get("/api/timeline", params={"by": "colour"}).status_code == 400


def test_document_spans_are_offsets_into_its_text(
    client: TestClient, all_events: list[dict[str, Any]]
) -> None:
    event = client.get(f"/api/events/{all_events[0]['id']}").json()
    doc_id = event["reports"][0]["document"]["id"]
    document = client.get(f"/api/documents/{doc_id}").json()
    text = document["clean_text"]
    assert document["entities"]
    for entity in document["entities"]:
        assert text[entity["start"] : entity["end"]] == entity["text"]
    for report in document["events"]:
        trigger = report["trigger"]
        assert text[trigger["start"] : trigger["end"]] == trigger["text"]
    assert client.get("/api/documents/nothing-here").status_code == 404


def test_search_finds_sentences(client: TestClient, all_events: list[dict[str, Any]]) -> None:
    event = client.get(f"/api/events/{all_events[0]['id']}").json()
    sentence = event["reports"][0]["sentence"]["text"]
    word = max(sentence.split(), key=len)
    hits = client.get("/api/search", params={"q": word}).json()["sentences"]
    assert any(word in hit["text"] for hit in hits)
    assert client.get("/api/search").status_code == 422  # q is required


def test_post_code_codes_text_without_storing_it(client: TestClient) -> None:
    before = client.get("/api/stats").json()
    text = "استقبل وزير الخارجية المصري نظيره الأردني في القاهرة أمس."
    body = client.post("/api/code", json={"text": text, "published": "2024-02-10"}).json()
    assert body["events"] and body["events"][0]["root"] == "04"
    assert body["events"][0]["source"]["code"].startswith("EGY")
    assert client.get("/api/stats").json() == before
    too_long = "ا" * (WebSettings().max_code_chars + 1)
    assert client.post("/api/code", json={"text": too_long}).status_code in (400, 413)
    assert client.post("/api/code", json={"text": text, "published": "soon"}).status_code == 400


def test_openapi_documents_every_api_route(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    paths = set(schema["paths"])
    assert paths >= {
        "/api/events",
        "/api/events/{event_id}",
        "/api/actors",
        "/api/actors/{code}",
        "/api/network",
        "/api/timeline",
        "/api/documents/{doc_id}",
        "/api/search",
        "/api/code",
    }
    names = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert names >= {"actor", "root", "code", "plover_type", "quad_class", "place", "since"}
    assert "/api/documents" not in paths  # writing is off by default
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "/api/network" in docs.text


# -- every page has a JSON twin built by the same view function --------------------------------


def _twin_cases(client: TestClient, all_events: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    data: StoreData = client.app.state.data  # type: ignore[attr-defined]
    settings = WebSettings()
    event_id = all_events[0]["id"]
    actor = client.get("/api/network").json()["edges"][0]["source"]
    doc_id = client.get(f"/api/events/{event_id}").json()["reports"][0]["document"]["id"]
    page = Page(limit=settings.default_page_size, offset=0)
    return [
        ("/", views.overview(data)),
        ("/events?root=04", views.events_table(data, EventFilters(root="04"), page)),
        (f"/events/{event_id}", views.event_detail(data, event_id)),
        (f"/actors/{actor}", views.actor_page(data, actor)),
        (f"/documents/{doc_id}", views.document_page(data, doc_id)),
        ("/network", views.network_page(data, EventFilters(), 1, settings)),
        ("/timeline?by=root", views.timeline_page(data, "root", EventFilters())),
        ("/search?q=وزير", views.search_page(data, "وزير", settings)),
        ("/code", views.code_page(client.app.state.coder, None, None, settings)),  # type: ignore[attr-defined]
    ]


def test_every_page_has_a_json_twin_from_the_same_view(
    client: TestClient, all_events: list[dict[str, Any]]
) -> None:
    for url, view in _twin_cases(client, all_events):
        joiner = "&" if "?" in url else "?"
        twin = client.get(f"{url}{joiner}format=json")
        by_accept = client.get(url, headers={"Accept": "application/json"})
        page = client.get(url)
        assert twin.status_code == page.status_code == 200, url
        assert twin.json() == by_accept.json() == _plain(view.data), url
        assert page.headers["content-type"].startswith("text/html")
        assert twin.headers["x-hadath-view"] == page.headers["x-hadath-view"] == view.name


def _plain(value: Any) -> Any:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(value)


def test_code_page_posts_and_its_twin_has_the_events(client: TestClient) -> None:
    text = "استقبل وزير الخارجية المصري نظيره الأردني في القاهرة أمس."
    form = {"text": text, "published": "2024-02-10"}
    page = client.post("/code", data=form)
    twin = client.post("/code?format=json", data=form).json()
    assert twin["result"]["events"]
    trigger = twin["result"]["events"][0]["segments"]
    assert any("trigger" in piece["kinds"] for piece in trigger)
    assert '<mark class="trigger"' in page.text


def test_pages_are_arabic_rtl_by_default_and_english_on_request(client: TestClient) -> None:
    arabic = client.get("/events").text
    english = client.get("/events", params={"lang": "en"}).text
    assert '<html lang="ar" dir="rtl">' in arabic
    assert '<html lang="en" dir="ltr">' in english
    assert ui_strings()["nav_events"]["ar"] in arabic
    assert ui_strings()["nav_events"]["en"] in english
    assert 'href="/network?lang=en"' in english  # links keep the language


def test_every_ui_key_a_template_uses_is_in_both_languages() -> None:
    used: set[str] = set()
    for template in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"""ui\(["']([a-z_0-9]+)["']\)""", template.read_text("utf-8")))
    table = ui_strings()
    assert used and used <= set(table), sorted(used - set(table))
    # keys built at render time: quad_<n> and modality names
    assert {f"quad_{n}" for n in range(1, 5)} <= set(table)


def test_docs_describe_every_setting() -> None:
    docs = (REPO / "docs" / "web.md").read_text("utf-8")
    for setting in settings_table():
        assert f"`{setting.name}`" in docs, setting.name


def test_writes_need_a_token_to_be_enabled() -> None:
    with pytest.raises(ValueError, match="token"):
        WebSettings(allow_writes=True)


# -- highlighting and charts (pure functions) --------------------------------------------------


def test_segments_join_back_to_the_text_and_mark_overlaps() -> None:
    text = "قال وزير الخارجية المصري أمس"
    spans = [HighlightSpan(4, 24, "source", "EGYGOV"), HighlightSpan(0, 3, "trigger", "010")]
    inner = HighlightSpan(9, 17, "actor", "X")
    pieces = segments(text, [*spans, inner, HighlightSpan(0, 99, "evil<script>", "")])
    assert "".join(p["text"] for p in pieces) == text
    assert pieces[0] == {
        "text": "قال",
        "start": 0,
        "end": 3,
        "kinds": ["trigger"],
        "labels": ["010"],
    }
    both = next(p for p in pieces if p["text"] == "الخارجية")
    assert both["kinds"] == ["actor", "source"]
    assert all(set(p["kinds"]) <= {"trigger", "source", "actor"} for p in pieces)


def test_segments_use_document_offsets_with_a_base() -> None:
    pieces = segments("بكين", [HighlightSpan(100, 104, "place", "")], base=100)
    assert pieces == [{"text": "بكين", "start": 100, "end": 104, "kinds": ["place"], "labels": []}]
    assert segments("", [HighlightSpan(0, 5, "place", "")]) == []


def test_chart_groups_long_spans_and_stacks_to_the_peak() -> None:
    assert bucket_size([]) == "day"
    import datetime as dt

    start = dt.date(2020, 1, 1)
    assert bucket_size([start, start + dt.timedelta(days=30)]) == "day"
    assert bucket_size([start, start + dt.timedelta(days=400)]) == "week"
    assert bucket_size([start, start + dt.timedelta(days=2000)]) == "month"
    chart = stacked_bars(
        [Count("2024-01-01", "1", 3), Count("2024-01-01", "4", 1), Count("2024-01-02", "1", 2)],
        "quad_class",
    )
    assert len(chart["bars"]) == 3
    first_day = [b for b in chart["bars"] if b["title"].startswith("2024-01-01")]
    # the tallest stack reaches the top margin
    assert min(b["y"] for b in first_day) == pytest.approx(12, abs=0.2)
    assert [item["key"] for item in chart["legend"]] == ["1", "4"]


def test_arabic_runs_isolate_arabic_inside_english_rules() -> None:
    from hadath.web.template_helpers import arabic_runs

    runs = arabic_runs("date: أمس -> 2024-02-09")
    assert "".join(r["text"] for r in runs) == "date: أمس -> 2024-02-09"
    assert [(r["text"], r["rtl"]) for r in runs] == [
        ("date: ", False),
        ("أمس", True),
        (" -> 2024-02-09", False),
    ]
    assert arabic_runs("source: subject") == [{"text": "source: subject", "rtl": False}]
