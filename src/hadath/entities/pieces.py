"""The pieces actor phrases are built from: dictionary hits, rule words and unknown names.

A sentence's tokens are labelled, left to right and longest first, with what each run of
tokens is: a person, an organisation, a country name or adjective, a title (agent), a
delegation noun, a word that refers back ("الجانبان"), or a name the recogniser found.
`hadath.entities.actors` then groups adjacent pieces into phrases and resolves each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hadath.dictionaries.loader import Dictionaries, KeyMatch
from hadath.dictionaries.schema import ActorEntry, AgentEntry, CountryEntry, Entry
from hadath.entities.matching import PhraseHit, find_hits, host_key
from hadath.entities.rules import EntityRules
from hadath.model import Entity, Token

PieceKind = str  # person organisation country adjective metonym agent delegation reference
#                  group_head link name title counterpart group


@dataclass(slots=True)
class Piece:
    first: int  # token index in the sentence
    last: int  # inclusive
    kind: PieceKind
    entry: Entry | None = None
    ambiguous: bool = False
    reference: str | None = None  # class of a back-reference: any | movement | country ...
    plural: bool = False  # a pair reference ("الجانبان") rather than a single one


def _entry_kind(entry: Entry, match: KeyMatch) -> PieceKind:
    if isinstance(entry, CountryEntry):
        return {"name": "country", "adjective": "adjective"}.get(match.kind, "metonym")
    if isinstance(entry, AgentEntry):
        return "agent"
    return "person" if entry.kind == "person" else "organisation"


def _choose(hit: PhraseHit, dictionaries: Dictionaries) -> tuple[KeyMatch, Entry]:
    """Among the entries one phrase names, prefer actors, then countries, then agents."""
    order = {"actor": 0, "country": 1, "agent": 2}
    match = min(hit.matches, key=lambda m: (m.ambiguous, order[m.section], m.entry_id))
    return match, dictionaries.entry(match)


def dictionary_pieces(
    tokens: Sequence[Token], dictionaries: Dictionaries, hosts: Sequence[str] | None = None
) -> list[Piece]:
    pieces = []
    for hit in find_hits(tokens, dictionaries, hosts):
        match, entry = _choose(hit, dictionaries)
        ambiguous = match.ambiguous or (isinstance(entry, ActorEntry) and entry.ambiguous)
        pieces.append(Piece(hit.first, hit.last, _entry_kind(entry, match), entry, ambiguous))
    return pieces


def rule_piece(
    tokens: Sequence[Token],
    index: int,
    rules: EntityRules,
    dictionaries: Dictionaries,
    host: str | None = None,
) -> Piece | None:
    """A delegation noun, a back-reference, a group head, a link word or a context-only
    name ("الجهاد") at `index`. `host`: the token's `host_key`, when the caller has it."""
    token = tokens[index]
    forms = (host_key(token) if host is None else host, token.key)
    if token.kind != "word" or rules.rule_words.isdisjoint(forms):
        return None  # most words: none of the tables below holds either form
    actor_id = rules.context_names.get(forms[0])
    if actor_id is not None and actor_id in dictionaries.actors:
        return Piece(index, index, "organisation", dictionaries.actors[actor_id], ambiguous=True)
    pair = next((rules.pair_references[f] for f in forms if f in rules.pair_references), None)
    if pair is not None:
        return Piece(index, index, "reference", reference=pair, plural=True)
    single = rules.single_references.get(forms[0])
    if single is not None and _ends_phrase(tokens, index):
        return Piece(index, index, "reference", reference=single)
    for kind, words in (
        ("counterpart", rules.counterparts),
        ("delegation", rules.delegation_nouns),
        ("group_head", rules.group_heads),
        ("link", rules.links),
    ):
        if any(f in words for f in forms) and (kind != "link" or forms[1] in words):
            return Piece(index, index, kind)
    return None


