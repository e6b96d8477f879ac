"""Morphology: seed segmentations, sensible analyses, the caches and the pipeline stage."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from hadath.model import Document, Sentence, Token
from hadath.morph import Analyser, MorphologyStage, WordAnalysis
from hadath.morph.analysis import Reading
from hadath.morph.backend import FarahidiBackend, spelling_variants
from hadath.morph.cache import DiskCache
from hadath.morph.evaluation import gold_words, join_host_and_enclitic, join_proclitics
from hadath.pipeline import Pipeline, stage


@pytest.fixture(scope="module")
def backend() -> FarahidiBackend:
    return FarahidiBackend()


@pytest.fixture
def analyser(backend: FarahidiBackend, tmp_path: Path) -> Analyser:
    return Analyser(backend, cache_dir=tmp_path)


# Why each: the seed article's coding depends on them (و before a verb, ب/ل + ال before a
# place, the future س that marks modality).
SEGMENTATIONS = [
    ("وناقش", ["و", "ناقش"]),
    ("بالقاهرة", ["ب", "ال", "قاهرة"]),
    ("للقطاع", ["ل", "ال", "قطاع"]),
    ("سيجتمعان", ["س", "يجتمعان"]),
    ("بحماس", ["ب", "حماس"]),
    ("لحركة", ["ل", "حركة"]),
    ("والجهاد", ["و", "ال", "جهاد"]),
    ("وتوصلوا", ["و", "توصلوا"]),
    ("قضيته", ["قضية", "ه"]),
    ("بدوره", ["ب", "دور", "ه"]),
    ("الحركتين", ["ال", "حركتين"]),
    ("منها", ["من", "ها"]),
    ("له", ["ل", "ه"]),
]


@pytest.mark.parametrize(("word", "segments"), SEGMENTATIONS)
def test_segmentation(analyser: Analyser, word: str, segments: list[str]) -> None:
    assert analyser.analyse(word).segments == segments


def test_lemmas_and_pos(analyser: Analyser) -> None:
    assert analyser.analyse("وناقش").lemma == "ناقش"
    assert analyser.analyse("وناقش").pos == "VERB"
    assert analyser.analyse("سيجتمعان").lemma == "اجتمع"
    assert analyser.analyse("الحركتين").lemma == "حركة"
    # out of context farahidi's first reading of وفدي is the verb وَفَدَ; ours is nominal
    delegation = analyser.analyse("وفدي")
    assert delegation.pos != "VERB"
    assert delegation.stem.startswith("وفد")


def test_diacritics_and_tatweel_are_ignored(analyser: Analyser) -> None:
    assert analyser.analyse("وَنَاقَشَ").segments == ["و", "ناقش"]
    assert analyser.analyse("بالقـاهرة").segments == ["ب", "ال", "قاهرة"]


def test_non_arabic_words_get_trivial_analyses(analyser: Analyser) -> None:
    assert analyser.analyse("17") == WordAnalysis((), "17", None, "17", "NUM", False)
    assert analyser.analyse("Hamas").segments == ["Hamas"]
    assert analyser.analyse("Hamas").pos == "X"


def test_hamza_less_spelling_is_analysed(analyser: Analyser) -> None:
    assert "إسرائيل" in spelling_variants("اسرائيل")
    assert analyser.analyse("اسرائيل").proper_noun


def test_disk_cache_round_trip_does_not_load_the_backend(tmp_path: Path) -> None:
    words = ["وناقش", "بالقاهرة", "قضيته"]
    first = Analyser(FarahidiBackend(), cache_dir=tmp_path)
    expected = first.analyse_many(words)
    first.close()
    fresh_backend = FarahidiBackend()
    second = Analyser(fresh_backend, cache_dir=tmp_path)
    assert second.analyse_many(words) == expected
    assert not fresh_backend.loaded
    assert second.cache_path is not None and second.cache_path.parent == tmp_path


def test_cache_dir_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HADATH_CACHE_DIR", str(tmp_path / "env"))
    analyser = Analyser(FarahidiBackend())
    assert analyser.cache_path is not None
    assert analyser.cache_path.parent == tmp_path / "env"


def test_corrupted_cache_is_rebuilt(
    backend: FarahidiBackend, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = Analyser(backend, cache_dir=tmp_path).cache_path
    assert path is not None
    path.write_bytes(b"this is not a SQLite database" * 100)
    with caplog.at_level(logging.WARNING):
        analyser = Analyser(backend, cache_dir=tmp_path)
        assert analyser.analyse("وناقش").segments == ["و", "ناقش"]
    assert "damaged" in caplog.text
    analyser.close()
    reread = DiskCache(path).get_many(["وناقش"])
    assert reread["وناقش"].segments == ["و", "ناقش"]


def test_two_cache_handles_share_one_file(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite"
    one, two = DiskCache(path), DiskCache(path)
    analysis = WordAnalysis(("و",), "ناقش", None, "ناقش", "VERB", False)
    one.put_many({"وناقش": analysis})
    two.put_many({"وناقش": analysis, "ناقش": analysis})
    assert one.get_many(["وناقش", "ناقش"]) == {"وناقش": analysis, "ناقش": analysis}


def _document(words: list[tuple[str, str]]) -> Document:
    text = " ".join(word for word, _ in words)
    tokens, offset = [], 0
    for word, kind in words:
        tokens.append(Token(word, offset, offset + len(word), kind=kind, norm=word))
        offset += len(word) + 1
    doc = Document(raw_text=text, clean_text=text)
    doc.sentences = [Sentence(1, 0, len(text), text, tokens)]
    return doc


def test_stage_fills_tokens(analyser: Analyser) -> None:
    doc = _document([("وناقش", "word"), ("الجانبان", "word"), ("17", "number"), ("،", "punct")])
    tokens_stage = stage("tokens", assigns=["tokens"])(lambda d: d)
    pipeline = Pipeline([tokens_stage, MorphologyStage(analyser)])
    tokens = pipeline(doc).tokens
    assert tokens[0].segments == ["و", "ناقش"]
    assert tokens[0].proclitics == ["و"]
    assert tokens[0].stem == "ناقش"
    assert tokens[0].pos == "VERB"
    assert tokens[0].stem_key == "ناقش"
    assert tokens[1].proclitics == ["ال"]
    assert tokens[2].pos == "NUM"
    assert tokens[3].lemma == "،"
    assert "morphology" in doc.annotated


def test_stage_declares_its_order() -> None:
    assert MorphologyStage.requires == frozenset({"tokens"})
    assert MorphologyStage.assigns == frozenset({"morphology"})


# The evaluation's rebuilding of written words from syntactic words (an invented sentence).
def test_written_word_joins() -> None:
    assert join_proclitics(["ل"], "الحظر") == "للحظر"
    assert join_proclitics(["و", "ب"], "الجهاد") == "وبالجهاد"
    assert join_host_and_enclitic("قَضِيَّةِ", "ه") == "قضيته"
    assert join_host_and_enclitic("تَوَصَّلُوا", "ه") == "توصلوه"
    assert join_host_and_enclitic("مِن", "ني") == "مني"
    assert join_host_and_enclitic("مُستَوَى", "ي") == "مستواي"
    assert join_host_and_enclitic("إِجرَاءُ", "ها") == "إجراؤها"


CONLLU = """# sent_id invented-1
1\tوَ\t_\tCONJ\tC---------\t_\t2\tcc\t_\t_
2\tنَاقَشَ\t_\tVERB\tVP-A-3MS--\t_\t0\troot\t_\t_
3\tلِ\t_\tADP\tP---------\tAdpType=Prep\t4\tcase\t_\t_
4\tهُ\t_\tPRON\tSP---3MS2-\tCase=Gen|Person=3|PronType=Prs\t2\tobl\t_\t_
5\tلِ\t_\tADP\tP---------\tAdpType=Prep\t6\tcase\t_\t_
6\tاَلقِطَاعِ\t_\tNOUN\tN------S2D\tCase=Gen\t2\tobl\t_\t_
7\tهُوَ\t_\tPRON\tSP---3MS1-\tCase=Nom|PronType=Prs\t2\tnsubj\t_\t_
8\tوفدي\t_\tX\tU---------\t_\t2\tdep\t_\t_

