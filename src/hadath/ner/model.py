"""The trained recogniser: a CRF over `features.sentence_features`, shipped in the package.

>>> from hadath.ner import default_recogniser
>>> recogniser = default_recogniser()
>>> recogniser.entities("التقى الرئيس محمود عباس في رام الله".split())
[(2, 4, 'PERS'), (5, 7, 'LOC')]

`tag_document` tags the sentences of one article together, so a name found in one sentence
is also tagged where the article repeats it (`document.carry_names`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

from hadath.ner.document import (
    carry_names,
    clear_positions,
    lookalike_positions,
    sentence_stems,
)
from hadath.ner.encoding import TaggingFeatures, model_attributes
from hadath.ner.features import Cues, default_cues, sentence_features
from hadath.ner.lexicon import Lexicon, default_lexicon
from hadath.ner.scoring import spans_from_tags
from hadath.ner.words import WordTable, default_word_table

MODEL_RESOURCE = "data/ner/names-crf.crfsuite"

FeatureFunction = Callable[[Sequence[str]], list[list[str]]]


class ModelMissingError(FileNotFoundError):
    """The packaged model file is absent (a broken install) or a given path does not exist."""


class Recogniser:
    """Tags tokens with B-/I- PERS, LOC, ORG, MISC or O."""

    def __init__(
        self,
        model: bytes,
        *,
        source: str = "",
        cues: Cues | None = None,
        lexicon: Lexicon | None = None,
        table: WordTable | None = None,
    ) -> None:
        import pycrfsuite

        self.source = source
        self._cues = cues if cues is not None else default_cues()
        self._lexicon = lexicon if lexicon is not None else default_lexicon()
        self._table = table if table is not None else default_word_table()
        self._tagger = pycrfsuite.Tagger()
        # Opened from bytes: the packaged model need not be a file on disk (zipped installs).
        # crfsuite reads the buffer in place without copying it, so the bytes must live as
        # long as the tagger: dropping them garbled the labels (UnicodeDecodeError in tag()).
        self._model = model
        self._tagger.open_inmemory(self._model)
        self._tagging_features = TaggingFeatures(
            self._cues, self._lexicon, model_attributes(self._tagger), self._table
        )

    @classmethod
    def from_file(
        cls, path: Path, *, cues: Cues | None = None, table: WordTable | None = None
    ) -> Recogniser:
        if not path.is_file():
            raise ModelMissingError(f"NER model not found: {path}")
        return cls(path.read_bytes(), source=str(path), cues=cues, table=table)

    def features(self, tokens: Sequence[str]) -> list[list[str]]:
        """Every feature of every token, as training saw them."""
        return sentence_features(tokens, self._cues, self._lexicon, self._table)

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """One tag per token, look-alike phrases left out; an empty sentence gets no tags."""
        return self._tag(tokens, lookalike_positions(sentence_stems(tokens), self._cues.lookalikes))

    def _tag(self, tokens: Sequence[str], lookalikes: frozenset[int]) -> list[str]:
        if not tokens:
            return []
        # The same features less those the model never saw, pre-encoded: same tags, faster.
        tags = list(self._tagger.tag(self._tagging_features.rows(tokens)))
        return clear_positions(tags, lookalikes) if lookalikes else tags

    def tag_document(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Tags of each sentence of one document, a name found in one sentence also tagged
        where another repeats it untagged (`document.carry_names`)."""
        stems = [sentence_stems(sentence) for sentence in sentences]
        lookalikes = [lookalike_positions(s, self._cues.lookalikes) for s in stems]
        tags = [self._tag(s, blocked) for s, blocked in zip(sentences, lookalikes, strict=True)]
        return carry_names(stems, tags, lookalikes)

    def entities(self, tokens: Sequence[str]) -> list[tuple[int, int, str]]:
        """`(start, end, type)` token ranges, end exclusive, of the entities in `tokens`."""
        return [(span.start, span.end, span.type) for span in spans_from_tags(self.tag(tokens))]


@functools.lru_cache(maxsize=1)
def default_recogniser() -> Recogniser:
    """The packaged model, loaded once per process."""
    resource = resources.files("hadath").joinpath(MODEL_RESOURCE)
    if not resource.is_file():
        raise ModelMissingError(f"packaged NER model missing: hadath/{MODEL_RESOURCE}")
    return Recogniser(resource.read_bytes(), source=f"hadath/{MODEL_RESOURCE}")
