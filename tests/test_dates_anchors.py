"""The date families' anchors: a sentence without its anchor cannot match the family, so
skipping it changes nothing (resolver.py). Checked on the gold table and on sentences built
to hit every family, with and without anchors."""

from __future__ import annotations

import dataclasses

import pytest

from hadath.dates import resolver
from hadath.dates.folding import fold
from hadath.dates.lexicon import DatePatterns, default_lexicon
from test_dates import CASES, SAT

FAMILIES = [field.name for field in dataclasses.fields(DatePatterns) if field.name != "anchors"]
SENTENCES = [
    *(text for text, *_ in CASES),
    "وصل الوفد في 15 آذار/مارس 2024 بعد أن غادر يوم الأحد الماضي إلى القاهرة",
    "قال في 1445/8/29 هـ إن الاجتماع عقد في 2024-02-10 وفي عام 2023 وسنة 1445هـ",
    "في رمضان 1445 هـ وفي 3 من شهر شعبان وصل منذ بضعة أيام وسبق ذلك بأيام",
    "في وقت سابق من هذا الشهر وقبل ثلاثة أسابيع ومؤخراً وفي الآونة الأخيرة",
    "مساء أمس وصباح اليوم وغداً وبعد غد وأول من أمس والبارحة الأولى",
    "في مطلع آذار المقبل وفي أواخر يناير الماضي ونيسان من العام 2024",
    "لا تاريخ في هذه الجملة عن الإبل والأبواب والاستقبال",
]


@pytest.mark.parametrize("family", FAMILIES)
def test_every_match_of_a_family_contains_its_anchor(family: str) -> None:
    _, patterns = default_lexicon()
    anchor = patterns.anchors.get(family)
    if anchor is None:
        return  # a family without an anchor always runs
    matched = 0
    for sentence in SENTENCES:
        text = fold(sentence).text
        if getattr(patterns, family).search(text):
            matched += 1
            assert anchor.search(text), (family, sentence)
    assert matched, f"no sentence exercises {family}"


def test_anchors_change_no_resolution(monkeypatch: pytest.MonkeyPatch) -> None:
    with_anchors = [resolver.resolve_dates(s, SAT) for s in SENTENCES]
    words, patterns = default_lexicon()
    unanchored = dataclasses.replace(patterns, anchors={})
    monkeypatch.setattr(resolver, "default_lexicon", lambda: (words, unanchored))
    assert [resolver.resolve_dates(s, SAT) for s in SENTENCES] == with_anchors
    assert sum(map(len, with_anchors)) > len(SENTENCES)
