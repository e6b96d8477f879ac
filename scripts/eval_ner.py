"""Entity-level P/R/F1 of the shipped NER model on the three checks: ANERcorp's tail (the
last sixth of ANERCorp.train.txt in corpus order, never trained on), AQMAR (Arabic Wikipedia)
and the Wojood sample (all three files; PERS, ORG, GPE and LOC kept, GPE read as LOC).

    python scripts/eval_ner.py [--shared ../shared] [--quick] [--aqmar-cv]

Exact span and type match, as conlleval. The headline is the micro-average over PER/LOC/ORG;
MISC is shown but not pooled (AQMAR's MISC is four different custom types, see docs/ner.md).
The shipped model tags a pseudo-document of 20 sentences at a time, as the pipeline tags an
article. Unless `--quick`, the same run retrains, on the same training part, and prints
beside it: the shipped features without the word table (what the recogniser had before),
and a surface-only CRF (the word and its neighbours' words, same algorithm and c1/c2).

`--aqmar-cv` measures, instead, recipes that train on AQMAR too (not shipped; docs/ner.md):
five folds of whole AQMAR articles (`hadath.ner.folds`), each trained on ANERcorp's training
part and the other four folds, scored on the tail and on the held-out articles, the counts
pooled over the folds (~25 min).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from hadath.ner import default_recogniser
from hadath.ner.conll import TaggedSentence, read_anercorp, read_aqmar, read_wojood
from hadath.ner.folds import aqmar_articles, grouped_folds
from hadath.ner.scoring import HEADLINE_TYPES, EntityScores
from hadath.ner.train import (
    TrainOptions,
    dev_split,
    evaluate_model,
    other_domain_scores,
    recogniser_scores,
    train_model,
)

ROWS = (*HEADLINE_TYPES, "MISC")
WOJOOD_FILES = ("train.txt", "val.txt", "test.txt")
Scorer = Callable[[Sequence[TaggedSentence]], EntityScores]


def print_table(title: str, results: dict[str, EntityScores]) -> None:
    print(f"\n{title}")
    print(f"{'model':<34}{'type':<8}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}")
    for name, scores in results.items():
        for kind in ROWS:
            score = scores.of(kind)
            if not score.gold and not score.predicted:
                continue
            print(
                f"{name:<34}{kind:<8}{score.precision:7.3f}{score.recall:7.3f}"
                f"{score.f1:7.3f}{score.gold:7d}"
            )
        micro = scores.micro()
        print(
            f"{name:<34}{'micro':<8}{micro.precision:7.3f}{micro.recall:7.3f}"
            f"{micro.f1:7.3f}{micro.gold:7d}   (PER/LOC/ORG)"
        )


def check_sets(ner_dir: Path) -> tuple[list[TaggedSentence], dict[str, list[TaggedSentence]]]:
    """`(training part, {name: sentences})` of the three checks."""
    train, tail = dev_split(read_anercorp(ner_dir / "ANERCorp.train.txt"))
    wojood = [s for name in WOJOOD_FILES for s in read_wojood(ner_dir / "wojood_sample" / name)]
    aqmar = read_aqmar(ner_dir / "AQMAR_Arabic_NER_corpus-1.0.txt")
    return train, {
        f"ANERcorp tail ({len(tail)} sentences)": tail,
        f"AQMAR Wikipedia ({len(aqmar)} sentences)": aqmar,
        f"Wojood sample ({len(wojood)} sentences)": wojood,
    }


def scorers(train: Sequence[TaggedSentence], scratch: Path, quick: bool) -> dict[str, Scorer]:
    recogniser = default_recogniser()
    found: dict[str, Scorer] = {
        "hadath (shipped)": lambda data: recogniser_scores(recogniser, data),
        "shipped, no names carried": lambda data: recogniser_scores(
            recogniser, data, documents=False
        ),
    }
    if quick:
        return found
    for name, options in (
        ("features before the word table", TrainOptions(use_table=False)),
        ("surface-only CRF", TrainOptions(features="surface")),
    ):
        started = time.perf_counter()
        model = train_model(train, options, scratch / f"{options.features}.crfsuite")
        print(f"{name}: trained in {time.perf_counter() - started:.0f} s", flush=True)
        found[name] = lambda data, m=model, o=options: evaluate_model(m, data, o, documents=False)
    return found


#: (name, copy_weight) of the recipes `--aqmar-cv` measures: AQMAR as more training data,
#: and AQMAR with its own copy of each feature (train.domain_rows).
AQMAR_RECIPES = (("ANERcorp + AQMAR", 0.0), ("ANERcorp + AQMAR, AQMAR's copies x3", 3.0))
FOLDS = 5


def pooled(total: EntityScores, scores: EntityScores) -> None:
    for kind, row in scores.counts.items():
        into = total.counts.setdefault(kind, [0, 0, 0])
        for index in range(3):
            into[index] += row[index]


def aqmar_cross_validation(
    train: Sequence[TaggedSentence], tail: Sequence[TaggedSentence], aqmar: list[TaggedSentence]
) -> None:
    fold_of = grouped_folds(aqmar_articles(aqmar), FOLDS)
    for name, weight in AQMAR_RECIPES:
        results = {"tail (5 models)": EntityScores(), "AQMAR held out, as news": EntityScores()}
        if weight:
            results["AQMAR held out, as Wikipedia"] = EntityScores()
        for fold in range(FOLDS):
            held = [s for s, f in zip(aqmar, fold_of, strict=True) if f == fold]
            other = [s for s, f in zip(aqmar, fold_of, strict=True) if f != fold]
            with tempfile.TemporaryDirectory() as scratch:
                model = Path(scratch) / "model.crfsuite"
                started = time.perf_counter()
                train_model(train, TrainOptions(), model, other=other, copy_weight=weight)
                elapsed = time.perf_counter() - started
                print(f"{name}, fold {fold}: trained in {elapsed:.0f} s", flush=True)
                fold_scores = {
                    "tail (5 models)": evaluate_model(model, tail, TrainOptions()),
                    "AQMAR held out, as news": evaluate_model(model, held, TrainOptions()),
                }
                if weight:
                    wiki = other_domain_scores(model, held, weight)
                    fold_scores["AQMAR held out, as Wikipedia"] = wiki
            for key, scores in fold_scores.items():
                print(f"  {key}: micro F1 {scores.micro().f1:.3f}", flush=True)
                pooled(results[key], scores)
        print_table(f"{name}, {FOLDS} folds of whole AQMAR articles, pooled", results)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--quick", action="store_true", help="the shipped model only")
    parser.add_argument("--aqmar-cv", action="store_true", help="recipes that train on AQMAR")
    args = parser.parse_args(argv)
    ner_dir = args.shared / "data" / "ner"
    if not (ner_dir / "ANERCorp.train.txt").is_file():
        print(f"no ANERcorp under {ner_dir}", file=sys.stderr)
        return 3
    print("command: python scripts/eval_ner.py " + " ".join(argv or sys.argv[1:]))
    train, checks = check_sets(ner_dir)
    if args.aqmar_cv:
        tail, aqmar, _ = checks.values()  # check_sets: tail, AQMAR, Wojood
        aqmar_cross_validation(train, tail, aqmar)
        return 0
    with tempfile.TemporaryDirectory() as scratch:
        models = scorers(train, Path(scratch), args.quick)
        for title, sentences in checks.items():
            results = {name: score(sentences) for name, score in models.items()}
            print_table(title, results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
