"""Build the shipped morphology analyses (src/hadath/data/morph/analyses.tsv.gz) and
recogniser lexicon flags (lexicon-flags.tsv.gz): farahidi's analysis, through hadath's own
backend and ranking, and `hadath.ner.lexicon.reading_flags`, of the most frequent word types
of unlabelled Arabic news text; see hadath/morph/shipped.py for the formats.

    python scripts/build_morph_cache.py [--shared ../shared] [--types 200000] [--workers 2]
        [--from-cache DIR]

1. Word counts: every SaudiNewsNet day but the one held apart (`--hold-out`, the day
   `bench/ingest.py --cold` codes, so the benchmark measures a corpus the table never saw),
   and the sentences of the GSR and UN event sets; each text through hadath's clean,
   sentence and token stages, each word counted under the analyser's key. Only counts are
   kept; no text reaches the file.
2. The `--types` commonest Arabic types (ties by the word; the default keeps every type of
   the counted text, 105,316 keys and 113,576 token texts: capped at the 100,000 commonest,
   1,985 of a cold run's 20,824 farahidi calls were for words the text held), analysed by
   `FarahidiBackend.analyse_batch` in `--workers` processes: exactly the analysis a fresh
   install would compute and cache for the word. The recogniser asks its lexicon for each
   token as written, so the flags are keyed by the token's text, counted apart.
3. `--from-cache DIR` takes the analyses and flags a hadath cache directory already holds
   for this farahidi and ranking version (the files are named by it: the same function of
   the word computed earlier) and asks farahidi only for the rest; ~2 ms per type otherwise,
   ~25 minutes for 100,000 types on a busy 2-core machine. tests/test_morph_shipped.py
   checks a sample of the file against a fresh farahidi analysis.

Deterministic: the types are sorted before and after analysis and the gzip carries no
timestamp, so a rebuild from the same data and farahidi gives the same bytes.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from pathlib import Path
from typing import Any

from hadath.model import Document
from hadath.morph.analyser import is_arabic
from hadath.morph.analysis import WordAnalysis
from hadath.morph.backend import FarahidiBackend
from hadath.morph.cache import DiskCache, WordTable
from hadath.morph.shipped import FLAGS_RESOURCE, SHIPPED_RESOURCE, write_flags, write_shipped
from hadath.ner.lexicon import FLAGS_VERSION, Lexicon, lexicon_cache_name
from hadath.text.normalise import normalise
from hadath.text.stages import CleanStage, SentenceStage, TokenStage

REPOSITORY = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPOSITORY / "src/hadath" / SHIPPED_RESOURCE
DEFAULT_FLAGS_OUT = REPOSITORY / "src/hadath" / FLAGS_RESOURCE
HOLD_OUT = "2015-08-09"
EVENT_SETS = (
    "events/arabic_event_gsr/assault_gsr.dev.csv",
    "events/arabic_event_gsr/protest_gsr.dev.csv",
    "events/un_quadclass/ar_quad.dev.tsv",
    "events/un_quadclass/ar_binary.dev.tsv",
)
_CHUNK = 500  # word types per task sent to a worker


def news_texts(zips: Iterable[Path]) -> Iterator[str]:
    import json

    for path in zips:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                for article in json.loads(archive.read(name)):
                    for key in ("title", "content"):
                        if isinstance(article.get(key), str):
                            yield article[key]


def event_sentences(path: Path) -> Iterator[str]:
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as stream:
        if path.suffix == ".csv":
            for row in csv.DictReader(stream):
                yield row["text"]
        else:
            for row in csv.DictReader(stream, delimiter="\t"):
                yield row["ar"]


def word_keys(text: str) -> Iterator[tuple[str | None, str]]:
    """Per token, the key the morphology stage asks the analyser for (MorphologyStage,
    Analyser; None for no Arabic word) and the text the recogniser asks its lexicon for."""
    doc = Document(raw_text=text)
    for stage in (CleanStage(), SentenceStage(), TokenStage()):
        doc = stage(doc)
    for sentence in doc.sentences:
        for token in sentence.tokens:
            key = None
            if token.kind == "word":
                key = normalise(token.norm or normalise(token.text)).strip()
            yield (key if key and is_arabic(key) else None), token.text


def count_words(texts: Iterable[str]) -> tuple[Counter[str], Counter[str]]:
    """Counts of analyser keys and of the recogniser's token texts (Arabic ones)."""
    keys: Counter[str] = Counter()
    written: Counter[str] = Counter()
    for text in dict.fromkeys(texts):  # the UN sets share their sentences: each counted once
        for key, token in word_keys(text):
            if key is not None:
                keys[key] += 1
            if is_arabic(token):
                written[token] += 1
    return keys, written


