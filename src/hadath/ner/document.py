"""Decisions the recogniser takes over more than one word: look-alike phrases are no names,
and a name found once is the same name where the article repeats it.

* **Look-alikes** (`cues.yaml`, `lookalikes`): set phrases whose words are also names
  ("حسن الجوار" good neighbourliness, "لصالح" in favour of) get no entity tag.
* **Carried names**: the CRF tags one mention of a name it does not know and misses the
  next one in a harder context (ANERcorp's tail names كافو four times and مايكروسوفت six:
  each missed in some sentences, found in others). A name tagged anywhere in a document is
  tagged, with its most frequent type, wherever the same stems stand untagged. On the
  ANERcorp tail (pseudo-documents of 20 sentences) this lifted micro F1 by 1.5 points,
  recall up 3.3, precision down 1.0 (docs/ner.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from hadath.ner.cues import PhraseSet
from hadath.ner.scoring import spans_from_tags
from hadath.ner.stems import loose_stem, word_stem

#: Names shorter than this (letters over all their words) are not carried: two-letter
#: stems such as ال or بن are glue, not names.
MIN_CARRIED_LETTERS = 3


def sentence_stems(tokens: Sequence[str]) -> list[str]:
    """Each token's stem (`stems.word_stem`), what the decisions here match on."""
    return [word_stem(token) for token in tokens]


def lookalike_positions(stems: Sequence[str], phrases: PhraseSet) -> frozenset[int]:
    """Indices of the words (`sentence_stems`) inside a look-alike phrase, matched on each
    word's stem (لصالح) or on its stem with a bare و ف ب ل ك taken off (بحسن الجوار)."""
    if not phrases.phrases:
        return frozenset()
    looser = [loose_stem(stem) for stem in stems]
    found: set[int] = set()
    for index, (stem, loose) in enumerate(zip(stems, looser, strict=True)):
        lengths = phrases.lengths.get(stem, ()) + phrases.lengths.get(loose, ())
        for length in lengths:  # most words begin no look-alike: no lengths at all
            end = index + length
            if end <= len(stems) and (
                tuple(stems[index:end]) in phrases.phrases
                or tuple(looser[index:end]) in phrases.phrases
            ):
                found.update(range(index, end))
    return frozenset(found)


def clear_positions(tags: Sequence[str], positions: frozenset[int]) -> list[str]:
    """`tags` with the tokens at `positions` outside any entity (an I- tag left behind
    begins its entity)."""
    cleared = ["O" if index in positions else tag for index, tag in enumerate(tags)]
    for index, tag in enumerate(cleared):
        if tag.startswith("I-") and (index == 0 or cleared[index - 1][2:] != tag[2:]):
            cleared[index] = "B-" + tag[2:]
    return cleared


def carry_names(
    stems: Sequence[Sequence[str]],
    tags: Sequence[Sequence[str]],
    blocked: Sequence[frozenset[int]] | None = None,
) -> list[list[str]]:
    """`tags` with each name found in the document (its sentences' `sentence_stems`) also
    tagged where the same stems stand untagged elsewhere in it (longest name first;
    `blocked`: positions per sentence that must stay untagged). Linear in the tokens."""
    names = _names(stems, tags)
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name, kind in sorted(names.items(), key=lambda item: -len(item[0])):
        by_first.setdefault(name[0], []).append((name, kind))
    out = [list(sentence_tags) for sentence_tags in tags]
    for index, sentence in enumerate(stems):
        closed = blocked[index] if blocked is not None else frozenset()
        _fill(sentence, out[index], by_first, closed)
    return out


def _names(
    stems: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]
) -> dict[tuple[str, ...], str]:
    """Each tagged name's stems -> its most frequent type (the first one seen on a tie)."""
    counts: dict[tuple[str, ...], Counter[str]] = {}
    for sentence, sentence_tags in zip(stems, tags, strict=True):
        for span in spans_from_tags(sentence_tags):
            name = tuple(sentence[span.start : span.end])
            if sum(len(word) for word in name) >= MIN_CARRIED_LETTERS:
                counts.setdefault(name, Counter())[span.type] += 1
    return {name: kinds.most_common(1)[0][0] for name, kinds in counts.items()}


def _fill(
    stems: Sequence[str],
    tags: list[str],
    by_first: dict[str, list[tuple[tuple[str, ...], str]]],
    blocked: frozenset[int],
) -> None:
    index = 0
    while index < len(stems):
        width = 1
        for name, kind in by_first.get(stems[index], ()):
            end = index + len(name)
            if end > len(stems) or tuple(stems[index:end]) != name:
                continue
            if all(tags[i] == "O" and i not in blocked for i in range(index, end)):
                tags[index] = f"B-{kind}"
                tags[index + 1 : end] = [f"I-{kind}"] * (end - index - 1)
                width = len(name)
                break
        index += width
