"""Survey gazetteer hits on real news: which names match most, and how many the stop-list removes.

Reads the SaudiNewsNet development articles (../shared/data/news/saudinewsnet/*.zip, JSON
arrays with a "content" field), finds places with the light tokeniser, and prints the most
frequent matched names with their top place and an example context, then the number of hits
on stop-listed names with and without the stop-list.

    python scripts/place_hit_survey.py [--shared ../shared] [--top 80] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from hadath.places import Gazetteer, find_places
from hadath.places.light_tokens import light_tokens


def articles(shared: Path, limit: int | None) -> Iterator[str]:
    count = 0
    for archive in sorted((shared / "data" / "news" / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(archive) as bundle:
            for member in bundle.namelist():
                for record in json.loads(bundle.read(member)):
                    if limit is not None and count >= limit:
                        return
                    count += 1
                    yield str(record.get("content") or "")


def survey(texts: list[str], gazetteer: Gazetteer) -> tuple[Counter[str], dict[str, str]]:
    hits: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for text in texts:
        for match in find_places(light_tokens(text), text, gazetteer):
            hits[match.key] += 1
            if match.key not in examples:
                around = text[max(0, match.start - 30) : match.end + 30].replace("\n", " ")
                examples[match.key] = f"{match.place.name}/{match.place.country} | {around}"
    return hits, examples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared"
    )
    parser.add_argument("--top", type=int, default=80)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    texts = list(articles(args.shared, args.limit))
    gazetteer = Gazetteer.load()
    unstopped = Gazetteer(gazetteer._index, gazetteer.rules, frozenset())
    hits, examples = survey(texts, gazetteer)
    raw_hits, raw_examples = survey(texts, unstopped)
    words = sum(len(text.split()) for text in texts)
    print(f"articles {len(texts)}, words {words}")
    print(f"hits without stop-list {sum(raw_hits.values())}, with {sum(hits.values())}")
    stopped_before = sum(raw_hits[key] for key in gazetteer.stoplist)
    stopped_after = sum(hits[key] for key in gazetteer.stoplist)
    print(f"hits on stop-listed names: without stop-list {stopped_before}, with {stopped_after}")
    print("\nmost frequent names (stop-list on):")
    for key, count in hits.most_common(args.top):
        print(f"{count:6d}  {key}  ->  {examples[key]}")
    print("\nmost frequent stop-listed names (stop-list off):")
    for key, count in raw_hits.most_common():
        if key in gazetteer.stoplist:
            print(f"{count:6d}  {key}  ->  {raw_examples[key]}")


if __name__ == "__main__":
    main()