_BACKEND: list[FarahidiBackend] = []  # one per worker process: its load takes seconds


def _analyse(words: list[str]) -> dict[str, WordAnalysis]:
    if not _BACKEND:
        _BACKEND.append(FarahidiBackend())
    return _BACKEND[0].analyse_batch(words)


def _flags(words: list[str]) -> dict[str, tuple[str, ...]]:
    lexicon = Lexicon()  # no disk cache: farahidi's answer itself
    return {word: lexicon.flags(word) for word in words}


def compute_all(words: list[str], compute: Any, workers: int, what: str) -> dict[str, Any]:
    chunks = [words[i : i + _CHUNK] for i in range(0, len(words), _CHUNK)]
    found: dict[str, Any] = {}
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for done, part in enumerate(pool.map(compute, chunks), start=1):
            found.update(part)
            if done % 10 == 0 or done == len(chunks):
                rate = len(found) / (time.perf_counter() - started)
                print(f"  {what}: {len(found)}/{len(words)} types, {rate:.0f}/s", flush=True)
    return found


def commonest(counts: Counter[str], limit: int) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


def cached_analyses(directory: Path | None, words: list[str]) -> dict[str, WordAnalysis]:
    if directory is None:
        return {}
    backend = FarahidiBackend()
    path = directory / f"morph-{backend.name}-{backend.version}.sqlite"
    return DiskCache(path).get_many(words) if path.is_file() else {}


def cached_flags(directory: Path | None, words: list[str]) -> dict[str, tuple[str, ...]]:
    if directory is None:
        return {}
    path = directory / lexicon_cache_name()
    if not path.is_file():
        return {}
    rows = WordTable(path, "flags", ("flags",), "lexicon cache").get_many(words)
    return {word: tuple(str(row[0]).split()) for word, row in rows.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPOSITORY.parent / "shared")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--flags-out", type=Path, default=DEFAULT_FLAGS_OUT)
    parser.add_argument("--from-cache", type=Path, default=None, help="a hadath cache dir")
    parser.add_argument("--types", type=int, default=200_000, help="at most this many")
    parser.add_argument("--hold-out", default=HOLD_OUT, help="SaudiNewsNet day left out")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    data = args.shared / "data"
    zips = sorted(p for p in (data / "news/saudinewsnet").glob("*.zip") if p.stem != args.hold_out)
    sets = [data / name for name in EVENT_SETS]
    missing = [p for p in sets if not p.is_file()]
    if not zips or missing:
        raise SystemExit(f"build_morph_cache: missing {missing or 'SaudiNewsNet zips'}")
    keys, written = count_words(news_texts(zips))
    for path in sets:
        more_keys, more_written = count_words(event_sentences(path))
        keys.update(more_keys)
        written.update(more_written)
    header = {"sources": sorted(p.name for p in [*zips, *sets])}
    backend = FarahidiBackend()
    words = chosen(keys, args.types, "analyser keys", header)
    analyses = cached_analyses(args.from_cache, words)
    rest = [word for word in words if word not in analyses]
    print(f"  {len(analyses)} analyses from the cache, {len(rest)} to analyse")
    analyses.update(compute_all(rest, _analyse, args.workers, "analyses"))
    write_shipped(args.out, f"{backend.name}-{backend.version}", analyses, header)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")
    tokens = chosen(written, args.types, "token texts", header)
    flags = cached_flags(args.from_cache, tokens)
    rest = [word for word in tokens if word not in flags]
    print(f"  {len(flags)} flags from the cache, {len(rest)} to compute")
    flags.update(compute_all(rest, _flags, args.workers, "flags"))
    version = f"{backend.name}-{metadata.version('farahidi')}-v{FLAGS_VERSION}"
    write_flags(args.flags_out, version, flags, header)
    print(f"wrote {args.flags_out} ({args.flags_out.stat().st_size / 1e6:.2f} MB)")


def chosen(counts: Counter[str], limit: int, what: str, header: dict[str, Any]) -> list[str]:
    ranked = commonest(counts, limit)
    total = sum(counts.values())
    covered = sum(count for _, count in ranked)
    print(f"{what}: {len(counts)} types, {total} tokens; {len(ranked)} cover {covered / total:.3f}")
    return sorted(word for word, _ in ranked)


if __name__ == "__main__":
    main()
