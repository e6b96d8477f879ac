"""Whole-article scoring: did the coder find the events an article reports, and nothing else?

The measure an analyst applies to a new coder (docs/codebook.md §9): every coded event that
is not negated is judged, not only conflict events.

* **Recall**: expected events found one to one by a coded event that matches them fully
  (root, actors, and date, place and future where the gold gives them: `event_matches`).
* **Precision**: coded events that match an expected or an optional event, over all coded
  events. A coded event that fully matches an expected event already taken by another one
  (the same visit coded from the lead and from a later paragraph) is right, and counted as
  a *repeat*.
* **Diagnosis**, each from its own one-to-one matching: `root_recall` (some coded event of
  an accepted root), `dyad_accuracy` (of those, the share found with both actors right),
  `date_accuracy` and `place_accuracy` (of the expected events found on root and actors,
  whose gold gives a date or a place, the share whose coded date or place agrees), and the
  share of coded events naming no actor at all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from hadath.evaluation.gold import ArticleGold, ExpectedEvent
from hadath.evaluation.matching import (
    codes_contain,
    date_matches,
    event_matches,
    modality_matches,
    orientation_scores,
    place_matches,
)
from hadath.evaluation.predictions import PredictedEvent, Prediction
from hadath.evaluation.scoring import ErrorExample, prediction_for, ratio, sentence_text

Accept = Callable[[ExpectedEvent, PredictedEvent], bool]


def dyad_matches(expected: ExpectedEvent, event: PredictedEvent) -> bool:
    return event.root in expected.cameo_roots and all(orientation_scores(expected, event))


def root_only(expected: ExpectedEvent, event: PredictedEvent) -> bool:
    return event.root in expected.cameo_roots


def must_not_matches(trap: ExpectedEvent, event: PredictedEvent) -> bool:
    """A trap is hit by a coded event of its root in its sentence (when it gives one)."""
    return (
        event.root in trap.cameo_roots
        and (trap.sentence is None or trap.sentence == event.sentence)
        and codes_contain(event.source_codes, trap.source)
        and codes_contain(event.target_codes, trap.target)
    )


def one_to_one(
    expected: Sequence[ExpectedEvent],
    events: Sequence[PredictedEvent],
    accept: Accept,
    taken: set[int] | None = None,
) -> dict[int, int]:
    """{expected index: event index}, greedy over the best pairs first.

    Best: a full match before a partial one (so a diagnosis matching picks the coded event
    that is also right on date and place when there is one), then the gold's sentence, then
    the more confident event, then document order.
    """
    taken = set() if taken is None else taken
    ranked = sorted(
        (
            not event_matches(gold, event),
            gold.sentence is not None and gold.sentence != event.sentence,
            -event.confidence,
            i,
            j,
        )
        for i, gold in enumerate(expected)
        for j, event in enumerate(events)
        if j not in taken and accept(gold, event)
    )
    pairs: dict[int, int] = {}
    for *_rank, i, j in ranked:
        if i in pairs or j in taken:
            continue
        pairs[i] = j
        taken.add(j)
    return pairs


@dataclass(slots=True)
class ArticleResult:
    """How one article's coded events met its gold."""

    article: ArticleGold
    prediction: Prediction
    events: list[PredictedEvent]  # coded, not negated
    negated: int = 0
    found: dict[int, int] = field(default_factory=dict)  # expected index -> event index
    optional_found: dict[int, int] = field(default_factory=dict)
    repeats: list[int] = field(default_factory=list)  # event indexes
    wrong: list[int] = field(default_factory=list)  # event indexes: false positives
    traps: dict[int, ExpectedEvent] = field(default_factory=dict)  # wrong event -> must_not
    root_found: dict[int, int] = field(default_factory=dict)
    dyad_found: dict[int, int] = field(default_factory=dict)

    @property
    def correct(self) -> int:
        return len(self.found) + len(self.optional_found) + len(self.repeats)

    def missed(self) -> list[ExpectedEvent]:
        return [e for i, e in enumerate(self.article.expected) if i not in self.found]


def score_article(article: ArticleGold, prediction: Prediction) -> ArticleResult:
    events = [event for event in prediction.events if not event.negated]
    negated = len(prediction.events) - len(events)
    result = ArticleResult(article, prediction, events, negated=negated)
    taken: set[int] = set()
    result.found = one_to_one(article.expected, events, event_matches, taken)
    result.optional_found = one_to_one(article.optional, events, event_matches, taken)
    golds = (*article.expected, *article.optional)
    for j, event in enumerate(events):
        if j in taken:
            continue
        if any(event_matches(gold, event) for gold in golds):
            result.repeats.append(j)
            continue
        result.wrong.append(j)
        trap = next((t for t in article.must_not if must_not_matches(t, event)), None)
        if trap is not None:
            result.traps[j] = trap
    result.root_found = one_to_one(article.expected, events, root_only)
    result.dyad_found = one_to_one(article.expected, events, dyad_matches)
    return result


