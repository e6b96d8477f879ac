"""Modality of a trigger: future, negated, reported (or claimed), hypothetical; intent codes.

The words live in `data/events/modality.yaml`. Each finding is returned with the rule that
produced it, so the event's explanation can say why it is future or negated.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from hadath.entities.matching import host_key
from hadath.model import Token
from hadath.text.normalise import matching_key, phrase_key
from hadath.yamlio import load_yaml


def _keys(words: Sequence[str]) -> frozenset[str]:
    return frozenset(matching_key(w) for w in words)


@dataclass(frozen=True)
class ModalityWords:
    future: frozenset[str]
    future_phrases: tuple[str, ...]
    future_window: int
    negation: frozenset[str]
    negation_window: int
    denial_verbs: frozenset[str]
    reported: frozenset[str]
    claimed: frozenset[str]
    hypothetical: frozenset[str]
    hypothetical_phrases: tuple[str, ...]
    hypothetical_window: int
    intent_codes: tuple[tuple[str, str], ...]  # (code prefix, intent code), longest first

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> ModalityWords:
        future, negation = data["future"], data["negation"]
        reported, hypothetical = data["reported"], data["hypothetical"]
        intents = sorted(data["intent_codes"].items(), key=lambda kv: -len(kv[0]))
        return cls(
            future=_keys(future["words"]),
            future_phrases=tuple(phrase_key(p) for p in future.get("phrases", [])),
            future_window=int(future.get("window", 4)),
            negation=_keys(negation["words"]),
            negation_window=int(negation.get("window", 2)),
            denial_verbs=_keys(negation.get("denial_verbs", [])),
            reported=_keys(reported["words"]),
            claimed=_keys(reported.get("claimed", [])),
            hypothetical=_keys(hypothetical["words"]),
            hypothetical_phrases=tuple(phrase_key(p) for p in hypothetical.get("phrases", [])),
            hypothetical_window=int(hypothetical.get("window", 6)),
            intent_codes=tuple((str(k), str(v)) for k, v in intents),
        )


@functools.lru_cache(maxsize=1)
def modality_data() -> dict[str, Any]:
    """`data/events/modality.yaml`, read once: modality, realis and outcome words share it."""
    text = (resources.files("hadath") / "data" / "events" / "modality.yaml").read_text("utf-8")
    data: dict[str, Any] = load_yaml(text)
    return data


@functools.lru_cache(maxsize=1)
def default_modality_words() -> ModalityWords:
    return ModalityWords.from_mapping(modality_data())


@dataclass
class Modality:
    future: bool = False
    negated: bool = False
    reported: bool = False
    claimed: bool = False
    hypothetical: bool = False
    rules: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, bool]:
        return {
            "future": self.future,
            "negated": self.negated,
            "reported": self.reported,
            "hypothetical": self.hypothetical,
        }


def _window_text(tokens: Sequence[Token], start: int, end: int) -> str:
    return " ".join(t.key for t in tokens[max(start, 0) : end])


def _keys_of(token: Token) -> set[str]:
    return {token.key, host_key(token), matching_key(token.lemma) if token.lemma else ""}


def read_modality(tokens: Sequence[Token], first: int, words: ModalityWords) -> Modality:
    """Modality of the trigger at token `first`, from the words before it in its sentence."""
    found = Modality()
    trigger = tokens[first]
    if "س" in trigger.proclitics:
        found.future = True
        found.rules.append(f"future: the proclitic س on {trigger.text}")
    before = tokens[max(0, first - words.future_window) : first]
    marker = next((t for t in before if _keys_of(t) & words.future), None)
    window = _window_text(tokens, first - words.future_window - 2, first)
    phrase = next((p for p in words.future_phrases if p in window), None)
    if marker is not None or phrase is not None:
        found.future = True
        found.rules.append(f"future: {marker.text if marker else phrase} before the trigger")
    _negation(tokens, first, words, found)
    _reported(tokens, first, words, found)
    _hypothetical(tokens, first, words, found)
    return found


def _negation(tokens: Sequence[Token], first: int, words: ModalityWords, found: Modality) -> None:
    near = tokens[max(0, first - words.negation_window) : first]
    marker = next((t for t in near if t.key in words.negation), None)
    if marker is not None:
        found.negated = True
        found.rules.append(f"negated: {marker.text} before the trigger")
        if marker.key == "لن":
            found.future = True
        return
    before = tokens[max(0, first - REPORT_WINDOW) : first]
    denial = next((t for t in before if _keys_of(t) & words.denial_verbs), None)
    if denial is not None:
        found.negated = True
        found.reported = True
        found.rules.append(f"negated: denied by {denial.text}")


#: How far before a trigger a source or a verb of saying or denial is looked for; news puts
#: them at the head of the sentence, and an unbounded look made long sentences quadratic.
REPORT_WINDOW = 40
COMPLEMENTIZERS = frozenset({"ان", "بان", "انه", "انها", ":"})


def _reported(tokens: Sequence[Token], first: int, words: ModalityWords, found: Modality) -> None:
    """Reported when a source is cited ("وفقاً لمصادر", "بحسب") or a verb of saying governs a
    clause holding the trigger ("أفادت مصادر بأن ..."); "أعلنت الحكومة وقفاً لإطلاق النار" is
    the government's own act, not a report of it."""
    marker = None
    start = max(0, first - REPORT_WINDOW)
    for index, token in enumerate(tokens[start:first], start):
        if not _keys_of(token) & words.reported:
            continue
        if token.pos != "VERB" or any(
            t.key in COMPLEMENTIZERS or t.text in '«"' for t in tokens[index + 1 : first]
        ):
            marker = token
            break
    if marker is None:
        return
    found.reported = True
    found.claimed = bool(_keys_of(marker) & words.claimed)
    found.rules.append(f"{'claimed' if found.claimed else 'reported'}: {marker.text}")


def _hypothetical(
    tokens: Sequence[Token], first: int, words: ModalityWords, found: Modality
) -> None:
    start = max(0, first - words.hypothetical_window)
    marker = next((t for t in tokens[start:first] if t.key in words.hypothetical), None)
    window = _window_text(tokens, start, first)
    phrase = next((p for p in words.hypothetical_phrases if p in window), None)
    if marker is not None or phrase is not None:
        found.hypothetical = True
        found.rules.append(f"hypothetical: {marker.text if marker else phrase}")


def intent_code(code: str, words: ModalityWords) -> str | None:
    """CAMEO's intent code for a future cooperative event: 040 -> 036, 057 -> 030."""
    return next((intent for prefix, intent in words.intent_codes if code.startswith(prefix)), None)
