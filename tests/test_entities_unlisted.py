"""From a name the recogniser found to an actor (hadath.entities.unlisted): people and groups
no dictionary lists, coded from the words around them. Invented people; each case says why.
"""

from __future__ import annotations

from functools import cache

import pytest

from hadath.analysis import text_pipeline
from hadath.entities import entity_stages
from hadath.model import Document, Entity
from hadath.pipeline import Pipeline


@cache
def _pipeline() -> Pipeline:
    return Pipeline([*text_pipeline().stages, *entity_stages()])


def entities(text: str) -> list[Entity]:
    doc = _pipeline()(Document(raw_text=text, id="unlisted", published=None))
    return doc.entities


def person(text: str, name: str) -> Entity:
    found = [e for e in entities(text) if e.type == "PER" and name in e.text and e.actor]
    assert found, f"{name!r} has no actor in {[(e.text, e.actor) for e in entities(text)]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "name", "code", "rule"),
    [
        # A title and a nationality before the name: the spokesman's ministry's code.
        (
            "وقال المتحدث باسم وزارة الخارجية الإيرانية حسين جابري أنصاري إن بلاده ترفض ذلك.",
            "حسين جابري أنصاري",
            "IRNGOV",
            "an unlisted person with a title",
        ),
        # A name after the movement he is a leader of.
        (
            "وقال القيادي في حركة حماس سامي الخطيب إن الحركة لن توافق.",
            "سامي الخطيب",
            "PSEREBHMS",
            "a member of the organisation",
        ),
        # The same, the name first: "فلان، القيادي في ...".
        (
            "وأكد سامي الخطيب، القيادي في حركة حماس، أن الهدنة صامدة.",
            "سامي الخطيب",
            "PSEREBHMS",
            "a member of the organisation",
        ),
        # Described after a comma: the title phrase's code is his.
        (
            "وقال جان أسيلبورن، وزير الخارجية الفرنسي، إن الاتحاد سيدعم الخطة.",
            "جان أسيلبورن",
            "FRAGOV",
            "described by the title after the name",
        ),
        # A title, its portfolio, then the name; the country is the sentence's.
        (
            "وأوضح وزير النقل بدر باسلمة أن الحكومة اليمنية ستدعم الميناء.",
            "بدر باسلمة",
            "YEMGOV",
            "an unlisted person with a title",
        ),
    ],
)
def test_an_unlisted_person_is_coded_from_the_words_around_him(
    text: str, name: str, code: str, rule: str
) -> None:
    found = person(text, name)
    assert found.actor is not None
    assert found.actor.code == code
    assert rule in found.actor.name  # the rule travels into the event's explanation


def test_a_name_before_a_title_without_a_comma_after_a_verb_of_meeting_is_not_him() -> None:
    # "استقبل فلان وزير الخارجية المصري": the minister is whom he received, not him.
    text = "واستقبل سامي الخطيب وزير الخارجية المصري في مكتبه."
    named = [e for e in entities(text) if "سامي الخطيب" in e.text]
    assert not any(e.actor is not None and e.actor.code == "EGYGOV" for e in named), named


def test_an_unlisted_group_is_coded_by_its_head_noun_and_the_sentence_country() -> None:
    text = "وتبنت كتائب عبد الله عزام الهجوم على السفارة في بيروت."
    groups = [e for e in entities(text) if e.type == "ORG" and "كتائب" in e.text]
    assert groups, entities(text)
    actor = groups[0].actor
    assert actor is not None and actor.code == "LBNREB"  # brigades: rebels; Beirut: Lebanon
    assert "an unlisted group by its head noun" in actor.name


def test_a_party_takes_the_nationality_in_its_phrase() -> None:
    text = "وأعلن حزب الأمة السوداني مقاطعته للانتخابات."
    coded = [e.actor.code for e in entities(text) if e.actor is not None]
    assert "SDNPTY" in coded, coded


def test_a_title_after_a_name_in_a_genitive_describes_him_and_former_keeps_the_country() -> None:
    # "في وجه فلان الرئيس ... السابق": after a preposition's noun no verb has the name as its
    # subject, so the definite title describes him; a former president is his country alone.
    text = "ورفع المحتجون شعارا في وجه جيرار موليني الرئيس الفرنسي السابق أمام الفندق."
    found = person(text, "موليني")
    assert found.actor is not None and found.actor.code == "FRA"
    assert "described by the title after the name" in found.actor.name


def test_a_described_single_name_lends_its_actor_to_its_later_mentions() -> None:
    text = (
        "وزار الوفد مكتب موليني الرئيس الفرنسي السابق أمس. "
        "وقال موليني إن بلاده تدعم الحوار. ودعا موليني إلى التهدئة."
    )
    later = [e for e in entities(text) if e.text == "موليني" and e.sentence and e.sentence > 1]
    assert later and all(e.actor is not None and e.actor.code == "FRA" for e in later), later


@pytest.mark.parametrize(
    "text",
    [
        # "أمام" (in front of) folds to the key of "إمام" (imam): a preposition is no title.
        "وقال الوزير المصري أمام الصحفيين إن الحكومة ستدعم الخطة.",
        # "مشيرا إلى" (pointing out) has the lemma of "مشير" (marshal): no army officer here.
        "وقال الوزير المصري إن الحكومة ستدعم الخطة، مشيرا إلى أن الاتفاق قريب.",
    ],
)
def test_function_words_and_participles_are_no_role_words(text: str) -> None:
    codes = [e.actor.code for e in entities(text) if e.actor is not None]
    assert not any(code.endswith(("REL", "RELMOS", "MIL")) for code in codes), codes


def test_a_rank_after_an_office_leaves_the_office_its_code() -> None:
    # The spokesman of the security services is a general by rank: he speaks for the police.
    text = "وقال المتحدث باسم الأجهزة الأمنية الفلسطينية اللواء سامي الخطيب إن التحقيق مستمر."
    found = person(text, "سامي الخطيب")
    assert found.actor is not None and found.actor.code == "PSECOP", found.actor
