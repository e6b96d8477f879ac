"""The features of a candidate event, read by the event decision and by its training script.

One function, used at run time (`events/decision.py`) and by `scripts/train_events.py`, so
training and coding cannot drift (STYLE.md 13). Every feature is a name with the value 1;
names say in words what they test, so an explanation can show them as they are
("realis=not an occurrence: a definite noun refers to an event told before").

Three kinds:

* **the rules' signals** — pattern, CAMEO code and root, part of speech, whether the trigger
  matched another reading, the realis verdict and its rule, the request rule, why the frame's
  participants would be refused, which participants were found and how, modality;
* **the trigger's form and neighbours** — definite article, attached pronoun, proclitic, an
  imperfect verb, the words right before and after it;
* **the sentence** — its words (lemma keys) as a bag, each conjoined with the candidate's
  QuadClass so that one word can speak for violence and against cooperation; a time word, a
  number, a quotation; the sentence's place in the article.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from hadath.codes import quad_class
from hadath.entities.matching import host_key
from hadath.events.candidates import Candidate
from hadath.events.realis import RealisWords, imperfect
from hadath.model import Sentence, Token
from hadath.text.normalise import matching_key

_ARABIC = re.compile(r"[\u0600-\u06FF]+")
_SPACES = re.compile(r"\s+")
#: Words around the trigger read as its neighbourhood (each side).
WINDOW = 4
#: Sentences beyond this index share one feature: "late in the article".
LAST_SENTENCE_BUCKET = 6
#: Character n-grams of the sentence's words (their matching keys, with word boundaries):
#: what a bag-of-character-n-grams classifier reads, here weighed beside the rules' signals.
NGRAM_SIZES = (3, 4)
#: Their value in training: a smaller value is a stronger prior against them (the L2 penalty
#: falls on the weight, the evidence on weight × value), so hundreds of n-grams of a sentence
#: speak only where the data agrees; the exported weight is weight × value.
NGRAM_VALUE = 0.3


def feature_value(name: str) -> float:
    return NGRAM_VALUE if " chars=" in name else 1.0


def rule_key(rule: str) -> str:
    """A rule's text without the Arabic words it quotes: "background: بعد dates another
    event by it" -> "background: dates another event by it"."""
    text = _SPACES.sub(" ", _ARABIC.sub("", rule)).strip(" :()")
    return text[:80]


def lemma_of(token: Token) -> str:
    return matching_key(token.lemma) if token.lemma else host_key(token)


def _bucket(index: int) -> str:
    if index == 0:
        return "0"
    if index <= 3:
        return "1-3"
    if index <= 10:
        return "4-10"
    return "11+"


def _actor_features(side: str, actors: Sequence[dict[str, object]]) -> Iterator[str]:
    if not actors:
        yield f"{side}=none"
        return
    yield f"{side}=some"
    if len(actors) > 1:
        yield f"{side}=several"
    for actor in actors[:2]:
        yield f"{side}.origin={actor.get('origin') or 'dictionary'}"
        code = str(actor.get("code") or "")
        yield f"{side}.code={'country' if len(code) == 3 else code[3:6] or 'other'}"


def _signal_features(candidate: Candidate, quad: int) -> Iterator[str]:
    pattern = candidate.match.pattern
    code = candidate.code
    yield f"pattern={pattern.id}"
    yield f"code={code}"
    yield f"root={code[:2]}"
    yield f"quad={quad}"
    yield f"pos={pattern.pos}"
    yield f"pos+root={pattern.pos}:{code[:2]}"
    if candidate.match.other_reading:
        yield "trigger=another reading"
        yield f"another reading+pos={pattern.pos}"
    if len(candidate.match.trigger.words) > 1:
        yield "trigger=several words"
    if candidate.match.context:
        yield "needed context found"
    yield f"realis={rule_key(candidate.realis_rule) or 'not asked'}"
    if not candidate.happened:
        yield f"not an occurrence+root={code[:2]}"
    if candidate.request:
        yield "requested, not done"
        yield f"requested+root={code[:2]}"
    if candidate.refusal:
        yield f"refusal={candidate.refusal}"
    if candidate.position == 0:
        yield "first trigger of the sentence"
    for earlier in sorted({c[:2] for c in candidate.earlier_codes}):
        yield f"after a coded {earlier}"
        yield f"after a coded {earlier}+root={code[:2]}"
    modality = candidate.modality
    for flag in ("future", "negated", "hypothetical", "reported", "claimed"):
        if getattr(modality, flag):
            yield f"modality={flag}"


def _participant_features(candidate: Candidate) -> Iterator[str]:
    who = candidate.participants
    if who is None:
        yield "no frame"
        return
    yield f"frame={who.frame}"
    yield from _actor_features("source", who.sources)
    yield from _actor_features("target", who.targets)
    for rule in who.rules:
        yield f"participants: {rule_key(rule)}"


