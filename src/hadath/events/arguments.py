"""The argument decision: which of a sentence's actor mentions is the source, which the target.

The frames (`events/frames.py`) name one position per role and give up when the sentence
does not fit them: an apposition ("الأمين العام للأمم المتحدة، بان كي مون،") is read as a
target, a victim in a passive clause or a place's country as none. Here every actor slot of
the sentence is scored for each role by a trained linear model over its relation to the
trigger — side, distance, the preposition before it, a verb or a comma between, apposition,
the rules' own choice, the slot's kind — and the best one above the role's threshold is
taken, with the slots coordinated with it ("حماس والجهاد").

Features are names with the value 1, read by `slot_features` both here and by
`scripts/train_events.py`. The models are two files in `data/models/`
(`event_source.json.gz`, `event_target.json.gz`) in the event decision's format.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from hadath.entities.matching import host_key
from hadath.events.candidates import Candidate, Participants, sides
from hadath.events.decision import LinearDecision, Verdict, load_decision
from hadath.events.frames import FrameReader, Slot, verb_first
from hadath.events.patterns import COMPOUND_PREPOSITIONS
from hadath.events.triggers import TriggerMatch
from hadath.text.normalise import matching_key
from hadath.yamlio import load_yaml

ROLES = ("source", "target")
#: Under this probability the argument model overrules even the frame's own choice.
RULES_FLOOR = 0.1
#: How much likelier another slot must be for the model to overrule the frame's choice.
#: Chosen on the article gold's train part, coded end to end by fold models
#: (`scripts/train_events.py --cv-only`): margin 0.1 / 0.2 / 0.3 / 0.45 gave recall 0.180 /
#: 0.177 / 0.184 / 0.184, dyad accuracy 0.374 / 0.368 / 0.386 / 0.392, GSR spans ASSAULT
#: source country 0.37 / 0.39 / 0.42 / 0.42: the frames of a plain clause are right more
#: often than a model trained on a few hundred articles is sure it knows better.
OVERRULE_MARGIN = 0.3
MODEL_FILES = {role: f"event_{role}.json.gz" for role in ROLES}


def _distance(gap: int) -> str:
    if gap <= 1:
        return "adjacent"
    if gap <= 3:
        return "2-3 words"
    if gap <= 8:
        return "4-8 words"
    return "9+ words"


def _kind(code: str) -> str:
    if code.startswith(("IGO", "NGO", "IMG", "INT", "MNC")):
        return "international"
    if len(code) == 3:
        return "country"
    return code[3:6]


@functools.lru_cache(maxsize=1)
def _argument_words() -> dict[str, Any]:
    text = (resources.files("hadath") / "data" / "events" / "arguments.yaml").read_text("utf-8")
    data: dict[str, Any] = load_yaml(text)
    return data


@functools.lru_cache(maxsize=1)
def head_nouns() -> frozenset[str]:
    """`data/events/arguments.yaml` heads: nouns an actor after them owns (مواقع الحزب)."""
    return frozenset(matching_key(w) for w in _argument_words()["heads"])


@functools.lru_cache(maxsize=1)
def perpetration_verbs() -> frozenset[str]:
    """`data/events/arguments.yaml` perpetration_verbs: ارتكب، اقترف، نفذ، شن."""
    return frozenset(matching_key(w) for w in _argument_words()["perpetration_verbs"])


#: Roots whose target is whoever committed the act they are about: disapprove, reject.
PERPETRATOR_ROOTS = frozenset({"11", "12"})
#: How far after the trigger the committed act's perpetrator is looked for.
PERPETRATOR_WINDOW = 15


def perpetrator(reader: FrameReader, match: TriggerMatch, exclude: Sequence[Slot]) -> Slot | None:
    """The actor who committed what a condemnation is about: the subject of a verb of
    committing after the trigger ("الجريمة التي ارتكبها مستوطنون إسرائيليون") or an agent
    after "من قبل" / "على يد" ("الاقتحامات المتكررة للمسجد الأقصى من قبل المتطرفين")."""
    end = min(len(reader.tokens), match.last + 1 + PERPETRATOR_WINDOW)
    verbs = perpetration_verbs()
    for index in range(match.last + 1, end):
        token = reader.tokens[index]
        if token.pos == "VERB" and (
            host_key(token) in verbs or matching_key(token.lemma or "") in verbs
        ):
            subject = reader.subject_after(index, index)
            if subject is not None and subject not in exclude and not subject.place_only:
                return subject
    agents = (
        slot
        for slot in reader.slots
        if match.last < slot.first < end and slot not in exclude and not slot.place_only
    )
    return next((s for s in agents if reader.preposition_of(s) in COMPOUND_PREPOSITIONS), None)


def preposition_through_head(reader: FrameReader, slot: Slot) -> str | None:
    """The preposition before a head noun the slot owns: "على مواقع حزب" -> على, "لمقر" -> ل."""
    if slot.first == 0:
        return None
    head = reader.tokens[slot.first - 1]
    if host_key(head) not in head_nouns():
        return None
    clitic = next((c for c in head.proclitics if c in ("ب", "ل")), None)
    if clitic:
        return clitic
    if slot.first >= 2:
        before = reader.tokens[slot.first - 2]
        if before.key in {matching_key(w) for w in ("على", "ضد", "في", "إلى", "من")}:
            return before.key
    return "none"


def structural_roles(candidate: Candidate, reader: FrameReader) -> dict[int, set[str]]:
    """Slot (by first token) -> the grammatical positions the frame reader finds it in,
    whatever the pattern's frame asks: subject, object, genitive, light verb's subject."""
    match = candidate.match
    roles: dict[int, set[str]] = {}
    first_verb = match.pattern.pos == "verb" and verb_first(reader.tokens, match.first)
    subject = reader.subject(match.first, match.last, verb_first=first_verb)
    if match.pattern.pos == "verb" and subject is not None:
        roles.setdefault(subject.first, set()).add("subject of the verb")
        after = subject.last if subject.first > match.last else match.last
        obj = reader.object_after(after, subject)
        if obj is not None:
            roles.setdefault(obj.first, set()).add("object of the verb")
    if match.pattern.pos == "noun":
        genitive = reader.genitive(match.last)
        if genitive is not None:
            roles.setdefault(genitive.first, set()).add("genitive of the noun")
        light = reader.light_verb_subject(match.first)
        for slot in light or []:
            roles.setdefault(slot.first, set()).add("subject of the verb the noun is object of")
    return roles


def outside_trigger(slot: Slot, match: TriggerMatch) -> bool:
    """Not one of the trigger's own words; a slot between the words of a trigger of several
    words is the actor the trigger encloses."""
    return not (slot.first <= match.first <= slot.last or slot.first <= match.last <= slot.last)


def rule_role(candidate: Candidate, slot: Slot) -> str:
    """The role the rules' frame gave this slot: source, target or none."""
    who = candidate.participants
    if who is None:
        return "none"
    starts = {a.get("start") for a in slot.actors}
    if any(a.get("start") in starts for a in who.sources):
        return "source"
    if any(a.get("start") in starts for a in who.targets):
        return "target"
    return "none"


