"""The whole-article gold (gold/news, docs/codebook.md): its size, its parts, its licence.

The structure is checked from the YAML alone, so these run without ../shared; reading each
article's text (and its text_sha1) needs the corpus and is skipped without it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from hadath.evaluation.corpus import shared_data_root, url_part
from hadath.evaluation.gold import read_yaml_gold

GOLD = Path(__file__).resolve().parent.parent / "gold" / "news"
FILES = sorted(GOLD.rglob("*.yaml"))
ARABIC = re.compile(r"[\u0600-\u06FF]")


def _raw(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def test_the_gold_is_large_and_varied_enough() -> None:
    # The floor: >= 60 articles, >= 250 expected events, >= 8 outlets, >= 12 countries.
    data = [_raw(path) for path in FILES]
    expected = sum(len(d.get("expected") or []) for d in data)  # type: ignore[arg-type]
    outlets = {d["source"]["outlet"] for d in data}  # type: ignore[index]
    countries = {c for d in data for c in d.get("countries") or []}  # type: ignore[attr-defined]
    assert len(FILES) >= 60 and expected >= 250
    assert len(outlets) >= 8 and len(countries) >= 12


def test_each_file_sits_in_the_part_its_url_hash_gives() -> None:
    for path in FILES:
        data = _raw(path)
        part = url_part(data["source"]["url"])  # type: ignore[index]
        assert data["part"] == part == path.parent.name, path


def test_no_article_text_is_copied_into_the_gold() -> None:
    # SaudiNewsNet is CC BY-NC-SA and MANIFEST forbids copying it: Arabic may appear only in
    # the url and in place names (`location`), never in a description or a comment.
    for path in FILES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not ARABIC.search(line):
                continue
            stripped = line.strip()
            allowed = stripped.startswith(("url:", "location:")) or (
                "location:" in stripped and not ARABIC.search(stripped.split("location:")[0])
            )
            assert allowed, f"{path.name}:{number}: Arabic outside url/location"


@pytest.mark.shared
def test_every_article_reads_its_text_and_matches_its_fingerprint() -> None:
    if shared_data_root(GOLD) is None:
        pytest.skip("../shared/data is not here: the article texts cannot be read")
    for path in FILES:
        (article,) = read_yaml_gold(path)
        assert article.item.text.strip() and article.part == path.parent.name