def _trigger_features(candidate: Candidate, realis: RealisWords) -> Iterator[str]:
    tokens = candidate.sentence.tokens
    first, last = candidate.match.first, candidate.match.last
    token = tokens[first]
    yield f"trigger lemma={lemma_of(token)}"
    if "ال" in token.proclitics:
        yield "trigger has the article"
    if token.enclitic:
        yield "trigger has a pronoun suffix"
    leading = [p for p in token.proclitics if p != "ال"]
    if leading:
        yield f"trigger proclitic={leading[0]}"
    if candidate.match.pattern.pos == "verb":
        listed = frozenset(k for t in candidate.match.pattern.triggers for k in t.first_keys)
        yield "imperfect verb" if imperfect(token, listed) else "perfect verb"
    if first > 0:
        yield f"word before={host_key(tokens[first - 1])}"
    if first > 1:
        yield f"two words before={host_key(tokens[first - 2])}"
    if last + 1 < len(tokens):
        yield f"word after={host_key(tokens[last + 1])}"
    low, high = max(0, first - WINDOW), min(len(tokens), last + 1 + WINDOW)
    for near in (*tokens[low:first], *tokens[last + 1 : high]):
        if near.kind == "word":
            yield f"near={lemma_of(near)}"


@dataclass(frozen=True, slots=True)
class SentenceBag:
    """What a sentence says whatever its candidate: read once per sentence."""

    words: tuple[str, ...]  # lemma keys and character n-grams, to be prefixed by QuadClass
    flags: tuple[str, ...]  # a number, a quotation, a time word; the sentence's length
    word_set: frozenset[str] = frozenset()  # `words`, for the decision's set intersection


def sentence_bag(sentence: Sentence, realis: RealisWords) -> SentenceBag:
    words: set[str] = set()
    flags: set[str] = set()
    count = 0
    for token in sentence.tokens:
        if token.kind == "number":
            flags.add("a number in the sentence")
            continue
        if token.kind != "word":
            if token.text in '«»"':
                flags.add("a quotation in the sentence")
            continue
        count += 1
        lemma = lemma_of(token)
        words.add(f"word={lemma}")
        padded = f"<{token.key}>"
        for size in NGRAM_SIZES:
            for start in range(len(padded) - size + 1):
                words.add(f"chars={padded[start : start + size]}")
        if {host_key(token), lemma} & realis.time_anchors:
            flags.add("a time word in the sentence")
    flags.add(f"sentence words {_bucket(count // 5)}")
    return SentenceBag(tuple(sorted(words)), tuple(sorted(flags)), frozenset(words))


def _sentence_features(candidate: Candidate, quad: int, bag: SentenceBag) -> Iterator[str]:
    yield from _position_features(candidate)
    yield from bag.flags
    yield from bag_words(bag, quad)


def _position_features(candidate: Candidate) -> Iterator[str]:
    sentence = candidate.sentence
    yield f"sentence={min(sentence.index, LAST_SENTENCE_BUCKET)}"
    yield f"trigger at word {_bucket(candidate.match.first)}"


def bag_words(bag: SentenceBag, quad: int) -> list[str]:
    """The sentence's words as features of a candidate of QuadClass `quad`."""
    prefix = bag_prefix(quad)
    return [prefix + word for word in bag.words]


def bag_prefix(quad: int) -> str:
    """What a sentence word's feature name starts with for a candidate of QuadClass `quad`."""
    return f"q{quad} "


def own_features(candidate: Candidate, realis: RealisWords, bag: SentenceBag) -> list[str]:
    """`candidate_features` without the sentence's words (`bag_words`), which the coder
    weighs once per sentence and QuadClass: together they are `candidate_features`."""
    quad = quad_class(candidate.code) if candidate.code else 0
    names = {
        *_signal_features(candidate, quad),
        *_participant_features(candidate),
        *_trigger_features(candidate, realis),
        *_position_features(candidate),
        *bag.flags,
    }
    return sorted(names)


def candidate_features(
    candidate: Candidate, realis: RealisWords, bag: SentenceBag | None = None
) -> list[str]:
    """The candidate's feature names, sorted, each present once; `bag` is its sentence's
    `sentence_bag`, computed once for all the sentence's candidates when given."""
    quad = quad_class(candidate.code) if candidate.code else 0
    bag = bag if bag is not None else sentence_bag(candidate.sentence, realis)
    names = {
        *_signal_features(candidate, quad),
        *_participant_features(candidate),
        *_trigger_features(candidate, realis),
        *_sentence_features(candidate, quad, bag),
    }
    return sorted(names)
