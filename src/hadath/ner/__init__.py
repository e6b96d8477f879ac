"""Named-entity recognition for names no dictionary lists: a CRF trained on ANERcorp.

`default_recogniser().tag(tokens)` gives B-/I- PERS, LOC, ORG, MISC or O per token;
`NerStage` runs it over a document's sentences. See docs/ner.md and data/ner/MODEL_CARD.md.
"""

from hadath.ner.model import ModelMissingError, Recogniser, default_recogniser
from hadath.ner.stage import NerStage

__all__ = ["ModelMissingError", "NerStage", "Recogniser", "default_recogniser"]
