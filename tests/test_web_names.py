"""Display names: CAMEO codes from the code table, actors from the dictionaries (never from a
place or a person that happened to carry the code), both in Arabic and English."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from hadath.codes import default_codes
from hadath.dictionaries.codes import ROLE_CODES
from hadath.store.actor_codes import GDELT_TYPE_CODES
from hadath.web.app import create_app
from hadath.web.names import actor_names, cameo_choices, cameo_names, role_names
from web_store import saudinewsnet_store, store_package_or_skip

_ARABIC = re.compile(r"[\u0600-\u06FF]")


def test_every_cameo_code_has_an_arabic_and_an_english_name() -> None:
    table = default_codes()
    for code in table:
        names = cameo_names(code)
        assert names and names["en"] == table.get(code).label
        assert _ARABIC.search(names["ar"]), f"{code} has no Arabic name"
    roots = cameo_choices()
    assert [r["code"] for r in roots] == table.roots()
    assert sum(len(r["codes"]) for r in roots) + len(roots) == len(table)
    assert cameo_names("0999") is None


def test_every_role_code_is_named_in_both_languages() -> None:
    roles = role_names()
    for code in ROLE_CODES | GDELT_TYPE_CODES:
        assert code in roles, code
        assert roles[code]["en"] and _ARABIC.search(roles[code]["ar"]), code


def test_a_country_and_its_roles_are_named_by_their_pieces() -> None:
    """SAUGOV is the government, not the king whose office the one SAUGOV entry is."""
    assert actor_names("SAU") == {"ar": "السعودية", "en": "Saudi Arabia"}
    assert actor_names("SAUGOV") == {"ar": "السعودية · الحكومة", "en": "Saudi Arabia · government"}
    assert actor_names("ISRMIL") == {"ar": "إسرائيل · الجيش", "en": "Israel · military"}
    assert actor_names("SAU*") == actor_names("SAU")


def test_named_groups_and_organisations_by_their_entry() -> None:
    assert actor_names("PSEREBHMS") == {"en": "Hamas", "ar": "حماس"}
    # the UN's bodies (Security Council, General Assembly) share IGOUNO with the UN itself
    assert actor_names("IGOUNO") == {"en": "United Nations", "ar": "الأمم المتحدة"}
    assert actor_names("XYZQQQ") == {"en": "XYZQQQ", "ar": "XYZQQQ"}  # unknown: the code
    assert actor_names(None) is None


def test_pages_name_actors_from_the_dictionaries_not_from_the_store() -> None:
    """On real news the store's name of SAU is a place that carried the code (Al-Ahsa,
    Abqaiq …); the pages say Saudi Arabia in both languages."""
    store_package_or_skip()
    with TestClient(create_app(saudinewsnet_store())) as client:
        stats = client.get("/api/stats").json()
        codes = {a["code"] for a in stats["top_actors"]}
        assert "SAU" in codes
        arabic = client.get("/actors/SAU").text
        english = client.get("/actors/SAU", params={"lang": "en"}).text
        assert "<h1>السعودية <bdi" in arabic and "<h1>Saudi Arabia <bdi" in english
        overview = client.get("/", params={"lang": "en"}).text
        assert ">Saudi Arabia</a>" in overview
        events = client.get("/events", params={"actor": "SAU", "lang": "en"}).text
        for event in client.get("/api/events", params={"actor": "SAU", "limit": 50}).json()[
            "events"
        ]:
            if event["source"] and event["source"]["code"] == "SAU" and event["source"]["name"]:
                stored = event["source"]["name"]
                if stored != "Saudi Arabia":  # the place name the store kept is not shown
                    assert f">{stored}</a>" not in events
        # CAMEO names beside the codes: the root list reads "04 consult", not "root 04"
        assert re.search(r'<bdi class="code">04</bdi> consult', overview)
        assert re.search(r'<bdi class="code">04</bdi> تشاور', client.get("/").text)
