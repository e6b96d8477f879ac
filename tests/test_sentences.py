"""Sentence splitting: . ! ? ؟ … and line breaks; never ، or ؛; not in numbers,
abbreviations or quotations."""

from __future__ import annotations

import pytest

from hadath.analysis import analyse


def sentences(text: str) -> list[str]:
    return [s.text for s in analyse(text, morphology=False).sentences]


@pytest.mark.shared
def test_seed_gives_ten_sentences_without_debris(seed_text: str) -> None:
    doc = analyse(seed_text, morphology=False)
    assert len(doc.sentences) == 10
    assert [s.index for s in doc.sentences] == list(range(1, 11))
    assert not any(".png)" in s.text for s in doc.sentences)
    # Two paragraphs (the 4th and 7th) hold two sentences each.
    per_paragraph = [sum(1 for s in doc.sentences if p.contains(s.span)) for p in doc.paragraphs]
    assert per_paragraph == [1, 1, 1, 2, 1, 1, 2, 1]
    for sentence in doc.sentences:
        assert sentence.text == doc.clean_text[sentence.start : sentence.end]
        assert sentence.text == sentence.text.strip()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ، and ؛ are clause breaks: one sentence.
        ("وصل الوفد، والتقى الوزير؛ ثم غادر.", ["وصل الوفد، والتقى الوزير؛ ثم غادر."]),
        ("هل وصل؟ نعم! وصل.", ["هل وصل؟", "نعم!", "وصل."]),
        ("ارتفعت النسبة إلى 3.5 بالمئة. وقال", ["ارتفعت النسبة إلى 3.5 بالمئة.", "وقال"]),
        ("بلغ العدد ١٫٥ مليون. ثم", ["بلغ العدد ١٫٥ مليون.", "ثم"]),
        ("قال د. محمد علي إن. ثم", ["قال د. محمد علي إن.", "ثم"]),
        ("التقى أ. سمير وم. خالد أمس.", ["التقى أ. سمير وم. خالد أمس."]),
        ("زار مسؤولون من U.S. القاهرة.", ["زار مسؤولون من U.S. القاهرة."]),
        ("وقعت الحرب عام 1948 م. وبعدها", ["وقعت الحرب عام 1948 م.", "وبعدها"]),
        ("قال: «سنعود. لن نستسلم.» وأضاف", ["قال: «سنعود. لن نستسلم.»", "وأضاف"]),
        ('قال "انتهى الأمر." ثم غادر', ['قال "انتهى الأمر."', "ثم غادر"]),
        ("انتظر… ثم تكلم", ["انتظر…", "ثم تكلم"]),
        ("انتهى الاجتماع.وقال المتحدث", ["انتهى الاجتماع.", "وقال المتحدث"]),
        ("سطر أول بلا نقطة\nسطر ثان", ["سطر أول بلا نقطة", "سطر ثان"]),
        ("وصل الوفد. . .", ["وصل الوفد. . ."]),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_unclosed_quote_does_not_swallow_the_paragraph() -> None:
    assert sentences("قال «لن نتراجع. ثم غادر.") == ["قال «لن نتراجع.", "ثم غادر."]


def test_empty_text_has_no_sentences() -> None:
    assert sentences("") == [] and sentences(" \n ") == []