@dataclass(slots=True)
class RootTally:
    expected: int = 0
    found: int = 0
    coded: int = 0
    correct: int = 0

    @property
    def recall(self) -> float:
        return ratio(self.found, self.expected)

    @property
    def precision(self) -> float:
        return ratio(self.correct, self.coded)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class WholeArticleScores:
    """The whole-article measure over a set of articles (one part of the gold)."""

    results: list[ArticleResult] = field(default_factory=list)
    errors: int = 0

    @property
    def articles(self) -> int:
        return len(self.results)

    def total(self, count: Callable[[ArticleResult], int]) -> int:
        return sum(count(result) for result in self.results)

    def metrics(self) -> dict[str, float]:
        expected = self.total(lambda r: len(r.article.expected))
        coded = self.total(lambda r: len(r.events))
        found = self.total(lambda r: len(r.found))
        correct = self.total(lambda r: r.correct)
        precision, recall = ratio(correct, coded), ratio(found, expected)
        root_found = self.total(lambda r: len(r.root_found))
        dated, dated_right, placed, placed_right = self._date_place()
        values = {
            "recall": recall,
            "precision": precision,
            "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "root_recall": ratio(root_found, expected),
            "dyad_accuracy": ratio(self.total(lambda r: len(r.dyad_found)), root_found),
            "date_accuracy": ratio(dated_right, dated),
            "place_accuracy": ratio(placed_right, placed),
            "no_actor_share": ratio(self.total(_actorless), coded),
            "repeat_share": ratio(self.total(lambda r: len(r.repeats)), coded),
        }
        values |= {f"root.{root}.f1": tally.f1 for root, tally in self.per_root().items()}
        return values

    def counts(self) -> dict[str, int]:
        return {
            "articles": self.articles,
            "expected": self.total(lambda r: len(r.article.expected)),
            "optional": self.total(lambda r: len(r.article.optional)),
            "must_not": self.total(lambda r: len(r.article.must_not)),
            "coded": self.total(lambda r: len(r.events)),
            "coded_negated": self.total(lambda r: r.negated),
            "found": self.total(lambda r: len(r.found)),
            "optional_found": self.total(lambda r: len(r.optional_found)),
            "repeats": self.total(lambda r: len(r.repeats)),
            "false_positives": self.total(lambda r: len(r.wrong)),
            "must_not_hit": self.total(lambda r: len(r.traps)),
            "no_actor": self.total(_actorless),
            "one_actor": self.total(_one_actor),
        }

    def _date_place(self) -> tuple[int, int, int, int]:
        dated = dated_right = placed = placed_right = 0
        for result in self.results:
            for i, j in result.dyad_found.items():
                gold, event = result.article.expected[i], result.events[j]
                if gold.date is not None:
                    dated += 1
                    dated_right += date_matches(gold.date, event.date)
                if gold.location:
                    placed += 1
                    placed_right += place_matches(gold.location, event.location_names)
        return dated, dated_right, placed, placed_right

    def per_root(self) -> dict[str, RootTally]:
        tallies: dict[str, RootTally] = {}
        for result in self.results:
            for i, gold in enumerate(result.article.expected):
                tally = tallies.setdefault(gold.primary_root, RootTally())
                tally.expected += 1
                tally.found += i in result.found
            right = {*result.found.values(), *result.optional_found.values(), *result.repeats}
            for j, event in enumerate(result.events):
                tally = tallies.setdefault(event.root, RootTally())
                tally.coded += 1
                tally.correct += j in right
        return dict(sorted(tallies.items()))

    def examples(self) -> list[ErrorExample]:
        found: list[ErrorExample] = []
        for result in self.results:
            found.extend(miss_examples(result))
            found.extend(false_positive_examples(result))
        return found


def _actorless(result: ArticleResult) -> int:
    return sum(1 for e in result.events if not e.source_codes and not e.target_codes)


def _one_actor(result: ArticleResult) -> int:
    return sum(1 for e in result.events if bool(e.source_codes) != bool(e.target_codes))


def why_not(gold: ExpectedEvent, event: PredictedEvent) -> str:
    """What keeps a coded event of the right root from matching an expected one."""
    reasons = []
    source_right, target_right = orientation_scores(gold, event)
    if not source_right:
        reasons.append(f"source {','.join(event.source_codes) or '-'} not {'/'.join(gold.source)}")
    if not target_right:
        reasons.append(f"target {','.join(event.target_codes) or '-'} not {'/'.join(gold.target)}")
    if not date_matches(gold.date, event.date):
        reasons.append(f"date {event.date or '-'} not {gold.date}")
    if not place_matches(gold.location, event.location_names):
        coded = "/".join(event.location_names[:2]) or "-"
        reasons.append(f"place {coded} not {'/'.join(gold.location)}")
    if not modality_matches(gold, event):
        reasons.append(f"modality {','.join(sorted(event.modality)) or '-'}")
    return "; ".join(reasons)


def miss_examples(result: ArticleResult) -> list[ErrorExample]:
    item = result.article.item
    examples = []
    for i, gold in enumerate(result.article.expected):
        if i in result.found:
            continue
        detail = f"{gold.id}: {'/'.join(gold.cameo_roots)} {gold.what}".strip()
        near = result.root_found.get(i)
        if near is not None:
            event = result.events[near]
            detail += f" | coded {event.describe()} (s{event.sentence}): {why_not(gold, event)}"
        else:
            detail += " | no coded event of this root"
        text = sentence_text(result.prediction.sentences, gold.sentence) or item.text[:200]
        examples.append(ErrorExample(item.id, "missed", detail, text))
    return examples


def false_positive_examples(result: ArticleResult) -> list[ErrorExample]:
    item = result.article.item
    examples = []
    for j in result.wrong:
        event = result.events[j]
        trap = result.traps.get(j)
        kind = f"false positive (must_not: {trap.what or trap.id})" if trap else "false positive"
        detail = event.describe()
        if event.explanation:
            detail += f" | {event.explanation}"
        examples.append(ErrorExample(item.id, kind, detail, event.sentence_text))
    return examples


def score_whole_articles(
    articles: Sequence[ArticleGold], predictions: Mapping[str, Prediction]
) -> WholeArticleScores:
    scores = WholeArticleScores()
    for article in articles:
        prediction = prediction_for(article.item, predictions)
        scores.errors += prediction.error is not None
        scores.results.append(score_article(article, prediction))
    return scores