#: Slots farther than this many words from the trigger are not its actors; a bound that keeps
#: the decision linear in the sentence's length (a 5,000-word sentence has hundreds of slots).
ARGUMENT_WINDOW = 20


@dataclass(frozen=True)
class SlotContext:
    """What every slot of one candidate is compared with, computed once per candidate."""

    nearby: list[Slot]  # the slots within ARGUMENT_WINDOW of the trigger, in order
    lasts: frozenset[int]  # last token of every slot of the sentence
    roles: dict[int, set[str]]  # grammatical positions by slot (structural_roles)


def slot_context(candidate: Candidate, reader: FrameReader) -> SlotContext:
    match = candidate.match
    nearby = [
        s
        for s in reader.slots
        if outside_trigger(s, match)
        and s.first - match.last <= ARGUMENT_WINDOW
        and match.first - s.last <= ARGUMENT_WINDOW
    ]
    lasts = frozenset(s.last for s in reader.slots)
    return SlotContext(nearby, lasts, structural_roles(candidate, reader))


def _apposition(reader: FrameReader, slot: Slot, lasts: frozenset[int]) -> bool:
    """A slot right after another one with only a comma between: "… للأمم المتحدة، بان كي مون"."""
    before = slot.first - 1
    if before < 1 or before - 1 not in lasts:
        return False
    token = reader.tokens[before]
    return token.kind == "punct" and token.text in "،,"


