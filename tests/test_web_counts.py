"""No page or API answer differs in its count from the list it links to.

Every count a page shows with a link carries the filters of that link (`{"count",
"filters"}` in its JSON twin); this test walks every page of real news (a SaudiNewsNet
slice, or the examples when ../shared is absent), follows each link to `/api/events` and
compares the list's total with the number shown. It also checks the HTML: the number in a
count link is the one in the twin.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from fastapi.testclient import TestClient

from hadath.web.app import create_app
from web_store import built_store, saudinewsnet_store, store_package_or_skip


@pytest.fixture(scope="module", params=["saudinewsnet", "examples"])
def client(request: pytest.FixtureRequest) -> Iterator[TestClient]:
    store_package_or_skip()
    store = saudinewsnet_store() if request.param == "saudinewsnet" else built_store("examples")
    with TestClient(create_app(store)) as test_client:
        yield test_client


def linked_counts(value: Any) -> Iterator[tuple[int, dict[str, str]]]:
    """Every (count, filters) pair anywhere in a page's JSON twin (a list page says
    `total` for its own count)."""
    if isinstance(value, dict):
        for name in ("count", "total"):
            if isinstance(value.get(name), int) and isinstance(value.get("filters"), dict):
                yield value[name], value["filters"]
        for item in value.values():
            yield from linked_counts(item)
    elif isinstance(value, list):
        for item in value:
            yield from linked_counts(item)


def pages_of(client: TestClient) -> list[str]:
    """The pages to walk: the overview, lists, the analysis pages of the top actors and
    dyads (exact codes and a family), the network, the timelines and the map."""
    stats = client.get("/api/stats").json()
    actors = [a["code"] for a in stats["top_actors"][:6]]
    dyads = [(d["source"], d["target"]) for d in stats["top_dyads"][:4]]
    assert actors and dyads, "the store must have actors and dyads to be a test"
    pages = ["/", "/events", "/network", "/network?nodes=12&both=1", "/map"]
    dated = [row for row in stats["by_day"] if row["day"]]
    busiest = dt.date.fromisoformat(max(dated, key=lambda row: row["count"])["day"])
    week = f"since={busiest - dt.timedelta(days=3)}&until={busiest + dt.timedelta(days=3)}"
    pages += ["/timeline", "/timeline?by=root", f"/timeline?{week}", f"/events?{week}"]
    pages += [f"/actors/{code}" for code in actors]
    pages += [f"/actors/{actors[0][:3]}*", f"/actors/{actors[0]}?quad_class=1"]
    pages += [f"/dyad?source={s}&target={t}" for s, t in dyads]
    pages += [f"/map?country={client.get('/api/map').json()['countries'][0]['country']}"]
    return pages


def test_every_linked_count_is_the_total_of_its_list(client: TestClient) -> None:
    checked: dict[str, int] = {}
    for page in pages_of(client):
        twin = client.get(page + ("&" if "?" in page else "?") + "format=json")
        assert twin.status_code == 200, (page, twin.text[:300])
        pairs = list(linked_counts(twin.json()))
        assert pairs, f"{page} links no count"
        for count, filters in pairs:
            key = urlencode(sorted(filters.items()))
            if key not in checked:
                listed = client.get("/api/events", params={**filters, "limit": 1})
                assert listed.status_code == 200, (page, filters, listed.text)
                checked[key] = listed.json()["total"]
            assert checked[key] == count, (page, filters, count, checked[key])
    assert len(checked) > 30


def test_the_api_answers_count_what_they_link(client: TestClient) -> None:
    code = client.get("/api/stats").json()["top_actors"][0]["code"]
    answers = [
        client.get("/api/network").json(),
        client.get("/api/map").json(),
        client.get(f"/api/actors/{code}").json(),
    ]
    pairs = [pair for answer in answers for pair in linked_counts(answer)]
    assert len(pairs) > 5
    for count, filters in pairs:
        assert client.get("/api/events", params={**filters, "limit": 1}).json()["total"] == count


def test_the_html_shows_the_twin_s_numbers(client: TestClient) -> None:
    """Each count link of a page's HTML lists as many events as the link text says."""
    code = client.get("/api/stats").json()["top_actors"][0]["code"]
    for page in ("/", f"/actors/{code}", "/network", "/map"):
        html = client.get(page).text
        links = re.findall(r'<a class="count[^"]*" href="([^"]+)"><bdi>(\d+)</bdi></a>', html)
        assert links, page
        for href, shown in links[:60]:
            query = dict(parse_qsl(urlsplit(href.replace("&amp;", "&")).query))
            total = client.get("/api/events", params={**query, "limit": 1}).json()["total"]
            assert total == int(shown), (page, href)


def test_an_actor_page_counts_once_what_its_events_link_lists(client: TestClient) -> None:
    """The page of `SAU` counts SAU's events; `SAU*` those of SAU and every code under it,
    and the two lists are the two counts (the old page said 78 and linked to 348)."""
    countries = [
        a["code"] for a in client.get("/api/stats").json()["top_actors"] if len(a["code"]) == 3
    ]
    if not countries:
        pytest.skip("no country among the top actors of this store")
    code = countries[0]
    exact = client.get(f"/actors/{code}?format=json").json()
    family = client.get(f"/actors/{code}*?format=json").json()
    assert exact["events"]["filters"] == {"actor": code}
    assert family["events"]["filters"] == {"actor": f"{code}*"}
    assert family["events"]["count"] >= exact["events"]["count"]
    assert sum(row["count"] for row in exact["by_quad_class"]) == exact["events"]["count"]
