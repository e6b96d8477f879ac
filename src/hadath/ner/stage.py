"""The pipeline stage: names nobody listed, as `Entity(origin="ner")` in `doc.meta["ner"]`.

The resolver merges these with the dictionary's matches (the dictionary wins where they
overlap), so this stage only proposes; it never touches `doc.entities`.
"""

from __future__ import annotations

from collections.abc import Sequence

from hadath.model import Document, Entity, Sentence, Token
from hadath.ner.model import Recogniser, default_recogniser

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
        found: list[Entity] = []
        for sentence in doc.sentences:
            found += sentence_entities(doc, sentence, self.recogniser)
        doc.meta["ner"] = found
        doc.stats.add("ner entities", len(found))
        return doc


def sentence_entities(doc: Document, sentence: Sentence, recogniser: Recogniser) -> list[Entity]:
    tokens = sentence.tokens
    if not tokens:
        return []
    spans = recogniser.entities([token.text for token in tokens])
    return [_entity(doc, sentence, tokens[start:end], kind) for start, end, kind in spans]


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
