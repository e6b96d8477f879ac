"""Date and place accuracy on the whole-article gold, over more events than `hadath eval`'s.

`hadath eval gold/news` scores the date and place of the expected events found on root *and*
actors: a few dozen events that move with the coder. This scores every gold event (expected
and optional) with a date or a place that a coded event of an accepted root in the gold's
sentence answers — right when any such event has the gold's date (or place) — so date and
place rules can be judged apart from the actor rules.

    python scripts/date_place_accuracy.py                 # both parts, figures only
    python scripts/date_place_accuracy.py --misses train  # and the train part's misses

The dev part is never listed (docs/evaluation.md: read its figures, never its errors).
"""

from __future__ import annotations

import argparse
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from hadath.evaluation.gold import ArticleGold, ExpectedEvent, GoldItem, iter_yaml_gold
from hadath.evaluation.matching import date_matches, place_matches
from hadath.evaluation.predictions import location_names
from hadath.model import Document, Event

GOLD = Path(__file__).resolve().parent.parent / "gold" / "news"


@dataclass
class Tally:
    dated: int = 0
    dated_right: int = 0
    placed: int = 0
    placed_right: int = 0


def code(item: GoldItem) -> Document:
    from hadath.api import code as code_text

    return code_text(item.text, published=item.published, id=item.id)


def answering(doc: Document, gold: ExpectedEvent) -> list[Event]:
    return [
        e
        for e in doc.events
        if e.sentence == gold.sentence
        and str(e.root).zfill(2) in gold.cameo_roots
        and not e.modality.get("negated")
    ]


def score(article: ArticleGold, doc: Document, tally: Tally, misses: bool) -> None:
    for gold in (*article.expected, *article.optional):
        coded = answering(doc, gold) if gold.sentence is not None else []
        if not coded:
            continue
        best = max(coded, key=lambda e: e.confidence)
        if gold.date is not None:
            right = any(date_matches(gold.date, e.date) for e in coded)
            tally.dated, tally.dated_right = tally.dated + 1, tally.dated_right + right
            if misses and not right:
                rule = next((r for r in best.explanation["rules"] if r.startswith("date")), "")
                where = f"{article.item.id} s{gold.sentence} {gold.id}"
                print(f"date  {where}: {gold.date}, coded {best.date} | {rule}")
        if gold.location:
            right = any(place_matches(gold.location, location_names(doc, e)) for e in coded)
            tally.placed, tally.placed_right = tally.placed + 1, tally.placed_right + right
            if misses and not right:
                rule = next((r for r in best.explanation["rules"] if r.startswith("place")), "")
                coded_place = best.location.text or best.location.name if best.location else "-"
                where = f"{article.item.id} s{gold.sentence} {gold.id}"
                print(f"place {where}: {'/'.join(gold.location)}, coded {coded_place} | {rule}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--misses", choices=["train"], help="list the train part's misses")
    parser.add_argument("--workers", type=int, default=2)
    arguments = parser.parse_args()
    for part in ("train", "dev"):
        articles = list(iter_yaml_gold(sorted((GOLD / part).glob("*.yaml"))))
        with ProcessPoolExecutor(arguments.workers) as pool:
            docs = list(pool.map(code, [a.item for a in articles], chunksize=4))
        tally = Tally()
        for article, doc in zip(articles, docs, strict=True):
            score(article, doc, tally, misses=arguments.misses == part == "train")
        date = tally.dated_right / max(tally.dated, 1)
        place = tally.placed_right / max(tally.placed, 1)
        print(
            f"{part}: date {tally.dated_right}/{tally.dated} = {date:.3f}; "
            f"place {tally.placed_right}/{tally.placed} = {place:.3f}"
        )


if __name__ == "__main__":
    main()
