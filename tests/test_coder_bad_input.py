"""Bad input to the coder: completes, and what it produces stays bounded by what came in.

Tests never time the coder (bench/coder.py does); a runaway shows up here as output that
grows faster than the input: events per sentence, entities per token.
"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from hadath.api import code
from hadath.cli import ExitCode, app
from hadath.events.coder import MAX_PAIRS
from hadath.model import Document

runner = CliRunner()
# Every trigger yields at most MAX_PAIRS events; a token starts at most one trigger per
# pattern family, so this is far above any sane output and far below a combinatorial one.
EVENTS_PER_TOKEN = MAX_PAIRS


def assert_bounded(doc: Document) -> None:
    tokens = sum(len(s.tokens) for s in doc.sentences)
    assert len(doc.events) <= EVENTS_PER_TOKEN * max(tokens, 1)
    assert len(doc.entities) <= tokens
    for sentence in doc.sentences:
        in_sentence = [e for e in doc.events if e.sentence == sentence.index]
        assert len(in_sentence) <= EVENTS_PER_TOKEN * max(len(sentence.tokens), 1)
    for event in doc.events:
        assert 0 <= event.sentence_start <= event.trigger_start < event.trigger_end
        assert event.trigger_end <= event.sentence_end <= len(doc.clean_text)


def test_a_sentence_of_5000_words_without_punctuation() -> None:
    # No place names: with a place after every trigger, events.placing.event_place checks
    # every entity for every place for every event (cubic in the sentence's length); 5,000
    # such words took 256 s here. bench/coder.py --scaling shows the growth.
    phrase = "قال المتحدث باسم الحكومة إن الوفد بحث الاتفاق مع حماس والجهاد واعتقلت الشرطة رجلا"
    words = phrase.split()
    text = " ".join(words[i % len(words)] for i in range(5000))
    doc = code(text, published="2024-01-01")
    assert sum(len(s.tokens) for s in doc.sentences) == 5000
    assert_bounded(doc)


def test_a_sentence_of_only_punctuation() -> None:
    doc = code("!!! ... ؟؟؟ ،،، ؛؛ «» - — (( )) ...", published="2024-01-01")
    assert doc.events == [] and all(e.type != "PER" for e in doc.entities)


def test_an_article_of_2000_sentences() -> None:
    sentences = [
        "استقبل الرئيس المصري وزير الخارجية الأردني في القاهرة أمس.",
        "اعتقلت الشرطة الإسرائيلية ثلاثة فلسطينيين في الخليل.",
        "وقال المتحدث إن الاجتماع كان مثمرا.",
        "ارتفعت أسعار النفط اليوم.",
    ]
    text = "\n".join(sentences[i % len(sentences)] for i in range(2000))
    doc = code(text, published="2024-01-01")
    assert len(doc.sentences) == 2000
    assert 500 <= len(doc.events) <= 2000 * 2  # the host and the arrest sentences code
    assert_bounded(doc)


def test_mixed_arabic_and_english() -> None:
    text = (
        "Hamas met Egyptian officials in Cairo on Monday. التقى وفد حماس بمسؤولين مصريين "
        "in Cairo أمس، and the talks were described as positive. Israel struck Gaza."
    )
    doc = code(text, published="2024-01-01")
    assert_bounded(doc)


def test_empty_and_blank_texts() -> None:
    for text in ("", " ", "\n\n\t", "\u200f\u200e"):
        doc = code(text, published="2024-01-01")
        assert doc.events == [] and doc.entities == []


def test_rtl_control_characters_do_not_shift_spans() -> None:
    text = (
        "\u202bاعتقلت\u202c الشرطة \u200fالإسرائيلية\u200e ثلاثة \u2067فلسطينيين\u2069 في الخليل."
    )
    doc = code(text, published="2024-01-01")
    assert doc.events and doc.events[0].root == "17"
    for event in doc.events:
        for actor in (event.source, event.target):
            if actor:
                assert doc.clean_text[actor["start"] : actor["end"]] == actor["text"]
                assert not any(
                    "\u200e" <= c <= "\u202e" or c in "\u2067\u2069" for c in actor["text"]
                )
    assert_bounded(doc)


def test_invalid_dates_are_a_clean_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("اعتقلت الشرطة رجلا في بيروت.", encoding="utf-8")
    for bad in ("2024-13-01", "yesterday", "10/02/2024", "2024-02-30", ""):
        result = runner.invoke(app, ["code", "--date", bad, str(path)])
        assert result.exit_code == ExitCode.USAGE, (bad, result.output)
        assert "--date" in result.stderr and "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_jsonl_with_a_bad_line_is_a_counted_skip(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "good-1", "text": "اعتقلت الشرطة رجلا في بيروت."}, ensure_ascii=False),
        "{this is not json",
        json.dumps(
            {"id": "good-2", "text": "التقى الرئيس المصري الملك الأردني."}, ensure_ascii=False
        ),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    result = runner.invoke(app, ["code", "--format", "jsonl", "--date", "2024-01-01", str(path)])
    assert result.exit_code == ExitCode.PARTIAL
    assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == ["good-1", "good-2"]
    assert "skipped 1" in result.stderr and "not valid JSON" in result.stderr


def test_pair_reference_after_a_surname_does_not_crash() -> None:
    text = (
        "التقى وزير الدفاع الإسرائيلي موشيه يعالون وزير الدفاع الأمريكي.\n"
        "وقال يعالون إن على الطرفين التعاون مع الأردن.\n"
        "وناقش كلاهما الأوضاع في سوريا."
    )
    doc = code(text, published="2015-07-22")
    for entity in doc.entities:
        assert all(doc.entities[m].actor is not None for m in entity.members), entity.text
