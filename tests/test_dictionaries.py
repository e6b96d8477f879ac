"""Loader, layering, date selection, nationality forms and the built-in countries."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from hadath.dictionaries import DictionaryError, default_dictionaries, load_dictionaries
from hadath.dictionaries.loader import ENV_VAR
from hadath.dictionaries.nationality import adjective_forms
from hadath.text.normalise import phrase_key

NO_ENV: dict[str, str] = {}

PERSON = """
version: 1
actors:
  - id: test-official
    kind: person
    en: Test Official
    ar: [سالم الاختباري]
    roles:
      - {code: EGYSPY, title: intelligence chief, from: 2018-01-18, until: 2024-10-16}
      - {code: EGYGOV, title: chief of staff, from: 2014-06-08, until: 2018-01-18}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_builtin_countries_cover_the_un_members_and_palestine() -> None:
    d = default_dictionaries()
    # 193 UN members + Palestine + Holy See, Kosovo, Taiwan, Western Sahara.
    assert len(d.countries) == 198
    assert d.country_by_code["PSE"].id == "palestine"
    assert len({c.iso2 for c in d.countries.values()}) == 198


@pytest.mark.parametrize(
    ("phrase", "country"),
    [
        ("الأمريكي", "united-states"),
        ("الأميركية", "united-states"),
        ("الإسرائيليون", "israel"),
        ("السعودي", "saudi-arabia"),
        ("الإماراتية", "united-arab-emirates"),
        ("اللبنانيين", "lebanon"),
        ("الفلسطيني", "palestine"),
        ("الأردنية", "jordan"),
        ("العراقي", "iraq"),
        ("السوريون", "syria"),
        ("اليمني", "yemen"),
        ("الليبية", "libya"),
        ("التونسي", "tunisia"),
        ("الجزائري", "algeria"),
        ("المغربية", "morocco"),
        ("السوداني", "sudan"),
        ("القطري", "qatar"),
        ("الكويتي", "kuwait"),
        ("البحرينية", "bahrain"),
        ("العماني", "oman"),
        ("الإيراني", "iran"),
        ("الأتراك", "turkey"),
        ("الروسية", "russia"),
        ("الصيني", "china"),
        ("البريطانيين", "united-kingdom"),
        ("الفرنسيتان", "france"),
        ("الألمان", "germany"),
        ("الكوري الجنوبي", "south-korea"),
        ("المصريات", "egypt"),
    ],
)
def test_nationality_adjectives_resolve_to_their_country(phrase: str, country: str) -> None:
    matches = default_dictionaries().lookup(phrase)
    assert [(m.entry_id, m.kind) for m in matches] == [(country, "adjective")]


def test_country_names_and_metonyms() -> None:
    d = default_dictionaries()
    assert [m.entry_id for m in d.lookup("الولايات المتحدة الأمريكية")] == ["united-states"]
    assert [m.entry_id for m in d.lookup("أميركا")] == ["united-states"]
    (washington,) = d.lookup("واشنطن")
    assert (washington.entry_id, washington.kind, washington.ambiguous) == (
        "united-states",
        "metonym",
        True,
    )
    # Oman and Amman are spelled alike unvocalised: the name is flagged, Jordan has no metonym.
    assert all(m.ambiguous for m in d.lookup("عمان"))


def test_adjective_forms_inflect_every_nisba_word() -> None:
    forms = adjective_forms("مصري")
    for expected in (
        "مصرية",
        "مصريون",
        "مصريين",
        "مصريان",
        "مصريتان",
        "مصريتين",
        "مصريات",
        "المصري",
    ):
        assert expected in forms
    assert "الكورية الجنوبية" in adjective_forms("كوري جنوبي")
    assert "الكورية جنوبي" not in adjective_forms("كوري جنوبي")
    assert "الجنوب أفريقي" in adjective_forms("جنوب أفريقي")


def test_role_on_selects_by_half_open_date(tmp_path: Path) -> None:
    d = load_dictionaries([write(tmp_path, "p.yaml", PERSON)], environ=NO_ENV)
    person = d.actors["test-official"]
    assert d.code_on(person, dt.date(2016, 5, 1)) == "EGYGOV"
    assert d.code_on(person, dt.date(2018, 1, 18)) == "EGYSPY"  # until is exclusive
    assert d.code_on(person, dt.date(2025, 1, 1)) is None  # out of office
    assert d.code_on(person, None) == "EGYSPY"  # no date: the latest role
    role = d.role_on(person, dt.date(2015, 1, 1))
    assert role is not None and role.title == "chief of staff"


def test_later_layer_replaces_and_adds_and_disables(tmp_path: Path) -> None:
    override = write(
        tmp_path,
        "mine.yaml",
        """
version: 1
countries:
  - {id: egypt, cameo: EGY, iso2: EG, en: Egypt, ar: [أرض الكنانة], adjective: مصري}
  - {id: vatican, disabled: true}
actors:
  - {id: my-group, kind: organisation, en: My Group, ar: [جماعتي], codes: [{code: EGYOPP}]}
""",
    )
    d = load_dictionaries([override], environ=NO_ENV)
    assert d.countries["egypt"].ar == ("أرض الكنانة",)
    assert not d.lookup("جمهورية مصر العربية")
    assert "vatican" not in d.countries
    assert d.code_on(d.actors["my-group"], None) == "EGYOPP"
    assert [o.entry_id for o in d.overrides] == ["egypt", "vatican"]
    assert d.version != load_dictionaries([], environ=NO_ENV).version


