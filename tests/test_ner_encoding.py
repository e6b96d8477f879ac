"""The tagger's fast features: the training features less the unknown ones, same tags."""

from __future__ import annotations

import pytest

from hadath.ner import Recogniser, default_recogniser
from hadath.ner.encoding import TaggingFeatures, model_attributes
from hadath.ner.features import default_cues, sentence_features
from hadath.ner.lexicon import default_lexicon
from hadath.ner.words import default_word_table

# Gazetteer places at the start, middle and end (بيروت, رام الله, القاهرة), one behind a
# conjunction that only the loose stem strips (وبيروت), unknown and repeated words, digits,
# Latin and punctuation: every branch of the cached and the per-sentence features.
SENTENCES = [
    "بيروت تستقبل الوفد .",
    "التقى الرئيس محمود عباس في رام الله أمس مع وفد من القاهرة",
    "وبيروت ولبنان ودمشق وصلت إليها وفود زوكرفيلد 2024 Reuters",
    "قال قال قال",
    "القاهرة",
    "؟",
]


@pytest.fixture(scope="module")
def recogniser() -> Recogniser:
    return default_recogniser()


def test_model_attributes_list_the_packaged_model(recogniser: Recogniser) -> None:
    known = model_attributes(recogniser._tagger)
    assert known is not None
    assert "bias" in known
    assert "no such feature" not in known


class _BrokenTagger:
    def dump(self, filename: str) -> None:
        raise OSError("read-only")


def test_a_model_that_cannot_be_dumped_keeps_every_feature() -> None:
    assert model_attributes(_BrokenTagger()) is None
    encoder = TaggingFeatures(default_cues(), default_lexicon(), None, default_word_table())
    tokens = SENTENCES[1].split()
    expected = [[feature.encode() for feature in row] for row in sentence_features(tokens)]
    assert encoder.rows(tokens) == expected


@pytest.mark.parametrize("sentence", SENTENCES)
def test_rows_are_the_training_features_the_model_knows(
    recogniser: Recogniser, sentence: str
) -> None:
    known = model_attributes(recogniser._tagger)
    assert known is not None
    encoder = TaggingFeatures(default_cues(), default_lexicon(), known, default_word_table())
    tokens = sentence.split()
    expected = [[f.encode() for f in row if f in known] for row in sentence_features(tokens)]
    assert encoder.rows(tokens) == expected
    assert encoder.rows(tokens) == expected  # again, from the cache
    # No look-alike phrase in these sentences: the tags are the CRF's own.
    assert recogniser.tag(tokens) == list(recogniser._tagger.tag(sentence_features(tokens)))
