"""Gazetteer and place matching: ranking, clitics, stop-list, longest match, the seed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hadath.model import Token
from hadath.places import Gazetteer, IndexOptions, default_gazetteer, find_places
from hadath.places.index import load_index
from hadath.places.light_tokens import light_tokens
from hadath.places.sources import load_yaml, usable_arabic_name
from hadath.text.normalise import matching_key, phrase_key

PROCLITICS = ("و", "ب", "ل")


def tiny_tokens(text: str, *, keep_article: bool) -> list[Token]:
    """Split on spaces; strip و/ب/ل and ال into proclitics, the way a morphology stage would.

    `keep_article` mimics the two conventions the morphology helper may choose: the stem
    keeps ال ("القاهرة") or loses it ("قاهرة").
    """
    tokens, offset = [], 0
    for word in text.split(" "):
        start = text.index(word, offset)
        offset = start + len(word)
        if word in {"،", "."}:
            tokens.append(Token(word, start, offset, kind="punct", key=word))
            continue
        clitics, stem = [], word
        while len(stem) > 3 and stem[0] in PROCLITICS:
            clitics.append(stem[0])
            stem = stem[1:]
        if stem.startswith("ال") and len(stem) > 4:
            clitics.append("ال")
            stem = stem if keep_article else stem[2:]
        tokens.append(
            Token(word, start, offset, key=matching_key(word), proclitics=clitics, stem=stem)
        )
    return tokens


def places_in(text: str, *, keep_article: bool = True) -> list[tuple[str, str | None, str]]:
    found = find_places(tiny_tokens(text, keep_article=keep_article), text)
    return [(m.text, m.place.country, m.place.feature) for m in found]


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


@pytest.mark.parametrize(
    ("name", "country", "feature", "why"),
    [
        ("القاهرة", "EG", "city", "Cairo EG (9.6 M) outranks Cairo US (10 k)"),
        ("فلسطين", "PS", "country", "our entry outranks Palestine, Texas"),
        ("رفح", "PS", "city", "Rafah PS (126 k) outranks Rafah EG (44 k): both Arab, population"),
        ("مكة", "SA", "city", "Mecca SA, not the US town"),
        ("مصر", "EG", "country", "CLDR country name"),
        ("الأراضي الفلسطينية", "PS", "country", "CLDR's name for PS"),
        ("سوريا", "SY", "country", "CLDR spelling"),
        ("سورية", "SY", "country", "our alias spelling"),
        ("قطاع غزة", "PS", "region", "our region entry, multiword"),
        ("معبر رفح", "PS", "crossing", "our crossing entry"),
        ("خان يونس", "PS", "city", "geonames multiword name"),
        ("الولايات المتحدة", "US", "country", "CLDR"),
    ],
)
def test_lookup_ranks_the_place_news_means(
    gazetteer: Gazetteer, name: str, country: str, feature: str, why: str
) -> None:
    best = gazetteer.lookup(phrase_key(name))[0]
    assert (best.country, best.feature) == (country, feature), why


def test_lookup_of_unknown_name_is_empty(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("لاشيءهنا") == []
    assert gazetteer.lookup("") == []


def test_lookup_returns_fresh_places(gazetteer: Gazetteer) -> None:
    first = gazetteer.lookup("القاهره")[0]
    first.name = "changed"
    assert gazetteer.lookup("القاهره")[0].name == "Cairo"


def test_countries_carry_coordinates_inside_them(gazetteer: Gazetteer) -> None:
    egypt = gazetteer.lookup("مصر")[0]
    assert egypt.lat is not None and egypt.lon is not None
    assert 22 < egypt.lat < 32 and 25 < egypt.lon < 36


@pytest.mark.parametrize("keep_article", [True, False])
def test_proclitics_are_stripped_whatever_the_article_convention(keep_article: bool) -> None:
    text = "وصل الوفد بالقاهرة ثم وغزة ثم للقاهرة"
    found = places_in(text, keep_article=keep_article)
    assert found == [("بالقاهرة", "EG", "city"), ("وغزة", "PS", "city"), ("للقاهرة", "EG", "city")]


def test_article_written_never_matches_a_bare_name() -> None:
    # "المالي" is "the financial", not Mali; the bare stem would be Mali.
    assert places_in("دعم النظام المالي", keep_article=False) == []


def test_longest_name_wins() -> None:
    found = places_in("عبر معبر رفح البري و رام الله و الضفة الغربية")
    assert ("معبر رفح البري", "PS", "crossing") in found
    assert ("رام الله", "PS", "city") in found
    assert ("الضفة الغربية", "PS", "region") in found
    assert not any(text == "رفح" for text, _, _ in found)


def test_names_do_not_span_punctuation() -> None:
    found = places_in("قطاع ، غزة")
    assert found == [("غزة", "PS", "city")]


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("دور مصر في دعم الشعب", "دور is 'role' (Dour, BE)"),
        ("كان الوفد قد وصل", "كان is 'was' (Cannes)"),
        ("الله أكبر", "الله"),
        ("تحقيق الوحدة بين الحركتين", "الوحدة, بين"),
        ("التطورات الحاصلة في المنطقة", "الحاصلة"),
        ("معبر البري", "البري is 'by land' (Albury, AU)"),
        ("بعد الخبر يوم الخميس", "the news, Thursday"),
    ],
)
def test_common_words_are_not_places(text: str, why: str) -> None:
    assert [t for t, country, _ in places_in(text) if country != "EG"] == [], why


def test_class_word_unlocks_a_stop_listed_name() -> None:
    assert places_in("صور من الحدث") == []
    assert places_in("في مدينة صور") == [("صور", "LB", "city")]


def test_context_raises_the_score() -> None:
    bare = find_places(light_tokens("غزة"), "غزة")[0]
    text = "في غزة"
    with_context = find_places(light_tokens(text), text)[0]
    assert with_context.context == "في"
    assert with_context.score > bare.score


def test_word_with_pronoun_suffix_is_not_a_place() -> None:
    token = Token("غزتها", 0, 5, key="غزتها", stem="غزة", enclitic="ها")
    assert find_places([token], "غزتها") == []


def test_min_score_filters_weak_matches() -> None:
    text = "جنين"
    assert find_places(light_tokens(text), text, min_score=0.0)
    assert find_places(light_tokens(text), text, min_score=1.01) == []


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ابتثجحخدذرزسشصضطظعغفقكلمنهويةىءأإآ ،.0١")), max_size=60)
)
def test_any_text_matches_without_error(text: str) -> None:
    for match in find_places(light_tokens(text), text):
        assert 0 <= match.start < match.end <= len(text)
        assert match.text == text[match.start : match.end]
        assert 0.0 <= match.score <= 1.0


def test_data_files_are_well_formed() -> None:
    for record in load_yaml("places.yaml")["places"]:
        for name in [record["name"], *record.get("aliases", [])]:
            assert usable_arabic_name(name), name
        assert record["country"] is None or len(record["country"]) == 2
    for item in load_yaml("stoplist.yaml")["stoplist"]:
        assert usable_arabic_name(item["name"]), item
        assert item.get("usual"), f"stop-list entry without evidence: {item}"


def test_index_cache_round_trip(tmp_path: Path) -> None:
    options = IndexOptions(cache_dir=tmp_path)
    built = load_index(options)
    assert list(tmp_path.glob("places-*.pickle"))
    cached = load_index(options)
    assert cached.by_key == built.by_key
    assert cached.entries == built.entries


def test_unreadable_cache_is_rebuilt(tmp_path: Path) -> None:
    options = IndexOptions(cache_dir=tmp_path)
    load_index(options)
    for path in tmp_path.glob("places-*.pickle"):
        path.write_bytes(b"not a pickle")
    assert "القاهره" in load_index(options).by_key


def test_seed_places(seed_text: str) -> None:
    found = find_places(light_tokens(seed_text), seed_text)
    by_key = {(m.key, m.place.country, m.place.feature) for m in found}
    assert ("القاهره", "EG", "city") in by_key
    assert ("قطاع غزه", "PS", "region") in by_key
    assert ("مصر", "EG", "country") in by_key
    assert any(m.place.feature == "crossing" and m.key.startswith("معبر رفح") for m in found)
    false_words = {"البري", "دور", "الله", "بين", "الوحده", "الحاصله"}
    assert not {m.key for m in found} & false_words


def test_places_from_pipeline_tokens() -> None:
    analysis = pytest.importorskip("hadath.analysis")
    doc = analysis.analyse("وصل الوفد بالقاهرة ثم توجه إلى معبر رفح البري وقطاع غزة لبحث دور مصر.")
    found = [(m.key, m.place.country) for m in find_places(doc.tokens, doc.clean_text)]
    assert found == [
        ("القاهره", "EG"),
        ("معبر رفح البري", "PS"),
        ("قطاع غزه", "PS"),
        ("مصر", "EG"),
    ]
