"""Every coded event shows its work: the explanation's spans point at the trigger and actor
words of the event's own sentence, and name a pattern and rules that really exist.

A researcher checks a record by reading its evidence; an explanation whose offsets drift by a
clitic or a sentence sends them to the wrong words, which is worse than no evidence at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from hadath.api import code, code_document
from hadath.events.patterns import default_patterns
from hadath.ingest import IngestReport, read_inputs
from hadath.model import Document, Event

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# Invented sentences (no real event), each reaching a different frame or rule.
INVENTED = [
    "التقى وزير الخارجية المصري نظيره الأردني في عمّان أمس، وبحث الجانبان الأوضاع في غزة.",
    "اعتقلت الشرطة الإسرائيلية ثلاثة فلسطينيين في الخليل فجر اليوم.",
    "قال المتحدث باسم الحكومة العراقية إن الوفد سيزور طهران الأسبوع المقبل.",
    "أدان الاتحاد الأوروبي الهجوم على المدنيين في غزة، وطالب بوقف إطلاق النار.",
    "وقعت مصر والأردن اتفاقية للتعاون الأمني في القاهرة.",
    "هدد الحوثيون باستهداف السفن في البحر الأحمر.",
    "تظاهر آلاف اللبنانيين في بيروت احتجاجاً على الغلاء، وأطلقت الشرطة الغاز المسيل للدموع.",
    "نفت الحكومة السورية أن تكون قد التقت بوفد تركي.",
]


def check_span(doc: Document, event: Event, where: str, evidence: dict[str, Any]) -> None:
    start, end = evidence["start"], evidence["end"]
    assert event.sentence_start <= start < end <= event.sentence_end, (where, evidence)
    assert doc.clean_text[start:end] == evidence["text"], (where, evidence)


def check_explanation(doc: Document, event: Event) -> None:
    explanation = event.explanation
    assert explanation, f"event {event.cameo} without an explanation"
    sentence = doc.sentences[event.sentence - 1]
    assert (sentence.start, sentence.end) == (event.sentence_start, event.sentence_end)
    trigger = explanation["trigger"]
    check_span(doc, event, "trigger", trigger)
    assert (trigger["start"], trigger["end"]) == (event.trigger_start, event.trigger_end)
    for side, actor in (("source", event.source), ("target", event.target)):
        evidence = explanation[side]
        assert (evidence is None) == (actor is None), side
        if evidence is not None and actor is not None:
            check_span(doc, event, side, evidence)
            assert evidence["code"] == actor["code"]
            assert (evidence["start"], evidence["end"]) == (actor["start"], actor["end"])
    default_patterns().get(explanation["pattern"])  # raises for an unknown pattern id
    rules = explanation["rules"]
    assert isinstance(rules, list) and rules and all(isinstance(r, str) and r for r in rules)


def check_document(doc: Document) -> int:
    for event in doc.events:
        check_explanation(doc, event)
    return len(doc.events)


def test_examples_explain_every_event() -> None:
    docs = [code_document(doc) for doc in read_inputs([EXAMPLES], report=IngestReport())]
    assert sum(check_document(doc) for doc in docs) >= 10


def test_seed_explains_every_event(seed_text: str) -> None:
    doc = code(seed_text, published="2024-02-10")
    assert check_document(doc) >= 7


@pytest.mark.parametrize("text", INVENTED)
def test_invented_sentences_explain_every_event(text: str) -> None:
    doc = code(text, published="2024-03-12")
    assert check_document(doc) >= 1, "each invented sentence reports at least one event"


def test_unknown_pattern_id_is_refused() -> None:
    """The check above is only worth something if an unknown id fails it."""
    with pytest.raises(KeyError):
        default_patterns().get("no.such.pattern")


def test_trigger_text_is_the_clean_text_even_across_punctuation() -> None:
    doc = code("أبرمت مصر، والأردن اتفاقية للتعاون الأمني.", published="2024-03-12")
    assert doc.events
    for event in doc.events:
        trigger = event.explanation["trigger"]
        assert doc.clean_text[trigger["start"] : trigger["end"]] == trigger["text"]
