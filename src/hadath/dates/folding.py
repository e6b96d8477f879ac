"""Fold text for matching while remembering where each folded character came from.

Date patterns are written on matching keys (no diacritics, one alef, ى→ي, ة→ه, Western
digits); the mentions must still carry offsets into the text as given. Folding character by
character keeps a map from folded offsets back to original ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from hadath.text.normalise import DIACRITICS, TATWEEL, matching_key, needs_nfkc, text_key

FOLDED_AWAY = DIACRITICS | {TATWEEL}


@dataclass(frozen=True, slots=True)
class FoldedText:
    text: str
    # origin[i]: offset in the original text of folded character i; None when nothing was
    # folded away (most sentences), so that character i is original character i
    origin: tuple[int, ...] | None
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original `(start, end)` of the folded span `[start, end)`."""
        if self.origin is None:
            if start >= end:
                offset = min(start, self.original_length)
                return offset, offset
            return start, end
        if start >= end:
            offset = self.origin[start] if start < len(self.origin) else self.original_length
            return offset, offset
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str) -> FoldedText:
    if not needs_nfkc(text):
        # Every character folds to at most one: translate the text in one pass (the
        # per-character loop below was a tenth of the coder's time on news).
        folded = text_key(text)
        if len(folded) == len(text):  # nothing folded away (most sentences): i -> i
            return FoldedText(folded, None, len(text))
        kept = [index for index, char in enumerate(text) if char not in FOLDED_AWAY]
        if len(folded) == len(kept):
            return FoldedText(folded, tuple(kept), len(text))
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char in FOLDED_AWAY:
            continue
        key = matching_key(char) if ord(char) > 127 else char
        # NFKC may expand one presentation form into several letters: all map back to it.
        pieces.append(key)
        origin.extend([index] * len(key))
    return FoldedText("".join(pieces), tuple(origin), len(text))