def slot_features(
    candidate: Candidate,
    reader: FrameReader,
    slot: Slot,
    context: SlotContext | None = None,
) -> list[str]:
    match = candidate.match
    context = slot_context(candidate, reader) if context is None else context
    roles = context.roles
    pos, root = match.pattern.pos, candidate.code[:2]
    # A slot inside a trigger of several words ("شنت طائرات حربية ... غارة", "قدمت الإمارات
    # مساعدات") stands after its first word, where a verb's subject stands.
    after = slot.first > match.first
    end = match.last if slot.first > match.last else match.first
    gap = slot.first - end - 1 if after else match.first - slot.last - 1
    low, high = (end, slot.first) if after else (slot.last, match.first)
    prep = reader.preposition_of(slot) or "none"
    between = reader.tokens[low + 1 : high]
    role = rule_role(candidate, slot)
    slots_between = sum(1 for s in context.nearby if low < s.first and s.last < high)
    side = "after" if after else "before"
    names = {
        f"rules chose it as {role}",
        f"rules chose it as {role}+pos={pos}",
        f"side={side}",
        f"side={side}+pos={pos}",
        f"side={side}+root={root}",
        f"distance={_distance(gap)}",
        f"distance={_distance(gap)}+side={side}",
        f"preposition={prep}",
        f"preposition={prep}+side={side}",
        f"preposition={prep}+pos={pos}",
        f"preposition={prep}+root={root}",
        f"slots between={min(slots_between, 2)}",
        f"entity={slot.entity.type}",
        f"origin={slot.entity.origin}",
    }
    if not slot.place_only and slot.actors:
        kind = _kind(str(slot.actors[0].get("code") or ""))
        names.add(f"actor kind={kind}")
    names.add(f"rules chose it as {role}+root={root}")
    if slots_between == 0:
        names.add(f"nearest on its side+pos={pos}")
    if reader.verb_between(low, high):
        names.add("a verb between")
    if any(t.kind == "punct" for t in between):
        names.add("punctuation between")
    if slot.place_only:
        names.add("a place standing for its country")
        names.add(f"a place+root={root}")
    if _apposition(reader, slot, context.lasts):
        names.add("in apposition to the slot before it")
    if len(slot.actors) > 1:
        names.add("a pair reference")
    if reader.led_by_before(slot):
        names.add("led-by apposition")
    for position in roles.get(slot.first, ()):
        names.add(position)
        names.add(f"{position}+root={root}")
    through = preposition_through_head(reader, slot) if prep == "none" else None
    if through is not None:
        names.add(f"owner of a head noun after {through}")
        names.add(f"owner of a head noun after {through}+side={side}")
    if "passive" in " ".join(candidate.participants.rules if candidate.participants else []):
        names.add(f"passive frame+side={side}")
    return sorted(names)


