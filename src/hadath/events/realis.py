"""Is a noun trigger an event that happened, or talk about a kind of event?

Verbs report occurrences by themselves ("قتل", "انفجرت"); nouns of violence and protest
often do not ("جريمة اغتيال الحريري", "معدلات الاغتصاب"). A noun trigger of the roots listed in
`data/events/modality.yaml` (realis) codes an event only when its sentence anchors it: an
occurrence verb, a report of victims, or a time of the news — and not when it depends on an
abstract head ("تهمة القتل").
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from hadath.entities.matching import host_key
from hadath.entities.rules import default_rules
from hadath.events.triggers import TriggerMatch
from hadath.model import Event, Token
from hadath.text.normalise import matching_key


def _keys(words: Sequence[str]) -> frozenset[str]:
    return frozenset(matching_key(w) for w in words)


@dataclass(frozen=True)
class RealisWords:
    occurrence_verbs: frozenset[str]
    outcome_words: frozenset[str]
    time_anchors: frozenset[str]
    abstract_heads: frozenset[str]
    roots: frozenset[str]
    counts: frozenset[str]  # number words, from the entity rules

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> RealisWords:
        return cls(
            occurrence_verbs=_keys(data["occurrence_verbs"]),
            outcome_words=_keys(data["outcome_words"]),
            time_anchors=_keys(data["time_anchors"]),
            abstract_heads=_keys(data["abstract_heads"]),
            roots=frozenset(str(r) for r in data["roots"]),
            counts=default_rules().counts,
        )


@functools.lru_cache(maxsize=1)
def default_realis_words() -> RealisWords:
    text = (resources.files("hadath") / "data" / "events" / "modality.yaml").read_text("utf-8")
    return RealisWords.from_mapping(yaml.safe_load(text)["realis"])


def _lemma(token: Token) -> str:
    return matching_key(token.lemma) if token.lemma else host_key(token)


def realis_anchor(
    tokens: Sequence[Token], match: TriggerMatch, words: RealisWords
) -> tuple[bool, str]:
    """(does the trigger report an occurrence?, the rule that decided)."""
    code = match.pattern.code or ""
    if match.pattern.pos != "noun" or code[:2] not in words.roots:
        return True, ""
    if match.first > 0 and host_key(tokens[match.first - 1]) in words.abstract_heads:
        return False, f"not an occurrence: {tokens[match.first - 1].text} before the noun"
    anchor = _anchor(tokens, match, words)
    if anchor is None:
        return False, "not an occurrence: a noun with no verb, victims or time anchoring it"
    return True, f"occurrence: {anchor}"


def _anchor(tokens: Sequence[Token], match: TriggerMatch, words: RealisWords) -> str | None:
    following = tokens[match.last + 1] if match.last + 1 < len(tokens) else None
    if following is not None and (following.kind == "number" or _lemma(following) in words.counts):
        return f"a count after the noun ({following.text})"
    for token in tokens:
        if token.pos == "VERB" and _lemma(token) in words.occurrence_verbs:
            return f"the verb {token.text}"
    for token in tokens:
        keys = {host_key(token), _lemma(token)}
        if keys & words.outcome_words:
            return f"victims or damage ({token.text})"
        if keys & words.time_anchors:
            return f"dated by {token.text}"
    return None


@dataclass(frozen=True)
class OutcomeWords:
    casualty_codes: frozenset[str]
    links: frozenset[str]


@functools.lru_cache(maxsize=1)
def default_outcome_words() -> OutcomeWords:
    text = (resources.files("hadath") / "data" / "events" / "modality.yaml").read_text("utf-8")
    data = yaml.safe_load(text)["outcomes"]
    return OutcomeWords(frozenset(map(str, data["casualty_codes"])), _keys(data["links"]))


def _is_violence(match: TriggerMatch, words: OutcomeWords) -> bool:
    code = match.pattern.code or ""
    return code[:2] in ("18", "19", "20") and code not in words.casualty_codes


def fold_outcomes(
    tokens: Sequence[Token], coded: list[tuple[TriggerMatch, list[Event]]], words: OutcomeWords
) -> list[Event]:
    """Casualty events that are the outcome of a violence trigger after them ("قتل ... في
    قصف ...") fold into it: the victims become the attack's target where it has none."""
    kept: list[Event] = []
    for position, (match, events) in enumerate(coded):
        cause = (
            next(
                (
                    later
                    for later, later_events in coded[position + 1 :]
                    if later_events and _is_violence(later, words) and _linked(tokens, later, words)
                ),
                None,
            )
            if (match.pattern.code or "") in words.casualty_codes
            else None
        )
        if cause is None:
            kept += events
            continue
        victims = next((e.target for e in events if e.target), None)
        for event in dict(coded)[cause]:
            if event.target is None and victims is not None:
                event.target = victims
                event.explanation["rules"].append(f"target: the victims of {match.trigger.text}")
            event.explanation["rules"].append(f"outcome folded in: {match.trigger.text}")
    return kept


def _linked(tokens: Sequence[Token], match: TriggerMatch, words: OutcomeWords) -> bool:
    token = tokens[match.first]
    if "ب" in token.proclitics:
        return True
    return match.first > 0 and tokens[match.first - 1].key in words.links
