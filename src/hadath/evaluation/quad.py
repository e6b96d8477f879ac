"""UN QuadClass and event relevance: one class per sentence from the events coded in it.

The UN set numbers its classes differently from the GDELT QuadClass our events carry:

    UN:    0 none, 1 material conflict, 2 material cooperation, 3 verbal conflict,
           4 verbal cooperation
    GDELT: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict

A sentence's predicted UN class: 0 when no event that happened (not negated) is coded;
otherwise the class of the most confident event, ties going to the most severe class
(material conflict > verbal conflict > material cooperation > verbal cooperation).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from hadath.evaluation.gold_external import ClassGold
from hadath.evaluation.predictions import (
    MATERIAL_CONFLICT,
    MATERIAL_COOPERATION,
    VERBAL_CONFLICT,
    VERBAL_COOPERATION,
    PredictedEvent,
    Prediction,
)
from hadath.evaluation.scoring import (
    Counts,
    ErrorExample,
    occurring,
    prediction_for,
    ratio,
)

UN_NONE, UN_MATERIAL_CONFLICT, UN_MATERIAL_COOPERATION = 0, 1, 2
UN_VERBAL_CONFLICT, UN_VERBAL_COOPERATION = 3, 4
UN_QUAD_NAMES = {
    UN_NONE: "none",
    UN_MATERIAL_CONFLICT: "material conflict",
    UN_MATERIAL_COOPERATION: "material cooperation",
    UN_VERBAL_CONFLICT: "verbal conflict",
    UN_VERBAL_COOPERATION: "verbal cooperation",
}
GDELT_TO_UN = {
    VERBAL_COOPERATION: UN_VERBAL_COOPERATION,
    MATERIAL_COOPERATION: UN_MATERIAL_COOPERATION,
    VERBAL_CONFLICT: UN_VERBAL_CONFLICT,
    MATERIAL_CONFLICT: UN_MATERIAL_CONFLICT,
}
_SEVERITY = {
    UN_MATERIAL_CONFLICT: 4,
    UN_VERBAL_CONFLICT: 3,
    UN_MATERIAL_COOPERATION: 2,
    UN_VERBAL_COOPERATION: 1,
}
EVENT_CLASSES = (1, 2, 3, 4)
ALL_CLASSES = (0, *EVENT_CLASSES)


def un_quad_class(gdelt_quad_class: int) -> int:
    """UN class of a GDELT QuadClass; an unknown value raises (a coder bug, not data)."""
    try:
        return GDELT_TO_UN[gdelt_quad_class]
    except KeyError:
        raise ValueError(f"not a GDELT QuadClass: {gdelt_quad_class!r}") from None


def sentence_class(events: Sequence[PredictedEvent]) -> int:
    happened = [event for event in events if not event.negated]
    if not happened:
        return UN_NONE
    best = max(happened, key=lambda e: (e.confidence, _SEVERITY[un_quad_class(e.quad_class)]))
    return un_quad_class(best.quad_class)


@dataclass(slots=True)
class QuadScores:
    confusion: dict[int, dict[int, int]] = field(
        default_factory=lambda: {gold: dict.fromkeys(ALL_CLASSES, 0) for gold in ALL_CLASSES}
    )
    errors_found: list[ErrorExample] = field(default_factory=list)
    errors: int = 0

    def counts(self, label: int) -> Counts:
        tp = self.confusion[label][label]
        fp = sum(self.confusion[gold][label] for gold in ALL_CLASSES if gold != label)
        fn = sum(self.confusion[label][pred] for pred in ALL_CLASSES if pred != label)
        return Counts(tp=tp, fp=fp, fn=fn)

    def total(self) -> int:
        return sum(sum(row.values()) for row in self.confusion.values())

    def metrics(self) -> dict[str, float]:
        f1 = {label: self.counts(label).f1 for label in ALL_CLASSES}
        right = sum(self.confusion[label][label] for label in ALL_CLASSES)
        values = {
            "macro_f1": sum(f1[c] for c in EVENT_CLASSES) / len(EVENT_CLASSES),
            "macro_f1_with_none": sum(f1.values()) / len(ALL_CLASSES),
            "accuracy": ratio(right, self.total()),
        }
        values |= {f"class.{UN_QUAD_NAMES[c].replace(' ', '_')}.f1": f1[c] for c in ALL_CLASSES}
        return values

    def examples(self) -> list[ErrorExample]:
        return self.errors_found


def score_quad(golds: Sequence[ClassGold], predictions: Mapping[str, Prediction]) -> QuadScores:
    scores = QuadScores()
    for gold in golds:
        prediction = prediction_for(gold.item, predictions)
        scores.errors += prediction.error is not None
        predicted = sentence_class(prediction.events)
        scores.confusion[gold.label][predicted] += 1
        if predicted != gold.label:
            described = "; ".join(e.describe() for e in prediction.events) or "no event"
            scores.errors_found.append(
                ErrorExample(
                    gold.item.id,
                    f"{UN_QUAD_NAMES[gold.label]} coded as {UN_QUAD_NAMES[predicted]}",
                    described,
                    gold.item.text,
                )
            )
    return scores


@dataclass(slots=True)
class RelevanceScores:
    """ar_binary: is any event (not negated) coded in an event-relevant sentence?"""

    counts: Counts = field(default_factory=Counts)
    errors_found: list[ErrorExample] = field(default_factory=list)
    errors: int = 0

    def metrics(self) -> dict[str, float]:
        return {
            "precision": self.counts.precision,
            "recall": self.counts.recall,
            "f1": self.counts.f1,
        }

    def examples(self) -> list[ErrorExample]:
        return self.errors_found


def score_relevance(
    golds: Sequence[ClassGold], predictions: Mapping[str, Prediction]
) -> RelevanceScores:
    scores = RelevanceScores()
    for gold in golds:
        prediction = prediction_for(gold.item, predictions)
        scores.errors += prediction.error is not None
        events = occurring(prediction)
        relevant, coded = gold.label == 1, bool(events)
        if relevant and coded:
            scores.counts.tp += 1
        elif relevant:
            scores.counts.fn += 1
            scores.errors_found.append(
                ErrorExample(gold.item.id, "missed", "no event", gold.item.text)
            )
        elif coded:
            scores.counts.fp += 1
            described = "; ".join(e.describe() for e in events)
            scores.errors_found.append(
                ErrorExample(gold.item.id, "false positive", described, gold.item.text)
            )
        else:
            scores.counts.tn += 1
    return scores
