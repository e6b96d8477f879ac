"""Places finer than a gazetteer name, and an event's place as a careful coder reads it
(hadath.places.mentions, hadath.events.placing): one test per rule, each with its reason.
Texts are our own sentences; the trigger is named by its word and given an event code."""

from __future__ import annotations

from hadath.analysis import analyse
from hadath.api import code
from hadath.events.patterns import Pattern, Trigger
from hadath.events.placing import Placing, SentencePlaces, event_place
from hadath.events.triggers import TriggerMatch
from hadath.model import Entity, Place
from hadath.places import default_gazetteer, find_places
from hadath.places.settle import settle_places
from hadath.places.sources import load_yaml
from hadath.text.normalise import phrase_key


def places_in(text: str) -> list[tuple[str, Place]]:
    doc = analyse(text)
    return [(m.text, m.place) for s in doc.sentences for m in find_places(s.tokens, doc.clean_text)]


def place_of(text: str, trigger: str, cameo: str = "190") -> Placing:
    """The place of an event of code `cameo` whose trigger is the first token `trigger`."""
    doc = code(text, published="2015-08-01")
    by_sentence: dict[int | None, list] = {}
    for entity in doc.entities:
        by_sentence.setdefault(entity.sentence, []).append(entity)
    pattern = Pattern(id="test", code=cameo, pos="verb", triggers=(), frame=None)
    for sentence in doc.sentences:
        for index, token in enumerate(sentence.tokens):
            if token.text == trigger:
                places = SentencePlaces.build(by_sentence.get(sentence.index, []), sentence)
                match = TriggerMatch(pattern, Trigger(trigger, ()), index, index)
                return event_place(places, match, doc)
    raise AssertionError(f"no token {trigger!r}")


# --- mentions: what the words around a name make of it ---


def test_a_direction_before_a_country_is_a_region_of_it() -> None:
    # Codebook §6: "شمال العراق" is the finest place, not Iraq.
    ((text, place),) = places_in("شنت المقاتلات غارات على مواقع في شمال العراق.")
    assert (text, place.name, place.country, place.precision) == (
        "شمال العراق",
        "north of Iraq",
        "IQ",
        3,
    )


def test_a_direction_before_a_town_leaves_the_town() -> None:
    # "وسط كابول" is in Kabul: the codebook writes كابول.
    ((text, place),) = places_in("انفجرت شاحنة في وسط كابول.")
    assert (text, place.name) == ("كابول", "Kabul")


def test_an_unlisted_name_after_a_class_word_is_a_place_located_by_the_next() -> None:
    # geonames has no قعطبة; its governorate says where it is (precision 3: a region's point).
    found = places_in("استسلم الحرس في مديرية قعطبة بمحافظة الضالع.")
    text, place = found[0]
    assert (text, place.feature, place.country, place.precision) == ("قعطبة", "district", "YE", 3)


def test_a_town_is_in_the_country_its_locator_names() -> None:
    # The gazetteer's همدان is in Iran; "بمحافظة صنعاء" after it puts this one in Yemen.
    text, place = places_in("تمرد الجنود في منطقة همدان، بمحافظة صنعاء.")[0]
    assert (text, place.country, place.geonameid) == ("همدان", "YE", None)


def test_a_list_of_towns_is_no_chain_of_locators() -> None:
    countries = [p.country for _, p in places_in("وصل الوفد إلى القاهرة، دمشق والرياض.")]
    assert countries == ["EG", "SY", "SA"]


def test_an_administrative_class_word_stays_out_of_the_name() -> None:
    # "منطقة عسير": the region, written عسير (as the codebook and a search for it write it).
    ((text, place),) = places_in("وقع التفجير في منطقة عسير.")
    assert (text, place.name, place.admin1, place.precision) == ("عسير", "Asir Region", "11", 3)


def test_a_crossing_keeps_its_class_word_in_its_name() -> None:
    ((text, place),) = places_in("عبر معبر رفح البري.")
    assert (text, place.feature) == ("معبر رفح البري", "crossing")


