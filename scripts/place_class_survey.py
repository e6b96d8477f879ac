"""Which words follow a place class word ("منطقة", "محافظة", "مدينة" ...) in SaudiNewsNet and
are no gazetteer name: the evidence for data/places/regions.yaml (regions geonames lacks) and
for the `not_names` of data/places/mentions.yaml (words after a class word that are no place).

    python scripts/place_class_survey.py [../shared/data/news/saudinewsnet] [--top 150]

Prints each (class word, next word) pair's count, most frequent first. Counts and single
words only; no article text is printed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import zipfile
from collections import Counter
from pathlib import Path

from hadath.places import default_gazetteer
from hadath.places.light_tokens import light_tokens
from hadath.places.mentions import default_mention_rules


def survey(folder: Path) -> Counter[tuple[str, str]]:
    gazetteer = default_gazetteer()
    classes = default_mention_rules().class_features
    pairs: Counter[tuple[str, str]] = Counter()
    for path in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                for record in json.loads(archive.read(name)):
                    tokens = light_tokens(record.get("content") or "")
                    for token, after in itertools.pairwise(tokens):
                        key = token.stem_key if token.stem else token.key
                        if key not in classes or "ال" in token.proclitics or after.kind != "word":
                            continue
                        keys = (after.key, after.stem_key, "ال" + after.stem_key)
                        named = gazetteer.begins_name(f"{key} {after.key}")
                        if not named and not any(gazetteer.starts_name(k) for k in keys):
                            pairs[(key, after.key)] += 1
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default="../shared/data/news/saudinewsnet")
    parser.add_argument("--top", type=int, default=150)
    arguments = parser.parse_args()
    for (word, after), count in survey(Path(arguments.folder)).most_common(arguments.top):
        print(f"{count:5d}  {word} {after}")


if __name__ == "__main__":
    main()
