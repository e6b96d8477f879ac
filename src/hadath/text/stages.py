"""The text stages of the pipeline: clean -> sentences -> tokens.

Each declares what it requires and assigns (hadath.pipeline checks the order once).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hadath.model import Document
from hadath.text.clean import CleanOptions, clean_document
from hadath.text.sentences import split_sentences
from hadath.text.tokens import tokenise_document


@dataclass
class CleanStage:
    """raw_text -> clean_text, offsets back to raw, paragraphs; debris removed and counted."""

    options: CleanOptions = field(default_factory=CleanOptions)
    name: str = "clean"
    requires: frozenset[str] = frozenset({"raw_text"})
    assigns: frozenset[str] = frozenset({"clean_text"})

    def __call__(self, doc: Document) -> Document:
        return clean_document(doc, self.options)


@dataclass
class SentenceStage:
    name: str = "sentences"
    requires: frozenset[str] = frozenset({"clean_text"})
    assigns: frozenset[str] = frozenset({"sentences"})

    def __call__(self, doc: Document) -> Document:
        return split_sentences(doc)


@dataclass
class TokenStage:
    name: str = "tokens"
    requires: frozenset[str] = frozenset({"sentences"})
    assigns: frozenset[str] = frozenset({"tokens"})

    def __call__(self, doc: Document) -> Document:
        return tokenise_document(doc)
