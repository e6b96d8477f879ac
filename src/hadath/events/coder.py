"""The event coder: triggers -> frames -> actors -> coded events with their evidence.

One event per source–target pair: "وفود من حركتي حماس والجهاد ... وصلت إلى القاهرة" gives
HMS→EGY and ISJ→EGY, each with the same trigger and its own actor spans. A pair reference
("الجانبان") with no other partner gives one event between its two actors.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from hadath.codes import CodeTable, default_codes, plover_mode, quad_class
from hadath.dictionaries.loader import default_dictionaries
from hadath.events.arguments import ArgumentModels, default_argument_models
from hadath.events.candidates import Candidate, Participants, sides
from hadath.events.decision import LinearDecision, Partial, default_decision
from hadath.events.features import SentenceBag, bag_prefix, own_features, sentence_bag
from hadath.events.frames import (
    FrameReader,
    Slot,
    circumstantial_tokens,
    sentence_slots,
    verb_first,
)
from hadath.events.modality import (
    Modality,
    ModalityWords,
    default_modality_words,
    intent_code,
    read_modality,
)
from hadath.events.patterns import PatternSet, Role, default_patterns, load_patterns
from hadath.events.placing import SentencePlaces, event_date, event_place
from hadath.events.realis import (
    OutcomeWords,
    RealisWords,
    default_outcome_words,
    default_realis_words,
    fold_outcomes,
    realis_anchor,
    refers_back,
    requested,
)
from hadath.events.triggers import TriggerMatch, find_triggers
from hadath.model import Document, Entity, Event, Sentence, Token

#: `HADATH_DECISIONS=off` codes by the rules alone, to measure what a rule change does by
#: itself before the decision is retrained on it.
DECISIONS_ENV = "HADATH_DECISIONS"
MAX_PAIRS = 6  # a long list of actors gives at most this many events per trigger
VERSION = "1"  # the coder's own logic; bumped when a change can alter coded events
#: Roots coded even when no actor is named: protest, coerce, assault, fight, mass violence.
ACTORLESS_ROOTS = frozenset({"14", "17", "18", "19", "20"})
#: Roots whose unnamed victims are their place's country: assault, fight, mass violence.
VICTIM_COUNTRY_ROOTS = frozenset({"18", "19", "20"})
VICTIMS_RULE = "target: the country of the event's place (no actor names its victims)"


def decisions_enabled() -> bool:
    return os.environ.get(DECISIONS_ENV, "on").strip().lower() not in {"off", "0", "no"}


class EventStage:
    name = "events"
    requires = frozenset({"entities", "coref"})
    assigns = frozenset({"events"})

    def __init__(
        self,
        options: object = None,
        decision: LinearDecision | None = None,
        arguments: ArgumentModels | None = None,
    ) -> None:
        paths = tuple(getattr(options, "patterns", ()) or ())
        self.patterns: PatternSet = load_patterns(paths) if paths else default_patterns()
        self.codes: CodeTable = default_codes()
        self.words: ModalityWords = default_modality_words()
        self.realis: RealisWords = default_realis_words()
        self.outcomes: OutcomeWords = default_outcome_words()
        self._country_codes: dict[str, str] | None = None
        if decision is None and getattr(options, "decisions", True) and decisions_enabled():
            decision = default_decision()
        self.decision = decision
        self.arguments: ArgumentModels | None = None
        if arguments is not None:
            self.arguments = arguments
        elif decision is not None and getattr(options, "decisions", True) and decisions_enabled():
            self.arguments = default_argument_models()
        # Triggers on the analyser's other readings are found only for a decision that can
        # weigh them; the rules alone take the first reading.
        self.other_readings = decision is not None

    @property
    def country_codes(self) -> dict[str, str]:
        """ISO alpha-2 -> CAMEO country code, for places standing as targets."""
        if self._country_codes is None:
            countries = default_dictionaries().countries.values()
            self._country_codes = {c.iso2: c.cameo for c in countries}
        return self._country_codes

    def __call__(self, doc: Document) -> Document:
        events: list[Event] = []
        countries = self.country_codes
        by_sentence: dict[int | None, list[Entity]] = defaultdict(list)
        for entity in doc.entities:
            by_sentence[entity.sentence].append(entity)
        for sentence in doc.sentences:
            events += self.code_sentence(doc, sentence, by_sentence[sentence.index], countries)
        doc.events = events
        doc.meta["patterns_version"] = self.patterns.version
        doc.meta["coder_version"] = VERSION
        doc.stats.add("events", len(events))
        return doc

    def code_sentence(
        self,
        doc: Document,
        sentence: Sentence,
        here: Sequence[Entity],
        countries: dict[str, str],
    ) -> list[Event]:
        candidates = self.candidates(doc, sentence, here, countries)
        if not candidates:
            return []
        places = SentencePlaces.build(here, sentence)
        coded: list[tuple[TriggerMatch, list[Event]]] = []
        bag = sentence_bag(sentence, self.realis) if self.decision is not None else None
        shared: dict[int, Partial] = {}  # the sentence's words weighed once per QuadClass
        for candidate in candidates:
            if not self.decide(candidate, bag, shared):
                continue
            assert candidate.participants is not None  # decide() keeps framed candidates only
            events = self.make_events(
                doc,
                sentence,
                here,
                places=places,
                match=candidate.match,
                who=candidate.participants,
                modality=candidate.modality,
                candidate=candidate,
            )
            coded.append((candidate.match, events))
        events = fold_outcomes(sentence.tokens, coded, self.outcomes)
        for event in events:
            self.victims_country(event)
        return events

    def victims_country(self, event: Event) -> None:
        """An attack whose victims no actor names ("قتل 18 شخصا ... في مدينة حلب") has the
        country of its place as target (codebook §4: civilians, residents, a village or a
        town as victim are the country alone); outcome folding has had its say first."""
        place = event.location
        if event.target is not None or event.root not in VICTIM_COUNTRY_ROOTS or place is None:
            return
        country = self.country_codes.get(place.country or "")
        source = event.source["code"] if event.source else None
        if place.basis == "article" or country is None or country == source:
            return
        record = {
            "code": country,
            "name": place.name,
            "text": place.text,
            "start": place.start,
            "end": place.end,
            "origin": "place",
        }
        event.target = _public(record)
        event.explanation["target"] = record
        event.explanation["rules"].append(VICTIMS_RULE)

    def decide(
        self,
        candidate: Candidate,
        bag: SentenceBag | None = None,
        shared: dict[int, Partial] | None = None,
    ) -> bool:
        """Is the candidate an event reported as happening? The trained decision's verdict
        (kept on the candidate, for the event's confidence and explanation), or the rules'
        when no model is installed."""
        if self.decision is None:
            return candidate.rules_keep
        if candidate.participants is None:
            return False
        bag = bag if bag is not None else sentence_bag(candidate.sentence, self.realis)
        quad = quad_class(candidate.code)
        shared = {} if shared is None else shared
        if quad not in shared:
            shared[quad] = self.decision.partial_words(bag_prefix(quad), bag.word_set)
        features = own_features(candidate, self.realis, bag)
        candidate.verdict = self.decision.score(features, quad, shared[quad])
        if not candidate.verdict.keep:
            return False
        if self.arguments is not None and candidate.reader is not None:
            chosen = self.arguments.choose(candidate, candidate.reader)
            if chosen is not None:
                candidate.participants = chosen
        return True

    def candidates(
        self,
        doc: Document,
        sentence: Sentence,
        here: Sequence[Entity],
        countries: dict[str, str],
    ) -> list[Candidate]:
        """Every trigger of the sentence with what the rules read of it, in order.

        The rules' own state — the participants a coordinated verb shares, the triggers a
        later noun may be the complement of — follows the rules' verdicts, so every
        candidate's signals are the same whatever decides."""
        tokens = sentence.tokens
        triggers = find_triggers(tokens, self.patterns, other_readings=self.other_readings)
        if not triggers:
            return []
        reader = FrameReader(
            tokens,
            sentence_slots(doc, sentence, here, countries),
            circumstantial_tokens(here, sentence),
        )
        previous: Participants | None = None
        told: list[TriggerMatch] = []  # earlier triggers of this sentence the rules coded
        found: list[Candidate] = []
        for position, match in enumerate(triggers):
            happened, realis_rule = realis_anchor(tokens, match, self.realis)
            request = requested(tokens, match, told, self.realis)
            earlier = tuple(m.pattern.code or "" for m in told)
            participants, refusal = self.participants(reader, match, previous, earlier=earlier)
            modality = read_modality(tokens, match.first, self.words)
            if realis_rule:
                modality.rules.append(realis_rule)
            candidate = Candidate(
                sentence, match, position, participants, refusal, happened, realis_rule,
                request, modality, earlier, reader=reader,
            )  # fmt: skip
            found.append(candidate)
            if not happened:
                doc.stats.add("unanchored noun triggers")
            elif request:
                doc.stats.add("requested, not done")
            if candidate.rules_keep and participants is not None:
                previous = participants
                if _pairs(participants.sources, participants.targets):
                    told.append(match)
        return found

    def participants(
        self,
        reader: FrameReader,
        match: TriggerMatch,
        previous: Participants | None,
        *,
        earlier: Sequence[str] = (),
    ) -> tuple[Participants | None, str | None]:
        """The trigger's source and target by its frame, and why the rules would not code
        them (`None` when they would)."""
        frame = match.pattern.frame
        if frame is None:
            return None, "no frame"
        if (
            previous is not None
            and _coordinated_verb(reader, match)
            and reader.subject_after(match.first, match.last) is None
        ):
            # "استقبل X Y ... وتوصلوا إلى اتفاق": the verb joined by و has no subject of its
            # own; it shares the participants of the verb before it.
            rule = "participants shared with the coordinated verb before it"
            shared = Participants(
                previous.sources, previous.targets, [rule], frame.name, frame.symmetric
            )
            return shared, None
        first_verb = match.pattern.pos == "verb" and verb_first(reader.tokens, match.first)
        rules: list[str] = []
        source_slots = _first_role(
            reader,
            frame.source,
            match,
            first_verb=first_verb,
            subject=None,
            rules=rules,
            side="source",
        )
        if not source_slots and match.pattern.pos == "noun":
            source_slots = reader.light_verb_subject(match.first)
            if source_slots:
                rules.append("source: the subject of the verb whose object the noun is")
        subject = source_slots[0] if source_slots else None
        target_slots = _first_role(
            reader,
            frame.target,
            match,
            first_verb=first_verb,
            subject=subject,
            rules=rules,
            side="target",
        )
        if target_slots and source_slots:
            target_slots = [s for s in target_slots if s not in source_slots]
        sources, targets = sides(source_slots or [], target_slots or [], frame.symmetric)
        if subject is not None and match.pattern.pos == "verb":
            after = subject.first > match.last
            rules.append(
                "subject after the verb (VSO)" if after else "subject before the verb (SVO)"
            )
        refusal = self._refusal(
            match, sources, targets, target_slots, earlier=earlier, tokens=reader.tokens
        )
        if (
            frame.symmetric
            and sources
            and not targets
            and previous is not None
            and previous.sources
            and _coordinated_verb(reader, match)
        ):
            # "زار الوزير التركي دمشق والتقى الرئيس السوري": a meeting needs two sides, so
            # the joined verb's noun is whom the earlier subject met, not a new subject.
            rules = [r for r in rules if not r.startswith(("source: subject", "subject "))]
            rules.append("the joined verb's noun is its object: the subject carries over")
            joined = Participants(previous.sources, sources, rules, frame.name, frame.symmetric)
            return joined, refusal
        return Participants(sources, targets, rules, frame.name, frame.symmetric), refusal

    def _refusal(
        self,
        match: TriggerMatch,
        sources: list[dict[str, Any]],
        targets: list[dict[str, Any]],
        target_slots: list[Slot] | None,
        *,
        earlier: Sequence[str],
        tokens: Sequence[Token],
    ) -> str | None:
        """Why the rules would not code these participants, or None."""
        requires = match.pattern.requires
        unmet = [
            reason
            for need, met, reason in (
                ("target", bool(targets), "requires a target"),
                ("place", any(s.place_only for s in target_slots or []), "requires a place"),
                ("prep", bool(target_slots), "requires a prepositional target"),
            )
            if need in requires and not met
        ]
        if unmet:
            return unmet[0]
        if sources or targets or match.pattern.pos == "verb":
            return None
        realis_root = (match.pattern.code or "")[:2] in self.realis.roots
        if not realis_root and refers_back(tokens, match.first, self.realis):
            # "هذه الزيارة", "اعتقاله" with no actor: the event told before.
            # (Nouns of protest and violence answer to realis_anchor's own rules instead.)
            return "an actorless noun pointed at: the event told before"
        if not self._actorless_noun(match, earlier):
            return "an actorless noun after a coded event: its complement"
        return None

    def _actorless_noun(self, match: TriggerMatch, earlier: Sequence[str]) -> bool:
        """With no actor we can name, a verb still reports that something was done ("ويدين
        المجلس ..." when the council is not named, "يطلب إلى الأمين العام ...") and so do
        nouns of protest and violence, whoever did them ("قتل سبعة مدنيين في غارة"). After a
        coded event a noun is that event's complement: another root's ("وصل الرئيس ... في
        زيارة رسمية", "رفضت المقترح لوقف إطلاق النار"), or the purpose of an event of its own
        root ("تظاهر آلاف ... احتجاجاً على"), except after a casualty it may be the cause of
        (folded later, "قتل خمسة في هجوم"). Measured on the UN dev sets (`hadath eval ...
        --workers 2`): QuadClass macro-F1 0.207 -> 0.279, binary F1 0.388 -> 0.564; seed and
        own gold unchanged (every noun alone: own-gold precision 0.92 -> 0.85)."""
        code = match.pattern.code or ""
        if code[:2] in ACTORLESS_ROOTS:
            return not any(
                other[:2] == code[:2] and other not in self.outcomes.casualty_codes
                for other in earlier
            )
        frame = match.pattern.frame
        return not earlier or (frame is not None and any(r.kind == "none" for r in frame.source))

    def make_events(
        self,
        doc: Document,
        sentence: Sentence,
        here: Sequence[Entity],
        *,
        places: SentencePlaces,
        match: TriggerMatch,
        who: Participants,
        modality: Modality,
        candidate: Candidate | None = None,
    ) -> list[Event]:
        code, code_rules = self.final_code(match, modality)
        verdict = candidate.verdict if candidate is not None else None
        entry = self.codes.get(code)
        where = event_place(places, match, doc)
        when = event_date(doc, here, sentence, match, future=modality.future)
        pairs = _pairs(who.sources, who.targets)
        events = []
        for source, target in pairs[:MAX_PAIRS]:
            explanation = {
                "pattern": match.pattern.id,
                "pattern_file": match.pattern.source_file,
                "trigger": _trigger_evidence(sentence, match),
                "frame": who.frame,
                "symmetric": who.symmetric,
                "source": source,
                "target": target,
                "rules": [*who.rules, *modality.rules, *code_rules, where.rule, when.rule],
                "context": match.context,
                "decision": verdict.explanation() if verdict is not None else None,
                "dictionary_version": doc.meta.get("dictionary_version"),
                "patterns_version": self.patterns.version,
                "coder_version": VERSION,
            }
            events.append(
                Event(
                    cameo=code,
                    root=entry.root,
                    goldstein=entry.goldstein,
                    quad_class=entry.quad_class,
                    plover={
                        "type": entry.plover_type,
                        "mode": plover_mode(
                            code,
                            future=modality.future,
                            negated=modality.negated,
                            hypothetical=modality.hypothetical,
                        )
                        or entry.plover_mode,
                        "context": ",".join(entry.plover_context) or None,
                    },
                    source=_public(source),
                    target=_public(target),
                    sentence=sentence.index,
                    sentence_start=sentence.start,
                    sentence_end=sentence.end,
                    trigger_start=sentence.tokens[match.first].start,
                    trigger_end=sentence.tokens[match.last].end,
                    location=where.place,
                    date=when.date,
                    date_precision=when.precision,
                    date_expression=when.expression,
                    modality={**modality.as_dict(), "claimed": modality.claimed},
                    confidence=(
                        round(verdict.probability, 3)
                        if verdict is not None
                        else _confidence(source, target, match, modality)
                    ),
                    explanation=explanation,
                )
            )
        return events

    def final_code(self, match: TriggerMatch, modality: Modality) -> tuple[str, list[str]]:
        code = match.pattern.code or ""
        if modality.future and not modality.negated and match.pattern.modality != "intent":
            intent = intent_code(code, self.words)
            if intent is not None and intent in self.codes:
                return intent, [f"intent: future {code} coded as {intent}"]
        return code, []


def _first_role(
    reader: FrameReader,
    roles: Sequence[Role],
    match: TriggerMatch,
    *,
    first_verb: bool,
    subject: Slot | None,
    rules: list[str],
    side: str,
) -> list[Slot] | None:
    """The slots of the first role, in the frame's order, that finds an actor; [] for none."""
    for role in roles:
        found = reader.read_role(
            role, match.first, match.last, verb_first=first_verb, subject=subject
        )
        if side == "target" and found and subject is not None:
            found = [s for s in found if s is not subject]
        if found or (found is not None and role.kind == "none"):
            rules.append(f"{side}: {role.kind} {'/'.join(role.preps)}".strip())
            return found
    return None


def _coordinated_verb(reader: FrameReader, match: TriggerMatch) -> bool:
    token = reader.tokens[match.first]
    return match.pattern.pos == "verb" and token.proclitics[:1] in (["و"], ["ف"])


def _pairs(
    sources: list[dict[str, Any]], targets: list[dict[str, Any]]
) -> list[tuple[dict[str, Any] | None, dict[str, Any] | None]]:
    if not sources and not targets:
        return [(None, None)]
    if not targets:
        return [(s, None) for s in sources]
    if not sources:
        return [(None, t) for t in targets]
    return [(s, t) for s in sources for t in targets if s["code"] != t["code"]]


def _public(actor: dict[str, Any] | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {k: actor[k] for k in ("code", "name", "text", "start", "end")}


def _trigger_evidence(sentence: Sentence, match: TriggerMatch) -> dict[str, Any]:
    start, end = sentence.tokens[match.first].start, sentence.tokens[match.last].end
    text = sentence.text[start - sentence.start : end - sentence.start]
    return {"text": text, "start": start, "end": end, "trigger": match.trigger.text}


def _confidence(
    source: dict[str, Any] | None,
    target: dict[str, Any] | None,
    match: TriggerMatch,
    modality: Modality,
) -> float:
    score = 0.45
    for actor, weight in ((source, 0.25), (target, 0.15)):
        if actor is not None:
            score += weight if actor.get("origin") in ("dictionary", "rule") else weight / 2
    if match.pattern.pos == "verb":
        score += 0.1
    if match.context:
        score += 0.05
    if modality.hypothetical:
        score -= 0.1
    return round(min(max(score, 0.05), 0.99), 2)