"""


def test_gold_words_from_conllu(tmp_path: Path) -> None:
    path = tmp_path / "invented.conllu"
    path.write_text(CONLLU, encoding="utf-8")
    [sentence] = list(gold_words(path))
    assert [(w.written, w.proclitics, w.enclitic) for w in sentence] == [
        ("وناقش", ("و",), None),
        ("له", (), "ه"),
        ("للقطاع", ("ل",), None),
        ("هو", (), None),
        ("وفدي", (), None),
    ]
    assert sentence[-1].untokenised


def test_other_readings_are_kept_best_first(analyser: Analyser) -> None:
    # Out of context the ranking reads "هاجمتهم" as the noun هاجمة; the verb هاجم + هم is
    # another reading, kept for the triggers (events/triggers.py) and the event decision.
    analysis = analyser.analyse("هاجمتهم")
    assert analysis.pos == "NOUN"
    assert ("هاجم", "VERB") in {(r.lemma, r.pos) for r in analysis.readings}
    chosen = (analysis.stem, analysis.lemma, analysis.pos)
    assert chosen not in {(r.stem, r.lemma, r.pos) for r in analysis.readings}


def test_readings_survive_the_disk_cache(tmp_path: Path) -> None:
    cache = DiskCache(tmp_path / "morph.sqlite")
    analysis = WordAnalysis(
        (), "هاجمة", "هم", "هاجم", "NOUN", False, (Reading("هاجمت", "هاجم", "VERB"),)
    )
    cache.put_many({"هاجمتهم": analysis})
    assert cache.get_many(["هاجمتهم"])["هاجمتهم"] == analysis
