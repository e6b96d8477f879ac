"""JSON serialisation of a `Document` for the `analyse` contract.

One function per record type, so later stages (entities, events) add theirs beside these:
`{"documents": [{"id", "title", "published", "stats", "sentences": [{"index", "text", "start",
"end", "tokens": [{"text", "start", "end", "segments", "lemma", "pos", "proper_noun"}]}]}]}`.
Offsets are into the clean text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from hadath.model import Document, DocumentStats, Sentence, Token

#: Stats every document reports, even when zero, so consumers can rely on the keys.
REQUIRED_STATS = ("removed_debris", "dropped_paragraphs")


def token_to_json(token: Token) -> dict[str, Any]:
    return {
        "text": token.text,
        "start": token.start,
        "end": token.end,
        "kind": token.kind,
        "segments": list(token.segments),
        "lemma": token.lemma,
        "pos": token.pos,
        "proper_noun": token.proper_noun,
    }


def sentence_to_json(sentence: Sentence) -> dict[str, Any]:
    return {
        "index": sentence.index,
        "text": sentence.text,
        "start": sentence.start,
        "end": sentence.end,
        "tokens": [token_to_json(token) for token in sentence.tokens],
    }


def stats_to_json(stats: DocumentStats) -> dict[str, int]:
    counts = dict.fromkeys(REQUIRED_STATS, 0)
    counts.update(sorted(stats.counts.items()))
    return counts


def document_to_json(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "source": doc.source,
        "url": doc.url,
        "stats": stats_to_json(doc.stats),
        "warnings": list(doc.warnings),
        "sentences": [sentence_to_json(sentence) for sentence in doc.sentences],
    }


def documents_to_json(docs: Iterable[Document]) -> dict[str, Any]:
    return {"documents": [document_to_json(doc) for doc in docs]}
