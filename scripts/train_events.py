"""Train the event decision (hadath.events.decision) from ../shared and our own gold.

    python scripts/train_events.py [--shared ../shared] [--folds 5] [--workers 2] [--cv-only]

Every candidate the rules propose (events/candidates.py) on the training texts becomes one
row: its features (events/features.py, shared with the coder) and a label read from the gold:

* whole-article gold, train part (`gold/news/train`): a candidate is an event when an
  expected event of its sentence has its root; a candidate that only an optional event
  explains is left out; one matching a `must_not` trap weighs double;
* arabic_event_gsr dev: a candidate of the file's PLOVER type takes the sentence's label
  (yes / easy or difficult no; ambiguous rows are out);
* UN QuadClass dev: a candidate of the sentence's class is an event, any other is not;
  UN relevance dev: every candidate of an irrelevant sentence is not an event;
* tests/gold and the seed: a candidate of an expected root is an event, one of a root the
  record calls a false positive is not.

The argument decision (events/arguments.py) learns from the same candidates: every actor
slot of a labelled event's sentence is a row for the source model and one for the target
model, labelled by the gold's actor fragments (article gold, our gold) or by the annotators'
majority country (arabic_event_gsr spans, candidates of the file's type).

A logistic regression (scikit-learn, L2, fixed seed) is trained with folds grouped by
source document (Gigaword document, article, record; UN sentences by their text), and the
figures printed are those of each fold's model on the fold it never saw: arabic_event_gsr
detection and UN QuadClass/relevance scored as `hadath eval` scores them, and the whole
train part of the article gold coded end to end. The QuadClass thresholds are chosen on the
same out-of-fold scores. The final model learns from everything and is written, with its
card, to src/hadath/data/models/. The dev part of the article gold is never read.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hadath.api import CoderOptions
from hadath.codes import default_codes, quad_class
from hadath.evaluation.articles import score_whole_articles
from hadath.evaluation.gold import ArticleGold, GoldItem, read_yaml_gold
from hadath.evaluation.gold_external import (
    SpanGold,
    read_gsr_detection,
    read_gsr_spans,
    read_labelled_tsv,
)
from hadath.evaluation.predictions import PredictedEvent, Prediction, prediction_from_document
from hadath.evaluation.quad import score_quad, score_relevance, un_quad_class
from hadath.evaluation.scoring import score_detection, score_spans
from hadath.events.arguments import MODEL_FILES, ArgumentModels, features_of_slots
from hadath.events.candidates import Candidate
from hadath.events.coder import EventStage
from hadath.events.decision import MODEL_FILE, LinearDecision
from hadath.events.features import SentenceBag, candidate_features, feature_value
from hadath.model import Document
from hadath.morph.cache import default_cache_dir
from hadath.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261203
#: How much one labelled candidate of each source weighs: the articles are the product's
#: own use; the UN sentences are resolution prose, far from news.
SOURCE_WEIGHTS = {
    "news": 3.0, "own": 2.0, "seed": 2.0, "gsr": 1.0, "spans": 1.0, "quad": 0.5, "binary": 0.5,
}  # fmt: skip
MIN_FEATURE_COUNT = 2  # a feature seen once cannot be weighed


@dataclass(frozen=True)
class Item:
    """One training text and what its gold says."""

    item: GoldItem
    source: str  # news | gsr | quad | binary | own | seed
    group: str  # documents sharing it are in the same fold
    article: ArticleGold | None = None
    event_type: str | None = None  # gsr: the file's PLOVER type
    label: int | None = None  # gsr: 1/0; quad: UN class; binary: 0/1
    spans: SpanGold | None = None  # gsr-spans: the annotators' countries


@dataclass(frozen=True)
class SlotRow:
    """One actor slot of a candidate's sentence."""

    features: tuple[str, ...]
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Row:
    """One candidate of one item."""

    sentence: int
    code: str
    features: tuple[str, ...]
    negated: bool
    slots: tuple[SlotRow, ...] = ()


