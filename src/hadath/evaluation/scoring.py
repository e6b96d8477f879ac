"""Scores: predictions (as data) against gold, into named results with flat metrics.

Every result has `metrics()` — a flat `{name: value}` that `--floor` checks — and
`to_json()`. A prediction that is missing or whose coding failed counts as "no events" and
is counted in `errors`, so a crashing coder lowers recall instead of vanishing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from hadath.evaluation.gold import ArticleGold, GoldItem
from hadath.evaluation.gold_external import DetectionGold, SpanGold
from hadath.evaluation.matching import ArticleMatch, match_article, orientation_scores
from hadath.evaluation.predictions import PredictedEvent, Prediction, same_word


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class ErrorExample:
    """One thing the coder got wrong, with the sentence to look at."""

    item_id: str
    kind: str  # missed | false positive | wrong source | ...
    detail: str
    sentence: str

    def to_json(self) -> dict[str, str]:
        return {
            "item": self.item_id,
            "kind": self.kind,
            "detail": self.detail,
            "sentence": self.sentence,
        }


def prediction_for(item: GoldItem, predictions: Mapping[str, Prediction]) -> Prediction:
    return predictions.get(item.id) or Prediction(item.id, error="no prediction")


def occurring(prediction: Prediction) -> list[PredictedEvent]:
    """Events the text says happened or will happen: a negated event did not."""
    return [event for event in prediction.events if not event.negated]


def ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


@dataclass(slots=True)
class ArticleScores:
    """YAML gold: expected events found, missed and false positives, overall and per root."""

    overall: Counts = field(default_factory=Counts)
    per_root: dict[str, Counts] = field(default_factory=dict)
    matches: list[ArticleMatch] = field(default_factory=list)
    root_found: int = 0  # expected events some coded event of a right root answers
    source_right: int = 0  # ... of which the source actor is right
    target_right: int = 0
    errors: int = 0
    articles: int = 0

    def root(self, root: str) -> Counts:
        return self.per_root.setdefault(root, Counts())

    def metrics(self) -> dict[str, float]:
        expected = self.overall.tp + self.overall.fn
        values = {
            "precision": self.overall.precision,
            "recall": self.overall.recall,
            "f1": self.overall.f1,
            "root_recall": ratio(self.root_found, expected),
            "source_accuracy": ratio(self.source_right, self.root_found),
            "target_accuracy": ratio(self.target_right, self.root_found),
        }
        values |= {f"root.{root}.f1": c.f1 for root, c in sorted(self.per_root.items())}
        return values

    def examples(self) -> list[ErrorExample]:
        found: list[ErrorExample] = []
        for match in self.matches:
            item = match.article.item
            sentences = match.prediction.sentences
            for missed in match.missed:
                text = sentence_text(sentences, missed.sentence) or item.text[:200]
                detail = f"{missed.id}: {'/'.join(missed.cameo_roots)} {missed.what}".strip()
                found.append(ErrorExample(item.id, "missed", detail, text))
            for event in match.false_positives:
                found.append(
                    ErrorExample(item.id, "false positive", event.describe(), event.sentence_text)
                )
        return found


def sentence_text(sentences: Sequence[str], index: int | None) -> str:
    if index is None or not 1 <= index <= len(sentences):
        return ""
    return sentences[index - 1]


def score_articles(
    articles: Sequence[ArticleGold], predictions: Mapping[str, Prediction]
) -> ArticleScores:
    scores = ArticleScores(articles=len(articles))
    for article in articles:
        prediction = prediction_for(article.item, predictions)
        scores.errors += prediction.error is not None
        match = match_article(article, prediction)
        scores.matches.append(match)
        for pair in match.matched:
            scores.overall.tp += 1
            scores.root(pair.expected.primary_root).tp += 1
        for missed in match.missed:
            scores.overall.fn += 1
            scores.root(missed.primary_root).fn += 1
        for event in match.false_positives:
            scores.overall.fp += 1
            scores.root(event.root).fp += 1
        for pair in match.root_pairs:
            source_right, target_right = orientation_scores(pair.expected, pair.event)
            scores.root_found += 1
            scores.source_right += source_right
            scores.target_right += target_right
    return scores


def _describe_events(events: Sequence[PredictedEvent]) -> str:
    return "; ".join(event.describe() for event in events) or "no event"


@dataclass(slots=True)
class DetectionScores:
    """arabic_event_gsr: is an event of the PLOVER type coded in the sentence?"""

    per_type: dict[str, Counts] = field(default_factory=dict)
    false_positives_by_label: Counter[str] = field(default_factory=Counter)
    negatives_by_label: Counter[str] = field(default_factory=Counter)
    errors_found: list[ErrorExample] = field(default_factory=list)
    errors: int = 0

    def metrics(self) -> dict[str, float]:
        values: dict[str, float] = {}
        for event_type, counts in sorted(self.per_type.items()):
            values[f"{event_type}.precision"] = counts.precision
            values[f"{event_type}.recall"] = counts.recall
            values[f"{event_type}.f1"] = counts.f1
        for label, negatives in sorted(self.negatives_by_label.items()):
            rate = ratio(self.false_positives_by_label[label], negatives)
            values[f"false_positive_rate.{label.replace(' ', '_')}"] = rate
        return values

    def examples(self) -> list[ErrorExample]:
        return self.errors_found


def score_detection(
    golds: Sequence[DetectionGold], predictions: Mapping[str, Prediction]
) -> DetectionScores:
    scores = DetectionScores()
    for gold in golds:
        prediction = prediction_for(gold.item, predictions)
        scores.errors += prediction.error is not None
        events = occurring(prediction)
        detected = any(event.plover_type == gold.event_type for event in events)
        counts = scores.per_type.setdefault(gold.event_type, Counts())
        if not gold.positive:
            scores.negatives_by_label[gold.label] += 1
        if gold.positive and detected:
            counts.tp += 1
        elif gold.positive:
            counts.fn += 1
            scores.errors_found.append(
                ErrorExample(
                    gold.item.id,
                    f"missed {gold.event_type}",
                    _describe_events(events),
                    gold.item.text,
                )
            )
        elif detected:
            counts.fp += 1
            scores.false_positives_by_label[gold.label] += 1
            scores.errors_found.append(
                ErrorExample(
                    gold.item.id,
                    f"false {gold.event_type} ({gold.label})",
                    _describe_events(events),
                    gold.item.text,
                )
            )
        else:
            counts.tn += 1
    return scores


@dataclass(slots=True)
class SpanTally:
    sentences: int = 0
    detected: int = 0  # sentences with a coded event of the type
    source_gold: int = 0  # sentences whose gold names a source country
    source_right: int = 0
    target_gold: int = 0
    target_right: int = 0
    trigger_gold: int = 0
    trigger_hit: int = 0

    def metrics(self) -> dict[str, float]:
        return {
            "detection_recall": ratio(self.detected, self.sentences),
            "source_country_accuracy": ratio(self.source_right, self.source_gold),
            "target_country_accuracy": ratio(self.target_right, self.target_gold),
            "trigger_hit_rate": ratio(self.trigger_hit, self.trigger_gold),
        }


@dataclass(slots=True)
class SpanScores:
    """arabic_event_gsr spans: actor countries and trigger of the coded event of the type."""

    per_type: dict[str, SpanTally] = field(default_factory=dict)
    errors_found: list[ErrorExample] = field(default_factory=list)
    errors: int = 0

    def metrics(self) -> dict[str, float]:
        return {
            f"{event_type}.{name}": value
            for event_type, tally in sorted(self.per_type.items())
            for name, value in tally.metrics().items()
        }

    def examples(self) -> list[ErrorExample]:
        return self.errors_found


def country_of(codes: Sequence[str], country: str) -> bool:
    """Some actor code starts with the gold CAMEO country (PSEREBHMS -> PSE)."""
    return any(code[:3].upper() == country for code in codes)


def best_event(events: Sequence[PredictedEvent], event_type: str) -> PredictedEvent | None:
    """The most confident coded event of the type; document order breaks ties."""
    of_type = [event for event in events if event.plover_type == event_type]
    return max(of_type, key=lambda event: event.confidence) if of_type else None


def score_spans(golds: Sequence[SpanGold], predictions: Mapping[str, Prediction]) -> SpanScores:
    scores = SpanScores()
    for gold in golds:
        prediction = prediction_for(gold.item, predictions)
        scores.errors += prediction.error is not None
        tally = scores.per_type.setdefault(gold.event_type, SpanTally())
        tally.sentences += 1
        event = best_event(occurring(prediction), gold.event_type)
        tally.detected += event is not None
        source = event.source_codes if event else ()
        target = event.target_codes if event else ()
        if gold.source_country:
            tally.source_gold += 1
            tally.source_right += country_of(source, gold.source_country)
        if gold.target_country:
            tally.target_gold += 1
            tally.target_right += country_of(target, gold.target_country)
        if gold.trigger_words:
            tally.trigger_gold += 1
            words = event.trigger_words if event else ()
            tally.trigger_hit += any(same_word(w, g) for w in words for g in gold.trigger_words)
        if event is None:
            scores.errors_found.append(
                ErrorExample(
                    gold.item.id,
                    f"missed {gold.event_type}",
                    _describe_events(prediction.events),
                    gold.item.text,
                )
            )
    return scores


def flatten(prefix: str, metrics: Mapping[str, float]) -> dict[str, float]:
    return {f"{prefix}.{name}": value for name, value in metrics.items()}


def examples_json(examples: Sequence[ErrorExample], limit: int) -> list[dict[str, Any]]:
    return [example.to_json() for example in examples[:limit]]
