"""AQMAR's article boundaries and the folds grouped by article (hadath.ner.folds), and
training with an other domain's sentences (hadath.ner.train, domain copies)."""

from __future__ import annotations

from pathlib import Path

import pycrfsuite
import pytest

from hadath.ner.conll import TaggedSentence, read_aqmar
from hadath.ner.folds import CorpusMismatchError, aqmar_articles, grouped_folds
from hadath.ner.train import (
    DOMAIN_PREFIX,
    TrainOptions,
    domain_rows,
    feature_function,
    other_domain_scores,
    train_model,
)


def test_folds_keep_each_group_whole_and_consecutive() -> None:
    groups = [0] * 5 + [1] * 30 + [2] * 10 + [3] * 10 + [4] * 25 + [5] * 20
    folds = grouped_folds(groups, 4)
    assert len(folds) == len(groups)
    for group in set(groups):
        assert len({f for f, g in zip(folds, groups, strict=True) if g == group}) == 1
    assert folds == sorted(folds)  # consecutive groups share a fold
    assert set(folds) == {0, 1, 2, 3}
    assert max(folds.count(f) for f in range(4)) <= 2 * len(groups) / 4


def test_a_group_bigger_than_a_fold_is_still_one_fold_and_no_fold_is_empty() -> None:
    assert grouped_folds([0] * 90 + [1] * 5 + [2] * 5, 3) == [0] * 90 + [1] * 10


@pytest.mark.shared
def test_aqmar_reads_as_its_28_articles(shared_path: Path) -> None:
    sentences = read_aqmar(shared_path / "data/ner/AQMAR_Arabic_NER_corpus-1.0.txt")
    articles = aqmar_articles(sentences)
    assert len(articles) == len(sentences)
    assert articles == sorted(articles)
    assert sorted(set(articles)) == list(range(28))
    # Every article has a lead and a body: none is a single stray sentence.
    assert min(articles.count(a) for a in range(28)) >= 20
    folds = grouped_folds(articles, 5)
    assert all(400 <= folds.count(f) <= 700 for f in range(5))
    with pytest.raises(CorpusMismatchError):
        aqmar_articles(sentences[1:])
    with pytest.raises(CorpusMismatchError, match="not the first sentence"):
        aqmar_articles([sentences[1], *sentences[1:]])


def test_domain_rows_copy_each_feature_with_its_weight() -> None:
    rows = domain_rows([["bias", "w=x"], ["bias"]], 3.0)
    copies = {f"{DOMAIN_PREFIX}bias": 3.0, f"{DOMAIN_PREFIX}w=x": 3.0}
    assert rows[0] == {"bias": 1.0, "w=x": 1.0, **copies}
    assert rows[1] == {"bias": 1.0, f"{DOMAIN_PREFIX}bias": 3.0}


def test_domain_copies_learn_the_other_domains_convention(tmp_path: Path) -> None:
    # News tags the club's name alone; the other domain tags "فريق" with it. With copies, the
    # news tagging keeps the news convention and the other-domain tagging learns its own.
    news = [TaggedSentence(("فاز", "فريق", "برشلونة"), ("O", "O", "B-ORG"))] * 20
    wiki = [TaggedSentence(("فاز", "فريق", "برشلونة"), ("O", "B-ORG", "I-ORG"))] * 20
    model = train_model(
        news, TrainOptions(max_iterations=50), tmp_path / "m.crfsuite", other=wiki, copy_weight=3.0
    )
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    rows = feature_function(TrainOptions())(news[0].tokens)
    assert tagger.tag(rows) == ["O", "O", "B-ORG"]
    assert other_domain_scores(model, wiki[:1], 3.0).micro().f1 == 1.0
