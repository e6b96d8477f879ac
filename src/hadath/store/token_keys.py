"""Per-token keys of a sentence, as the store keeps them for search and for `recode`.

Arabic writes conjunctions, prepositions, the article and pronoun suffixes onto the word
(بالقاهرة = ب + ال + قاهرة, والوفد = و + ال + وفد), so a sentence's surface keys alone do not
find a word's other forms. The morphology stage has already split every token; we keep,
per word-like token and aligned position by position, three keys:

- `words`: the token's matching key as written (بالقاهره);
- `stems`: its stem's matching key, clitics and article removed (قاهره) — what search
  matches a word's clitic forms by;
- `lemmas`: its lemma's matching key (قال for قالوا) — never searched by users (a lemma joins
  inflections: قال would find يقول), only by `recode`, because event patterns fire on
  lemmas.

Each is one space-joined string per sentence, so SQLite FTS5 indexes it as a column and a
phrase is consecutive positions in it. Two tokens with the same written form always get the
same stem (the analyser gives one analysis per word type), which is what lets a query word
be analysed like the text was.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hadath.model import Token
from hadath.text.normalise import matching_key

#: Token kinds that carry a word (punctuation and symbols are not searched).
WORD_KINDS = frozenset({"word", "latin", "number"})
ARTICLE = "ال"


@dataclass(frozen=True, slots=True)
class SentenceKeys:
    """Aligned, space-joined keys of a sentence's word-like tokens."""

    words: str
    stems: str
    lemmas: str

    def pairs(self) -> Iterable[tuple[str, str]]:
        """(written key, stem key) of every token: the index's vocabulary."""
        return zip(self.words.split(), self.stems.split(), strict=False)


def _one_word(key: str) -> str:
    # A key with an inner space would shift every later position of the aligned columns.
    return "".join(key.split())


def stem_key(token: Token) -> str:
    """The token without its clitics and article, keyed (والوفد → وفد)."""
    return _one_word(token.stem_key) or _one_word(token.key)


def lemma_key(token: Token) -> str:
    """The token's lemma keyed; its stem key when the analyser gave no lemma."""
    return _one_word(matching_key(token.lemma)) if token.lemma else stem_key(token)


def sentence_keys(tokens: Sequence[Token]) -> SentenceKeys:
    """The aligned keys of `tokens` (a sentence's, with morphology filled)."""
    kept = [t for t in tokens if t.kind in WORD_KINDS and _one_word(t.key)]
    return SentenceKeys(
        words=" ".join(_one_word(t.key) for t in kept),
        stems=" ".join(stem_key(t) for t in kept),
        lemmas=" ".join(lemma_key(t) for t in kept),
    )


def without_article(key: str) -> str | None:
    """الجهاد → جهاد: the stem a token has when its host form (stem with article) is `key`."""
    if key.startswith(ARTICLE) and len(key) > len(ARTICLE):
        return key[len(ARTICLE) :]
    return None
