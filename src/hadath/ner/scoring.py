"""Entity spans from B-/I- tags, and entity-level precision/recall/F1 (exact span and type),
read the way conlleval reads tags: an I- tag that does not continue an entity of its own type
starts a new one."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

#: The types the headline figure is the micro-average over.
HEADLINE_TYPES = ("PERS", "LOC", "ORG")


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    """Tokens `[start, end)` of one entity of `type`."""

    start: int
    end: int
    type: str


def spans_from_tags(tags: Sequence[str]) -> list[TaggedSpan]:
    spans: list[TaggedSpan] = []
    start: int | None = None
    current = ""
    for index, tag in enumerate([*tags, "O"]):
        prefix, _, kind = tag.partition("-")
        continues = prefix == "I" and kind == current and start is not None
        if continues:
            continue
        if start is not None:
            spans.append(TaggedSpan(start, index, current))
            start, current = None, ""
        if prefix in {"B", "I"} and kind:
            start, current = index, kind
    return spans


@dataclass(frozen=True, slots=True)
class Score:
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class EntityScores:
    """Counts per type over a corpus; `micro(types)` pools the chosen types."""

    counts: dict[str, list[int]] = field(default_factory=dict)  # type -> [tp, predicted, gold]

    def add_sentence(self, gold: Sequence[str], predicted: Sequence[str]) -> None:
        gold_spans = set(spans_from_tags(gold))
        predicted_spans = set(spans_from_tags(predicted))
        for span in gold_spans:
            self._row(span.type)[2] += 1
        for span in predicted_spans:
            row = self._row(span.type)
            row[1] += 1
            if span in gold_spans:
                row[0] += 1

    def _row(self, kind: str) -> list[int]:
        return self.counts.setdefault(kind, [0, 0, 0])

    def of(self, kind: str) -> Score:
        return Score(*self.counts.get(kind, [0, 0, 0]))

    def micro(self, types: Iterable[str] = HEADLINE_TYPES) -> Score:
        rows = [self.counts.get(kind, [0, 0, 0]) for kind in types]
        return Score(*(sum(row[i] for row in rows) for i in range(3)))


def score_corpus(gold: Iterable[Sequence[str]], predicted: Iterable[Sequence[str]]) -> EntityScores:
    scores = EntityScores()
    for gold_tags, predicted_tags in zip(gold, predicted, strict=True):
        scores.add_sentence(gold_tags, predicted_tags)
    return scores
