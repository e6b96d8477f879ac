"""Build the recogniser's word table (src/hadath/data/ner/word-table.tsv) from text without
labels and from the name lists; see hadath/ner/words.py for what each column means.

    python scripts/build_ner_words.py [--shared ../shared] [--out PATH]

1. Unlabelled text: every SaudiNewsNet article (title and body), the sentences of the GSR
   and UN event sets — ~1.8M tokens. Never ANERcorp's tail, AQMAR or Wojood: they are the
   checks, and a table learnt from their text would flatter them.
2. Vectors: counts of the stems two either side of each stem seen at least `MIN_COUNT`
   times (the `CONTEXT_WORDS` commonest stems by position, the rest as "other"), positive
   PMI, truncated SVD to `DIMENSIONS`, unit length; k-means at 64, 256 and 1,024 clusters.
3. Name evidence: a logistic regression on the vectors, given names (and, apart, family
   names) of ../shared/data/gazetteers/arabic_names against every other word; the table
   keeps the learnt score's bucket for every word, the lists themselves are not shipped.
4. News tags: a CRF trained on ANERcorp's training part with every feature except those
   naming the word itself (so it cannot tell a word it saw in training from one it did not)
   tags the unlabelled sentences; each stem seen `MIN_TAGGED_COUNT` times gets the share of
   its uses tagged PERS, LOC or ORG, as buckets.

Deterministic: fixed seeds, one BLAS thread, sorted output — a rebuild gives the same bytes
(scripts/train_ner.py rebuilds the table and the model together). Needs numpy, scipy and
scikit-learn, which the recogniser itself does not.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from hadath.ner.conll import read_anercorp
from hadath.ner.stems import word_stem
from hadath.ner.train import TrainOptions, dev_split, feature_function, train_model
from hadath.ner.words import WordKnowledge, WordTable, write_word_table
from hadath.text.tokens import tokenise

REPOSITORY = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPOSITORY / "src/hadath/data/ner/word-table.tsv"
MIN_COUNT = 5  # uses for a vector (2, with 150 dimensions: noisier clusters, tail F1 -0.016)
CONTEXT_WORDS = 5_000
DIMENSIONS = 100
CLUSTER_SIZES = (64, 256, 1024)
SEED = 0
MIN_TAGGED_COUNT = 3
NAME_LISTS = {
    "given": ("female-first-names-in-arabic.txt", "male-first--names-in-arabic.txt"),
    "family": ("last-names-in-arabic.txt",),
}
SENTENCE_END = frozenset({".", "!", "?", "؟"})
MAX_SENTENCE_TOKENS = 200  # UN paragraphs run to hundreds of words without a full stop
TYPES = ("PERS", "LOC", "ORG")


def _text_lines(text: str) -> Iterator[list[str]]:
    for line in text.split("\n"):
        tokens = [token.text for token in tokenise(line)]
        if tokens:
            yield tokens


def _saudinewsnet(shared: Path) -> Iterator[str]:
    for archive in sorted((shared / "data/news/saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(archive) as opened:
            for name in sorted(n for n in opened.namelist() if n.endswith(".json")):
                articles: list[dict[str, Any]] = json.loads(opened.read(name))
                for article in articles:
                    yield str(article.get("title") or "")
                    yield str(article.get("content") or "")


def _event_sentences(shared: Path) -> Iterator[str]:
    csv.field_size_limit(1 << 30)
    for path in sorted((shared / "data/events/arabic_event_gsr").glob("*_gsr.dev.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            yield from (row["text"] for row in csv.DictReader(handle))
    for path in sorted((shared / "data/events/un_quadclass").glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle, delimiter="\t")
            next(rows, None)
            yield from (row[0] for row in rows if row)


def unlabelled_lines(shared: Path) -> list[list[str]]:
    """Token lines of the unlabelled text, each distinct line once, in a fixed order (the
    three SaudiNewsNet days repeat some articles; the UN files share their sentences)."""
    seen: set[tuple[str, ...]] = set()
    lines = []
    for text in [*_saudinewsnet(shared), *_event_sentences(shared)]:
        for tokens in _text_lines(text):
            key = tuple(tokens)
            if key not in seen:
                seen.add(key)
                lines.append(tokens)
    return lines


def word_vectors(lines: Sequence[Sequence[str]]) -> tuple[list[str], Any]:
    """`(vocabulary, unit vectors)` from positional contexts two either side (PPMI + SVD)."""
    import numpy as np
    from scipy import sparse
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    counts = Counter(stem for line in lines for stem in line)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    vocabulary = [stem for stem, count in ranked if count >= MIN_COUNT]
    row_of = {stem: i for i, stem in enumerate(vocabulary)}
    column_of = {stem: i for i, (stem, _) in enumerate(ranked[:CONTEXT_WORDS])}
    width = CONTEXT_WORDS + 2  # the context words, "other", "sentence edge"
    rows, columns = [], []
    for line in lines:
        for index, stem in enumerate(line):
            row = row_of.get(stem)
            if row is None:
                continue
            for position, offset in enumerate((-2, -1, 1, 2)):
                other = index + offset
                inside = 0 <= other < len(line)
                column = column_of.get(line[other], CONTEXT_WORDS) if inside else width - 1
                rows.append(row)
                columns.append(position * width + column)
    shape = (len(vocabulary), 4 * width)
    matrix = sparse.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=shape).tocoo()
    total = matrix.sum()
    row_sums = np.asarray(matrix.sum(axis=1)).ravel()
    # Context counts smoothed to the power 0.75 (Levy, Goldberg & Dagan 2015): rare
    # contexts otherwise get the largest PMI.
    smoothed = np.asarray(matrix.sum(axis=0)).ravel() ** 0.75
    smoothed /= smoothed.sum()
    pmi = np.log(matrix.data / total / (row_sums[matrix.row] / total) / smoothed[matrix.col])
    keep = pmi > 0
    ppmi = sparse.csr_matrix((pmi[keep], (matrix.row[keep], matrix.col[keep])), shape=shape)
    svd = TruncatedSVD(DIMENSIONS, algorithm="randomized", n_iter=7, random_state=SEED)
    return vocabulary, normalize(svd.fit_transform(ppmi))


def word_clusters(vectors: Any) -> list[tuple[str, ...]]:
    """Cluster ids per word at each of `CLUSTER_SIZES`, coarsest first."""
    from sklearn.cluster import MiniBatchKMeans

    labels = []
    for size in CLUSTER_SIZES:
        kmeans = MiniBatchKMeans(size, random_state=SEED, n_init=3, batch_size=4096, max_iter=200)
        labels.append(kmeans.fit(vectors).labels_)
    return [tuple(str(level[i]) for level in labels) for i in range(vectors.shape[0])]


def _list_stems(paths: Iterable[Path]) -> set[str]:
    stems: set[str] = set()
    for path in paths:
        with path.open(encoding="utf-8-sig") as handle:
            stems.update(word_stem(word) for line in handle for word in line.split())
    return stems


def name_evidence(vocabulary: Sequence[str], vectors: Any, shared: Path) -> list[tuple[str, ...]]:
    """Per word, the buckets of how name-like its vector is, per name list."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    folder = shared / "data/gazetteers/arabic_names"
    found: list[list[str]] = [[] for _ in vocabulary]
    for kind, files in NAME_LISTS.items():
        listed = _list_stems(folder / name for name in files)
        labels = np.array([stem in listed for stem in vocabulary])
        model = LogisticRegression(C=1.0, max_iter=1000, class_weight="balanced")
        scores = model.fit(vectors, labels).predict_proba(vectors)[:, 1]
        print(f"name evidence {kind}: {int(labels.sum())} listed words in the vocabulary")
        for index, score in enumerate(scores):
            if score >= 0.5:
                found[index].append(f"{kind}:{'hi' if score >= 0.8 else 'mid'}")
    return [tuple(names) for names in found]


