"""Evaluation gate: clitic segmentation accuracy on UD Arabic PADT dev must not drop.

Measured 0.9905 (docs/morphology.md, `python scripts/eval_segmentation.py`); the floor sits a
little below so that a ranking or conversion change that loses ground fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hadath.morph import Analyser
from hadath.morph.evaluation import gold_words, score

FLOOR = 0.985
NO_SEGMENTATION_BASELINE = 0.80


@pytest.mark.slow
@pytest.mark.shared
def test_padt_clitic_accuracy_floor(shared_path: Path, tmp_path: Path) -> None:
    padt = shared_path / "data" / "ud_arabic_padt" / "ar-ud-dev.conllu"
    words = [word for sentence in gold_words(padt) for word in sentence]
    analyser = Analyser(cache_dir=tmp_path)

    def predict(word: str) -> tuple[tuple[str, ...], str | None]:
        analysis = analyser.analyse(word)
        return analysis.proclitics, analysis.enclitic

    result = score(words, predict)
    assert result.words > 15_000
    assert result.baseline > NO_SEGMENTATION_BASELINE
    assert result.accuracy >= FLOOR, sorted(result.confusions.items(), key=lambda kv: -kv[1])[:10]
