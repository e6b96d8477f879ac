"""Training the recogniser on ANERcorp: the held-out split, the CRF trainer, the grid.

    python -m hadath.ner.train --anercorp ../shared/data/ner/ANERCorp.train.txt \\
        --out src/hadath/data/ner/names-crf.crfsuite

The dev part is the last sixth of the corpus in its own order (the "tail"), as the CAMeL Lab
split holds out the end of ANERcorp: ANERcorp is a stream of news articles that name the same
people again and again, so sentences or blocks drawn from the middle of it share articles and
names with the training part and flatter the score (0.80 on blocks against 0.69 on the tail
for the same features; docs/ner.md). No sentence of the tail is trained on.
"""

from __future__ import annotations

import argparse
import tempfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from hadath.ner.conll import TaggedSentence, read_anercorp
from hadath.ner.features import context_only, sentence_features, surface_features
from hadath.ner.scoring import EntityScores, score_corpus
from hadath.ner.words import EMPTY_TABLE, WordTable, read_word_table

if TYPE_CHECKING:
    from hadath.ner.model import Recogniser

FeatureFunction = Callable[[Sequence[str]], list[list[str]]]
#: Sentences per pseudo-document when a corpus without article breaks is tagged a document
#: at a time (ANERcorp, AQMAR, Wojood): about one news article (ANERcorp's ~316 articles
#: average ~16 sentences as we split them).
PSEUDO_DOCUMENT_SENTENCES = 20


@dataclass(frozen=True)
class SplitOptions:
    # tail: the last 1/tail_share of the corpus in corpus order; block: runs of consecutive
    # sentences drawn by hash; sentence: single sentences drawn by hash
    unit: str = "tail"
    tail_share: int = 6
    block_size: int = 40  # sentences per block (~1,200 tokens, about one or two articles)
    dev_share: int = 10  # one unit in dev_share goes to dev


@dataclass(frozen=True)
class TrainOptions:
    c1: float = 0.05
    c2: float = 0.1
    max_iterations: int = 150
    min_freq: int = 1  # features seen fewer times are dropped (model size)
    # full: every feature; surface: word forms and neighbours only (the baseline); context:
    # every feature except those naming the word itself (scripts/build_ner_words.py)
    features: str = "full"
    use_table: bool = True  # False: the features as they were before the word table


def is_dev(index: int, count: int, options: SplitOptions) -> bool:
    if options.unit == "tail":
        return index >= count - count // options.tail_share
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
        (dev if is_dev(index, len(sentences), options) else train).append(sentence)
    return train, dev


def pseudo_documents(sentences: Sequence[TaggedSentence]) -> list[list[TaggedSentence]]:
    """Runs of `PSEUDO_DOCUMENT_SENTENCES` consecutive sentences, in order."""
    size = PSEUDO_DOCUMENT_SENTENCES
    return [list(sentences[i : i + size]) for i in range(0, len(sentences), size)]


def feature_function(options: TrainOptions, table: WordTable | None = None) -> FeatureFunction:
    """The features `options` names; `table`: the word table (the packaged one if None)."""
    if options.features == "surface":
        return surface_features
    chosen = table if options.use_table else EMPTY_TABLE

    def features(tokens: Sequence[str]) -> list[list[str]]:
        rows = sentence_features(tokens, table=chosen)
        return context_only(rows) if options.features == "context" else rows

    return features


#: Prefix of the copy of a feature an other-domain sentence carries (`domain_rows`).
DOMAIN_PREFIX = "wiki|"


def domain_rows(rows: list[list[str]], copy_weight: float) -> list[dict[str, float]]:
    """Rows of an other-domain sentence with "frustratingly easy" domain adaptation (Daume
    2007), one-sided: each feature as news has it (value 1), and its own copy (value
    `copy_weight`) that only this domain's sentences carry, to absorb what differs. A copy
    worth more than 1 costs the regulariser less per unit of effect, so the copy takes more
    of the difference (AQMAR, first fold: tail 0.733 with copies worth 1, 0.740 worth 3)."""
    return [
        {**dict.fromkeys(row, 1.0), **dict.fromkeys((DOMAIN_PREFIX + f for f in row), copy_weight)}
        for row in rows
    ]


