"""Rules the argument decision applies beside its trained models (hadath.events.arguments),
one invented sentence each, with the reason the rule exists."""

from __future__ import annotations

from hadath.api import CoderOptions, code
from hadath.events.arguments import perpetrator
from hadath.events.coder import EventStage
from hadath.events.frames import FrameReader, circumstantial_tokens, sentence_slots
from hadath.events.patterns import default_patterns
from hadath.events.triggers import find_triggers


def _perpetrator_code(text: str, trigger: str) -> str | None:
    """The perpetrator `perpetrator` reads for the trigger whose first word is `trigger`."""
    doc = code(text, published="2015-08-01", options=CoderOptions(decisions=False))
    countries = EventStage(CoderOptions(decisions=False)).country_codes
    sentence = doc.sentences[0]
    here = [e for e in doc.entities if e.sentence == sentence.index]
    reader = FrameReader(
        sentence.tokens,
        sentence_slots(doc, sentence, here, countries),
        circumstantial_tokens(here, sentence),
    )
    match = next(
        m
        for m in find_triggers(sentence.tokens, default_patterns())
        if sentence.tokens[m.first].text == trigger
    )
    found = perpetrator(reader, match, [])
    return None if found is None else str(found.actors[0]["code"])


def test_a_condemnation_targets_who_committed_the_act_it_is_about() -> None:
    # CAMEO codes the condemnation of an attack against the attacker.
    text = "ودان الأمين العام للجامعة العربية الجريمة التي ارتكبها مستوطنون إسرائيليون في القرية."
    found = _perpetrator_code(text, "ودان")
    assert found is not None and found.startswith("ISR"), found


def test_an_agent_after_min_qibal_is_the_perpetrator() -> None:
    text = "وأدانت الجامعة العربية اقتحام المسجد من قبل المتطرفين الإسرائيليين أمس."
    found = _perpetrator_code(text, "وأدانت")
    assert found is not None and found.startswith("ISR"), found


def test_a_condemnation_of_an_act_without_its_doer_has_no_perpetrator() -> None:
    text = "ودان الأمين العام للجامعة العربية الهجوم على القرية أمس."
    assert _perpetrator_code(text, "ودان") is None
