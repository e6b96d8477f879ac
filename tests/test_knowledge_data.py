"""Checks on the curated actor knowledge (people, agents, institutions, factions).

The lint (schema, codes, overlapping ranges, key collisions) is tested with the loader; these
tests hold the *content* to its promises: enough people, every one with dated roles, Arabic
names in Arabic script, the CAMEO conventions the files document, and the facts the seed
article and the brief rely on.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

import pytest

from hadath.dictionaries import load_dictionaries
from hadath.dictionaries.lint import lint_paths
from hadath.dictionaries.loader import Dictionaries
from hadath.dictionaries.schema import ActorEntry, AgentEntry

ARABIC_NAME = re.compile(r"^[\u0600-\u06FF\u0750-\u077F ]+$")
OWN_FILES = ("people_", "agents.yaml", "institutions_")


@lru_cache(maxsize=1)
def dictionaries() -> Dictionaries:
    return load_dictionaries([])


def _people() -> list[ActorEntry]:
    return [a for a in dictionaries().actors.values() if a.kind == "person"]


def _own_entries() -> list[ActorEntry]:
    return [
        a for a in dictionaries().actors.values() if any(part in a.source for part in OWN_FILES)
    ]


def test_lint_has_no_errors_or_warnings_in_our_files() -> None:
    findings = [
        str(p)
        for p in lint_paths().problems
        if p.severity != "info" and any(part in p.source for part in OWN_FILES)
    ]
    assert findings == []


def test_at_least_300_people_and_150_agents() -> None:
    assert len(_people()) >= 300
    assert len(dictionaries().agents) >= 150


def test_every_person_has_roles_and_most_are_dated() -> None:
    people = _people()
    assert all(p.roles for p in people)
    undated = [p.id for p in people if all(r.valid_from is None for r in p.roles)]
    assert len(undated) <= len(people) // 20, undated


def test_no_inverted_or_empty_ranges() -> None:
    for actor in _own_entries():
        for item in (*actor.roles, *actor.codes):
            if item.valid_from and item.valid_until:
                assert item.valid_from < item.valid_until, actor.id


def test_roles_end_in_the_past_or_are_open() -> None:
    # A start date in the future is a typo (2204 for 2024).
    today = dt.date.today()
    for person in _people():
        for role in person.roles:
            assert role.valid_from is None or role.valid_from <= today, person.id


def test_arabic_names_are_arabic_script() -> None:
    entries: list[ActorEntry | AgentEntry] = [*_own_entries(), *dictionaries().agents.values()]
    bad = [(e.id, n) for e in entries for n in e.ar if not ARABIC_NAME.match(n)]
    assert bad == []


def test_people_carry_their_country() -> None:
    countries = set(dictionaries().country_by_code)
    for person in _people():
        assert person.country in countries, person.id


def test_domestic_person_codes_start_with_their_country_or_an_igo() -> None:
    for person in _people():
        for role in person.roles:
            assert role.code.startswith((person.country or "", "IGO", "IMG")), (
                person.id,
                role.code,
            )


@pytest.mark.parametrize(
    ("person", "day", "code"),
    [
        ("abbas-kamel", dt.date(2023, 5, 1), "EGYSPY"),
        ("abbas-kamel", dt.date(2016, 5, 1), "EGYGOV"),
        ("hassan-rashad", dt.date(2025, 1, 1), "EGYSPY"),
        ("mohammad-shtayyeh", dt.date(2023, 8, 1), "PSEGOV"),
        ("ziyad-al-nakhalah", dt.date(2023, 8, 1), "PSEREBISJ"),
        ("ramadan-shallah", dt.date(2010, 1, 1), "PSEREBISJ"),
        ("dawood-shehab", dt.date(2023, 8, 1), "PSEREBISJ"),
        ("ismail-haniyeh", dt.date(2006, 6, 1), "PSEGOVHMS"),
        ("ismail-haniyeh", dt.date(2020, 6, 1), "PSEREBHMS"),
        ("benjamin-netanyahu", dt.date(2022, 1, 1), "ISROPPLKD"),
        ("yoav-gallant", dt.date(2024, 1, 1), "ISRGOVMIL"),
        ("hassan-nasrallah", dt.date(2020, 1, 1), "LBNREBHEZ"),
        ("mohamed-hamdan-dagalo", dt.date(2024, 1, 1), "SDNREBRSF"),
        ("ahmed-al-sharaa", dt.date(2025, 6, 1), "SYRGOV"),
    ],
)
def test_role_on_a_date(person: str, day: dt.date, code: str) -> None:
    d = dictionaries()
    assert d.code_on(d.actors[person], day) == code


def test_a_role_ended_is_not_applied_after_it() -> None:
    d = dictionaries()
    assert d.code_on(d.actors["yahya-sinwar"], dt.date(2025, 1, 1)) is None


@pytest.mark.parametrize(
    ("name", "entry_id"),
    [
        ("محمد اشتية", "mohammad-shtayyeh"),
        ("داوود شهاب", "dawood-shehab"),
        ("زياد النخالة", "ziyad-al-nakhalah"),
        ("عباس كامل", "abbas-kamel"),
        ("حركة الجهاد الإسلامي", "palestinian-islamic-jihad"),
        ("حركة الجهاد", "palestinian-islamic-jihad"),
        ("حماس", "hamas"),
        ("جهاز المخابرات العامة المصرية", "egypt-general-intelligence"),
        ("الموساد", "mossad"),
        ("أنصار الله", "houthis"),
        ("قوات الدعم السريع", "rapid-support-forces"),
    ],
)
def test_names_resolve(name: str, entry_id: str) -> None:
    assert entry_id in {m.entry_id for m in dictionaries().lookup(name)}


def test_bare_jihad_is_not_a_name_of_pij() -> None:
    # "الجهاد" alone is the concept far more often than the movement (see the note in
    # institutions_factions.yaml); the resolver decides it from context.
    assert not any(
        m.entry_id == "palestinian-islamic-jihad" for m in dictionaries().lookup("الجهاد")
    )


def test_turkish_and_moroccan_justice_and_development_are_marked_ambiguous() -> None:
    hits = {m.entry_id: m.ambiguous for m in dictionaries().lookup("حزب العدالة والتنمية")}
    assert hits == {"akp": True, "pjd-morocco": True}


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("رئيس الوزراء", "GOV"),
        ("وزير الخارجية", "GOV"),
        ("وزير الدفاع", "GOVMIL"),
        ("متظاهرون", "OPP"),
        ("مسلحون", "UAF"),
        ("متمردون", "REB"),
        ("صحفي", "MED"),
        ("قاضي", "JUD"),
        ("برلماني", "LEG"),
        ("الشرطة", "COP"),
        ("جنود", "MIL"),
        ("المخابرات", "SPY"),
        ("لاجئون", "REF"),
        ("طلاب", "EDU"),
        ("رجال الأعمال", "BUS"),
        ("رجل دين", "REL"),
        ("مستوطنون", "CVL"),
    ],
)
def test_agent_codes(title: str, code: str) -> None:
    d = dictionaries()
    agent_ids = [m.entry_id for m in d.lookup(title) if m.section == "agent"]
    assert agent_ids, title
    assert d.agents[agent_ids[0]].code == code


def test_adjective_forms_of_role_words_are_not_agents() -> None:
    # "هجوم مسلح" (an armed attack) must not make an actor out of مسلح.
    for word in ("مسلح", "عسكري", "إرهابي", "مدني"):
        assert not [m for m in dictionaries().lookup(word) if m.section == "agent"], word
