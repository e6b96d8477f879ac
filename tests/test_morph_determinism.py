"""The chosen reading of a word does not depend on the process (hash seed) that chose it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import json
from hadath.analysis import text_pipeline
from hadath.model import Document
text = "ونددوا بمذماتهم وبأعمالهم في القاهرة وقالوا إنهم سيجتمعون"
doc = text_pipeline()(Document(raw_text=text))
print(json.dumps([(t.stem, t.lemma, t.pos) for s in doc.sentences for t in s.tokens]))
"""


def _readings(seed: str, cache: Path) -> list[list[str]]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "HADATH_CACHE_DIR": str(cache)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    readings: list[list[str]] = json.loads(done.stdout)
    return readings


def test_cold_caches_under_different_hash_seeds_choose_the_same_readings(tmp_path: Path) -> None:
    """farahidi lists tied readings in an order that follows the hash seed (مذماتهم); the
    ranking breaks exact ties by the readings' own forms, so every run agrees."""
    first = _readings("1", tmp_path / "one")
    second = _readings("2", tmp_path / "two")
    assert first == second
