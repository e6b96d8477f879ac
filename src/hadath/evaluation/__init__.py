"""Evaluation harness: gold readers, scorers, reports and the runner behind `hadath eval`.

>>> from hadath.evaluation import EvalOptions, evaluate
>>> report = evaluate([Path("tests/gold/events.yaml")], EvalOptions(workers=2))
>>> report.metrics()["yaml.f1"]
"""

from hadath.evaluation.gold import ArticleGold, ExpectedEvent, GoldFormatError, GoldItem
from hadath.evaluation.predictions import PredictedEvent, Prediction
from hadath.evaluation.runner import (
    EvalOptions,
    EvaluationReport,
    UnknownMetricError,
    code_with_hadath,
    evaluate,
)

__all__ = [
    "ArticleGold",
    "EvalOptions",
    "EvaluationReport",
    "ExpectedEvent",
    "GoldFormatError",
    "GoldItem",
    "PredictedEvent",
    "Prediction",
    "UnknownMetricError",
    "code_with_hadath",
    "evaluate",
]
