"""Rebuild the shipped recogniser: the word table, then the CRF trained with it.

    python scripts/train_ner.py [--shared ../shared] [--keep-table] [--grid]

Writes src/hadath/data/ner/word-table.tsv (scripts/build_ner_words.py) and
src/hadath/data/ner/names-crf.crfsuite (hadath.ner.train: ANERcorp without its last sixth,
which stays the dev part). Both steps are deterministic: run twice, the bytes are the same.
`--keep-table` trains the CRF on the table already in the package.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import build_ner_words
from hadath.ner.train import main as train_crf

DATA = build_ner_words.REPOSITORY / "src/hadath/data/ner"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--shared", type=Path, default=build_ner_words.REPOSITORY.parent / "shared")
    parser.add_argument("--keep-table", action="store_true", help="do not rebuild the table")
    parser.add_argument("--grid", action="store_true", help="tune c1/c2 on the tail first")
    args = parser.parse_args(argv)
    table = DATA / "word-table.tsv"
    if not args.keep_table:
        status = build_ner_words.main(["--shared", str(args.shared), "--out", str(table)])
        if status:
            return status
    crf = ["--anercorp", str(args.shared / "data/ner/ANERCorp.train.txt")]
    crf += ["--out", str(DATA / "names-crf.crfsuite"), "--table", str(table)]
    train_crf([*crf, "--grid"] if args.grid else crf)
    return 0


if __name__ == "__main__":
    sys.exit(main())