@dataclass(frozen=True)
class ArgumentModels:
    source: LinearDecision
    target: LinearDecision

    def scores(
        self, candidate: Candidate, reader: FrameReader, context: SlotContext
    ) -> list[Scored]:
        scored = []
        for slot in context.nearby:
            features = slot_features(candidate, reader, slot, context)
            scored.append(
                Scored(slot, self.source.score(features, 0), self.target.score(features, 0))
            )
        return scored

    def choose(self, candidate: Candidate, reader: FrameReader) -> Participants | None:
        """The participants by the models, or None to keep the rules' own."""
        who = candidate.participants
        if who is None:
            return None
        context = slot_context(candidate, reader)
        slots = context.nearby
        if not slots:
            return None
        scored = self.scores(candidate, reader, context)
        rules: list[str] = []
        chosen = {role: [s for s in slots if rule_role(candidate, s) == role] for role in ROLES}
        source_slots = _best(
            reader, scored, side="source", exclude=(), rules=rules, fallback=chosen["source"]
        )
        codes = {a.get("code") for s in source_slots for a in s.actors}
        pair = len(source_slots) == 1 and len(source_slots[0].actors) > 1
        if who.symmetric and pair and not chosen["target"]:
            # "وناقش الجانبان": with no partner in the frame, a pair reference is both sides
            # of the meeting (its "partner" elsewhere in the sentence is its topic)
            rules.append("target: the other member of the pair")
            sources, targets = sides(source_slots, [], who.symmetric)
            return Participants(sources, targets, rules, who.frame, who.symmetric)
        target_slots = _best(
            reader, scored, side="target", exclude=source_slots, rules=rules, codes=codes,
            fallback=chosen["target"],
        )  # fmt: skip
        if not target_slots and candidate.code[:2] in PERPETRATOR_ROOTS:
            found = perpetrator(reader, candidate.match, source_slots)
            if found is not None and not {a.get("code") for a in found.actors} <= codes:
                rules.append(f"target: {found.entity.text}, who committed the act it is about")
                target_slots = reader.chain_of(found)
        sources, targets = sides(source_slots, target_slots, who.symmetric)
        return Participants(sources, targets, rules, who.frame, who.symmetric)


@dataclass(frozen=True, slots=True)
class Scored:
    slot: Slot
    source: Verdict
    target: Verdict

    def of(self, side: str) -> Verdict:
        return self.source if side == "source" else self.target


def _best(
    reader: FrameReader,
    scored: Sequence[Scored],
    *,
    side: str,
    exclude: Sequence[Slot],
    rules: list[str],
    codes: set[Any] | None = None,
    fallback: Sequence[Slot] = (),
) -> list[Slot]:
    """The slots for `side`: the frame's own choice, unless the argument model finds a slot
    clearly likelier (by `OVERRULE_MARGIN`) or finds the frame's all but impossible (below
    `RULES_FLOOR`); where the frame chose none, the model's best above its threshold. So the
    model corrects the frames where it is sure and does not silence them where it is not
    (trained on a few hundred articles, it is less sure than a frame of a plain clause)."""
    allowed = [
        entry
        for entry in scored
        if entry.slot not in exclude
        and not (codes and {a.get("code") for a in entry.slot.actors} <= codes)
    ]
    ranked = sorted(allowed, key=lambda e: (-e.of(side).probability, e.slot.first))
    framed = [e for e in allowed if e.slot in fallback]
    framed_p = max((e.of(side).probability for e in framed), default=0.0)
    if framed and framed_p >= RULES_FLOOR:
        top = ranked[0]
        if top.slot in fallback or top.of(side).probability < framed_p + OVERRULE_MARGIN:
            rules.append(f"{side}: the frame's choice, kept by the argument model ({framed_p:.2f})")
            return [e.slot for e in framed]
    if not ranked or not ranked[0].of(side).keep:
        rules.append(f"{side}: none above the argument model's threshold")
        return []
    best, verdict = ranked[0].slot, ranked[0].of(side)
    chain = [s for s in reader.chain_of(best) if s not in exclude]
    reasons = ", ".join(f"{name} {weight:+.2f}" for name, weight in verdict.decisive[:3])
    probability = f"{verdict.probability:.2f}"
    rules.append(f"{side}: {best.entity.text} by the argument model ({probability}: {reasons})")
    return chain or [best]


@functools.lru_cache(maxsize=1)
def default_argument_models() -> ArgumentModels | None:
    """The packaged models, or None when the package ships none."""
    folder = resources.files("hadath") / "data" / "models"
    loaded = {}
    for role, name in MODEL_FILES.items():
        resource = folder / name
        if not resource.is_file():
            return None
        with resources.as_file(resource) as path:
            loaded[role] = load_decision(path)
    return ArgumentModels(loaded["source"], loaded["target"])


def features_of_slots(
    candidate: Candidate, reader: FrameReader
) -> Iterator[tuple[Slot, list[str]]]:
    context = slot_context(candidate, reader)
    for slot in context.nearby:
        yield slot, slot_features(candidate, reader, slot, context)
