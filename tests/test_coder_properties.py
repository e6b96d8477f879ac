"""Invariants of the coder (Hypothesis): any text codes without an exception, coding is
deterministic (the same input gives the same JSON twice), and every span an event or entity
carries lies inside the clean text and its own sentence."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hadath.api import code
from hadath.events.output import coded_document_to_json
from hadath.model import Document

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# Words that reach the coder's parts: triggers (verbs and nouns), actors, nationality
# adjectives, places, dates, modality words, coreference words, and noise.
WORDS = [
    "التقى", "اجتمع", "استقبل", "وبحث", "سيزور", "اعتقلت", "قصفت", "هدد", "أدان", "تظاهر",
    "اجتماع", "لقاء", "زيارة", "غارة", "اتفاق", "وقع", "اتفاقية", "لم", "لن", "نفى", "إذا",
    "حماس", "والجهاد", "الإسلامي", "وفد", "الحركة", "الجانبان", "الرئيس", "المصري",
    "رئيس الوزراء الفلسطيني", "الشرطة", "الإسرائيلية", "مسلحون", "المتظاهرين",
    "في", "إلى", "مع", "على", "ب", "القاهرة", "عمّان", "قطاع غزة", "معبر رفح",
    "أمس", "قبل يومين", "الثلاثاء الماضي", "في 15 آذار", "وقال", "إن", "بحسب",
    "Hamas", "Cairo", "2024", "١٥", "،", "؛", ".", "؟", "\n", "\u200f", "«", "»",
]  # fmt: skip

arabic_news = st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join)
any_text = st.one_of(arabic_news, st.text(max_size=200))
CODING = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def coded_json(text: str) -> str:
    doc = code(text, published="2024-02-10", id="property")
    return json.dumps(coded_document_to_json(doc), ensure_ascii=False, sort_keys=True)


def assert_spans_inside(doc: Document) -> None:
    length = len(doc.clean_text)
    for entity in doc.entities:
        assert 0 <= entity.start < entity.end <= length
        assert doc.clean_text[entity.start : entity.end] == entity.text
    for event in doc.events:
        assert 0 <= event.sentence_start < event.sentence_end <= length
        spans = [(event.trigger_start, event.trigger_end)]
        spans += [(a["start"], a["end"]) for a in (event.source, event.target) if a]
        for start, end in spans:
            assert event.sentence_start <= start < end <= event.sentence_end
        for actor in (event.source, event.target):
            if actor:
                assert doc.clean_text[actor["start"] : actor["end"]] == actor["text"]


@CODING
@given(arabic_news)
def test_coding_is_deterministic(text: str) -> None:
    assert coded_json(text) == coded_json(text)


@CODING
@given(any_text)
def test_any_text_codes_with_spans_inside_the_clean_text(text: str) -> None:
    assert_spans_inside(code(text, published="2024-02-10"))


@CODING
@given(arabic_news)
def test_event_codes_and_classes_are_consistent(text: str) -> None:
    for event in code(text, published="2024-02-10").events:
        assert event.cameo.startswith(event.root) and 1 <= int(event.root) <= 20
        root = int(event.root)
        assert event.quad_class == (1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4)
        assert 0.0 <= event.confidence <= 1.0


@pytest.mark.slow
def test_coding_is_deterministic_across_processes_and_hash_seeds(tmp_path: Path) -> None:
    """Set and dict order must not leak into the output: two processes with different
    PYTHONHASHSEED code the examples to the same bytes."""
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-c", "from hadath.cli import main; main()"]
        command += [
            "code",
            "--date",
            "2024-02-10",
            "--format",
            "json",
            str(EXAMPLES / "khartoum-protest.txt"),
        ]
        done = subprocess.run(command, env=env, capture_output=True, check=False)
        assert done.returncode == 0, done.stderr.decode()
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1] and b'"events"' in outputs[0]
