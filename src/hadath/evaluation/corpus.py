"""Gold articles whose text lives in a corpus outside the repository.

The whole-article gold (`gold/news/`) annotates real SaudiNewsNet articles, whose licence
forbids copying them into the project: a gold file names its article by corpus, zip day and
URL, and the text is read from `../shared/data` when the gold is evaluated. A fingerprint of
the text (`text_sha1`) in the gold file catches a corpus that changed under the annotation.

The corpus root is `$HADATH_SHARED_DATA` when set, otherwise the first `shared/data` found
beside the gold file or one of its parent directories (`<repo>/../shared/data` for a
checkout with `../shared` beside it, as in CI).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SHARED_DATA_ENV = "HADATH_SHARED_DATA"

# corpus name -> directory under the shared data root holding one `<day>.zip` per day
CORPORA = {"saudinewsnet": Path("news/saudinewsnet")}


class CorpusError(ValueError):
    """A gold article whose text cannot be found or no longer matches the annotation."""


@dataclass(frozen=True, slots=True)
class CorpusArticle:
    corpus: str
    day: str  # the zip's day, YYYY-MM-DD
    url: str
    text: str
    title: str = ""
    outlet: str = ""
    published: str = ""  # the record's date_extracted, as the corpus gives it


def text_fingerprint(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def url_part(url: str, dev_share: int = 3) -> str:
    """The fixed part of an article: `dev` for one URL in three by its SHA-1, else `train`.

    A hash of the URL, not a list, decides, so a new article's part is known before anyone
    reads it and no one can move an article between parts after seeing the coder's output.
    """
    digest = hashlib.sha1(url.strip().encode("utf-8")).hexdigest()
    return "dev" if int(digest, 16) % dev_share == 0 else "train"


def shared_data_root(start: Path) -> Path | None:
    """`$HADATH_SHARED_DATA`, or `shared/data` beside `start` or one of its parents."""
    configured = os.environ.get(SHARED_DATA_ENV)
    if configured:
        root = Path(configured)
        return root if root.is_dir() else None
    here = start.resolve()
    for folder in [here, *here.parents]:
        for candidate in (folder / "shared" / "data", folder.parent / "shared" / "data"):
            if candidate.is_dir():
                return candidate
    return None


@functools.lru_cache(maxsize=8)
def _day_records(zip_path: Path) -> dict[str, dict[str, Any]]:
    """The records of one day's zip by URL; the first record of a URL repeated wins."""
    try:
        with zipfile.ZipFile(zip_path) as archive:
            names = [n for n in archive.namelist() if n.endswith(".json")]
            if not names:
                raise CorpusError(f"{zip_path}: no JSON member")
            records = json.loads(archive.read(names[0]).decode("utf-8"))
    except (OSError, zipfile.BadZipFile, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CorpusError(f"{zip_path}: unreadable corpus file: {error}") from None
    if not isinstance(records, list):
        raise CorpusError(f"{zip_path}: expected a JSON array of articles")
    by_url: dict[str, dict[str, Any]] = {}
    for record in records:
        if isinstance(record, dict) and isinstance(record.get("url"), str):
            by_url.setdefault(record["url"].strip(), record)
    return by_url


def corpus_article(corpus: str, day: str, url: str, start: Path) -> CorpusArticle:
    """The article `url` of `corpus` on `day`, read from the shared data root."""
    if corpus not in CORPORA:
        raise CorpusError(f"unknown corpus {corpus!r}; known: {', '.join(sorted(CORPORA))}")
    root = shared_data_root(start)
    if root is None:
        raise CorpusError(
            f"the {corpus} text is read from ../shared/data (or ${SHARED_DATA_ENV}), "
            "which is not here"
        )
    zip_path = root / CORPORA[corpus] / f"{day}.zip"
    if not zip_path.is_file():
        raise CorpusError(f"{zip_path}: no such corpus file")
    record = _day_records(zip_path).get(url.strip())
    if record is None:
        raise CorpusError(f"{zip_path}: no article with url {url}")
    text = record.get("content")
    if not isinstance(text, str) or not text.strip():
        raise CorpusError(f"{zip_path}: the article {url} has no text")
    return CorpusArticle(
        corpus=corpus,
        day=day,
        url=url.strip(),
        text=text,
        title=str(record.get("title") or ""),
        outlet=str(record.get("source") or ""),
        published=str(record.get("date_extracted") or ""),
    )