def title_pieces(hosts: Sequence[str], rules: EntityRules, taken: set[int]) -> list[Piece]:
    """Titles of one to four words ("المتحدث باسم"), longest first, on untaken tokens."""
    pieces: list[Piece] = []
    index = 0
    while index < len(hosts):
        size = 0
        if hosts[index] in rules.title_starts:
            size = next(
                (
                    n
                    for n in range(min(4, len(hosts) - index), 0, -1)
                    if not taken.intersection(range(index, index + n))
                    and " ".join(hosts[index : index + n]) in rules.titles
                ),
                0,
            )
        if size:
            pieces.append(Piece(index, index + size - 1, "title"))
        index += max(size, 1)
    return pieces


def _ends_phrase(tokens: Sequence[Token], index: int) -> bool:
    """ "الحركة" refers back only when no name follows it ("الحركة الإسلامية" is a name)."""
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return following is None or following.kind != "word" or not following.proper_noun


def name_pieces(
    tokens: Sequence[Token], ner: Sequence[Entity], heads: dict[int, str] | None = None
) -> list[Piece]:
    """Names the recogniser found, as token ranges of this sentence: a person's name, or a
    group's ("group") when a head noun with a role (`heads`: token index -> role) opens it
    or stands right before it ("جماعة أنصار الدين", "كتائب عبد الله عزام")."""
    heads = heads or {}
    pieces = []
    for entity in ner:
        if entity.type != "PER" and not (heads and entity.type in ("ORG", "MISC")):
            continue  # a place, or an organisation with no head noun in the sentence
        covered = [i for i, t in enumerate(tokens) if entity.start <= t.start < entity.end]
        if covered and covered[0] in heads:
            covered = covered[1:]  # the head noun is a piece of its own
        if not covered:
            continue
        if covered[0] - 1 in heads:
            pieces.append(Piece(covered[0], covered[-1], "group"))
        elif entity.type == "PER":
            pieces.append(Piece(covered[0], covered[-1], "name"))
    return pieces


def group_role(token: Token, rules: EntityRules) -> str | None:
    """The role of an unlisted group its head noun gives (`rules.yaml`, group_roles)."""
    host = host_key(token)
    role = rules.group_roles.get(host)
    if role is None and host.startswith("ال"):
        role = rules.group_roles.get(host[2:])
    return role


def sentence_pieces(
    tokens: Sequence[Token],
    dictionaries: Dictionaries,
    rules: EntityRules,
    ner: Sequence[Entity] = (),
) -> list[Piece]:
    """All pieces of a sentence, non-overlapping: pair references ("الوزيران", which the
    agents would read as one minister) first, then the dictionary, rules and names."""
    hosts = [host_key(token) for token in tokens]
    rule_pieces = {
        index: piece
        for index, host in enumerate(hosts)
        if (piece := rule_piece(tokens, index, rules, dictionaries, host)) is not None
    }
    pairs = [piece for piece in rule_pieces.values() if piece.plural]
    paired = {piece.first for piece in pairs}
    pieces = pairs + [
        piece
        for piece in dictionary_pieces(tokens, dictionaries, hosts)
        if not any(piece.first <= i <= piece.last for i in paired)
    ]
    taken = {i for piece in pieces for i in range(piece.first, piece.last + 1)}
    for piece in title_pieces(hosts, rules, taken):
        pieces.append(piece)
        taken.update(range(piece.first, piece.last + 1))
    for index, piece in rule_pieces.items():
        if index not in taken:
            pieces.append(piece)
            taken.add(index)
    heads = {
        index: role
        for index, piece in rule_pieces.items()
        if piece.kind == "group_head" and (role := group_role(tokens[index], rules)) is not None
    }
    for piece in name_pieces(tokens, ner, heads):
        if not any(i in taken for i in range(piece.first, piece.last + 1)):
            pieces.append(piece)
            taken.update(range(piece.first, piece.last + 1))
    return sorted(pieces, key=lambda p: p.first)
