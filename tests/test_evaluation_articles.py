"""Whole-article scoring (docs/codebook.md §9), tested on small hand-made cases.

No coder is run: predictions are written by hand, so each test says exactly which rule of
the scorer it checks.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path

import pytest
import yaml

from hadath.evaluation import runner
from hadath.evaluation.articles import score_article, score_whole_articles
from hadath.evaluation.corpus import (
    SHARED_DATA_ENV,
    CorpusError,
    corpus_article,
    text_fingerprint,
    url_part,
)
from hadath.evaluation.gold import (
    ArticleGold,
    DateWindow,
    ExpectedEvent,
    GoldFormatError,
    GoldItem,
    read_yaml_gold,
)
from hadath.evaluation.predictions import PredictedEvent, Prediction
from hadath.evaluation.report import report_to_json


def ev(
    root: str, source: tuple[str, ...] = (), target: tuple[str, ...] = (), **kw: object
) -> PredictedEvent:
    return PredictedEvent(
        root=root, cameo=root + "0", source_codes=source, target_codes=target, **kw
    )  # type: ignore[arg-type]


def gold(
    *expected: ExpectedEvent,
    optional: tuple[ExpectedEvent, ...] = (),
    must_not: tuple[ExpectedEvent, ...] = (),
) -> ArticleGold:
    return ArticleGold(
        GoldItem("a", "نص", dt.date(2015, 8, 1)),
        tuple(expected),
        optional,
        must_not=must_not,
    )


def prediction(*events: PredictedEvent) -> Prediction:
    return Prediction("a", events=events, sentences=("s1", "s2", "s3"))


VISIT = ExpectedEvent("visit", ("04",), source=("USAGOV",), target=("EGY",))
MEET = ExpectedEvent("meet", ("04",), source=("USAGOV",), target=("EGYGOV",), symmetric=True)
CONDEMN = ExpectedEvent("condemn", ("11",), source=("SAU",), target=("ISR",))


def test_one_to_one_two_coded_events_find_one_expected_event_once() -> None:
    # Two coded visits answer one expected visit: recall counts it once; the second is a
    # repeat (right, not a false positive), so precision stays 1.
    result = score_article(
        gold(VISIT), prediction(ev("04", ("USAGOV",), ("EGY",)), ev("04", ("USAGOV",), ("EGY",)))
    )
    assert len(result.found) == 1
    assert result.repeats == [1]
    assert result.wrong == []
    metrics = score_whole_articles(
        [gold(VISIT)], {"a": prediction(ev("04", ("USAGOV",), ("EGY",)))}
    ).metrics()
    assert metrics["recall"] == 1.0 and metrics["precision"] == 1.0


def test_one_to_one_one_coded_event_cannot_find_two_expected_events() -> None:
    # Two visits expected (say to Cairo, then to Riyadh with the same dyad written twice):
    # one coded event finds one of them only.
    second = ExpectedEvent("visit-2", ("04",), source=("USAGOV",), target=("EGY",))
    scores = score_whole_articles(
        [gold(VISIT, second)], {"a": prediction(ev("04", ("USAGOV",), ("EGY",)))}
    )
    assert scores.metrics()["recall"] == 0.5
    assert scores.metrics()["precision"] == 1.0


def test_symmetric_event_matches_either_direction_and_directed_one_does_not() -> None:
    swapped = ev("04", ("EGYGOV",), ("USAGOV",))
    assert len(score_article(gold(MEET), prediction(swapped)).found) == 1
    # A visit is directed: the host as source is a wrong dyad.
    result = score_article(gold(VISIT), prediction(ev("04", ("EGY",), ("USAGOV",))))
    assert result.found == {} and result.wrong == [0]
    assert result.root_found == {0: 0} and result.dyad_found == {}


def test_coded_event_matching_an_optional_one_counts_as_right() -> None:
    background = ExpectedEvent("war", ("19",), source=("ISRMIL",), target=("PSE",))
    scores = score_whole_articles(
        [gold(CONDEMN, optional=(background,))],
        {"a": prediction(ev("11", ("SAU",), ("ISR",)), ev("19", ("ISRMIL",), ("PSE",)))},
    )
    metrics = scores.metrics()
    assert metrics["precision"] == 1.0
    assert metrics["recall"] == 1.0  # optional events do not add to the expected count
    assert scores.counts()["optional_found"] == 1


def test_unmatched_coded_event_of_any_root_is_a_false_positive() -> None:
    # Unlike the seed's rule (only 09-20 are false positives), every coded event is judged.
    scores = score_whole_articles(
        [gold(CONDEMN)], {"a": prediction(ev("11", ("SAU",), ("ISR",)), ev("01", ("SAU",)))}
    )
    assert scores.metrics()["precision"] == 0.5
    assert scores.counts()["false_positives"] == 1


def test_negated_coded_events_are_not_judged() -> None:
    negated = ev("04", ("USAGOV",), ("EGY",), modality=frozenset({"negated"}))
    scores = score_whole_articles([gold(VISIT)], {"a": prediction(negated)})
    assert scores.counts()["coded"] == 0 and scores.counts()["coded_negated"] == 1
    assert scores.metrics()["recall"] == 0.0


def test_date_window_contains_the_coded_day_and_a_day_outside_fails() -> None:
    dated = ExpectedEvent(
        "visit",
        ("04",),
        source=("USAGOV",),
        target=("EGY",),
        date=DateWindow(dt.date(2015, 7, 27), dt.date(2015, 7, 31)),
    )
    inside = ev("04", ("USAGOV",), ("EGY",), date="2015-07-30")
    outside = ev("04", ("USAGOV",), ("EGY",), date="2015-08-01")
    assert len(score_article(gold(dated), prediction(inside)).found) == 1
    result = score_article(gold(dated), prediction(outside))
    assert result.found == {}
    # Found on root and actors, wrong on the date: date accuracy 0 of 1.
    metrics = score_whole_articles([gold(dated)], {"a": prediction(outside)}).metrics()
    assert metrics["dyad_accuracy"] == 1.0 and metrics["date_accuracy"] == 0.0


def test_place_written_with_a_clitic_matches_the_gold_name() -> None:
    placed = ExpectedEvent(
        "visit", ("04",), source=("USAGOV",), target=("EGY",), location=("القاهرة",)
    )
    coded = ev("04", ("USAGOV",), ("EGY",), location_names=("Cairo", "بالقاهرة"))
    assert len(score_article(gold(placed), prediction(coded)).found) == 1
    elsewhere = ev("04", ("USAGOV",), ("EGY",), location_names=("Alexandria", "الإسكندرية"))
    assert score_article(gold(placed), prediction(elsewhere)).found == {}
    metrics = score_whole_articles([gold(placed)], {"a": prediction(elsewhere)}).metrics()
    assert metrics["place_accuracy"] == 0.0


def test_future_flag_is_checked_where_the_gold_gives_it() -> None:
    future = ExpectedEvent(
        "will-meet",
        ("03", "04"),
        source=("USAGOV",),
        target=("EGYGOV",),
        symmetric=True,
        modality=(("future", True),),
    )
    plain = ev("04", ("USAGOV",), ("EGYGOV",))
    flagged = ev("04", ("USAGOV",), ("EGYGOV",), modality=frozenset({"future"}))
    assert score_article(gold(future), prediction(plain)).found == {}
    assert len(score_article(gold(future), prediction(flagged)).found) == 1


def test_diagnosis_prefers_the_coded_event_that_is_right_on_the_date() -> None:
    # Two coded events of the right root and dyad, one with the gold's date: the date
    # diagnosis must look at that one, whatever the confidence order.
    dated = ExpectedEvent(
        "visit",
        ("04",),
        source=("USAGOV",),
        target=("EGY",),
        date=DateWindow(dt.date(2015, 7, 31), dt.date(2015, 7, 31)),
    )
    wrong_day = ev("04", ("USAGOV",), ("EGY",), date="2015-08-01", confidence=0.9)
    right_day = ev("04", ("USAGOV",), ("EGY",), date="2015-07-31", confidence=0.5)
    metrics = score_whole_articles([gold(dated)], {"a": prediction(wrong_day, right_day)}).metrics()
    assert metrics["date_accuracy"] == 1.0 and metrics["recall"] == 1.0


def test_must_not_trap_is_named_in_the_false_positive() -> None:
    trap = ExpectedEvent("attack-condemned", ("18", "19"), sentence=2, what="the attack condemned")
    scores = score_whole_articles(
        [gold(CONDEMN, must_not=(trap,))],
        {"a": prediction(ev("11", ("SAU",), ("ISR",)), ev("19", sentence=2))},
    )
    assert scores.counts()["must_not_hit"] == 1
    kinds = [example.kind for example in scores.examples()]
    assert "false positive (must_not: the attack condemned)" in kinds


def test_actorless_share_and_miss_explanation() -> None:
    scores = score_whole_articles(
        [gold(CONDEMN)], {"a": prediction(ev("11", ("SAU",), ("USA",)), ev("18"))}
    )
    assert scores.metrics()["no_actor_share"] == 0.5
    missed = [e for e in scores.examples() if e.kind == "missed"]
    assert len(missed) == 1 and "target USA not ISR" in missed[0].detail


def test_per_root_table_counts_expected_by_gold_root_and_coded_by_coded_root() -> None:
    scores = score_whole_articles(
        [gold(CONDEMN, VISIT)], {"a": prediction(ev("11", ("SAU",), ("ISR",)), ev("19"))}
    )
    roots = scores.per_root()
    assert (roots["11"].expected, roots["11"].found, roots["11"].coded) == (1, 1, 1)
    assert (roots["04"].expected, roots["04"].found) == (1, 0)
    assert (roots["19"].coded, roots["19"].correct) == (1, 0)


# ---- gold files whose text lives in a corpus ------------------------------------------------

TEXT = "استقبل الملك في الرياض وزير الخارجية الأمريكي أمس."
URL = "http://example.org/news/1"


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "data"
    day_dir = root / "news" / "saudinewsnet"
    day_dir.mkdir(parents=True)
    records = [
        {
            "source": "alyaum",
            "url": URL,
            "date_extracted": "2015-08-01 10:00:00",
            "title": "t",
            "content": TEXT,
        }
    ]
    with zipfile.ZipFile(day_dir / "2015-08-01.zip", "w") as archive:
        archive.writestr("2015-08-01.json", json.dumps(records, ensure_ascii=False))
    monkeypatch.setenv(SHARED_DATA_ENV, str(root))
    return tmp_path


def write_gold(folder: Path, *, sha1: str | None = None, part: str | None = None) -> Path:
    data: dict[str, object] = {
        "source": {
            "corpus": "saudinewsnet",
            "day": "2015-08-01",
            "url": URL,
            "text_sha1": sha1 or text_fingerprint(TEXT),
        },
        "publication_date": "2015-08-01",
        "expected": [
            {
                "id": "host",
                "cameo_root": ["04"],
                "source": ["SAUGOV"],
                "target": ["USAGOV"],
                "date": "2015-07-31",
            }
        ],
        "must_not": [{"cameo_root": ["19"], "sentence": 1}],
    }
    if part:
        data["part"] = part
    path = folder / "article.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_corpus_gold_reads_its_text_from_the_shared_data(corpus: Path) -> None:
    (article,) = read_yaml_gold(write_gold(corpus))
    assert article.item.text == TEXT
    assert article.source is not None and article.source.url == URL
    assert article.part == url_part(URL)
    assert len(article.must_not) == 1


def test_corpus_gold_with_a_changed_text_is_an_error(corpus: Path) -> None:
    with pytest.raises(GoldFormatError, match="changed since it was annotated"):
        read_yaml_gold(write_gold(corpus, sha1="f" * 40))


def test_corpus_gold_part_must_be_the_url_hash_part(corpus: Path) -> None:
    wrong = "train" if url_part(URL) == "dev" else "dev"
    with pytest.raises(GoldFormatError, match="parts are fixed"):
        read_yaml_gold(write_gold(corpus, part=wrong))


def test_corpus_missing_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SHARED_DATA_ENV, str(tmp_path / "nowhere"))
    with pytest.raises(CorpusError, match="not here"):
        corpus_article("saudinewsnet", "2015-08-01", URL, tmp_path)


def test_url_part_is_a_fixed_hash_split() -> None:
    urls = [f"http://example.org/{n}" for n in range(3000)]
    dev = [u for u in urls if url_part(u) == "dev"]
    assert 900 < len(dev) < 1100  # one in three
    digest = int(hashlib.sha1(urls[0].encode()).hexdigest(), 16)
    assert url_part(urls[0]) == ("dev" if digest % 3 == 0 else "train")


def test_eval_of_a_directory_gives_one_news_section_per_part(corpus: Path) -> None:
    folder = corpus / "gold"
    folder.mkdir()
    write_gold(folder)

    def coder(item: GoldItem) -> Prediction:
        host = ev("04", ("SAUGOV",), ("USAGOV",), date="2015-07-31")
        return Prediction(item.id, events=(host,), sentences=(TEXT,))

    report = runner.evaluate([folder], runner.EvalOptions(), coder=coder)
    (section,) = report.sections
    assert section.kind == f"news.{url_part(URL)}"
    assert report.metrics()[f"news.{url_part(URL)}.recall"] == 1.0
    detail = report_to_json(report)["sections"][0]["detail"]
    assert detail["counts"]["found"] == 1 and detail["articles"][0]["url"] == URL
