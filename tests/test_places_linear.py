"""A sentence's places inside its actors' words, found with the matcher on the sentence's
own text: the same places, at the same document offsets, whether the sentence opens the
document or comes after thousands of characters (the text was padded to the sentence's
document offset, a cost quadratic in the document's length)."""

from __future__ import annotations

from hadath.api import code
from hadath.model import Document
from hadath.places.sentence import SentencePlaces, in_sentence

SENTENCE = "وأعلنت سفارة بيروت أن الوفد وصل إلى المطار."
FILLER = "وقال المتحدث إن الاجتماع كان مثمرا.\n\n"


def actor_places(doc: Document) -> list[tuple[int, str, int, int]]:
    by_sentence: dict[int | None, list] = {}
    for entity in doc.entities:
        by_sentence.setdefault(entity.sentence, []).append(entity)
    found = []
    for sentence in doc.sentences:
        places = SentencePlaces.build(by_sentence.get(sentence.index, []), sentence)
        for mention in places.in_actors:
            entity = mention.entity
            assert doc.clean_text[entity.start : entity.end] == entity.text
            assert sentence.tokens[mention.index].start == entity.start
            offset = entity.start - sentence.start
            found.append((sentence.start, entity.text, offset, mention.index))
    return found


def test_places_in_an_actor_are_the_same_far_into_a_document() -> None:
    first = actor_places(code(SENTENCE, published="2015-08-01"))
    assert [text for _, text, _, _ in first] == ["بيروت"]
    late = actor_places(code(FILLER * 200 + SENTENCE, published="2015-08-01"))
    assert late and late[0][0] > 5_000
    assert [row[1:] for row in late] == [row[1:] for row in first]


def test_tokens_moved_into_the_sentence_slice_its_text_as_the_document() -> None:
    doc = code(FILLER * 3 + SENTENCE, published="2015-08-01")
    for sentence in doc.sentences:
        moved, text = in_sentence(sentence.tokens, sentence)
        assert text == doc.clean_text[sentence.start : sentence.end]
        for token, original in zip(moved, sentence.tokens, strict=True):
            assert text[token.start : token.end] == doc.clean_text[original.start : original.end]
            assert (token.text, token.key, token.pos) == (original.text, original.key, original.pos)