def test_common_words_after_a_class_word_are_no_places() -> None:
    # An adjective agrees with the class word; a stop-listed word is a word; a definite noun
    # followed by a definite adjective is a generic phrase.
    for text in ("في منطقة سكنية", "عبر معبر البري", "بإقليم الناحية العسكرية الأولى"):
        assert places_in(text) == [], text


def test_every_region_seat_is_a_geonames_city_of_its_country() -> None:
    # regions.yaml places a division at its seat; the index build fails on a wrong id.
    regions = load_yaml("regions.yaml")["regions"]
    gazetteer = default_gazetteer()
    for region in regions:
        (place, *_) = gazetteer.lookup(phrase_key(region["name"]))
        assert (place.country, place.feature) == (region["country"], "region"), region
        assert place.lat is not None and place.admin1, region


# --- an event's place ---


def test_a_village_named_beside_its_city_is_the_village() -> None:
    found = place_of("اقتحمت القوات معسكرا في مديرية قعطبة بمحافظة الضالع.", "اقتحمت")
    assert found.place is not None and found.place.text == "قعطبة"


def test_a_country_gives_way_to_a_town_of_it_the_sentence_names() -> None:
    text = "وألقى كلمة أمام مؤسسة فكرية في جاكرتا أثناء زيارة إلى إندونيسيا."
    found = place_of(text, "زيارة", "042")
    assert found.place is not None and found.place.name == "Jakarta"


def test_a_place_in_an_office_title_is_not_the_event_place() -> None:
    text = "زار المبعوث الخاص إلى سوريا ستيفان دي مستورا طهران اليوم."
    found = place_of(text, "زار", "042")
    assert found.place is not None and found.place.name == "Tehran"
    # في after the title is where the office is held, and where the meeting was.
    text = "اجتمع رئيس الوزراء العراقي مع السفير الأمريكي في بغداد لبحث الأوضاع الأمنية."
    found = place_of(text, "اجتمع", "040")
    assert found.place is not None and found.place.name == "Baghdad"


def test_an_act_told_in_a_clause_before_shares_its_place() -> None:
    # "قتل ... في منطقة أضنة، في هجوم ...": the attack is where the killing was.
    text = (
        "وقتل شرطيان صباح أمس في منطقة أضنة، في هجوم جديد نسبته السلطات إلى المتمردين وسط "
        "تزايد التوترات وإطلاق عملية عسكرية ضد المتشددين في سورية."
    )
    found = place_of(text, "هجوم", "180")
    assert found.place is not None and found.place.name == "Adana"


def test_a_comma_before_a_phrase_does_not_end_the_clause() -> None:
    text = "بحث وزير الدفاع العراقي والوفد المرافق له، في العاصمة الروسية موسكو، ملفات التسليح."
    found = place_of(text, "بحث", "040")
    assert found.place is not None and found.place.name == "Moscow"


def test_the_scene_set_at_the_start_of_a_sentence_places_its_material_acts() -> None:
    text = "وفي محافظة تعز الواقعة وسط البلاد، حققت المقاومة تقدما في غرب المدينة."
    found = place_of(text, "حققت", "190")
    assert found.place is not None and found.place.text == "تعز"
    assert found.place.basis == "sentence"


def test_the_story_place_of_an_earlier_sentence_places_a_material_act() -> None:
    text = "تجددت الاشتباكات في مدينة دنقلا. وهاجم أفراد من الجيش المستشفى."
    found = place_of(text, "وهاجم", "180")
    assert found.place is not None and (found.place.name, found.place.basis) == (
        "Dongola",
        "article",
    )


def test_a_statement_takes_its_place_only_from_its_clause() -> None:
    # Codebook §6: a statement's place is where it was made only when the text says so.
    text = "تجددت الاشتباكات في مدينة دنقلا. وأدان الاتحاد الأفريقي العنف."
    assert place_of(text, "وأدان", "111").place is None


def test_a_dateline_city_places_an_article_about_it() -> None:
    text = "الرياض - واس\nاعتقلت قوات الأمن خمسة مطلوبين."
    found = place_of(text, "اعتقلت", "173")
    assert found.place is not None and (found.place.name, found.place.basis) == (
        "Riyadh",
        "dateline",
    )


