"""Clauses of a sentence, from its tokens: where an event's own date and place are looked for.

A news sentence often tells several acts, each with its own time: "أعلنت الخارجية الروسية أمس
أن الجبير سيزور موسكو بعد غد" — the announcement is yesterday's, the visit the day after
tomorrow, and the date nearest the visit's trigger is the announcement's. A clause starts at
a clause mark:

* after ؛ and :, and after ، before a verb (and their Latin forms);
* at a complementiser (أن، إن، بأن، لأن، with or without a pronoun: أنه، إنها);
* at a relative pronoun (الذي، التي، الذين ...);
* at a subordinator or a connective that opens a new act (حيث، عندما، بينما، كما، ثم، مما);
* at a verb carrying و or ف ("... أمس وأفرجت عن"), a coordinated act.

A clause's `kind` says how it joins the sentence: main (the first), complement (its words
are what another clause reports), relative (describes a noun before it), subordinate,
coordinate. Parentheses, quotes and dashes do not break a clause: "أول من أمس (الخميس)".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hadath.model import Token
from hadath.text.normalise import matching_key

BREAK_MARKS = frozenset("،,؛;:")
COMPLEMENTISERS = frozenset(matching_key(w) for w in ("أن", "إن", "أنّ", "إنّ"))
RELATIVES = frozenset(
    matching_key(w)
    for w in ("الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان", "اللواتي", "اللاتي")
)
SUBORDINATORS = frozenset(
    matching_key(w) for w in ("حيث", "عندما", "حينما", "بينما", "فيما", "إذ", "مما", "ريثما")
)
CONNECTIVES = frozenset(matching_key(w) for w in ("كما", "ثم"))
KANA = frozenset(
    matching_key(w)
    for w in ("كان", "كانت", "كانوا", "كانا", "كانتا", "كن", "يكون", "تكون", "يكونوا")
)
QAD = matching_key("قد")


@dataclass(frozen=True, slots=True)
class Clause:
    first: int  # token indexes, inclusive
    last: int
    kind: str  # main | complement | relative | subordinate | coordinate
    start: int  # character offsets of its first and last token
    end: int

    def holds(self, start: int, end: int) -> bool:
        """Whether the character span `[start, end)` lies in this clause."""
        return self.start <= start and end <= self.end


def _stem(token: Token) -> str:
    return matching_key(token.stem) if token.stem else token.key


OPENERS = (
    ("complement", COMPLEMENTISERS),
    ("relative", RELATIVES),
    ("subordinate", SUBORDINATORS),
    ("coordinate", CONNECTIVES),
)


def opening_kind(token: Token) -> str | None:
    """The kind of clause `token` opens, or None when it opens none."""
    if token.kind != "word":
        return None
    keys = (token.key, _stem(token))
    for kind, words in OPENERS:
        if any(key in words for key in keys):
            return kind
    if token.pos == "VERB" and token.proclitics[:1] in (["و"], ["ف"]):
        return "coordinate"
    return None


def clauses(tokens: Sequence[Token]) -> list[Clause]:
    """The sentence's clauses, in order; every token belongs to exactly one."""
    found: list[Clause] = []
    first, kind = 0, "main"
    for index, token in enumerate(tokens):
        opens = opening_kind(token) if index > first else None
        after_mark = index > first and _breaks_after(tokens[index - 1], token)
        if opens is not None or after_mark:
            found.append(_clause(tokens, first, index - 1, kind))
            first, kind = index, opens or "coordinate"
    if tokens:
        found.append(_clause(tokens, first, len(tokens) - 1, kind))
    return found


def _breaks_after(mark: Token, token: Token) -> bool:
    """؛ and : end a clause; ، only before a verb: it also sets off appositions and
    adverbs inside one ("دعت ... كلينتون، أمس، الجمعة، إلى ...")."""
    if mark.text not in BREAK_MARKS:
        return False
    return mark.text not in ",،" or token.pos == "VERB"


def _clause(tokens: Sequence[Token], first: int, last: int, kind: str) -> Clause:
    return Clause(first, last, kind, tokens[first].start, tokens[last].end)


def clause_at(found: Sequence[Clause], offset: int) -> int:
    """The position in `found` of the clause holding the character at `offset`; a span
    belongs to the clause it starts in."""
    for position, clause in enumerate(found):
        if offset < clause.end:
            return position
    return len(found) - 1


def clause_of(found: Sequence[Clause], index: int) -> int:
    """The position in `found` of the clause holding token `index`."""
    for position, clause in enumerate(found):
        if clause.first <= index <= clause.last:
            return position
    return len(found) - 1


def pluperfect(tokens: Sequence[Token], clause: Clause, trigger: int) -> bool:
    """ "كان الوفد قد وصل": كان (any form) then قد before the trigger, in its clause — an act
    told as earlier than the article's news (docs/codebook.md §5)."""
    qad = next(
        (i for i in range(trigger - 1, clause.first - 1, -1) if tokens[i].key == QAD),
        None,
    )
    if qad is None or trigger - qad > 2:
        return False
    return any(_stem(tokens[i]) in KANA for i in range(clause.first, qad))
