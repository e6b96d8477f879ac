"""Training the recogniser on ANERcorp: the held-out split, the CRF trainer, the grid.

    python -m hadath.ner.train --anercorp ../shared/data/ner/ANERCorp.train.txt \\
        --out src/hadath/data/ner/names-crf.crfsuite

The dev split is by blocks of consecutive sentences, not single sentences: ANERcorp is a
stream of news articles that name the same people again and again, so a random-sentence split
puts most dev names in the training part too and flatters the score (see docs/ner.md).
"""

from __future__ import annotations

import argparse
import tempfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from hadath.ner.conll import TaggedSentence, read_anercorp
from hadath.ner.features import sentence_features, surface_features
from hadath.ner.scoring import EntityScores, score_corpus

FeatureFunction = Callable[[Sequence[str]], list[list[str]]]


@dataclass(frozen=True)
class SplitOptions:
    unit: str = "block"  # block: runs of consecutive sentences; sentence: single sentences
    block_size: int = 40  # sentences per block (~1,200 tokens, about one or two articles)
    dev_share: int = 10  # one unit in dev_share goes to dev


@dataclass(frozen=True)
class TrainOptions:
    c1: float = 0.05
    c2: float = 0.1
    max_iterations: int = 150
    min_freq: int = 1  # features seen fewer times are dropped (model size)
    surface_only: bool = False  # the baseline: word forms and neighbours only


def is_dev(index: int, options: SplitOptions) -> bool:
    unit = index // options.block_size if options.unit == "block" else index
    # crc32 of a fixed label, not hash(): str hashes are salted per process.
    return zlib.crc32(f"anercorp-{options.unit}-{unit}".encode()) % options.dev_share == 0


def dev_split(
    sentences: Sequence[TaggedSentence], options: SplitOptions = SplitOptions()
) -> tuple[list[TaggedSentence], list[TaggedSentence]]:
    """`(train, dev)`, deterministic for the same corpus and options."""
    train: list[TaggedSentence] = []
    dev: list[TaggedSentence] = []
    for index, sentence in enumerate(sentences):
        (dev if is_dev(index, options) else train).append(sentence)
    return train, dev


def feature_function(options: TrainOptions) -> FeatureFunction:
    return surface_features if options.surface_only else sentence_features


def train_model(
    sentences: Sequence[TaggedSentence], options: TrainOptions, model_path: Path
) -> Path:
    import pycrfsuite

    features = feature_function(options)
    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence in sentences:
        trainer.append(features(sentence.tokens), list(sentence.tags))
    trainer.set_params(
        {
            "c1": options.c1,
            "c2": options.c2,
            "max_iterations": options.max_iterations,
            "feature.minfreq": options.min_freq,
            "feature.possible_transitions": True,
        }
    )
    model_path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model_path))
    return model_path


def evaluate_model(
    model_path: Path, sentences: Sequence[TaggedSentence], options: TrainOptions
) -> EntityScores:
    import pycrfsuite

    features = feature_function(options)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    predicted = [tagger.tag(features(sentence.tokens)) for sentence in sentences]
    return score_corpus([s.tags for s in sentences], predicted)


def train_and_score(
    train: Sequence[TaggedSentence], dev: Sequence[TaggedSentence], options: TrainOptions
) -> EntityScores:
    with tempfile.TemporaryDirectory() as scratch:
        model = train_model(train, options, Path(scratch) / "model.crfsuite")
        return evaluate_model(model, dev, options)


def grid_search(
    train: Sequence[TaggedSentence],
    dev: Sequence[TaggedSentence],
    grid: Sequence[tuple[float, float]],
    base: TrainOptions = TrainOptions(),
) -> list[tuple[TrainOptions, float]]:
    """Micro F1 over PER/LOC/ORG on `dev` for each `(c1, c2)`, best first."""
    results = []
    for c1, c2 in grid:
        options = TrainOptions(c1, c2, base.max_iterations, base.min_freq, base.surface_only)
        f1 = train_and_score(train, dev, options).micro().f1
        print(f"c1={c1} c2={c2}: micro F1 {f1:.4f}", flush=True)
        results.append((options, f1))
    return sorted(results, key=lambda result: -result[1])


DEFAULT_GRID = ((0.05, 0.01), (0.1, 0.05), (0.2, 0.05), (0.05, 0.1))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Train the hadath NER model on ANERcorp.")
    parser.add_argument("--anercorp", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--grid", action="store_true", help="tune c1/c2 on the dev split first")
    parser.add_argument("--c1", type=float, default=TrainOptions.c1)
    parser.add_argument("--c2", type=float, default=TrainOptions.c2)
    parser.add_argument("--iterations", type=int, default=TrainOptions.max_iterations)
    parser.add_argument("--min-freq", type=int, default=TrainOptions.min_freq)
    parser.add_argument("--all", action="store_true", help="train on all of it, dev included")
    args = parser.parse_args(argv)
    sentences = read_anercorp(args.anercorp)
    train, dev = dev_split(sentences)
    options = TrainOptions(args.c1, args.c2, args.iterations, args.min_freq)
    if args.grid:
        options = grid_search(train, dev, DEFAULT_GRID, options)[0][0]
        print(f"chosen: c1={options.c1} c2={options.c2}")
    train_model(sentences if args.all else train, options, args.out)
    scores = evaluate_model(args.out, dev, options)
    print(
        f"dev micro F1 (PER/LOC/ORG) {scores.micro().f1:.4f}" + (" (dev seen)" if args.all else "")
    )


if __name__ == "__main__":
    main()