def test_the_location_keeps_the_words_without_a_glued_preposition() -> None:
    found = place_of("اعتقلت الشرطة خمسة بالقاهرة.", "اعتقلت", "173")
    place = found.place
    assert place is not None and (place.text, place.end - place.start) == ("القاهرة", 7)


def test_a_recognised_name_is_a_place_only_after_a_preposition() -> None:
    # The recogniser's LOC with no gazetteer entry: "قال للأناضول" is an agency.
    assert place_of("وقال مسؤول للأناضول إن الهجوم وقع.", "الهجوم", "180").place is None
    # ... and never a direction or class word it tagged ("على ريف إدلب": the place is إدلب).
    found = place_of("قتل عشرون مدنياً في قصف مدفعي للجيش السوري على ريف إدلب.", "قصف", "194")
    assert found.place is not None and found.place.name == "Idlib"


# --- ambiguous names settled by the article ---


def _loc(text: str, place: Place) -> Entity:
    return Entity(type="LOC", start=0, end=len(text), text=text, place=place)


def test_an_ambiguous_name_takes_the_country_the_article_names() -> None:
    # طرابلس is Tripoli in Libya (ranked first) and in Lebanon; an article about Beirut means
    # the Lebanese one.
    gazetteer = default_gazetteer()
    tripoli = _loc("بطرابلس", gazetteer.lookup(phrase_key("طرابلس"))[0])
    beirut = _loc("بيروت", gazetteer.lookup(phrase_key("بيروت"))[0])
    assert tripoli.place is not None and tripoli.place.country == "LY"
    assert settle_places([tripoli, beirut]) == 1
    assert tripoli.place.country == "LB"


def test_without_evidence_the_gazetteer_ranking_stands() -> None:
    gazetteer = default_gazetteer()
    amman = _loc("عمان", gazetteer.lookup(phrase_key("عمان"))[0])
    cairo = _loc("القاهرة", gazetteer.lookup(phrase_key("القاهرة"))[0])
    assert settle_places([amman, cairo]) == 0
    assert amman.place is not None and amman.place.country == "OM"
    jordan = _loc("الأردن", gazetteer.lookup(phrase_key("الأردن"))[0])
    assert settle_places([amman, jordan]) == 1 and amman.place.name == "Amman"


def test_a_town_in_construct_with_a_noun_trigger_is_its_place() -> None:
    # "مباحثات القاهرة" are the Cairo talks; "إدانة مصر" is no event in Egypt.
    found = place_of("وشدد على أن مباحثات القاهرة بين الجانبين كانت مثمرة.", "مباحثات", "040")
    assert found.place is not None and found.place.name == "Cairo"
    assert place_of("وتوالت إدانة مصر للهجوم.", "إدانة", "111").place is None


def test_territory_taken_is_the_place_even_as_a_bare_object() -> None:
    text = "وحررت قوات المقاومة فجر أمس مديرية قطعبة."
    found = place_of(text, "وحررت", "192")
    assert found.place is not None and found.place.text == "قطعبة"


def test_a_town_inside_an_actor_phrase_is_where_it_acts() -> None:
    # "سكان مدينة بن قردان، الواقعة جنوب شرقي تونس": the residents protest in their town,
    # which the text locates in Tunisia.
    text = "ورفض سكان مدينة بن قردان، الواقعة جنوب شرقي تونس، بناء الجدار."
    found = place_of(text, "ورفض", "120")
    assert found.place is not None and (found.place.text, found.place.country) == (
        "بن قردان",
        "TN",
    )


def test_a_town_in_the_actor_s_own_name_is_where_it_acts() -> None:
    # The entity stage keeps "محافظ الرياض" as one actor; its town is where the governor acts.
    found = place_of("وأعلن محافظ الرياض اعتقال خمسة مطلوبين.", "وأعلن", "173")
    assert found.place is not None and (found.place.name, found.place.basis) == (
        "Riyadh",
        "actor",
    )
    # A country in an actor's name names the actor, not a place ("الجهاد الإسلامي في فلسطين").
    text = "وأفاد المسؤول في المكتب الإعلامي لحركة الجهاد الإسلامي في فلسطين بأن الوفد التقى."
    assert place_of(text, "وأفاد", "010").place is None
