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
from typing import Any

from hadath.entities.matching import host_key
from hadath.entities.rules import default_rules
from hadath.events.modality import modality_data
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
    head_prepositions: frozenset[str]
    topic_verbs: frozenset[str]
    background_heads: frozenset[str]
    relatives: frozenset[str]
    local_window: int
    complement_roots: frozenset[str]
    request_roots: frozenset[str]
    demonstratives: frozenset[str]
    clause_breaks: frozenset[str]
    request_window: int
    roots: frozenset[str]
    counts: frozenset[str]  # number words, from the entity rules
    statistics: frozenset[str]

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> RealisWords:
        return cls(
            occurrence_verbs=_keys(data["occurrence_verbs"]),
            outcome_words=_keys(data["outcome_words"]),
            time_anchors=_keys(data["time_anchors"]),
            abstract_heads=_keys(data["abstract_heads"]),
            head_prepositions=_keys(data["head_prepositions"]),
            topic_verbs=_keys(data["topic_verbs"]),
            background_heads=_keys(data["background_heads"]),
            relatives=_keys(data["relatives"]),
            local_window=int(data["local_window"]),
            complement_roots=frozenset(str(r) for r in data["complement_roots"]),
            request_roots=frozenset(str(r) for r in data["request_roots"]),
            demonstratives=_keys(data["demonstratives"]),
            clause_breaks=_keys(data["clause_breaks"]),
            request_window=int(data["request_window"]),
            roots=frozenset(str(r) for r in data["roots"]),
            counts=default_rules().counts,
            statistics=_keys(data["statistics"]),
        )


@functools.lru_cache(maxsize=1)
def default_realis_words() -> RealisWords:
    return RealisWords.from_mapping(modality_data()["realis"])


def _lemma(token: Token) -> str:
    return matching_key(token.lemma) if token.lemma else host_key(token)


def realis_anchor(
    tokens: Sequence[Token], match: TriggerMatch, words: RealisWords
) -> tuple[bool, str]:
    """(does the trigger report an occurrence?, the rule that decided)."""
    code = match.pattern.code or ""
    if code[:2] not in words.roots:
        return True, ""
    if match.pattern.pos != "noun":
        return _verb_realis(tokens, match, words)
    head = host_key(tokens[match.first - 1]) if match.first > 0 else ""
    topic = _topic_head(tokens, match.first, words)
    if topic:
        return False, f"not an occurrence: {topic} before the noun"
    proclitics = tokens[match.first].proclitics
    complement = code[:2] in words.complement_roots and bool({"ب", "ل"} & set(proclitics))
    if head in words.background_heads:
        refusal = f"background: {tokens[match.first - 1].text} dates another event by it"
        anchor = _local_anchor(tokens, match, words)
    elif "ال" in proclitics and not complement:
        refusal = "not an occurrence: a definite noun refers to an event told before"
        anchor = _local_anchor(tokens, match, words)
    else:
        refusal = "not an occurrence: a noun with no verb, victims or time anchoring it"
        anchor = _anchor(tokens, match, words)
    return (False, refusal) if anchor is None else (True, f"occurrence: {anchor}")


def _topic_head(tokens: Sequence[Token], first: int, words: RealisWords) -> str | None:
    """The head that makes the noun a topic: "تهمة القتل", "التحقيق في اغتيال", "يندد
    باعتداءات"."""
    if first == 0:
        return None
    before = tokens[first - 1]
    if host_key(before) in words.abstract_heads:
        return before.text
    if before.pos == "VERB" and _lemma(before) in words.topic_verbs:
        return before.text
    if first >= 2 and host_key(before) in words.head_prepositions:
        head = tokens[first - 2]
        if host_key(head) in words.abstract_heads:
            return f"{head.text} {before.text}"
    return None


def imperfect(token: Token, listed: frozenset[str] = frozenset()) -> bool:
    """An imperfect verb carries a person prefix its lemma (the perfect) lacks: يقتلون of قتل,
    تستهدف of استهدف; تعرضت of تعرض does not. A ت-form the pattern lists as a trigger is
    read as the perfect it names (وتجمع المتظاهرون: تجمّع, not "she gathers")."""
    stem = matching_key(token.stem or token.text)
    lemma = matching_key(token.lemma)
    if not (stem and lemma) or stem[0] not in "يتن" or stem[0] == lemma[0]:
        return False
    return not (stem[0] == "ت" and stem in listed)


def _verb_realis(
    tokens: Sequence[Token], match: TriggerMatch, words: RealisWords
) -> tuple[bool, str]:
    """A perfect verb reports an occurrence; an imperfect one ("يقتلون الأبرياء") is habitual or
    generic unless the sentence dates it or counts its victims ("يتظاهر الآلاف اليوم")."""
    token = tokens[match.first]
    listed = frozenset(key for trigger in match.pattern.triggers for key in trigger.first_keys)
    if token.pos != "VERB" or not imperfect(token, listed):
        return True, ""
    for other in tokens:
        keys = {host_key(other), _lemma(other)}
        if keys & words.time_anchors:
            return True, f"occurrence: an imperfect verb dated by {other.text}"
        if other.kind == "number":
            return True, f"occurrence: an imperfect verb with a count ({other.text})"
    return False, "not an occurrence: an imperfect verb with nothing dating it"