def train_model(
    sentences: Sequence[TaggedSentence],
    options: TrainOptions,
    model_path: Path,
    table: WordTable | None = None,
    *,
    other: Sequence[TaggedSentence] = (),
    copy_weight: float = 0.0,
) -> Path:
    """Train a CRF on `sentences` and, when given, the `other` domain's sentences (AQMAR):
    plain when `copy_weight` is 0, else with domain copies of their features
    (`domain_rows`)."""
    import pycrfsuite

    features = feature_function(options, table)
    trainer = pycrfsuite.Trainer(verbose=False)
    for sentence in sentences:
        trainer.append(features(sentence.tokens), list(sentence.tags))
    for sentence in other:
        rows = features(sentence.tokens)
        trainer.append(domain_rows(rows, copy_weight) if copy_weight else rows, list(sentence.tags))
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
    model_path: Path,
    sentences: Sequence[TaggedSentence],
    options: TrainOptions,
    table: WordTable | None = None,
    *,
    documents: bool = True,
) -> EntityScores:
    """Scores of a trained model file, tagging a pseudo-document at a time as the pipeline
    tags an article, or (`documents=False`, and always for the surface baseline) one
    sentence at a time with nothing carried between sentences."""
    from hadath.ner.model import Recogniser

    if options.features == "surface":
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(model_path))
        predicted = [tagger.tag(surface_features(s.tokens)) for s in sentences]
        return score_corpus([s.tags for s in sentences], predicted)
    chosen = table if options.use_table else EMPTY_TABLE
    recogniser = Recogniser.from_file(model_path, table=chosen)
    return recogniser_scores(recogniser, sentences, documents=documents)


def recogniser_scores(
    recogniser: Recogniser, sentences: Sequence[TaggedSentence], *, documents: bool = True
) -> EntityScores:
    """Scores of `recogniser` tagging `sentences` a pseudo-document (or a sentence) at a time."""
    if not documents:
        predicted = [recogniser.tag(s.tokens) for s in sentences]
    else:
        predicted = [
            tags
            for document in pseudo_documents(sentences)
            for tags in recogniser.tag_document([s.tokens for s in document])
        ]
    return score_corpus([s.tags for s in sentences], predicted)


def other_domain_scores(
    model_path: Path,
    sentences: Sequence[TaggedSentence],
    copy_weight: float,
    table: WordTable | None = None,
) -> EntityScores:
    """Scores of a model trained with domain copies (`train_model`) tagging `sentences` as
    the other domain: each feature and its copy, a sentence at a time. The recogniser never
    tags this way (it reads news); this measures what the copies learnt."""
    import pycrfsuite

    features = feature_function(TrainOptions(), table)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    predicted = [tagger.tag(domain_rows(features(s.tokens), copy_weight)) for s in sentences]
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
        options = replace(base, c1=c1, c2=c2)
        f1 = train_and_score(train, dev, options).micro().f1
        print(f"c1={c1} c2={c2}: micro F1 {f1:.4f}", flush=True)
        results.append((options, f1))
    return sorted(results, key=lambda result: -result[1])


DEFAULT_GRID = ((0.05, 0.01), (0.1, 0.05), (0.2, 0.05), (0.05, 0.1))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Train the hadath NER model on ANERcorp.")
    parser.add_argument("--anercorp", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--table", type=Path, help="word table (default: the packaged one)")
    parser.add_argument("--grid", action="store_true", help="tune c1/c2 on the dev split first")
    parser.add_argument("--c1", type=float, default=TrainOptions.c1)
    parser.add_argument("--c2", type=float, default=TrainOptions.c2)
    parser.add_argument("--iterations", type=int, default=TrainOptions.max_iterations)
    parser.add_argument("--min-freq", type=int, default=TrainOptions.min_freq)
    args = parser.parse_args(argv)
    table = None
    if args.table is not None:
        with args.table.open(encoding="utf-8") as handle:
            table = read_word_table(handle, str(args.table))
    train, dev = dev_split(read_anercorp(args.anercorp))
    options = TrainOptions(args.c1, args.c2, args.iterations, args.min_freq)
    if args.grid:
        options = grid_search(train, dev, DEFAULT_GRID, options)[0][0]
        print(f"chosen: c1={options.c1} c2={options.c2}")
    train_model(train, options, args.out, table)
    scores = evaluate_model(args.out, dev, options, table)
    print(f"tail micro F1 (PER/LOC/ORG) {scores.micro().f1:.4f}")


if __name__ == "__main__":
    main()
