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

from hadath.store.filters import EventQuery  # noqa: E402
from hadath.web import views, views_analysis  # noqa: E402
from hadath.web.app import create_app  # noqa: E402
from hadath.web.data import Page, StoreData  # noqa: E402
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
    sides = [
        ((e["source"] or {}).get("code", ""), (e["target"] or {}).get("code", ""))
        for e in all_events
    ]
    exact = client.get("/api/events", params={"actor": code}).json()
    assert exact["total"] == sum(code in pair for pair in sides) > 0
    family = client.get("/api/events", params={"actor": code[:3] + "*"}).json()
    assert family["total"] == sum(any(c.startswith(code[:3]) for c in pair) for pair in sides)
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
    graph = client.get("/api/network", params={"nodes": 300}).json()
    dyads = [e for e in all_events if e["source"] and e["target"]]
    loops = sum(e["source"]["code"] == e["target"]["code"] for e in dyads)
    # every actor drawn: the edges hold every dyadic event but those from an actor to itself
    assert sum(edge["weight"] for edge in graph["edges"]) == len(dyads) - loops
    assert sum(node["self_loops"] for node in graph["nodes"]) == loops
    ids = {node["id"] for node in graph["nodes"]}
    assert all(edge["source"] in ids and edge["target"] in ids for edge in graph["edges"])
    assert all(edge["source"] != edge["target"] for edge in graph["edges"])
    for node in graph["nodes"]:
        assert node["weight"] == sum(
            node["id"] in (e["source"]["code"], e["target"]["code"]) for e in dyads
        )
    assert client.get("/api/network", params={"min_weight": 10**6}).json()["edges"] == []
    top = client.get("/api/network", params={"nodes": 2}).json()
    assert [n["id"] for n in top["nodes"]] == [n["id"] for n in graph["nodes"][:2]]
    assert client.get("/api/network", params={"nodes": 10**4}).status_code == 400


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
        "/api/actors/{actor_code}",
        "/api/network",
        "/api/timeline",
        "/api/documents/{doc_id}",
        "/api/search",
        "/api/code",
    }
    names = {p["name"] for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    from hadath.store.filters import FILTER_PARAMS

    assert names >= {*FILTER_PARAMS, "limit", "offset", "sort", "format"}
    assert "/api/documents" not in paths  # writing is off by default
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "/api/network" in docs.text


# -- every page has a JSON twin built by the same view function --------------------------------


def _twin_cases(client: TestClient, all_events: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    data: StoreData = client.app.state.data  # type: ignore[attr-defined]
    settings = WebSettings()
    event_id = all_events[0]["id"]
    edge = client.get("/api/network").json()["edges"][0]
    actor = edge["source"]
    doc_id = client.get(f"/api/events/{event_id}").json()["reports"][0]["document"]["id"]
    page = Page(limit=settings.default_page_size, offset=0)
    root = EventQuery.parse({"root": "04"})
    pair = EventQuery.parse({"source": edge["source"], "target": edge["target"]})
    from hadath.store.filters import CodeMatch

    return [
        ("/", views.overview(data)),
        ("/events?root=04", views.events_table(data, root, page, {"root": "04"})),
        (f"/events/{event_id}", views.event_detail(data, event_id)),
        (f"/actors/{actor}", views_analysis.actor_page(data, CodeMatch(actor), EventQuery(), {})),
        (
            f"/dyad?source={edge['source']}&target={edge['target']}",
            views_analysis.dyad_page(
                data, pair, {"source": edge["source"], "target": edge["target"]}
            ),
        ),
        (f"/documents/{doc_id}", views.document_page(data, doc_id)),
        (
            "/network",
            views_analysis.network_page(
                data, EventQuery(), nodes=40, min_weight=1, settings=settings, form={}
            ),
        ),
        (
            "/timeline?by=root",
            views_analysis.timeline_page(data, EventQuery(), "root", {"by": "root"}),
        ),
        ("/map", views_analysis.map_page(data, EventQuery(), {})),
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


# -- errors: 406 for formats, 400 for parameters (the form kept), 404 by client -----------------


def test_unknown_formats_are_406_and_unknown_parameters_400(client: TestClient) -> None:
    for url in ("/events?format=xml", "/api/events?format=xml", "/?format=csv", "/map?format=pdf"):
        response = client.get(url)
        assert response.status_code == 406, url
        assert "format" in response.json()["detail"]
    assert client.get("/api/events", headers={"Accept": "application/xml"}).status_code == 406
    for url in ("/events?colour=red", "/api/events?colour=red", "/?x=1", "/api/stats?limit=3"):
        response = client.get(url, headers={"Accept": "application/json"})
        assert response.status_code == 400, url
        assert "unknown parameter" in response.json()["detail"], url
    # names the page does take are accepted, also when empty
    assert client.get("/events?actor=&place=&limit=5&sort=-mentions").status_code == 200


def test_a_bad_value_gives_the_form_back_with_the_input(client: TestClient) -> None:
    typed = {"since": "last week", "place": "صنعاء", "actor": "SAU*"}
    page = client.get("/events", params=typed, headers={"Accept": "text/html"})
    assert page.status_code == 400
    assert 'value="last week"' in page.text and 'value="صنعاء"' in page.text
    assert 'value="SAU*"' in page.text and "since must be a date" in page.text
    assert '<form class="filters"' in page.text
    for url in ("/network?nodes=many", "/timeline?by=colour", "/map?country=Atlantis"):
        response = client.get(url, headers={"Accept": "text/html"})
        assert response.status_code == 400, url
        assert '<form class="filters"' in response.text, url
    posted = client.post("/code", data={"text": "استقبل الوزير نظيره", "published": "soon"})
    assert posted.status_code == 400
    assert "استقبل الوزير نظيره" in posted.text and 'value="soon"' in posted.text


def test_not_found_is_a_page_for_browsers_and_json_for_clients(client: TestClient) -> None:
    browser = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    page = client.get("/nonexistent", headers=browser)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert '<html lang="ar" dir="rtl">' in page.text
    plain = client.get("/nonexistent", headers={"Accept": "*/*"})
    assert plain.status_code == 404 and plain.json()["detail"]
    api = client.get("/api/nothing", headers=browser)
    assert api.status_code == 404 and api.headers["content-type"].startswith("application/json")
    assert (
        client.get("/events/no-such-event", headers=browser)
        .headers["content-type"]
        .startswith("text/html")
    )


def test_inputs_take_any_direction_and_dates_are_iso_text(client: TestClient) -> None:
    html = client.get("/events").text
    assert 'type="date"' not in html
    assert 'name="since" value="" size="10" dir="ltr" inputmode="numeric"' in html
    for name in ("place", "q", "country"):
        assert re.search(rf'<input name="{name}"[^>]*dir="auto"', html), name
    assert 'type="date"' not in client.get("/code").text


def test_docs_describe_every_filter() -> None:
    from hadath.store.filters import FILTER_PARAMS

    docs = (REPO / "docs" / "web.md").read_text("utf-8")
    for name, help_text in FILTER_PARAMS.items():
        assert f"| `{name}` | {help_text} |" in docs, name