def test_env_path_is_a_layer(tmp_path: Path) -> None:
    path = write(tmp_path, "p.yaml", PERSON)
    d = load_dictionaries([], environ={ENV_VAR: str(tmp_path)})
    assert "test-official" in d.actors and path.exists()


def test_schema_errors_are_located(tmp_path: Path) -> None:
    bad = write(
        tmp_path,
        "bad.yaml",
        """
version: 1
actors:
  - {id: x-person, kind: person, en: X, ar: [س], codes: [{code: EGYGOV}]}
  - {id: bad-date, kind: organisation, en: Y, ar: [ص], codes: [{code: EGYGOV, from: 18th May}]}
  - {id: Bad_Id, kind: organisation, en: Z, ar: [ض], codes: [{code: EGYGOV}]}
  - {id: no-code, kind: group, en: W, ar: [ط], codes: [{code: EGYGOV}]}
""",
    )
    with pytest.raises(DictionaryError) as caught:
        load_dictionaries([bad], environ=NO_ENV)
    text = str(caught.value)
    assert f"{bad}:4: x-person:roles" in text
    assert f"{bad}:5: bad-date:codes[0].from" in text
    assert f"{bad}:6: Bad_Id:id" in text
    assert f"{bad}:7: no-code:kind" in text


def test_unreadable_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    broken = write(tmp_path, "broken.yaml", "version: 1\nactors: [\n")
    with pytest.raises(DictionaryError, match="cannot read"):
        load_dictionaries([broken], environ=NO_ENV)
    with pytest.raises(DictionaryError, match="no such file"):
        load_dictionaries([tmp_path / "missing.yaml"], environ=NO_ENV)


def test_countries_agree_with_the_shared_gazetteer(shared_path: Path) -> None:
    """Cross-check codes against an independent country table (read, never copied)."""
    table = shared_path / "data" / "gazetteers" / "countries" / "countries.csv"
    with table.open(encoding="utf-8") as handle:
        rows = {row["cca3"]: row for row in csv.DictReader(handle)}
    d = default_dictionaries()
    members = {code for code, row in rows.items() if row["unMember"] in {"1", "True", "true"}}
    ours = set(d.country_by_code)
    assert members - ours == set()
    agreeing = 0
    for country in d.countries.values():
        row = rows.get(country.cameo)
        if row is None:
            continue  # Kosovo: CAMEO uses KSV where ISO has none
        assert row["cca2"] == country.iso2, country.id
        theirs = {
            phrase_key(row["translations.ara.common"]),
            phrase_key(row["translations.ara.official"]),
        }
        agreeing += bool(theirs & {phrase_key(n) for n in country.ar})
    # The table has its own misspellings (صيربيا, المسكيك), so agreement is high but not total.
    assert agreeing >= 0.9 * len(d.countries)


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("خادم الحرمين الشريفين", "SAUGOV"),  # the Saudi king's title, whoever holds it
        ("التحالف العربي", "SAUMIL"),  # codebook §4: the Saudi-led coalition in Yemen
        ("التحالف الدولي", "USAMIL"),  # codebook §4: the US-led coalition against ISIS
        ("طالبان", "AFGREB"),
        ("بوكو حرام", "NGAREB"),
        ("المقاومة الشعبية", "YEM"),
        ("الانقلابيين", "YEMREB"),
        ("التمرد الكردي", "TURREB"),
        ("صلاح الدين دميرتاش", "TUROPPHDP"),
        ("سلفا كير", "SSDGOV"),
        ("خالد العبيدي", "IRQGOVMIL"),
        ("الجبير", "SAUGOV"),
        ("دي مستورا", "IGOUNO"),  # a second spelling of his name
        ("ممثلو الادعاء", "JUD"),  # agents: the country comes from the context
        ("خطيب صلاة الجمعة", "RELMOS"),
        ("سلطات الاحتلال", "GOV"),
    ],
)
def test_actors_of_the_2015_news_resolve(phrase: str, code: str) -> None:
    """Names and titles the whole-article gold's train part missed (docs/dictionaries.md,
    "Coverage of real news"), coded as on 2015-08-01."""
    d = default_dictionaries()
    matches = d.lookup(phrase)
    assert matches, phrase
    assert d.code_on(d.entry(matches[0]), dt.date(2015, 8, 1)) == code


def test_actors_of_the_2015_news_hold_their_codes_only_in_their_time() -> None:
    d = default_dictionaries()
    coalition = d.entry(d.lookup("التحالف العربي")[0])
    assert d.code_on(coalition, dt.date(2015, 3, 25)) is None  # the day before Decisive Storm
    demirtas = d.entry(d.lookup("دميرتاش")[0])
    assert d.code_on(demirtas, dt.date(2019, 1, 1)) is None  # no longer co-chair
