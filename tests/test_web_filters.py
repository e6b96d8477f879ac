"""The one filter parser (store.filters.EventQuery) and what each filter selects, checked
against the events list itself on the examples store and on real news."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from hadath.store.filters import CodeMatch, EventQuery, FilterError
from hadath.web.app import create_app
from web_store import built_store, saudinewsnet_store, store_package_or_skip

# -- the parser --------------------------------------------------------------------------------


def test_codes_match_exactly_unless_they_end_in_a_star() -> None:
    query = EventQuery.parse({"actor": "sau", "source": "YEM*", "target": "IGOUNO"})
    assert query.actor == CodeMatch("SAU", prefix=False)
    assert query.source == CodeMatch("YEM", prefix=True)
    assert query.as_query() == {"actor": "SAU", "source": "YEM*", "target": "IGOUNO"}
    assert EventQuery.parse(query.as_query()) == query  # links parse back to the same query


def test_a_dyad_is_source_and_target_in_either_direction() -> None:
    dyad = EventQuery.parse({"dyad": "SAU, YEMREBHTH"})
    assert dyad == EventQuery.parse({"source": "SAU", "target": "YEMREBHTH", "either": "1"})
    with pytest.raises(FilterError, match="not both"):
        EventQuery.parse({"dyad": "SAU,IRN", "source": "SAU"})
    with pytest.raises(FilterError, match="two actor codes"):
        EventQuery.parse({"dyad": "SAU"})


def test_repeated_and_comma_separated_values_and_flags() -> None:
    pairs = [("hide", "negated"), ("hide", "future,hypothetical"), ("both", "on")]
    query = EventQuery.parse(pairs)
    assert query.hide == ("future", "hypothetical", "negated") and query.both
    with pytest.raises(FilterError, match="given 2 times"):
        EventQuery.parse([("root", "04"), ("root", "05")])
    with pytest.raises(FilterError, match="either must be 1 or 0"):
        EventQuery.parse({"either": "sometimes"})


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"actor": "SAU GOV"}, "actor code"),
        ({"actor_type": "KING"}, "role code"),
        ({"root": "21"}, "root"),
        ({"code": "0999x"}, "CAMEO code"),
        ({"quad_class": "5"}, "quad_class"),
        ({"hide": "maybe"}, "hide takes"),
        ({"min_confidence": "1.5"}, "min_confidence"),
        ({"min_confidence": "nan"}, "min_confidence"),
        ({"min_mentions": "-1"}, "min_mentions"),
        ({"since": "2015-13-01"}, "since"),
        ({"since": "2015-08-09", "until": "2015-08-01"}, "after until"),
        ({"country": "Atlantis"}, "country"),
        ({"place": "x" * 201}, "longer than 200"),
    ],
)
def test_bad_values_name_the_parameter(params: dict[str, str], message: str) -> None:
    with pytest.raises(FilterError, match=message):
        EventQuery.parse(params)


def test_countries_by_code_or_by_name_in_either_language() -> None:
    for value in ("YE", "ye", "YEM", "Yemen", "اليمن"):
        assert EventQuery.parse({"country": value}).country == "YE", value


def test_keyword_filters_keep_the_cli_s_prefix_meaning() -> None:
    """`hadath events --actor EGY` documents a code prefix; its keyword form keeps it."""
    assert EventQuery.from_kwargs(actor="EGY").actor == CodeMatch("EGY", prefix=True)
    assert EventQuery.from_kwargs(root=4).root == "04"
    with pytest.raises(TypeError, match="unknown event filters"):
        EventQuery.from_kwargs(colour="red")


# -- what each filter selects, against the whole list -------------------------------------------


@pytest.fixture(scope="module", params=["examples", "saudinewsnet"])
def listed(request: pytest.FixtureRequest) -> Iterator[tuple[TestClient, list[dict[str, Any]]]]:
    store_package_or_skip()
    store = built_store("examples") if request.param == "examples" else saudinewsnet_store()
    with TestClient(create_app(store)) as client:
        events = _all(client, {})
        assert events, "the store must hold events to be a test"
        yield client, events


def _all(client: TestClient, filters: dict[str, str]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    while True:
        page = client.get("/api/events", params={**filters, "limit": 500, "offset": len(found)})
        assert page.status_code == 200, (filters, page.text)
        body = page.json()
        found += body["events"]
        if len(found) >= body["total"]:
            return found


def _ids(events: list[dict[str, Any]]) -> set[str]:
    return {e["id"] for e in events}


def _code(side: dict[str, Any] | None) -> str:
    return (side or {}).get("code") or ""


def test_source_target_and_dyad_filters(listed: tuple[TestClient, list[dict[str, Any]]]) -> None:
    client, every = listed
    pair = next(e for e in every if e["source"] and e["target"])
    a, b = pair["source"]["code"], pair["target"]["code"]
    directed = _all(client, {"source": a, "target": b})
    assert _ids(directed) == {
        e["id"] for e in every if _code(e["source"]) == a and _code(e["target"]) == b
    }
    either = _all(client, {"dyad": f"{a},{b}"})
    assert _ids(either) == {
        e["id"] for e in every if {_code(e["source"]), _code(e["target"])} == {a, b}
    } | (_ids(directed) if a == b else set())
    family = _all(client, {"source": a[:3] + "*"})
    assert _ids(family) == {e["id"] for e in every if _code(e["source"]).startswith(a[:3])}
    only_source = _all(client, {"source": a})
    assert all(_code(e["source"]) == a for e in only_source)


def test_both_actors_modality_confidence_and_mentions(
    listed: tuple[TestClient, list[dict[str, Any]]],
) -> None:
    client, every = listed
    assert _ids(_all(client, {"both": "1"})) == {
        e["id"] for e in every if e["source"] and e["target"]
    }
    hidden = _all(client, {"hide": "negated,hypothetical,future"})
    assert _ids(hidden) == {
        e["id"] for e in every if e["plover"]["mode"] not in ("negation", "hypothetical", "future")
    }
    middle = sorted(e["confidence"] for e in every)[len(every) // 2]
    assert _ids(_all(client, {"min_confidence": str(middle)})) == {
        e["id"] for e in every if e["confidence"] >= middle
    }
    assert _ids(_all(client, {"min_mentions": "2"})) == {
        e["id"] for e in every if e["num_mentions"] >= 2
    }


def test_actor_type_is_a_role_chunk_on_either_side(
    listed: tuple[TestClient, list[dict[str, Any]]],
) -> None:
    client, every = listed

    def has_role(code: str, role: str) -> bool:
        return role in [code[i : i + 3] for i in range(0, len(code), 3)]

    for role in ("GOV", "MIL"):
        expected = {
            e["id"]
            for e in every
            if has_role(_code(e["source"]), role) or has_role(_code(e["target"]), role)
        }
        assert _ids(_all(client, {"actor_type": role})) == expected, role


def test_place_by_arabic_or_english_name_and_country(
    listed: tuple[TestClient, list[dict[str, Any]]],
) -> None:
    client, every = listed
    placed = [e for e in every if e["place"] and e["place"]["name"] and e["place"]["country"]]
    if not placed:
        pytest.skip("no placed event in this store")
    from hadath.store.filters import place_candidates

    name, country = placed[0]["place"]["name"], placed[0]["place"]["country"]
    english = _all(client, {"place": name})
    assert _ids(english) == {e["id"] for e in placed if e["place"]["name"].lower() == name.lower()}
    # An Arabic name finds the events placed at what the gazetteer resolves it to.
    here = {(e["place"]["name"], e["place"]["country"]) for e in placed}
    for arabic in ("صنعاء", "الرياض", "عدن", "القاهرة", "دمشق", "بغداد", "طهران", "تعز", "جدة"):
        candidates = set(place_candidates(arabic))
        if candidates & here:
            expected = {
                e["id"] for e in placed if (e["place"]["name"], e["place"]["country"]) in candidates
            }
            assert _ids(_all(client, {"place": arabic})) == expected, arabic
            break
    else:
        assert "examples" in str(client.app.state.data), "real news names one of these cities"
    by_country = _all(client, {"country": country})
    assert _ids(by_country) == {
        e["id"] for e in every if e["place"] and e["place"]["country"] == country
    }


def test_outlet_is_any_of_the_event_s_articles(
    listed: tuple[TestClient, list[dict[str, Any]]],
) -> None:
    client, every = listed
    event = next(e for e in every if e["num_articles"] >= 1)
    detail = client.get(f"/api/events/{event['id']}").json()
    outlet = detail["reports"][0]["document"]["source"]
    if not outlet:
        pytest.skip("the store's documents name no outlet")
    found = _all(client, {"outlet": outlet})
    assert event["id"] in _ids(found)
    for other in found[:20]:
        sources = {
            r["document"]["source"]
            for r in client.get(f"/api/events/{other['id']}").json()["reports"]
        }
        assert outlet in sources


def test_sort_orders_the_whole_list(listed: tuple[TestClient, list[dict[str, Any]]]) -> None:
    client, _ = listed
    for key, value in (("confidence", "confidence"), ("mentions", "num_mentions")):
        ordered = [e[value] for e in _all(client, {"sort": f"-{key}"})]
        assert ordered == sorted(ordered, reverse=True), key
        rising = [e[value] for e in _all(client, {"sort": key})]
        assert rising == sorted(rising), key
    pages = [
        client.get("/api/events", params={"sort": "cameo", "limit": 7, "offset": o}).json()
        for o in (0, 7)
    ]
    assert _ids(pages[0]["events"]).isdisjoint(_ids(pages[1]["events"]))
    assert client.get("/api/events", params={"sort": "colour"}).status_code == 400
