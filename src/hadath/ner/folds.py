"""Cross-validation folds of AQMAR grouped by article, for recognisers that train on it.

AQMAR (`read_aqmar`) is 28 Wikipedia articles joined without a mark between them;
`data/ner/aqmar-documents.yaml` says where each begins. A model that learns from AQMAR is
scored on AQMAR only on articles it never trained on: an article names the same people and
places from its first sentence to its last (the Real Madrid article and its players), so
folds that split an article flatter the score.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from importlib import resources

import yaml

from hadath.ner.conll import TaggedSentence

DOCUMENTS_RESOURCE = "data/ner/aqmar-documents.yaml"


class CorpusMismatchError(ValueError):
    """The AQMAR sentences read are not the copy the article starts were taken from."""


def _first_sentence_crc(sentence: TaggedSentence) -> str:
    return format(zlib.crc32(" ".join(sentence.tokens).encode("utf-8")), "08x")


def aqmar_articles(sentences: Sequence[TaggedSentence]) -> list[int]:
    """The article index (0-27) of each AQMAR sentence, in order.

    Raises `CorpusMismatchError` when the sentence count or an article's first sentence
    differs from the copy the starts were read from (`aqmar-documents.yaml`)."""
    text = resources.files("hadath").joinpath(DOCUMENTS_RESOURCE).read_text(encoding="utf-8")
    listing = yaml.safe_load(text)
    if len(sentences) != listing["sentences"]:
        raise CorpusMismatchError(
            f"AQMAR has {len(sentences)} sentences, the article starts are for "
            f"{listing['sentences']}: another copy of the corpus"
        )
    starts = [int(article["start"]) for article in listing["articles"]]
    for article, start in zip(listing["articles"], starts, strict=True):
        if _first_sentence_crc(sentences[start]) != article["crc32"]:
            raise CorpusMismatchError(
                f"AQMAR sentence {start} is not the first sentence of {article['title']!r}"
            )
    ids: list[int] = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(sentences)
        ids += [index] * (end - start)
    return ids


def grouped_folds(groups: Sequence[int], folds: int = 5) -> list[int]:
    """A fold for each item: whole groups, consecutive groups together, each fold holding
    about the same number of items (`groups` non-decreasing). Fold ids run 0 .. n-1 with no
    gap; n is less than `folds` when a group is bigger than a fold's share."""
    sizes: dict[int, int] = {}
    for group in groups:
        sizes[group] = sizes.get(group, 0) + 1
    fold_of: dict[int, int] = {}
    before = 0
    for group in sorted(sizes):
        # The fold the group's middle item falls in, were the items cut into equal folds.
        fold_of[group] = min(folds - 1, int((before + sizes[group] / 2) * folds / len(groups)))
        before += sizes[group]
    renumber = {fold: index for index, fold in enumerate(sorted(set(fold_of.values())))}
    return [renumber[fold_of[group]] for group in groups]
