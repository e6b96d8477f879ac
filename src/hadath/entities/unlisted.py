"""From a name the recogniser found to an actor, for people and groups no dictionary lists.

Each rule leaves its name in the actor's English name ("…; rule: …"), which the event's
explanation carries with the source and target:

* **title + nationality** (`actors.PhraseResolver`): "المتحدث باسم وزارة الخارجية الإيرانية
  حسين …" — the title phrase's code (IRNGOV) for the name after it;
* **member of an organisation**: "القيادي في حركة حماس فلان" (a name after the
  organisation) or "فلان، القيادي في حركة حماس" (here) — the organisation's code;
* **described after the name**: "جان أسيلبورن، وزير الخارجية" — the code of the title
  phrase that follows the name (here);
* **a title without a country**: the sentence's country, else the article's
  (`stage._lend_countries`, as for any bare title);
* **an unlisted group by its head noun**: "جماعة أنصار الدين" — the head noun's role
  (`rules.yaml`, `group_roles`) after the country of an adjective in the phrase or of the
  sentence (`actors.PhraseResolver.unlisted_group`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from hadath.entities.matching import host_key
from hadath.entities.pieces import Piece
from hadath.entities.rules import EntityRules
from hadath.model import ActorRef, Entity, Token
from hadath.text.normalise import matching_key

MEMBER_RULE = "a member of the organisation named with the person"
DESCRIBED_RULE = "a person described by the title after the name"
TITLE_RULE = "an unlisted person with a title"
GROUP_RULE = "an unlisted group by its head noun"
#: What `with_rule` puts between the actor's name and the rule's.
UNLISTED_MARK = "; rule: "


def with_rule(actor: ActorRef, rule: str) -> ActorRef:
    """`actor`, its name saying which rule gave it to an unlisted name."""
    return replace(actor, name=f"{actor.name}{UNLISTED_MARK}{rule}")


def named_after(
    names: Sequence[Piece],
    actors: Sequence[Entity],
    tokens: Sequence[Token],
    rules: EntityRules,
    where: tuple[str, int],
) -> list[Entity]:
    """Entities for recognised names left without an actor that a title or membership
    phrase beside them describes ("فلان، القيادي في حركة حماس"; "فلان، وزير الخارجية";
    "وزير النقل فلان"). `where`: the document's clean text and the sentence's index."""
    text, index = where
    found = []
    starts = {actor.start: actor for actor in actors if actor.actor is not None}
    ends = {actor.end: actor for actor in actors if actor.actor is not None}
    for name in names:
        first, last = tokens[name.first], tokens[name.last]
        if any(a.start < last.end and first.start < a.end for a in actors):
            continue  # the name is part of an actor phrase already
        described = _description(tokens, name, starts, rules) or _title_before(
            tokens, name.first, ends
        )
        if described is None:
            continue
        actor, rule = described
        found.append(
            Entity(
                type="PER",
                start=first.start,
                end=last.end,
                text=text[first.start : last.end],
                actor=with_rule(actor, rule),
                origin="rule",
                sentence=index,
            )
        )
    return found


def _description(
    tokens: Sequence[Token], name: Piece, starts: dict[int, Entity], rules: EntityRules
) -> tuple[ActorRef, str] | None:
    """The actor of the phrase after `name` that describes it: a membership title
    ("القيادي في ..."), or a title phrase after a comma or "وهو", or right after the name
    when a verb of saying precedes it ("أشار فلان رئيس حزب ..."). Elsewhere a title after
    a name is as often the object of a verb ("استقبل فلان وزير الخارجية")."""
    position = name.last + 1
    after_link = _skip_links(tokens, position, rules)
    if after_link >= len(tokens):
        return None
    member = _member_title_size(tokens, after_link, rules)
    if member:
        holder = _member_of(tokens, after_link + member, starts, rules)
        return (holder, MEMBER_RULE) if holder is not None else None
    if after_link == position and not (
        _after_speaking(tokens, name.first, rules) or _in_genitive(tokens, name.first)
    ):
        return None
    described = starts.get(tokens[after_link].start)
    if described is None or described.actor is None or described.type == "LOC":
        return None  # a place or a country after a name is no description of it
    if described.origin not in ("rule", "dictionary") or _is_named(described):
        return None
    return _former(described, tokens) or described.actor, DESCRIBED_RULE


def _in_genitive(tokens: Sequence[Token], position: int) -> bool:
    """The name follows a preposition or a noun it completes ("في وجه ساركوزي الرئيس
    الفرنسي", "زيارة فلان وزير الخارجية"): no verb has it as subject, so the definite title
    after it describes it rather than being the verb's object."""
    if position == 0:
        return False
    before = tokens[position - 1]
    return before.pos == "ADP" or (
        before.pos == "NOUN" and "ال" not in before.proclitics and before.kind == "word"
    )


#: "الرئيس الفرنسي السابق": a former holder of the office (codebook: the country alone).
_FORMER = frozenset(matching_key(w) for w in ("السابق", "السابقة", "الأسبق", "الأسبقة"))


def _former(described: Entity, tokens: Sequence[Token]) -> ActorRef | None:
    """The country alone when "السابق" follows the title phrase."""
    actor = described.actor
    after = next((t for t in tokens if t.start >= described.end), None)
    if actor is None or after is None or after.key not in _FORMER or not actor.country:
        return None
    return replace(actor, code=actor.country, role=None, sector=None, codes=[])


def _after_speaking(tokens: Sequence[Token], position: int, rules: EntityRules) -> bool:
    """The word before `position` is a verb of saying (قال، أكد، أشار ...)."""
    if position == 0:
        return False
    verb = tokens[position - 1]
    forms = {host_key(verb), matching_key(verb.lemma or "")}
    return verb.pos == "VERB" and not forms.isdisjoint(rules.speaking_verbs)


#: Words that may stand between a title and the name after it: the office's portfolio
#: ("وزير النقل بدر باسلمة", "مدير عام الشؤون القانونية فلان"), definite nouns and
#: adjectives only, at most this many.
_MAX_PORTFOLIO_WORDS = 3


def _title_before(
    tokens: Sequence[Token], position: int, ends: dict[int, Entity]
) -> tuple[ActorRef, str] | None:
    """The title phrase's actor when the name at `position` follows it, with at most
    `_MAX_PORTFOLIO_WORDS` definite words of its portfolio between them."""
    start = position
    while start > 0 and position - start < _MAX_PORTFOLIO_WORDS and _qualifier(tokens[start - 1]):
        start -= 1
    for gap_start in range(start, position + 1):
        if gap_start == 0:
            continue
        title = ends.get(tokens[gap_start - 1].end)
        if title is not None and title.actor is not None and _is_title(title):
            return title.actor, TITLE_RULE
    return None


def _qualifier(token: Token) -> bool:
    """A definite noun or adjective: a title's portfolio or qualifier (النقل، العسكري)."""
    return token.kind == "word" and "ال" in token.proclitics and token.pos in ("NOUN", "ADJ")


def _is_title(entity: Entity) -> bool:
    """A title phrase ("وزير", "رئيس الوزراء اليمني"), not a named actor or a place."""
    return entity.origin == "rule" and entity.type in ("PER", "ORG") and not entity.delegation


def _is_named(entity: Entity) -> bool:
    """A listed person, not a title ("جان أسيلبورن، كيري" lists two people)."""
    actor = entity.actor
    return entity.type == "PER" and entity.origin == "dictionary" and actor is not None


def _skip_links(tokens: Sequence[Token], position: int, rules: EntityRules) -> int:
    """Past a comma, a dash or "وهو" between a name and its description."""
    while position < len(tokens) and (
        tokens[position].text in {"،", ",", "-", "–"}
        or tokens[position].key in rules.apposition_links
    ):
        position += 1
    return position


def _member_title_size(tokens: Sequence[Token], position: int, rules: EntityRules) -> int:
    """Words of a membership title ("القيادي", "أحد قادة") at `position`, or 0."""
    for size in (2, 1):
        words = tokens[position : position + size]
        if len(words) == size and " ".join(host_key(t) for t in words) in rules.member_titles:
            return size
    return 0


def _member_of(
    tokens: Sequence[Token], position: int, starts: dict[int, Entity], rules: EntityRules
) -> ActorRef | None:
    """The organisation after في, or on a word with the proclitic ب / ل, at `position`
    (past one definite adjective of the title: "المسؤول العسكري لتنظيم ...")."""
    if position < len(tokens) and _qualifier(tokens[position]):
        position += 1
    if position < len(tokens) and tokens[position].key in rules.member_links:
        position += 1
    elif position >= len(tokens) or not set(tokens[position].proclitics) & rules.member_links:
        return None
    if position >= len(tokens):
        return None
    holder = starts.get(tokens[position].start)
    if holder is None or holder.actor is None or holder.type != "ORG":
        return None
    return holder.actor
