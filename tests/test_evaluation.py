"""The evaluation harness, tested with hand-made predictions: no coder needed."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hadath.cli.app import ExitCode, app
from hadath.evaluation import runner
from hadath.evaluation.gold import (
    CONFLICT_ROOTS,
    ArticleGold,
    DateWindow,
    ExpectedEvent,
    GoldFormatError,
    GoldItem,
    read_yaml_gold,
)
from hadath.evaluation.gold_external import (
    ClassGold,
    DetectionGold,
    SpanGold,
    detect_kind,
    gigaword_day,
    majority_country,
    read_gsr_detection,
    read_gsr_spans,
    read_labelled_tsv,
    trigger_words,
)
from hadath.evaluation.matching import date_matches, match_article, place_matches
from hadath.evaluation.predictions import PredictedEvent, Prediction, prediction_from_document
from hadath.evaluation.quad import (
    GDELT_TO_UN,
    UN_QUAD_NAMES,
    score_quad,
    score_relevance,
    sentence_class,
    un_quad_class,
)
from hadath.evaluation.report import report_to_json
from hadath.evaluation.scoring import score_articles, score_detection, score_spans
from hadath.model import Document, Event, Place

GOLD_DIR = Path(__file__).resolve().parent / "gold"


def ev(
    root: str, source: tuple[str, ...] = (), target: tuple[str, ...] = (), **kw: object
) -> PredictedEvent:
    return PredictedEvent(
        root=root, cameo=root + "0", source_codes=source, target_codes=target, **kw
    )  # type: ignore[arg-type]


def article(
    *expected: ExpectedEvent,
    optional: tuple[ExpectedEvent, ...] = (),
    fp_roots: tuple[str, ...] = CONFLICT_ROOTS,
) -> ArticleGold:
    return ArticleGold(GoldItem("a", "نص"), tuple(expected), optional, frozenset(fp_roots))


# ---- our own gold records -------------------------------------------------------------------


def test_own_gold_records_are_many_and_say_why() -> None:
    records = [a for path in sorted(GOLD_DIR.glob("*.yaml")) for a in read_yaml_gold(path)]
    assert len(records) >= 25
    assert len({r.item.id for r in records}) == len(records)
    for record in records:
        assert record.why.strip() and "\n" not in record.why.strip(), record.item.id
        assert record.item.published is not None, record.item.id
        assert record.item.text.strip(), record.item.id
    # The look-alikes and the negated meeting expect nothing: they test false positives.
    assert sum(not r.expected for r in records) >= 4
    kinds = {root for r in records for e in r.expected for root in e.cameo_roots}
    assert {"02", "04", "05", "07", "08", "10", "11", "12", "13", "14", "16", "17", "19"} <= kinds


def test_seed_gold_reads_text_beside_it(shared_path: Path) -> None:
    (seed,) = read_yaml_gold(shared_path / "seed" / "cairo-talks.gold.yaml")
    assert seed.item.published == dt.date(2024, 2, 10)
    assert seed.item.text.startswith(".png)")
    assert [e.id for e in seed.expected][:2] == ["host", "agree"]
    assert len(seed.expected) == 7 and len(seed.optional) == 3
    assert seed.false_positive_roots == frozenset(CONFLICT_ROOTS)
    will_meet = seed.expected[3]
    assert will_meet.modality == (("future", True),) and will_meet.source == ("HMS", "ISJ")
    shtayyeh = seed.expected[-1]
    assert shtayyeh.date == DateWindow(dt.date(2024, 1, 27), dt.date(2024, 2, 9))
    assert seed.sentence_count == 10 and seed.must_not_appear == (".png)",)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("records:\n  - {text: نص, expected: [{source: [EGY]}]}\n", "cameo_root"),
        ("records:\n  - {text: نص, expected: [{cameo_root: ['21']}]}\n", "unknown CAMEO roots"),
        ("records:\n  - {expected: []}\n", "text"),
        ("records:\n  - {text: نص, publication_date: soon, expected: []}\n", "not a date"),
        (
            "records:\n  - {text: نص, expected: [{cameo_root: ['04'],"
            " date: [2024-02-02, 2024-01-01]}]}\n",
            "ends before",
        ),
        (
            "records:\n  - {id: x, text: نص, expected: []}\n  - {id: x, text: نص, expected: []}\n",
            "duplicate",
        ),
        ("just: a mapping\n", "neither"),
        ("records: [\n", "cannot read"),
    ],
)
def test_bad_yaml_gold_is_a_clear_error(tmp_path: Path, body: str, message: str) -> None:
    with pytest.raises(GoldFormatError, match=message):
        read_yaml_gold(write(tmp_path, "bad.yaml", body))


def test_text_file_is_relative_to_the_gold_file(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text("اجتمع الطرفان.", encoding="utf-8")
    path = write(
        tmp_path, "g.yaml", "records:\n  - {id: r, text_file: article.txt, expected: []}\n"
    )
    (record,) = read_yaml_gold(path)
    assert record.item.text == "اجتمع الطرفان." and record.item.id == "g:r"


# ---- matching rules -------------------------------------------------------------------------


def test_fragments_roots_and_symmetry() -> None:
    meet = ExpectedEvent("m", ("04",), source=("HMS",), target=("ISJ",))
    assert match_article(
        article(meet), Prediction("a", (ev("04", ("PSEREBHMS",), ("PSEREBISJ",)),))
    ).matched
    reversed_event = ev("04", ("PSEREBISJ",), ("PSEREBHMS",))
    assert not match_article(article(meet), Prediction("a", (reversed_event,))).matched
    symmetric = ExpectedEvent("m", ("04",), source=("HMS",), target=("ISJ",), symmetric=True)
    assert match_article(article(symmetric), Prediction("a", (reversed_event,))).matched
    wrong_root = ev("03", ("PSEREBHMS",), ("PSEREBISJ",))
    assert not match_article(article(meet), Prediction("a", (wrong_root,))).matched


def test_either_fragment_of_a_list_is_enough() -> None:
    expected = ExpectedEvent("v", ("04",), source=("HMS", "ISJ"), target=("EGYSPY",))
    event = ev("04", ("PSEREBISJ",), ("EGYSPY",))
    assert match_article(article(expected), Prediction("a", (event,))).matched


def test_place_names_with_proclitics_match_but_other_words_do_not() -> None:
    assert place_matches(["القاهرة"], ["Cairo", "بالقاهرة"])
    assert place_matches(["القاهرة"], ["القاهره"])  # ة/ه spelling variant
    assert not place_matches(["القاهرة"], ["Cairo"])
    assert not place_matches(["غزة"], ["قطاع غزة"])  # a different (larger) place
    assert place_matches([], [])


def test_dates_must_lie_inside_the_gold_day_or_window() -> None:
    day = DateWindow(dt.date(2024, 2, 8), dt.date(2024, 2, 8))
    assert date_matches(day, "2024-02-08")
    assert not date_matches(day, "2024-02-10")
    assert not date_matches(day, None)
    assert not date_matches(day, "2024-02-01/2024-02-09")  # a range is not that day
    window = DateWindow(dt.date(2024, 1, 27), dt.date(2024, 2, 9))
    assert date_matches(window, "2024-02-01/2024-02-07")
    assert not date_matches(window, "2024-02-10")
    assert date_matches(None, None)


def test_modality_flags_are_checked_only_when_given() -> None:
    future = ExpectedEvent("f", ("03", "04"), modality=(("future", True),))
    assert not match_article(article(future), Prediction("a", (ev("04"),))).matched
    assert match_article(
        article(future), Prediction("a", (ev("04", modality=frozenset({"future"})),))
    ).matched
    plain = ExpectedEvent("p", ("04",))
    assert match_article(
        article(plain), Prediction("a", (ev("04", modality=frozenset({"future"})),))
    ).matched


def test_matching_is_one_to_one_and_prefers_the_gold_sentence() -> None:
    first = ExpectedEvent("s1", ("04",), sentence=1)
    second = ExpectedEvent("s2", ("04",), sentence=2)
    in_two, in_one = ev("04", sentence=2, confidence=0.9), ev("04", sentence=1, confidence=0.5)
    result = match_article(article(first, second), Prediction("a", (in_two, in_one)))
    assert [(p.expected.id, p.event.sentence) for p in result.matched] == [("s1", 1), ("s2", 2)]
    alone = match_article(article(first, second), Prediction("a", (in_two,)))
    assert len(alone.matched) == 1 and [e.id for e in alone.missed] == ["s1"]


def test_optional_events_neither_help_nor_hurt_and_only_listed_roots_are_false_positives() -> None:
    expected = ExpectedEvent("meet", ("04",))
    optional = ExpectedEvent("praise", ("01", "05"))
    events = (ev("04"), ev("05"), ev("19"), ev("02"))
    result = match_article(article(expected, optional=(optional,)), Prediction("a", events))
    assert [p.expected.id for p in result.optional] == ["praise"]
    assert [e.root for e in result.false_positives] == ["19"]
    assert [e.root for e in result.tolerated] == ["02"]
    scores = score_articles(
        [article(expected, optional=(optional,))], {"a": Prediction("a", events)}
    )
    assert (scores.overall.tp, scores.overall.fp, scores.overall.fn) == (1, 1, 0)


def test_negated_optional_event_and_strict_roots() -> None:
    negated = ExpectedEvent("no-meeting", ("04",), modality=(("negated", True),))
    gold = article(optional=(negated,), fp_roots=tuple(f"{r:02d}" for r in range(1, 21)))
    ok = score_articles(
        [gold], {"a": Prediction("a", (ev("04", modality=frozenset({"negated"})),))}
    )
    assert ok.overall.fp == 0
    wrong = score_articles([gold], {"a": Prediction("a", (ev("04"),))})
    assert wrong.overall.fp == 1 and wrong.overall.precision == 0.0


def test_article_scores_precision_recall_per_root_and_actor_accuracy() -> None:
    meet = ExpectedEvent("meet", ("04",), source=("EGY",), target=("JOR",))
    attack = ExpectedEvent("attack", ("19",), source=("ISRMIL",), target=("PSE",))
    gold = [article(meet, attack)]
    predictions = {
        "a": Prediction("a", (ev("04", ("EGYGOV",), ("JORGOV",)), ev("19", ("ISRMIL",), ("LBN",))))
    }
    scores = score_articles(gold, predictions)
    metrics = scores.metrics()
    # the attack is coded with a wrong target: a miss and a false positive
    assert (scores.overall.tp, scores.overall.fp, scores.overall.fn) == (1, 1, 1)
    assert metrics["precision"] == metrics["recall"] == metrics["f1"] == 0.5
    assert metrics["root_recall"] == 1.0
    assert metrics["source_accuracy"] == 1.0 and metrics["target_accuracy"] == 0.5
    assert metrics["root.04.f1"] == 1.0 and metrics["root.19.f1"] == 0.0
    kinds = [e.kind for e in scores.examples()]
    assert kinds == ["missed", "false positive"]


def test_missing_or_failed_prediction_counts_as_no_events() -> None:
    meet = ExpectedEvent("meet", ("04",))
    scores = score_articles([article(meet)], {"a": Prediction("a", error="boom")})
    assert scores.errors == 1 and scores.overall.fn == 1
    assert score_articles([article(meet)], {}).errors == 1


def test_seed_scores_perfectly_with_a_careful_coding(shared_path: Path) -> None:
    (seed,) = read_yaml_gold(shared_path / "seed" / "cairo-talks.gold.yaml")
    cairo = ("القاهرة",)
    careful = (
        ev("04", ("PSEREBHMS",), ("PSEREBISJ",), location_names=cairo, sentence=1),
        ev("05", ("PSEREBISJ",), ("PSEREBHMS",), sentence=1),
        ev("04", ("PSEREBHMS",), ("PSEREBISJ",), sentence=2),
        ev(
            "03",
            ("PSEREBHMS", "PSEREBISJ"),
            ("EGYSPY",),
            modality=frozenset({"future"}),
            sentence=3,
        ),
        ev("04", ("PSEREBHMS",), ("EGY",), location_names=cairo, date="2024-02-08", sentence=4),
        ev("04", ("PSEREBISJ",), ("EGYSPY",), sentence=6),
        ev("04", ("EGYSPY",), ("PSEGOV",), date="2024-02-01/2024-02-07", sentence=8),
        ev("04", ("PSEGOV",), ("EGY",), sentence=9),  # not in the gold: tolerated, not an error
    )
    scores = score_articles([seed], {seed.item.id: Prediction(seed.item.id, careful)})
    assert scores.overall.recall == 1.0 and scores.overall.precision == 1.0
    with_conflict = (*careful, ev("19", ("PSEREBHMS",), ("EGY",)))
    scores = score_articles([seed], {seed.item.id: Prediction(seed.item.id, with_conflict)})
    assert scores.overall.fp == 1 and scores.overall.recall == 1.0


# ---- arabic_event_gsr -----------------------------------------------------------------------


def test_gsr_csv_reader_skips_ambiguous_rows_and_reads_the_day(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "x_gsr.csv",
        """\
        accept,event_type,id,label,reject,text,total
        3,ASSAULT,AAW_ARB_20071026.0001-1,yes,0,هاجم مسلحون مركزا للشرطة.,3
        0,ASSAULT,AAW_ARB_20071026.0001-2,easy no,3,افتتح الوزير معرضا.,3
        1,ASSAULT,AAW_ARB_20071026.0001-3,ambiguous,1,نص غامض.,2
        1,ASSAULT,AAW_ARB_20071026.0001-4,difficult no,2,,3
        """,
    )
    assert detect_kind(path) == "gsr"
    gold = read_gsr_detection(path)
    assert [(r.positive, r.label) for r in gold.records] == [(True, "yes"), (False, "easy no")]
    assert gold.records[0].item.published == dt.date(2007, 10, 26)
    assert gold.skipped == {"label ambiguous": 1, "empty text": 1}


def test_gigaword_day() -> None:
    assert gigaword_day("AAW_ARB_20080110.0023-9") == dt.date(2008, 1, 10)
    assert gigaword_day("Ad Dustour (Arabic)") is None
    assert gigaword_day("AAW_ARB_20081340.0023-9") is None


def detection(event_type: str, positive: bool, label: str, item_id: str) -> DetectionGold:
    return DetectionGold(GoldItem(item_id, "نص"), event_type, positive, label)


def test_detection_scores_by_plover_type_and_negative_label() -> None:
    golds = [
        detection("ASSAULT", True, "yes", "1"),
        detection("ASSAULT", True, "yes", "2"),
        detection("ASSAULT", False, "easy no", "3"),
        detection("ASSAULT", False, "difficult no", "4"),
        detection("ASSAULT", False, "difficult no", "5"),
    ]
    assault = ev("19", plover_type="ASSAULT")
    predictions = {
        "1": Prediction("1", (assault,)),
        "2": Prediction("2", (ev("14", plover_type="PROTEST"),)),  # wrong type: a miss
        "3": Prediction("3", (ev("19", plover_type="ASSAULT", modality=frozenset({"negated"})),)),
        "4": Prediction("4", (assault,)),
        "5": Prediction("5"),
    }
    scores = score_detection(golds, predictions)
    counts = scores.per_type["ASSAULT"]
    assert (counts.tp, counts.fp, counts.fn, counts.tn) == (1, 1, 1, 2)
    metrics = scores.metrics()
    assert metrics["ASSAULT.precision"] == 0.5 and metrics["ASSAULT.recall"] == 0.5
    assert metrics["false_positive_rate.difficult_no"] == 0.5
    assert metrics["false_positive_rate.easy_no"] == 0.0


def test_span_gold_majority_country_and_trigger() -> None:
    assert majority_country([{"main": "USA"}, {"main": "None"}, {"main": "USA"}]) == "USA"
    assert majority_country([{"main": "None"}, {"main": "ISR"}]) == "ISR"  # a tie: the named one
    assert majority_country([{}, {"main": "UNKNOWN"}, {}]) is None
    assert majority_country([{"main": "PSE"}, {"main": "ISR"}]) == "ISR"  # alphabetical
    spans = [{"verb": ["تظاهر"]}, {"verb": ["تظاهر", "على"]}, {"verb": ["تظاهر"]}]
    assert trigger_words(spans) == ("تظاهر",)
    assert trigger_words([{"verb": ["هاجم"]}, {"verb": ["قصف"]}, {"verb": []}]) == ("قصف", "هاجم")


def test_gsr_spans_reader(tmp_path: Path) -> None:
    records = [
        {
            "source": "AAW_ARB_20080110.0023-9",
            "_id": "s1",
            "text": "هاجم مسلحون جنودا باكستانيين.",
            "event_type": "ASSAULT",
            "spans": [
                {"verb": ["هاجم"], "source_role": {"main": "None"}, "target_role": {"main": "PAK"}},
                {"verb": ["هاجم"], "source_role": "UNKNOWN", "target_role": {"main": "PAK"}},
            ],
        },
        {"_id": "broken"},
    ]
    path = tmp_path / "x_spans.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    assert detect_kind(path) == "gsr-spans"
    gold = read_gsr_spans(path)
    (record,) = gold.records
    assert (record.source_country, record.target_country) == (None, "PAK")
    assert record.trigger_words == ("هاجم",) and gold.skipped == {"malformed record": 1}


def test_span_scores_country_accuracy_and_trigger_hits() -> None:
    golds = [
        SpanGold(GoldItem("1", "x"), "ASSAULT", "ISR", "PSE", ("قصفت",)),
        SpanGold(GoldItem("2", "x"), "ASSAULT", None, "PAK", ("هاجم",)),
        SpanGold(GoldItem("3", "x"), "ASSAULT", "USA", None, ()),
    ]
    predictions = {
        "1": Prediction(
            "1",
            (
                ev("19", ("ISRMIL",), ("PSEHAM",), plover_type="ASSAULT", trigger_words=("وقصفت",)),
                ev(
                    "19",
                    ("ISRMIL",),
                    ("PSE",),
                    plover_type="ASSAULT",
                    trigger_words=("قصفت",),
                    confidence=0.9,
                ),
            ),
        ),
        "2": Prediction(
            "2", (ev("19", ("UAF",), ("AFG",), plover_type="ASSAULT", trigger_words=("«هاجم",)),)
        ),
        "3": Prediction("3", (ev("14", ("USA",), (), plover_type="PROTEST"),)),
    }
    metrics = score_spans(golds, predictions).metrics()
    assert metrics["ASSAULT.detection_recall"] == pytest.approx(2 / 3)
    assert metrics["ASSAULT.source_country_accuracy"] == 0.5  # 3 has no ASSAULT event
    assert metrics["ASSAULT.target_country_accuracy"] == 0.5
    assert metrics["ASSAULT.trigger_hit_rate"] == 1.0  # the confident event's word; «هاجم too


# ---- UN QuadClass and relevance ---------------------------------------------------------------


def test_quad_class_mapping_is_explicit() -> None:
    # GDELT: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    # UN:    1 material conflict, 2 material coop, 3 verbal conflict, 4 verbal coop
    assert GDELT_TO_UN == {1: 4, 2: 2, 3: 3, 4: 1}
    assert UN_QUAD_NAMES[un_quad_class(1)] == "verbal cooperation"
    assert UN_QUAD_NAMES[un_quad_class(4)] == "material conflict"
    with pytest.raises(ValueError, match="QuadClass"):
        un_quad_class(0)


def test_sentence_class_rule() -> None:
    assert sentence_class([]) == 0
    assert sentence_class([ev("04", quad_class=1, modality=frozenset({"negated"}))]) == 0
    confident = [ev("04", quad_class=1, confidence=0.9), ev("19", quad_class=4, confidence=0.5)]
    assert sentence_class(confident) == 4  # the most confident: verbal cooperation (UN 4)
    tie = [
        ev("04", quad_class=1, confidence=0.5),
        ev("11", quad_class=3, confidence=0.5),
        ev("07", quad_class=2, confidence=0.5),
    ]
    assert sentence_class(tie) == 3  # verbal conflict is more severe than any cooperation


def quad_gold(item_id: str, label: int) -> ClassGold:
    return ClassGold(GoldItem(item_id, "نص"), label)


def test_quad_scores_confusion_and_macro_f1() -> None:
    golds = [quad_gold("1", 1), quad_gold("2", 1), quad_gold("3", 4), quad_gold("4", 0)]
    predictions = {
        "1": Prediction("1", (ev("19", quad_class=4),)),  # material conflict, right
        "2": Prediction("2"),  # none: a miss
        "3": Prediction("3", (ev("04", quad_class=1),)),  # verbal coop, right
        "4": Prediction("4", (ev("11", quad_class=3),)),  # verbal conflict where there is none
    }
    scores = score_quad(golds, predictions)
    assert scores.confusion[1] == {0: 1, 1: 1, 2: 0, 3: 0, 4: 0}
    assert scores.confusion[0][3] == 1
    metrics = scores.metrics()
    # F1: material conflict 2/3, material coop 0, verbal conflict 0, verbal coop 1, none 0
    assert metrics["macro_f1"] == pytest.approx((2 / 3 + 1) / 4)
    assert metrics["macro_f1_with_none"] == pytest.approx((2 / 3 + 1) / 5)
    assert metrics["accuracy"] == 0.5


def test_relevance_scores(tmp_path: Path) -> None:
    path = write(
        tmp_path, "ar_binary.tsv", '"ar"\t"Relevant"\n"نص أول"\t1\n"نص ثان"\t0\n"ثالث"\t7\nلا\n'
    )
    assert detect_kind(path) == "binary"
    gold = read_labelled_tsv(path, "binary")
    assert [g.label for g in gold.records] == [1, 0]
    assert gold.skipped == {"label '7'": 1, "malformed row": 1}
    items = [g.item.id for g in gold.records]
    scores = score_relevance(
        gold.records,
        {items[0]: Prediction(items[0], (ev("04"),)), items[1]: Prediction(items[1], (ev("04"),))},
    )
    assert scores.metrics() == {"precision": 0.5, "recall": 1.0, "f1": pytest.approx(2 / 3)}


def test_quad_tsv_kind(tmp_path: Path) -> None:
    path = write(tmp_path, "ar_quad.tsv", '"ar"\t"QuadClass"\n"نص"\t3\n')
    assert detect_kind(path) == "quad"
    assert read_labelled_tsv(path, "quad").records[0].label == 3
    with pytest.raises(GoldFormatError, match="--kind"):
        detect_kind(write(tmp_path, "other.tsv", "a\tb\n"))


# ---- from a Document to predictions -----------------------------------------------------------


def test_prediction_from_document_keeps_what_scoring_needs() -> None:
    text = "وصل الوفد إلى بالقاهرة أمس."
    doc = Document(raw_text=text, clean_text=text)
    doc.entities = []
    place = Place("Cairo", "EG", 30.0, 31.2, geonameid=360630)
    from hadath.model import Entity

    doc.entities.append(Entity("GPE", 14, 22, "بالقاهرة", place=place))
    doc.events.append(
        Event(
            cameo="042",
            root="04",
            goldstein=1.9,
            quad_class=1,
            plover={"type": "CONSULT"},
            source=[{"code": "PSEREBHMS"}],
            target=[{"code": "EGY", "codes": ["EGYGOV"]}],
            sentence=1,
            sentence_start=0,
            sentence_end=len(text),
            trigger_start=0,
            trigger_end=2,
            location=place,
            date="2024-02-08",
            modality={"future": False, "reported": True},
            confidence=0.8,
        )
    )
    doc.events.append(
        Event(
            cameo="190",
            root="19",
            goldstein=-10,
            quad_class=4,
            plover={},
            source=[],
            target=[],
            sentence=1,
            sentence_start=0,
            sentence_end=len(text),
            trigger_start=4,
            trigger_end=9,
        )
    )
    prediction = prediction_from_document("x", doc)
    meet, attack = prediction.events
    assert meet.trigger_words == ("وصل",) and meet.target_codes == ("EGY", "EGYGOV")
    assert meet.location_names == ("Cairo", "بالقاهرة") and meet.modality == {"reported"}
    assert attack.plover_type == "ASSAULT"  # from the code table when the coder left it out


def test_failed_coding_is_a_counted_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import hadath.api

    def broken(text: str, **_: object) -> Document:
        raise RuntimeError("no morphology")

    monkeypatch.setattr(hadath.api, "code", broken)
    prediction = runner.code_with_hadath(GoldItem("x", "نص"))
    assert prediction.error == "RuntimeError: no morphology" and not prediction.events


# ---- runner, floors, CLI ----------------------------------------------------------------------


def keyword_coder(item: GoldItem) -> Prediction:
    """A stand-in coder: a meeting when اجتمع appears, between the countries it names."""
    countries = {"مصر": "EGY", "الأردن": "JOR", "تركيا": "TUR"}
    named = tuple(code for word, code in countries.items() if word in item.text)
    if "اجتمع" not in item.text:
        return Prediction(item.id)
    event = PredictedEvent("04", "040", 1, "CONSULT", named[:1], named[1:2], sentence=1)
    return Prediction(item.id, (event,))


GOLD_YAML = """\
records:
  - id: r1
    why: a meeting
    text: اجتمع وزير خارجية مصر مع نظيره وزير خارجية الأردن.
    expected: [{cameo_root: ["04"], source: [EGY], target: [JOR]}]
  - id: r2
    why: a meeting with the wrong partner
    text: اجتمع وزير خارجية مصر مع وزير خارجية تركيا.
    expected: [{cameo_root: ["04"], source: [EGY], target: [JOR]}]
  - id: r3
    why: nothing
    text: لا شيء هنا.
    expected: []
