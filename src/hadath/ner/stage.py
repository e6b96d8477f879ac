"""The pipeline stage: names nobody listed, as `Entity(origin="ner")` in `doc.meta["ner"]`.

The resolver merges these with the dictionary's matches (the dictionary wins where they
overlap), so this stage only proposes; it never touches `doc.entities`.
"""

from __future__ import annotations

from collections.abc import Sequence

from hadath.model import Document, Entity, Sentence, Token
from hadath.ner.model import Recogniser, default_recogniser
from hadath.ner.scoring import spans_from_tags

#: ANERcorp's type names to the document model's.
ENTITY_TYPE_NAMES = {"PERS": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}


class NerStage:
    name = "ner"
    requires = frozenset({"tokens"})
    assigns = frozenset({"ner"})

    def __init__(self, recogniser: Recogniser | None = None) -> None:
        self._recogniser = recogniser

    @property
    def recogniser(self) -> Recogniser:
        # Loaded on first use, so building a pipeline stays cheap.
        if self._recogniser is None:
            self._recogniser = default_recogniser()
        return self._recogniser

    def __call__(self, doc: Document) -> Document:
        # The whole article at once: a name found in one sentence is also found where
        # another sentence repeats it (Recogniser.tag_document).
        texts = [[token.text for token in sentence.tokens] for sentence in doc.sentences]
        found: list[Entity] = []
        for sentence, tags in zip(doc.sentences, self.recogniser.tag_document(texts), strict=True):
            found += sentence_entities(doc, sentence, tags)
        doc.meta["ner"] = found
        doc.stats.add("ner entities", len(found))
        return doc


def sentence_entities(doc: Document, sentence: Sentence, tags: Sequence[str]) -> list[Entity]:
    """The entities `tags` (one per token of `sentence`) mark, with character offsets."""
    tokens = sentence.tokens
    return [
        _entity(doc, sentence, tokens[span.start : span.end], span.type)
        for span in spans_from_tags(tags)
    ]


def _entity(doc: Document, sentence: Sentence, tokens: Sequence[Token], kind: str) -> Entity:
    char_start, char_end = tokens[0].start, tokens[-1].end
    text = doc.clean_text[char_start:char_end] or " ".join(token.text for token in tokens)
    return Entity(
        type=ENTITY_TYPE_NAMES.get(kind, "MISC"),
        start=char_start,
        end=char_end,
        text=text,
        origin="ner",
        sentence=sentence.index,
    )
