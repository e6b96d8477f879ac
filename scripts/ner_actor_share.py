"""The share of recognised person names that end up with an actor code, on real news.

    python scripts/ner_actor_share.py [--corpus DIR] [--limit 300] [--examples N]

Runs the pipeline up to coreference over the first `--limit` SaudiNewsNet articles (the
order bench/coder.py reads them in) and counts the recogniser's PER names
(`doc.meta["ner"]`): a name is coded when an entity with an actor covers any of its
characters (a dictionary person, a title + nationality phrase, an organisation's member, a
back-reference). Prints the share, which entities coded them (by origin), and with
`--examples` some names left without a code, to read.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from hadath.analysis import text_pipeline
from hadath.entities import entity_stages
from hadath.ingest import IngestReport, read_inputs
from hadath.model import Document, Entity
from hadath.pipeline import Pipeline

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared/data/news/saudinewsnet"


def coded_by(name: Entity, entities: Sequence[Entity]) -> Entity | None:
    """The first entity with an actor that overlaps `name`."""
    return next(
        (e for e in entities if e.actor is not None and e.start < name.end and name.start < e.end),
        None,
    )


def count_names(docs: Sequence[Document], examples: int) -> tuple[Counter[str], list[str]]:
    """`(counts by origin, with "uncoded" and "names"), examples of uncoded names`."""
    counts: Counter[str] = Counter()
    uncoded: list[str] = []
    for doc in docs:
        for name in doc.meta.get("ner", []):
            if name.type != "PER":
                continue
            counts["names"] += 1
            holder = coded_by(name, doc.entities)
            if holder is None:
                counts["uncoded"] += 1
                if len(uncoded) < examples:
                    uncoded.append(_context(doc, name))
            else:
                counts[holder.origin] += 1
    return counts, uncoded


def _context(doc: Document, name: Entity) -> str:
    before = doc.clean_text[max(0, name.start - 40) : name.start].replace("\n", " ")
    after = doc.clean_text[name.end : name.end + 25].replace("\n", " ")
    return f"…{before}[{name.text}]{after}…"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--examples", type=int, default=0)
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 3
    pipeline = Pipeline([*text_pipeline().stages, *entity_stages()])
    docs = []
    for doc in read_inputs([args.corpus], report=IngestReport()):
        docs.append(pipeline(doc))
        if len(docs) >= args.limit:
            break
    counts, uncoded = count_names(docs, args.examples)
    names = counts.pop("names", 0)
    coded = names - counts.get("uncoded", 0)
    print(f"{len(docs)} articles, {names} recognised person names")
    print(f"coded: {coded} = {coded / names:.3f}" if names else "no person names")
    for origin, count in counts.most_common():
        print(f"  {origin:<12} {count:6d}")
    for line in uncoded:
        print("  uncoded:", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