def _sentences(lines: Iterable[Sequence[str]]) -> Iterator[list[str]]:
    """Sentences as ANERcorp splits them (after . ! ? ؟), long ones cut into pieces."""
    for line in lines:
        sentence: list[str] = []
        for token in [*line, "."]:
            sentence.append(token)
            if token in SENTENCE_END or len(sentence) == MAX_SENTENCE_TOKENS:
                if len(sentence) > 1:
                    yield sentence
                sentence = []


def _bucket(share: float) -> str | None:
    return "hi" if share >= 0.5 else "mid" if share >= 0.2 else "lo" if share >= 0.05 else None


def news_tags(
    lines: Sequence[Sequence[str]], anercorp: Path, table: WordTable
) -> dict[str, tuple[str, ...]]:
    """Per stem, how often a context-only CRF tagged it PERS/LOC/ORG in unlabelled news."""
    import pycrfsuite

    options = TrainOptions(features="context")
    train, _ = dev_split(read_anercorp(anercorp))
    features = feature_function(options, table)
    counts: dict[str, Counter[str]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        model = train_model(train, options, Path(scratch) / "context.crfsuite", table)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(model))
        for sentence in _sentences(lines):
            for token, tag in zip(sentence, tagger.tag(features(sentence)), strict=True):
                seen = counts.setdefault(word_stem(token), Counter())
                seen["uses"] += 1
                seen[tag[2:] or "O"] += 1
    tags = {}
    for stem, seen in counts.items():
        if seen["uses"] >= MIN_TAGGED_COUNT:
            buckets = [(kind, _bucket(seen[kind] / seen["uses"])) for kind in TYPES]
            tags[stem] = tuple(f"{kind}:{b}" for kind, b in buckets if b) or ("none",)
    return tags


def build_table(shared: Path) -> dict[str, WordKnowledge]:
    from threadpoolctl import threadpool_limits

    started = time.perf_counter()
    lines = unlabelled_lines(shared)
    stems = [[word_stem(token) for token in line] for line in lines]
    print(f"{len(lines)} lines, {sum(map(len, lines))} tokens of unlabelled text", flush=True)
    with threadpool_limits(limits=1):  # one BLAS thread: the same floats on every run
        vocabulary, vectors = word_vectors(stems)
        clusters = word_clusters(vectors)
        names = name_evidence(vocabulary, vectors, shared)
    rows = {stem: WordKnowledge(clusters[i], (), names[i]) for i, stem in enumerate(vocabulary)}
    print(f"{len(rows)} words with vectors ({time.perf_counter() - started:.0f} s)", flush=True)
    anercorp = shared / "data/ner/ANERCorp.train.txt"
    tagged = news_tags(lines, anercorp, WordTable(rows, "clusters and names"))
    for stem in sorted(set(rows) | set(tagged)):
        known = rows.get(stem, WordKnowledge((), (), ()))
        rows[stem] = known._replace(news=tagged.get(stem, ("unk",)))
    print(f"{len(rows)} words in the table ({time.perf_counter() - started:.0f} s)", flush=True)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--shared", type=Path, default=REPOSITORY.parent / "shared")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not (args.shared / "data/news/saudinewsnet").is_dir():
        print(f"no SaudiNewsNet under {args.shared}/data/news", file=sys.stderr)
        return 3
    rows = build_table(args.shared)
    with args.out.open("w", encoding="utf-8", newline="\n") as out:
        written = write_word_table(rows.items(), out)
    print(f"wrote {written} rows to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