"""


def test_evaluate_pools_files_of_a_kind_and_is_deterministic_with_workers(tmp_path: Path) -> None:
    gold = write(tmp_path, "g.yaml", GOLD_YAML)
    one = runner.evaluate([gold], runner.EvalOptions(), coder=keyword_coder)
    two = runner.evaluate([gold], runner.EvalOptions(workers=2), coder=keyword_coder)
    assert one.metrics() == two.metrics()
    assert report_to_json(one) == report_to_json(two)
    assert one.metrics()["yaml.recall"] == 0.5 and one.metrics()["yaml.root_recall"] == 1.0
    limited = runner.evaluate([gold], runner.EvalOptions(limit=1), coder=keyword_coder)
    assert limited.sections[0].items == 1 and limited.metrics()["yaml.f1"] == 1.0


def test_floors_pass_fail_and_reject_unknown_metrics(tmp_path: Path) -> None:
    gold = write(tmp_path, "g.yaml", GOLD_YAML)
    passing = runner.evaluate(
        [gold], runner.EvalOptions(floors={"yaml.recall": 0.5}), keyword_coder
    )
    assert passing.passed
    failing = runner.evaluate([gold], runner.EvalOptions(floors={"yaml.f1": 0.9}), keyword_coder)
    # r2 codes a meeting with Turkey: a miss, and (root 04) not a false positive
    assert not failing.passed and failing.floors[0].value == pytest.approx(2 / 3)
    with pytest.raises(runner.UnknownMetricError, match=r"yaml\.f2"):
        runner.evaluate([gold], runner.EvalOptions(floors={"yaml.f2": 0.1}), keyword_coder)
    with pytest.raises(runner.UnknownMetricError, match="quad"):
        runner.evaluate([gold], runner.EvalOptions(floors={"quad.macro_f1": 0.1}), keyword_coder)


def test_an_id_reused_for_another_text_is_an_error() -> None:
    with pytest.raises(GoldFormatError, match="reused"):
        runner.code_items([GoldItem("1", "أ"), GoldItem("1", "ب")], keyword_coder)


def invoke_eval(args: list[str]) -> tuple[int, str]:
    # With a single registered command Typer runs it directly instead of as a group.
    commands = len(app.registered_commands) + len(app.registered_groups)
    prefix = ["eval"] if commands > 1 or app.registered_callback else []
    result = CliRunner().invoke(app, [*prefix, *args])
    return result.exit_code, result.output


def test_cli_json_table_and_exit_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "code_with_hadath", keyword_coder)
    gold = write(tmp_path, "g.yaml", GOLD_YAML)
    code, output = invoke_eval([str(gold), "--format", "json"])
    assert code == ExitCode.OK
    data = json.loads(output)
    assert data["sections"][0]["metrics"]["yaml.recall"] == 0.5
    assert data["sections"][0]["examples"][0]["kind"] == "missed"
    code, output = invoke_eval([str(gold)])
    assert code == ExitCode.OK and "yaml.f1" in output
    code, _ = invoke_eval([str(gold), "--floor", "yaml.f1=0.9"])
    assert code == ExitCode.GATE
    code, _ = invoke_eval([str(gold), "--floor", "yaml.nothing=0.9"])
    assert code == ExitCode.USAGE
    code, _ = invoke_eval([str(gold), "--floor", "yaml.f1"])
    assert code == ExitCode.USAGE
    code, _ = invoke_eval([str(tmp_path / "missing.yaml")])
    assert code == ExitCode.INPUT


def test_cli_partial_when_coding_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner, "code_with_hadath", lambda item: Prediction(item.id, error="x"))
    code, _ = invoke_eval([str(write(tmp_path, "g.yaml", GOLD_YAML))])
    assert code == ExitCode.PARTIAL