def _local_anchor(tokens: Sequence[Token], match: TriggerMatch, words: RealisWords) -> str | None:
    """A definite noun ("الانفجار") names an event the reader already knows; it reports one
    only when its own words say so: a count, an occurrence verb or a time right beside it, or
    a relative clause after it ("التفجير الذي وقع أمس")."""
    counted = _counted(tokens, match, words)
    if counted:
        return counted
    low = max(0, match.first - words.local_window)
    high = min(len(tokens), match.last + 1 + words.local_window)
    for token in (*tokens[low : match.first], *tokens[match.last + 1 : high]):
        if _occurs(token, words):
            return f"the verb {token.text} beside the noun"
        if host_key(token) in words.time_anchors:
            return f"dated by {token.text} beside the noun"
        if host_key(token) in words.relatives:
            return f"the relative clause {token.text} after the noun"
    return None


def _occurs(token: Token, words: RealisWords) -> bool:
    """A perfect verb of occurrence ("وقع", "شنت"); "تشن" and "يرتكب" tell what someone does."""
    return token.pos == "VERB" and _lemma(token) in words.occurrence_verbs and not imperfect(token)


def _counted(tokens: Sequence[Token], match: TriggerMatch, words: RealisWords) -> str | None:
    """A number or count word right after the noun, or right before an indefinite one:
    "ثلاث غارات", "عدة ضربات جوية". "عدد الهجمات" counts a kind of event, not victims."""
    places = [(match.last + 1, "after")]
    if "ال" not in tokens[match.first].proclitics:
        places.append((match.first - 1, "before"))
    for index, where in places:
        if 0 <= index < len(tokens):
            token = tokens[index]
            if token.kind == "number" or _lemma(token) in words.counts - words.statistics:
                return f"a count {where} the noun ({token.text})"
    return None


def _anchor(tokens: Sequence[Token], match: TriggerMatch, words: RealisWords) -> str | None:
    counted = _counted(tokens, match, words)
    if counted:
        return counted
    for token in tokens:
        if _occurs(token, words):
            return f"the verb {token.text}"
    for token in tokens:
        keys = {host_key(token), _lemma(token)}
        if keys & words.outcome_words:
            return f"victims or damage ({token.text})"
        if keys & words.time_anchors:
            return f"dated by {token.text}"
    return None


def refers_back(tokens: Sequence[Token], first: int, words: RealisWords) -> bool:
    """A noun pointed at — a possessive pronoun on it or a demonstrative before it ("هذه
    الزيارة", "اعتقاله") — names an event the reader was already told of. The article alone
    does not: UN prose names its topics with it ("الاجتماع", "العملية"), and requiring more
    cost the UN binary F1 0.580 -> 0.522."""
    if tokens[first].enclitic:
        return True
    return first > 0 and host_key(tokens[first - 1]) in words.demonstratives


def requested(
    tokens: Sequence[Token],
    match: TriggerMatch,
    earlier: Sequence[TriggerMatch],
    words: RealisWords,
) -> str | None:
    """The rule when a noun trigger is what an earlier demand, appeal, offer or threat asks
    for ("طالب بفرض عقوبات على", "دعا إلى وقف إطلاق النار", "هدد بشن هجوم"): wanted, not done.
    Only within the request's clause: up to a comma or "فيما" the content runs on."""
    if match.pattern.pos != "noun":
        return None
    for request in reversed(earlier):
        if (request.pattern.code or "")[:2] not in words.request_roots:
            continue
        if not 0 < match.first - request.last <= words.request_window:
            continue
        between = tokens[request.last + 1 : match.first]
        if any(t.kind == "punct" or host_key(t) in words.clause_breaks for t in between):
            continue
        return f"requested: what {request.trigger.text} asks for, not an occurrence"
    return None


@dataclass(frozen=True)
class OutcomeWords:
    casualty_codes: frozenset[str]
    links: frozenset[str]


@functools.lru_cache(maxsize=1)
def default_outcome_words() -> OutcomeWords:
    data = modality_data()["outcomes"]
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
        victim = next((e for e in events if e.target), None)
        for event in dict(coded)[cause]:
            if event.target is None and victim is not None:
                # The evidence travels with the actor: an explanation names every side it codes.
                event.target = victim.target
                event.explanation["target"] = victim.explanation["target"]
                event.explanation["rules"].append(f"target: the victims of {match.trigger.text}")
            event.explanation["rules"].append(f"outcome folded in: {match.trigger.text}")
    return kept


def _linked(tokens: Sequence[Token], match: TriggerMatch, words: OutcomeWords) -> bool:
    token = tokens[match.first]
    if "ب" in token.proclitics:
        return True
    return match.first > 0 and tokens[match.first - 1].key in words.links
