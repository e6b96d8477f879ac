"""Evaluation gate: the coder on the shared dev sets and on our own gold, against pinned floors.

A floor is the figure measured on the dev half minus a small margin; a change that drops a
metric below its floor fails here. Raise a floor when the coder improves; never lower one
without saying why in the commit message. `hadath eval ... --floor metric=value` runs the
same check from the command line.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from hadath.evaluation import EvalOptions, evaluate
from hadath.evaluation.gold import read_yaml_gold
from hadath.evaluation.scoring import ArticleScores

OWN_GOLD = sorted((Path(__file__).resolve().parent / "gold").glob("*.yaml"))
NEWS_DEV = Path(__file__).resolve().parent.parent / "gold" / "news" / "dev"
GSR = "data/events/arabic_event_gsr"
QUAD = "data/events/un_quadclass"

# Floors per gold file (path under ../shared, or "own" for tests/gold/*.yaml): the figure
# measured with `hadath eval ... --workers 2` minus about 0.02, rounded down.
#
# Since the trained event decision ships (src/hadath/data/models, 2026-12-03), the GSR and UN
# dev halves are part of what it learned from, so `hadath eval` on them is in-sample
# (assault F1 0.97): their honest figures are the cross-validated ones of
# `python scripts/train_events.py` (model card). Their floors here are those cross-validated
# figures minus a margin: the shipped model must reach at least what cross-validation
# promises. Floors lowered with the model, and why: UN relevance (the decision keeps fewer,
# surer events: precision 0.99, recall 0.36), PROTEST spans detection and trigger hits (the
# decision keeps the surer of two protest triggers, often the noun), our gold (one passive
# casualty report of 25 lost: its attack noun falls under the material-conflict threshold).
FLOORS: dict[str, dict[str, float]] = {
    "own": {"yaml.f1": 0.95, "yaml.recall": 0.94},  # measured 0.980 / 0.960
    f"{GSR}/assault_gsr.dev.csv": {"gsr.ASSAULT.f1": 0.71},  # cross-validated 0.735
    f"{GSR}/protest_gsr.dev.csv": {"gsr.PROTEST.f1": 0.62},  # cross-validated 0.646
    f"{GSR}/assault_spans.dev.json": {
        "gsr-spans.ASSAULT.detection_recall": 0.80,  # cross-validated 0.823
        "gsr-spans.ASSAULT.target_country_accuracy": 0.33,  # cross-validated 0.357
        "gsr-spans.ASSAULT.trigger_hit_rate": 0.28,  # cross-validated 0.308
    },
    f"{GSR}/protest_spans.dev.json": {
        "gsr-spans.PROTEST.detection_recall": 0.36,  # cross-validated 0.382
        "gsr-spans.PROTEST.trigger_hit_rate": 0.30,  # cross-validated 0.326
    },
    f"{QUAD}/ar_quad.dev.tsv": {"quad.macro_f1": 0.29},  # cross-validated 0.309
    f"{QUAD}/ar_binary.dev.tsv": {"binary.f1": 0.47},  # cross-validated 0.492
}
# The whole-article gold's dev part (gold/news/dev, docs/codebook.md), never trained or
# tuned on: `hadath eval gold/news/dev --workers 2`.
NEWS_FLOORS = {
    "news.dev.recall": 0.18,  # measured 0.207 (rules-only coder of 2026-12-03: 0.110)
    "news.dev.precision": 0.42,  # measured 0.452 (rules-only coder: 0.133)
}
WORKERS = 2  # the machine has two cores; results do not depend on this

coder_built = pytest.mark.skipif(
    importlib.util.find_spec("hadath.events.coder") is None, reason="coder not built"
)


def gate(paths: list[Path], floors: dict[str, float]) -> None:
    report = evaluate(paths, EvalOptions(workers=WORKERS, floors=floors))
    failures = [
        f"{c.metric} {c.value:.3f} < floor {c.floor:.3f}" for c in report.floors if not c.passed
    ]
    assert not failures, "; ".join(failures)
    # Every item must be coded: a crash is counted, and here it fails the gate.
    errors = {section.kind: section.scores.errors for section in report.sections}
    assert not any(errors.values()), f"coding errors: {errors}"


@pytest.mark.slow
@coder_built
def test_own_gold_gate() -> None:
    gate(OWN_GOLD, FLOORS["own"])


@pytest.mark.slow
@coder_built
def test_whole_article_dev_gate(shared_path: Path) -> None:
    # shared_path skips without ../shared: the articles' text is read from it.
    gate([NEWS_DEV], NEWS_FLOORS)


@pytest.mark.slow
@coder_built
@pytest.mark.parametrize("relative", [name for name in FLOORS if name != "own"])
def test_shared_dev_set_gate(shared_path: Path, relative: str) -> None:
    gate([shared_path / relative], FLOORS[relative])


@coder_built
def test_seed_article_acceptance(shared_path: Path) -> None:
    """The issue's acceptance test: all 7 expected events of the seed, no conflict event."""
    gold_path = shared_path / "seed" / "cairo-talks.gold.yaml"
    (seed,) = read_yaml_gold(gold_path)
    report = evaluate([gold_path])
    scores = report.sections[0].scores
    assert isinstance(scores, ArticleScores)
    (match,) = scores.matches
    assert match.prediction.error is None, match.prediction.error
    missed = [f"{e.id} (sentence {e.sentence})" for e in match.missed]
    conflict = [f"{e.describe()} in: {e.sentence_text}" for e in match.false_positives]
    assert not missed, f"missed: {missed}"
    assert not conflict, f"conflict events in a cooperation article: {conflict}"
    assert len(match.matched) == len(seed.expected) == 7