@dataclass
class Dataset:
    items: list[Item]
    rows: dict[str, list[Row]]  # item id -> candidates


# ---------------------------------------------------------------------------- reading


def _group(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


def load_items(shared: Path) -> list[Item]:
    items: list[Item] = []
    for path in sorted((ROOT / "gold" / "news" / "train").glob("*.yaml")):
        for article in read_yaml_gold(path):
            assert article.part == "train", path  # the dev part is never read
            items.append(Item(article.item, "news", article.item.id, article=article))
    for path in sorted((ROOT / "tests" / "gold").glob("*.yaml")):
        for article in read_yaml_gold(path):
            items.append(Item(article.item, "own", article.item.id, article=article))
    for article in read_yaml_gold(shared / "seed" / "cairo-talks.gold.yaml"):
        items.append(Item(article.item, "seed", "seed", article=article))
    events = shared / "data" / "events"
    for name in ("assault_gsr.dev.csv", "protest_gsr.dev.csv"):
        for gold in read_gsr_detection(events / "arabic_event_gsr" / name).records:
            document = gold.item.id.rsplit("-", 1)[0]  # AAW_ARB_20071026.0026-2
            items.append(
                Item(
                    gold.item, "gsr", document, event_type=gold.event_type, label=int(gold.positive)
                )
            )
    for name in ("assault_spans.dev.json", "protest_spans.dev.json"):
        for span in read_gsr_spans(events / "arabic_event_gsr" / name).records:
            document = span.item.id.rsplit("-", 1)[0]
            items.append(Item(span.item, "spans", document, event_type=span.event_type, spans=span))
    for kind, name in (("quad", "ar_quad.dev.tsv"), ("binary", "ar_binary.dev.tsv")):
        for gold in read_labelled_tsv(events / "un_quadclass" / name, kind).records:
            items.append(Item(gold.item, kind, _group(gold.item.text), label=gold.label))
    return items


# ---------------------------------------------------------------------------- candidates


class CollectingStage(EventStage):
    """The event stage that records every framed candidate and codes by the rules."""

    def __init__(self) -> None:
        super().__init__(CoderOptions(decisions=False))
        self.other_readings = True
        self.rows: list[Row] = []

    def decide(
        self, candidate: Candidate, bag: SentenceBag | None = None, shared: object = None
    ) -> bool:
        if candidate.participants is not None and candidate.reader is not None:
            features = tuple(candidate_features(candidate, self.realis, bag))
            slots = tuple(
                SlotRow(tuple(names), tuple(str(a.get("code")) for a in slot.actors))
                for slot, names in features_of_slots(candidate, candidate.reader)
            )
            negated = candidate.modality.negated
            row = Row(candidate.sentence.index, candidate.code, features, negated, slots)
            self.rows.append(row)
        return candidate.rules_keep


_PIPELINES: dict[str, tuple[Pipeline, CollectingStage]] = {}  # one per worker process


def _collector() -> tuple[Pipeline, CollectingStage]:
    if "collect" not in _PIPELINES:
        from hadath.analysis import text_pipeline
        from hadath.entities import entity_stages

        stage = CollectingStage()
        stages = [*text_pipeline().stages, *entity_stages(CoderOptions()), stage]
        _PIPELINES["collect"] = (Pipeline(stages), stage)
    return _PIPELINES["collect"]


def _collect_one(item: GoldItem) -> tuple[str, list[Row] | None]:
    pipeline, stage = _collector()
    stage.rows = []
    try:
        pipeline(Document(raw_text=item.text, id=item.id, published=item.published))
    except Exception as error:  # reported with its text, and the run stops before caching
        print(f"coding {item.id} failed: {type(error).__name__}: {error}", file=sys.stderr)
        return item.id, None
    return item.id, stage.rows


def _code_version() -> str:
    digest = hashlib.sha1(Path(__file__).read_bytes())
    for path in sorted((ROOT / "src" / "hadath").rglob("*")):
        if path.suffix in {".py", ".yaml"} and "models" not in path.parts:
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def collect(items: Sequence[Item], workers: int) -> dict[str, list[Row]]:
    """Candidates of every item, cached on disk by the code and the texts they came from."""
    key = hashlib.sha1(_code_version().encode())
    for item in items:
        key.update(item.item.id.encode() + item.item.text.encode())
    cache = default_cache_dir() / f"train-events-{key.hexdigest()[:16]}.pickle"
    if cache.is_file():
        plain = pickle.loads(cache.read_bytes())
        return {key: [_row(values) for values in found] for key, found in plain.items()}
    unique = {item.item.id: item.item for item in items}
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        collected = dict(pool.map(_collect_one, unique.values(), chunksize=16))
    failed = [key for key, found in collected.items() if found is None]
    if failed:
        raise SystemExit(f"coding failed on {len(failed)} texts (first: {failed[0]}): not cached")
    rows = {key: found for key, found in collected.items() if found is not None}
    print(f"candidates of {len(unique)} texts in {time.perf_counter() - started:.0f} s")
    cache.parent.mkdir(parents=True, exist_ok=True)
    # plain tuples: the cache reads back whether this file runs as a script or is imported
    plain = {key: [_plain(row) for row in found] for key, found in rows.items()}
    cache.write_bytes(pickle.dumps(plain))
    return rows


def _plain(row: Row) -> tuple[Any, ...]:
    slots = tuple((slot.features, slot.codes) for slot in row.slots)
    return (row.sentence, row.code, row.features, row.negated, slots)


def _row(values: tuple[Any, ...]) -> Row:
    sentence, code, features, negated, slots = values
    return Row(sentence, code, features, negated, tuple(SlotRow(*slot) for slot in slots))


# ---------------------------------------------------------------------------- labels


def _article_label(
    article: ArticleGold, row: Row, rank: int, source: str
) -> tuple[int, float] | None:
    """A candidate stands for an expected event of its sentence and root when it is among
    the first candidates of that root there, one per expected event (then one per optional
    event, unlabelled); later ones of the root are duplicates of the same act ("وصل … في
    زيارة") and are not events. `rank` is the candidate's place among its sentence's
    candidates of its root."""

    def here(events: Iterable[Any]) -> int:
        return sum(
            1
            for e in events
            if row.code[:2] in e.cameo_roots and (e.sentence is None or e.sentence == row.sentence)
        )

    expected, optional = here(article.expected), here(article.optional)
    if rank < expected:
        return 1, 1.0
    if rank < expected + optional:
        return None
    if expected or optional:
        return 0, 1.0
    if source == "news":
        return 0, 2.0 if here(article.must_not) else 1.0
    return (0, 1.0) if row.code[:2] in article.false_positive_roots else None


_CODES = default_codes()


def label(item: Item, row: Row, rank: int = 0) -> tuple[int, float] | None:
    """(is it an event?, weight within its source) or None when the gold cannot tell; `rank`
    is the candidate's place among its sentence's candidates of its root."""
    if item.article is not None:
        return _article_label(item.article, row, rank, item.source)
    if item.source == "gsr":
        kind = _CODES.get(row.code).plover_type if row.code in _CODES else None
        return (int(item.label or 0), 1.0) if kind == item.event_type else None
    if item.source == "quad":
        same = item.label != 0 and un_quad_class(quad_class(row.code)) == item.label
        return int(same), 1.0
    if item.source == "binary":
        return (0, 1.0) if item.label == 0 else None
    if item.source == "spans":
        kind = _CODES.get(row.code).plover_type if row.code in _CODES else None
        return (1, 0.5) if kind == item.event_type else None
    return None


def _gold_event(article: ArticleGold, row: Row) -> Any | None:
    """The expected event a candidate stands for: of its sentence and root, the one whose
    actors most of the sentence's slots carry."""
    events = [
        e
        for e in article.expected
        if row.code[:2] in e.cameo_roots and (e.sentence is None or e.sentence == row.sentence)
    ]

    def carried(event: Any) -> int:
        fragments = [*event.source, *event.target]
        return sum(any(f in c for f in fragments for c in slot.codes) for slot in row.slots)

    return max(events, key=carried) if events else None


def _has(codes: Sequence[str], fragments: Sequence[str]) -> bool:
    return any(fragment.upper() in code.upper() for code in codes for fragment in fragments)


def slot_labels(item: Item, row: Row) -> list[tuple[int, int]] | None:
    """(is it the source?, is it the target?) for every slot of a candidate (-1: the gold
    does not say), or None when the gold does not say who the candidate's actors are."""
    if item.spans is not None:
        kind = _CODES.get(row.code).plover_type if row.code in _CODES else None
        if kind != item.event_type:
            return None
        # A side whose annotators named no country (gunmen, "None") says nothing of our
        # slots: left out (-1), not taken as "no actor".
        source, target = item.spans.source_country, item.spans.target_country
        return [
            (int(any(c[:3] == source for c in slot.codes)) if source else -1,
             int(any(c[:3] == target for c in slot.codes)) if target else -1)
            for slot in row.slots
        ]  # fmt: skip
    if item.article is None:
        return None
    event = _gold_event(item.article, row)
    if event is None:
        return None
    labels = []
    for slot in row.slots:
        source, target = _has(slot.codes, event.source), _has(slot.codes, event.target)
        if event.symmetric:
            source = target = source or target
        labels.append((int(source), int(target)))
    return labels


def ranks(rows: Sequence[Row]) -> list[int]:
    """Each candidate's place among the earlier candidates of its sentence and root."""
    seen: Counter[tuple[int, str]] = Counter()
    found = []
    for row in rows:
        key = (row.sentence, row.code[:2])
        found.append(seen[key])
        seen[key] += 1
    return found


def labelled(item: Item, rows: Sequence[Row]) -> Iterable[tuple[int, Row, tuple[int, float]]]:
    """(row number, row, label) of the candidates the gold labels."""
    for number, (row, rank) in enumerate(zip(rows, ranks(rows), strict=True)):
        found = label(item, row, rank)
        if found is not None:
            yield number, row, found


@dataclass
class Matrix:
    names: list[str]
    index: dict[str, int]
    features: list[tuple[str, ...]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    keys: list[tuple[str, int]] = field(default_factory=list)  # (item id, row number)


def rows_of(data: Dataset, items: Iterable[Item]) -> Matrix:
    matrix = Matrix([], {})
    for item in items:
        for number, row, found in labelled(item, data.rows.get(item.item.id, [])):
            matrix.features.append(row.features)
            matrix.labels.append(found[0])
            matrix.weights.append(found[1] * SOURCE_WEIGHTS[item.source])
            matrix.keys.append((item.item.id, number))
    return matrix


def slot_rows(data: Dataset, items: Iterable[Item], role: int) -> Matrix:
    """Rows of the source (role 0) or target (role 1) model."""
    matrix = Matrix([], {})
    for item in items:
        for number, row in enumerate(data.rows.get(item.item.id, [])):
            labels = slot_labels(item, row)
            if labels is None:
                continue
            for slot, pair in zip(row.slots, labels, strict=True):
                if pair[role] < 0:
                    continue
                matrix.features.append(slot.features)
                matrix.labels.append(pair[role])
                matrix.weights.append(SOURCE_WEIGHTS[item.source])
                matrix.keys.append((item.item.id, number))
    return matrix


# ---------------------------------------------------------------------------- model


def fit(matrix: Matrix, c: float) -> LinearDecision:
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = Counter(name for features in matrix.features for name in features)
    names = sorted(name for name, n in counts.items() if n >= MIN_FEATURE_COUNT)
    index = {name: i for i, name in enumerate(names)}
    indptr, columns, values = [0], [], []
    for features in matrix.features:
        present = [name for name in features if name in index]
        columns.extend(index[name] for name in present)
        values.extend(feature_value(name) for name in present)
        indptr.append(len(columns))
    x = csr_matrix((values, columns, indptr), shape=(len(indptr) - 1, len(names)))
    model = LogisticRegression(C=c, solver="liblinear", random_state=SEED, max_iter=1000)
    model.fit(x, matrix.labels, sample_weight=matrix.weights)
    weights = {
        name: round(float(w) * feature_value(name), 4)
        for name, w in zip(names, model.coef_[0], strict=True)
        if abs(w * feature_value(name)) >= 1e-3
    }
    return LinearDecision(weights, round(float(model.intercept_[0]), 4), {"default": 0.5})


def fold_of(group: str, folds: int) -> int:
    return int(hashlib.sha1(group.encode()).hexdigest(), 16) % folds


@dataclass
class CrossValidation:
    models: list[LinearDecision]
    arguments: list[ArgumentModels]
    oof: dict[tuple[str, int], float]  # (item id, row number) -> out-of-fold probability
    # (item id, row number) -> [(source p, target p)] for each slot, out of fold
    slot_oof: dict[tuple[str, int], list[tuple[float, float]]] = field(default_factory=dict)


#: The argument models see a few thousand slots, against 40k candidates: a weaker prior.
ARGUMENT_C = 0.5


def fit_arguments(data: Dataset, items: Sequence[Item], c: float) -> ArgumentModels:
    source, target = (fit(slot_rows(data, items, role), ARGUMENT_C) for role in (0, 1))
    return ArgumentModels(source, target)


def cross_validate(data: Dataset, folds: int, c: float) -> CrossValidation:
    models: list[LinearDecision] = []
    arguments: list[ArgumentModels] = []
    oof: dict[tuple[str, int], float] = {}
    slot_oof: dict[tuple[str, int], list[tuple[float, float]]] = {}
    for fold in range(folds):
        train = [i for i in data.items if fold_of(i.group, folds) != fold]
        model = fit(rows_of(data, train), c)
        models.append(model)
        arguments.append(fit_arguments(data, train, c))
        for item in data.items:
            if fold_of(item.group, folds) != fold:
                continue
            for number, row in enumerate(data.rows.get(item.item.id, [])):
                verdict = model.score(row.features, quad_class(row.code))
                oof[(item.item.id, number)] = verdict.probability
                slot_oof[(item.item.id, number)] = [
                    (
                        arguments[-1].source.score(slot.features, 0).probability,
                        arguments[-1].target.score(slot.features, 0).probability,
                    )
                    for slot in row.slots
                ]
    return CrossValidation(models, arguments, oof, slot_oof)


def _candidate_f1(
    scored: Sequence[tuple[float, int, int, float]], thresholds: Mapping[str, float]
) -> float:
    tp = fp = fn = 0.0
    for p, quad, y, w in scored:
        kept = p >= thresholds[str(quad)]
        tp += w * (kept and y)
        fp += w * (kept and not y)
        fn += w * (not kept and y)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def choose_thresholds(data: Dataset, oof: Mapping[tuple[str, int], float]) -> dict[str, float]:
    """Per QuadClass, the thresholds that make the out-of-fold decisions best by one score:
    three times the F1 of the article gold's labelled candidates, plus arabic_event_gsr
    ASSAULT and PROTEST F1 and UN QuadClass macro-F1 (coordinate ascent from 0.5, between
    0.2 and 0.8)."""
    news = [
        (oof[(item.item.id, number)], quad_class(row.code), found[0], found[1])
        for item in data.items
        if item.source == "news"
        for number, row, found in labelled(item, data.rows.get(item.item.id, []))
    ]

    def score(thresholds: Mapping[str, float]) -> float:
        figures = sentence_figures(data, oof, thresholds)
        return (
            3 * _candidate_f1(news, thresholds)
            + figures["gsr.ASSAULT.f1"]
            + figures["gsr.PROTEST.f1"]
            + figures["quad.macro_f1"]
        )

    thresholds = {"default": 0.5, **{str(q): 0.5 for q in (1, 2, 3, 4)}}
    best = score(thresholds)
    for _round in range(2):
        for quad in ("1", "2", "3", "4"):
            for step in range(20, 81, 4):
                trial = {**thresholds, quad: step / 100}
                value = score(trial)
                if value > best:
                    best, thresholds = value, trial
    return thresholds


def choose_argument_thresholds(data: Dataset, cv: CrossValidation) -> tuple[float, float]:
    """Per role, the threshold under which the best slot is left out, chosen so that the
    most labelled candidates get the right actor or rightly none (weighted by source)."""
    chosen = []
    for role in (0, 1):
        cases: list[tuple[float, bool, bool, float]] = []  # best p, best right, any right, w
        for item in data.items:
            for number, row in enumerate(data.rows.get(item.item.id, [])):
                labels = slot_labels(item, row)
                if not labels or labels[0][role] < 0:
                    continue
                scored = cv.slot_oof[(item.item.id, number)]
                best = max(range(len(scored)), key=lambda i: scored[i][role])
                any_right = any(pair[role] for pair in labels)
                weight = SOURCE_WEIGHTS[item.source]
                cases.append((scored[best][role], bool(labels[best][role]), any_right, weight))
        best_t, best_score = 0.5, -1.0
        for step in range(5, 91, 5):
            t = step / 100
            score = sum(
                w for p, right, any_right, w in cases
                if (p >= t and right) or (p < t and not any_right)
            )  # fmt: skip
            if score > best_score:
                best_t, best_score = t, score
        chosen.append(best_t)
    return chosen[0], chosen[1]


def with_thresholds(models: ArgumentModels, source: float, target: float) -> ArgumentModels:
    return ArgumentModels(
        LinearDecision(models.source.weights, models.source.bias, {"default": source}),
        LinearDecision(models.target.weights, models.target.bias, {"default": target}),
    )


# ---------------------------------------------------------------------------- figures


def _predicted(row: Row, probability: float) -> PredictedEvent:
    entry = _CODES.get(row.code) if row.code in _CODES else None
    return PredictedEvent(
        root=row.code[:2],
        cameo=row.code,
        quad_class=quad_class(row.code),
        plover_type=entry.plover_type if entry else None,
        sentence=row.sentence,
        modality=frozenset({"negated"}) if row.negated else frozenset(),
        confidence=probability,
    )


def sentence_figures(
    data: Dataset, oof: Mapping[tuple[str, int], float], thresholds: Mapping[str, float]
) -> dict[str, float]:
    """arabic_event_gsr and UN figures of the out-of-fold decisions, scored as `hadath eval`
    scores them (the coded events of a sentence are its kept candidates)."""
    predictions: dict[str, Prediction] = {}
    for item in data.items:
        if item.source not in {"gsr", "quad", "binary"}:
            continue
        kept = []
        for number, row in enumerate(data.rows.get(item.item.id, [])):
            p = oof[(item.item.id, number)]
            if p >= thresholds.get(str(quad_class(row.code)), thresholds["default"]):
                kept.append(_predicted(row, p))
        predictions[item.item.id] = Prediction(item.item.id, events=tuple(kept))
    figures: dict[str, float] = {}
    gsr = [_detection(i) for i in data.items if i.source == "gsr"]
    for name, value in score_detection(gsr, predictions).metrics().items():
        figures[f"gsr.{name}"] = value
    quads = [_class_gold(i) for i in data.items if i.source == "quad"]
    figures |= {f"quad.{k}": v for k, v in score_quad(quads, predictions).metrics().items()}
    binary = [_class_gold(i) for i in data.items if i.source == "binary"]
    figures |= {f"binary.{k}": v for k, v in score_relevance(binary, predictions).metrics().items()}
    return figures


def _detection(item: Item) -> Any:
    from hadath.evaluation.gold_external import DetectionGold

    label_text = "yes" if item.label else "difficult no"
    return DetectionGold(item.item, item.event_type or "", bool(item.label), label_text)


def _class_gold(item: Item) -> Any:
    from hadath.evaluation.gold_external import ClassGold

    return ClassGold(item.item, int(item.label or 0))


def end_to_end_figures(
    data: Dataset,
    cv: CrossValidation,
    thresholds: Mapping[str, float],
    folds: int,
    dump: Path | None = None,
) -> dict[str, float]:
    """The article gold's train part and the arabic_event_gsr spans coded end to end, each
    text by the fold models that never saw it."""
    from hadath.analysis import text_pipeline
    from hadath.entities import entity_stages

    texts = [i for i in data.items if i.source in {"news", "spans"}]
    predictions: dict[str, Prediction] = {}
    base = [*text_pipeline().stages, *entity_stages(CoderOptions())]
    source_t, target_t = choose_argument_thresholds(data, cv)
    print(f"argument thresholds: source {source_t}, target {target_t}")
    for fold, (model, fold_arguments) in enumerate(zip(cv.models, cv.arguments, strict=True)):
        decision = LinearDecision(model.weights, model.bias, thresholds)
        arguments = with_thresholds(fold_arguments, source_t, target_t)
        stage = EventStage(CoderOptions(), decision=decision, arguments=arguments)
        pipeline = Pipeline([*base, stage])
        for item in texts:
            if fold_of(item.group, folds) == fold and item.item.id not in predictions:
                doc = Document(
                    raw_text=item.item.text, id=item.item.id, published=item.item.published
                )
                predictions[item.item.id] = prediction_from_document(item.item.id, pipeline(doc))
    golds = [i.article for i in texts if i.article is not None]
    whole = score_whole_articles(golds, predictions)
    if dump is not None:
        dump.write_text(
            json.dumps([e.to_json() for e in whole.examples()], ensure_ascii=False, indent=1),
            encoding="utf-8",
        )
    metrics = whole.metrics()
    figures = {f"news.train.{k}": v for k, v in metrics.items() if not k.startswith("root.")}
    spans = [i.spans for i in texts if i.spans is not None]
    figures |= {f"gsr-spans.{k}": v for k, v in score_spans(spans, predictions).metrics().items()}
    return figures


# ---------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--c", type=float, default=0.6, help="inverse L2 strength (chosen by cross-validation)"
    )
    parser.add_argument("--cv-only", action="store_true", help="print figures, write nothing")
    parser.add_argument("--dump", type=Path, help="write the train part's out-of-fold errors")
    parser.add_argument("--out", type=Path, default=ROOT / "src" / "hadath" / "data" / "models")
    args = parser.parse_args(argv)
    if not (args.shared / "data" / "events").is_dir():
        print(f"no training data under {args.shared}", file=sys.stderr)
        return 3
    items = load_items(args.shared)
    data = Dataset(items, collect(items, args.workers))
    print("items:", dict(Counter(i.source for i in items)))
    cv = cross_validate(data, args.folds, args.c)
    thresholds = choose_thresholds(data, cv.oof)
    figures = sentence_figures(data, cv.oof, thresholds)
    figures |= end_to_end_figures(data, cv, thresholds, args.folds, args.dump)
    print("thresholds:", thresholds)
    for name, value in sorted(figures.items()):
        print(f"{name:48s} {value:.4f}")
    if args.cv_only:
        return 0
    final = fit(rows_of(data, items), args.c)
    model = LinearDecision(final.weights, final.bias, thresholds, {"cv": figures, "c": args.c})
    args.out.mkdir(parents=True, exist_ok=True)
    model.save(args.out / MODEL_FILE)
    print(f"wrote {args.out / MODEL_FILE}: {len(final.weights)} weights")
    arguments = with_thresholds(
        fit_arguments(data, items, args.c), *choose_argument_thresholds(data, cv)
    )
    for role, part in (("source", arguments.source), ("target", arguments.target)):
        part.save(args.out / MODEL_FILES[role])
        print(f"wrote {args.out / MODEL_FILES[role]}: {len(part.weights)} weights")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
