"""Show a corpus article the way an annotator of the whole-article gold reads it.

    python scripts/gold_article.py --day 2015-08-01 --url URL [--skeleton]
    python scripts/gold_article.py --gold gold/news/dev/FILE.yaml

Prints the outlet, the publication day, the part (train/dev, fixed by a hash of the URL)
and the article's clean text split into numbered sentences exactly as hadath splits them,
so the `sentence:` numbers of the gold agree with the coder's. Only the text stages run
(cleaning and sentence splitting): an annotator sees no coded event. `--skeleton` also
prints the header of a new gold file (corpus, day, url, text_sha1, part) to fill in by the
codebook (docs/codebook.md). The text is read from ../shared/data and never written to the
repository.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

from hadath.analysis import text_pipeline
from hadath.evaluation.corpus import CorpusError, corpus_article, text_fingerprint, url_part
from hadath.model import Document


def article_from_gold(path: Path) -> tuple[str, str, str]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    source = data.get("source") or {}
    return str(source.get("corpus", "saudinewsnet")), str(source["day"]), str(source["url"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--corpus", default="saudinewsnet")
    parser.add_argument("--day", help="the zip's day, YYYY-MM-DD")
    parser.add_argument("--url")
    parser.add_argument("--gold", type=Path, help="read corpus, day and url from a gold file")
    parser.add_argument("--skeleton", action="store_true", help="print a gold file header")
    args = parser.parse_args(argv)
    if args.gold:
        corpus, day, url = article_from_gold(args.gold)
    elif args.day and args.url:
        corpus, day, url = args.corpus, args.day, args.url
    else:
        parser.error("give --day and --url, or --gold")
    try:
        article = corpus_article(corpus, day, url, Path.cwd())
    except CorpusError as error:
        print(f"error: {error}", file=sys.stderr)
        return 3
    doc = text_pipeline(morphology=False)(Document(raw_text=article.text))
    print(f"# outlet: {article.outlet}   published (date_extracted): {article.published}")
    print(f"# part: {url_part(article.url)}   title: {article.title}")
    for sentence in doc.sentences:
        print(f"[{sentence.index}] {sentence.text}")
    if args.skeleton:
        header = {
            "source": {
                "corpus": corpus,
                "day": day,
                "url": article.url,
                "outlet": article.outlet,
                "text_sha1": text_fingerprint(article.text),
            },
            "publication_date": day,
            "part": url_part(article.url),
        }
        print("\n# --- gold file header ---")
        print(yaml.safe_dump(header, allow_unicode=True, sort_keys=False), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
