"""The event decision: a trained linear model says whether a candidate is an event.

A candidate (`events/candidates.py`) is scored from its features (`events/features.py`):
`p = sigmoid(bias + Σ weight[feature])`. It is coded when `p` reaches the threshold of its
QuadClass, chosen on training data by `scripts/train_events.py` and written in the model
file and its card. `p` is the event's confidence; the features with the largest weights
present are its explanation ("requested, not done −1.9; q4 word=أمس +0.8 ...").

The model is a gzipped JSON file in `src/hadath/data/models/` with a card beside it
(`event_decision.md`). Without the file the coder keeps the rules' own verdict.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

MODEL_FORMAT = "hadath-linear-decision"
MODEL_FILE = "event_decision.json.gz"
#: How many features an explanation names.
DECISIVE = 6


class ModelError(ValueError):
    """A model file that cannot be read or is not an event decision model."""


@dataclass(frozen=True, slots=True)
class Verdict:
    probability: float
    threshold: float
    decisive: tuple[tuple[str, float], ...]

    @property
    def keep(self) -> bool:
        return self.probability >= self.threshold

    def explanation(self) -> dict[str, Any]:
        return {
            "probability": round(self.probability, 3),
            "threshold": round(self.threshold, 3),
            "features": [[name, round(weight, 3)] for name, weight in self.decisive],
        }


@dataclass(frozen=True, slots=True)
class Partial:
    total: float
    present: tuple[tuple[str, float], ...]  # the strongest features, at most DECISIVE


@dataclass(frozen=True)
class LinearDecision:
    weights: Mapping[str, float]
    bias: float
    thresholds: Mapping[str, float]  # QuadClass ("1".."4") -> threshold; "default"
    meta: Mapping[str, Any] = field(default_factory=dict)
    # filled by `_prefixed`, one table per QuadClass prefix: derived, so not compared
    _prefix_tables: dict[str, tuple[dict[str, int], frozenset[str]]] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    def threshold(self, quad: int) -> float:
        return float(self.thresholds.get(str(quad), self.thresholds.get("default", 0.5)))

    def score(self, features: Iterable[str], quad: int, shared: Partial | None = None) -> Verdict:
        """The verdict on `features`, plus `shared`: the part of several candidates' features
        they have in common (their sentence's words), summed once for all of them."""
        part = self.partial(features)
        if shared is not None:
            part = Partial(part.total + shared.total, part.present + shared.present)
        total = self.bias + part.total
        probability = 1.0 / (1.0 + math.exp(-max(min(total, 30.0), -30.0)))
        decisive = sorted(part.present, key=lambda pair: (-abs(pair[1]), pair[0]))[:DECISIVE]
        return Verdict(probability, self.threshold(quad), tuple(decisive))

    def partial(self, features: Iterable[str]) -> Partial:
        """The summed weights of some distinct features, and the strongest of them."""
        strength = self._strength
        return self._from_ranks([strength[name] for name in features if name in strength])

    def partial_words(self, prefix: str, words: AbstractSet[str]) -> Partial:
        """`partial` of the features `prefix + word` for each of `words`, without building
        them: a sentence's words are a thousand strings of which a few hundred have a weight
        (300 SaudiNewsNet articles: a fifth of the events stage went on the prefixed copies)."""
        table, known = self._prefixed(prefix)
        return self._from_ranks([table[word] for word in known & words])

    def _from_ranks(self, ranks: list[int]) -> Partial:
        # Summed exactly (`math.fsum`), so the order the features come in does not matter.
        ranks.sort()
        total = math.fsum(map(self._rank_weights.__getitem__, ranks))
        return Partial(total, tuple(map(self._ranked.__getitem__, ranks[:DECISIVE])))

    @functools.cached_property
    def _ranked(self) -> list[tuple[str, float]]:
        """The weighted features, strongest first (by |weight|, then name)."""
        return sorted(self.weights.items(), key=lambda pair: (-abs(pair[1]), pair[0]))

    @functools.cached_property
    def _strength(self) -> dict[str, int]:
        return {name: rank for rank, (name, _) in enumerate(self._ranked)}

    @functools.cached_property
    def _rank_weights(self) -> list[float]:
        return [weight for _, weight in self._ranked]

    def _prefixed(self, prefix: str) -> tuple[dict[str, int], frozenset[str]]:
        """(word -> rank of the feature `prefix + word`, those words), built once per prefix."""
        tables = self._prefix_tables
        if prefix not in tables:
            size = len(prefix)
            table = {
                name[size:]: rank
                for rank, (name, _) in enumerate(self._ranked)
                if name.startswith(prefix)
            }
            tables[prefix] = (table, frozenset(table))
        return tables[prefix]

    def to_json(self) -> dict[str, Any]:
        return {
            "format": MODEL_FORMAT,
            "version": 1,
            "bias": self.bias,
            "thresholds": dict(self.thresholds),
            "meta": dict(self.meta),
            "weights": dict(sorted(self.weights.items())),
        }

    def save(self, path: Path) -> None:
        data = json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True, indent=0)
        # mtime=0: the same model gives the same bytes, so a rebuild can be compared.
        with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
            out.write(data.encode("utf-8"))


def read_decision(data: Mapping[str, Any], origin: str) -> LinearDecision:
    if data.get("format") != MODEL_FORMAT:
        raise ModelError(f"{origin}: not an event decision model")
    try:
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        thresholds = {str(k): float(v) for k, v in data["thresholds"].items()}
        return LinearDecision(weights, float(data["bias"]), thresholds, data.get("meta", {}))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ModelError(f"{origin}: malformed event decision model: {error}") from None


def load_decision(path: Path) -> LinearDecision:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            data = json.load(stream)
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ModelError(f"{path}: unreadable model: {error}") from None
    return read_decision(data, str(path))


@functools.lru_cache(maxsize=1)
def default_decision() -> LinearDecision | None:
    """The packaged model, or None when the package ships none."""
    resource = resources.files("hadath") / "data" / "models" / MODEL_FILE
    if not resource.is_file():
        return None
    with resources.as_file(resource) as path:
        return load_decision(path)
