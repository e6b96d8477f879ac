"""Entity-level P/R/F1 of the shipped NER model next to a surface-only CRF baseline trained
in the same run, on the held-out ANERcorp blocks and on AQMAR (Wikipedia).

    python scripts/eval_ner.py [--shared ../shared] [--sentence-split]

Exact span and type match, as conlleval. The headline is the micro-average over PER/LOC/ORG;
MISC is shown but not pooled (AQMAR's MISC is four different custom types, see docs/ner.md).
`--sentence-split` also trains the full feature set on a random-sentence split, to show how
much a split that shares articles between train and dev flatters the figure.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from hadath.ner import default_recogniser
from hadath.ner.conll import TaggedSentence, read_anercorp, read_aqmar
from hadath.ner.scoring import HEADLINE_TYPES, EntityScores, score_corpus
from hadath.ner.train import SplitOptions, TrainOptions, dev_split, evaluate_model, train_model

ROWS = (*HEADLINE_TYPES, "MISC")


def shipped_scores(sentences: Sequence[TaggedSentence]) -> EntityScores:
    recogniser = default_recogniser()
    predicted = [recogniser.tag(sentence.tokens) for sentence in sentences]
    return score_corpus([sentence.tags for sentence in sentences], predicted)


def print_table(title: str, results: dict[str, EntityScores]) -> None:
    print(f"\n{title}")
    print(f"{'model':<22}{'type':<8}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}")
    for name, scores in results.items():
        for kind in ROWS:
            score = scores.of(kind)
            print(
                f"{name:<22}{kind:<8}{score.precision:7.3f}{score.recall:7.3f}"
                f"{score.f1:7.3f}{score.gold:7d}"
            )
        micro = scores.micro()
        print(
            f"{name:<22}{'micro':<8}{micro.precision:7.3f}{micro.recall:7.3f}"
            f"{micro.f1:7.3f}{micro.gold:7d}   (PER/LOC/ORG)"
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--sentence-split", action="store_true")
    args = parser.parse_args(argv)
    ner_dir = args.shared / "data" / "ner"
    if not (ner_dir / "ANERCorp.train.txt").is_file():
        print(f"no ANERcorp under {ner_dir}", file=sys.stderr)
        return 3
    print("command: python scripts/eval_ner.py " + " ".join(argv or sys.argv[1:]))
    train, dev = dev_split(read_anercorp(ner_dir / "ANERCorp.train.txt"))
    aqmar = read_aqmar(ner_dir / "AQMAR_Arabic_NER_corpus-1.0.txt")
    baseline_options = TrainOptions(surface_only=True)
    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        baseline = train_model(train, baseline_options, Path(scratch) / "surface.crfsuite")
        print(f"surface baseline trained in {time.perf_counter() - started:.0f} s")
        print_table(
            f"ANERcorp held-out blocks ({len(dev)} sentences)",
            {
                "hadath (shipped)": shipped_scores(dev),
                "surface-only CRF": evaluate_model(baseline, dev, baseline_options),
            },
        )
        print_table(
            f"AQMAR Wikipedia ({len(aqmar)} sentences)",
            {
                "hadath (shipped)": shipped_scores(aqmar),
                "surface-only CRF": evaluate_model(baseline, aqmar, baseline_options),
            },
        )
        if args.sentence_split:
            sentence_split(read_anercorp(ner_dir / "ANERCorp.train.txt"), Path(scratch))
    return 0


def sentence_split(sentences: Sequence[TaggedSentence], scratch: Path) -> None:
    train, dev = dev_split(sentences, SplitOptions(unit="sentence"))
    options = TrainOptions()
    model = train_model(train, options, scratch / "sentence-split.crfsuite")
    print_table(
        f"ANERcorp random-sentence split ({len(dev)} sentences), same features retrained",
        {"hadath features": evaluate_model(model, dev, options)},
    )


if __name__ == "__main__":
    sys.exit(main())
