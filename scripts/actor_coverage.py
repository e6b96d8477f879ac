"""Where the actors of the whole-article gold's train part are lost: the chooser or the mentions.

    python scripts/actor_coverage.py [--part train]

For each expected event that some coded event of its root answers in its sentence, each side
(source, target) the gold gives is counted as right (a coded event of that root carries the
gold's code), as a wrong choice (the gold's code is among the sentence's actor mentions and
place countries, so the argument decision picked another), or as a missing mention (no
mention of the sentence carries it: a pronoun, an implicit subject, a name coded otherwise).
Counts only, no text. Reads the articles from ../shared/data as `hadath eval` does. The dev
part is for aggregate figures only: this script refuses it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from hadath.api import CoderOptions, coding_pipeline
from hadath.evaluation.corpus import CorpusError, corpus_article
from hadath.evaluation.matching import codes_contain
from hadath.model import Document, Event

ROOT = Path(__file__).resolve().parent.parent


def sentence_codes(doc: Document) -> dict[int | None, list[str]]:
    """Actor codes of each sentence's mentions, and the CAMEO country of its places."""
    from hadath.dictionaries.loader import default_dictionaries

    cameo = {c.iso2: c.cameo for c in default_dictionaries().countries.values()}
    codes: dict[int | None, list[str]] = defaultdict(list)
    for entity in doc.entities:
        if entity.actor is not None:
            codes[entity.sentence].append(entity.actor.code)
        elif entity.place is not None and entity.place.country in cameo:
            codes[entity.sentence].append(cameo[entity.place.country])
    return codes


def side_code(event: Event, side: str) -> list[str]:
    actor = event.source if side == "source" else event.target
    return [str(actor["code"])] if actor else []


def tally(gold: dict[str, Any], doc: Document, counts: Counter[str]) -> None:
    codes = sentence_codes(doc)
    for expected in gold.get("expected") or []:
        sentence, roots = expected.get("sentence"), expected.get("cameo_root") or []
        here = [e for e in doc.events if e.sentence == sentence and e.root in roots]
        if not here:
            counts["no coded event of the root"] += 1
            continue
        for side in ("source", "target"):
            wanted = expected.get(side)
            if not wanted:
                continue
            if any(codes_contain(side_code(e, side), wanted) for e in here):
                counts[f"{side}: right"] += 1
            elif codes_contain(codes[sentence], wanted):
                counts[f"{side}: wrong choice, the gold's actor is a mention"] += 1
            else:
                counts[f"{side}: wrong, no mention carries the gold's actor"] += 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--part", default="train", choices=["train"])
    args = parser.parse_args(argv)
    pipeline = coding_pipeline(CoderOptions())
    counts: Counter[str] = Counter()
    for path in sorted((ROOT / "gold" / "news" / args.part).glob("*.yaml")):
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
        source = gold["source"]
        try:
            article = corpus_article(source.get("corpus", "saudinewsnet"), str(source["day"]),
                                     source["url"], ROOT)  # fmt: skip
        except CorpusError as error:
            print(f"error: {error}", file=sys.stderr)
            return 3
        published = dt.date.fromisoformat(
            str(gold.get("publication_date") or article.published)[:10]
        )
        doc = pipeline(Document(raw_text=article.text, id=article.url, published=published))
        tally(gold, doc, counts)
    for name, count in sorted(counts.items()):
        print(f"{count:5d}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
