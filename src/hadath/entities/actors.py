"""Actor phrases: adjacent pieces grouped and resolved to one CAMEO actor code.

    رئيس الوزراء الفلسطيني محمد اشتية   agent + adjective + person   -> the person's role: PSEGOV
    مسؤولي المخابرات المصرية            agent + agent + adjective     -> EGY + SPY (last title wins)
    قادة حماس                           agent + organisation          -> PSEREBHMS
    وفد الحركة                          delegation + reference        -> filled in by coreference
    وفدي الحركتين                       delegation + pair reference   -> both movements

An unknown person with a title and a nationality ("وزير الخارجية المصري فلان") gets the
country plus the title's role. A person's role is the one valid on the article's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from hadath.dictionaries.loader import Dictionaries
from hadath.dictionaries.schema import ActorEntry, AgentEntry, CountryEntry
from hadath.entities.pieces import Piece
from hadath.entities.unlisted import GROUP_RULE, MEMBER_RULE, TITLE_RULE, with_rule
from hadath.model import ActorRef, Entity, Token
from hadath.text.normalise import matching_key

#: Agent entries (data/actors/agents.yaml) that are a rank, not an office: after an office in
#: the same phrase the office codes the person ("وزير الداخلية اللواء فلان" is GOV).
RANK_AGENTS = frozenset({"general"})
#: Plural endings of nationality adjectives used as nouns: السودانيين، المصريون.
PLURAL_ENDINGS = ("يين", "يون")
LOCATIVE_WORDS = frozenset({"في", "الي", "من", "عبر", "داخل", "قرب", "نحو", "حتي"})
LOCATIVE_CLITICS = frozenset({"ب", "ل", "ك"})
#: Pieces that may follow another inside one phrase; a phrase of only these is no actor.
_FILLERS = frozenset({"link", "group_head", "title"})
#: Pieces that name who an actor is; a phrase holds one ("وزارة الخارجية الروسية" and
#: "الولايات المتحدة" side by side are subject and object, not one actor).
_ANCHORS = frozenset({"country", "organisation", "metonym", "adjective", "person", "name", "group"})
#: What may still follow an anchor: a person after a title and nationality ("رئيس الوزراء
#: الفلسطيني محمد اشتية"), an adjective after a name ("حركة حماس الفلسطينية"), a person
#: after an unlisted group ("القيادي في جماعة أنصار الدين فلان").
_AFTER_ANCHOR = {
    "person": frozenset({"adjective", "country", "organisation", "group"}),
    "name": frozenset({"adjective", "country", "organisation", "group"}),
    "adjective": frozenset({"organisation", "adjective", "group"}),
}


def coordinated(token: Token) -> bool:
    return bool(token.proclitics) and token.proclitics[0] in ("و", "ف")


def _joins(current: list[Piece], piece: Piece, tokens: Sequence[Token]) -> bool:
    if not current or piece.first != current[-1].last + 1 or coordinated(tokens[piece.first]):
        return False
    if piece.kind == "link":
        return current[-1].kind == "delegation"
    # A delegation heads its own phrase: "في عمّان وفداً عراقياً" is a place, then an Iraqi
    # delegation, not one actor.
    if piece.kind in ("delegation", "title", "counterpart"):
        return False
    anchors = {p.kind for p in current} & _ANCHORS
    if not anchors:
        return True
    if piece.kind == "agent":
        # "الرئيس التونسي | الاتحاد الأوروبي": a new actor starts; a rank after an office is
        # its holder's ("المتحدث باسم الأجهزة الأمنية الفلسطينية اللواء عدنان الضميري")
        return _is_rank(piece) and any(p.kind == "agent" for p in current)
    allowed = _AFTER_ANCHOR.get(piece.kind, frozenset())
    return piece.kind not in _ANCHORS or anchors <= allowed


def _is_rank(piece: Piece) -> bool:
    return isinstance(piece.entry, AgentEntry) and piece.entry.id in RANK_AGENTS


def group_phrases(pieces: Sequence[Piece], tokens: Sequence[Token]) -> list[list[Piece]]:
    """Adjacent pieces form one phrase; a و/ف on a piece's first word starts a new one, and
    so does a second name, country or organisation."""
    phrases: list[list[Piece]] = []
    current: list[Piece] = []
    for piece in pieces:
        if _joins(current, piece, tokens):
            current.append(piece)
            continue
        if current:
            phrases.append(current)
        current = [piece]
    if current:
        phrases.append(current)
    return [p for p in phrases if any(piece.kind not in _FILLERS for piece in p)]


@dataclass(frozen=True)
class ResolvedPhrase:
    type: str  # PER | ORG | LOC
    actor: ActorRef | None
    origin: str  # dictionary | rule | metonym | coref
    reference: str | None = None
    plural: bool = False


class PhraseResolver:
    """Turns a phrase of pieces into an actor, given the dictionaries and the article's date."""

    def __init__(
        self,
        dictionaries: Dictionaries,
        published: dt.date | None,
        counts: frozenset[str],
        group_roles: Callable[[Token], str | None] | None = None,
    ) -> None:
        self.dictionaries = dictionaries
        self.published = published
        self.counts = counts  # number words: "عشرة صحفيين" are people, not an adjective
        self.group_roles = group_roles  # a head noun's role for an unlisted group

    def resolve(self, phrase: Sequence[Piece], tokens: Sequence[Token]) -> ResolvedPhrase | None:
        kinds = {piece.kind for piece in phrase}
        named = self.named_actor(phrase)
        if named is not None:
            return named
        reference = next((p for p in phrase if p.kind == "reference"), None)
        if reference is not None:
            return ResolvedPhrase("ORG", None, "coref", reference.reference, reference.plural)
        if "counterpart" in kinds:
            return self.counterpart(phrase)
        if "group" in kinds:
            return self.unlisted_group(phrase, tokens)
        composite = self.composite_actor(phrase)
        if composite is not None:
            return self.titled(phrase, tokens, kinds, composite)
        return self.country_alone(phrase, tokens, kinds)

    def titled(
        self, phrase: Sequence[Piece], tokens: Sequence[Token], kinds: set[str], actor: ActorRef
    ) -> ResolvedPhrase | None:
        """A phrase with a title: people or an office, or no actor for an adjective."""
        if _adjectival(phrase, tokens, kinds, self.counts):
            return None
        if "name" in kinds:
            # "المتحدث باسم الخارجية الإيرانية حسين ...": a person no dictionary lists
            return ResolvedPhrase("PER", with_rule(actor, TITLE_RULE), "rule")
        return ResolvedPhrase("PER" if "person" in kinds else "ORG", actor, "rule")

    def named_actor(self, phrase: Sequence[Piece]) -> ResolvedPhrase | None:
        """A person or organisation from the dictionaries, with its code on the date."""
        person = next((p for p in phrase if p.kind == "person"), None)
        if person is not None and isinstance(person.entry, ActorEntry):
            actor = self.person_actor(person.entry, phrase)
            if actor is not None:
                return ResolvedPhrase("PER", actor, "dictionary")
        organisation = next((p for p in phrase if p.kind == "organisation"), None)
        if organisation is not None and isinstance(organisation.entry, ActorEntry):
            actor = self.entry_actor(organisation.entry)
            if actor is not None and _name_after(phrase, organisation):
                # "القيادي في حركة حماس فلان": an unlisted member, with the movement's code
                return ResolvedPhrase("PER", with_rule(actor, MEMBER_RULE), "rule")
            if actor is not None:
                return ResolvedPhrase("ORG", actor, "dictionary")
        return None

    def unlisted_group(
        self, phrase: Sequence[Piece], tokens: Sequence[Token]
    ) -> ResolvedPhrase | None:
        """ "جماعة أنصار الدين": a group the recogniser named after its head noun, coded by the
        head noun's role after the country of an adjective in the phrase (else none here:
        the stage lends the sentence's)."""
        group = next(p for p in phrase if p.kind == "group")
        head = group.first - 1
        role = self.group_roles(tokens[head]) if self.group_roles and head >= 0 else None
        if role is None:
            return None
        country = next(
            (
                p.entry
                for p in phrase
                if p.kind == "adjective" and isinstance(p.entry, CountryEntry)
            ),
            None,
        )
        name = " ".join(t.text for t in tokens[group.first : group.last + 1])
        actor = ActorRef(
            code=(country.cameo if country else "") + role,
            name=f"{tokens[head].text} {name}",
            country=country.cameo if country else None,
            sector=role,
        )
        if _name_after(phrase, group):
            return ResolvedPhrase("PER", with_rule(actor, MEMBER_RULE), "rule")
        return ResolvedPhrase("ORG", with_rule(actor, GROUP_RULE), "rule")

    def country_alone(
        self, phrase: Sequence[Piece], tokens: Sequence[Token], kinds: set[str]
    ) -> ResolvedPhrase | None:
        country = next((p for p in phrase if p.kind in ("country", "metonym")), None)
        adjective = next((p for p in phrase if p.kind == "adjective"), None)
        if country is None and adjective is not None and isinstance(adjective.entry, CountryEntry):
            people = self.people_of(adjective, adjective.entry, tokens, kinds)
            if people is not None or adjective.ambiguous:
                return people
            # "المقترح الإسرائيلي", "بالدور المصري": the country stands behind the thing; a
            # weak actor, used where a frame wants a target, never taken by coreference.
            return ResolvedPhrase("LOC", self.country_actor(adjective.entry), "adjective")
        if country is None or not isinstance(country.entry, CountryEntry):
            return ResolvedPhrase("ORG", None, "rule") if "delegation" in kinds else None
        if country.kind == "metonym" and _locative(tokens, country.first):
            return None  # "بالقاهرة", "في القاهرة": a place, which the gazetteer reports
        # A country after في / إلى / بـ is where something happens; it stays an actor for
        # frames that want one ("وصل إلى مصر"), but coreference does not take it as a party.
        origin = "metonym" if country.kind == "metonym" else "dictionary"
        if origin == "dictionary" and _locative(tokens, country.first):
            origin = "locative"
        return ResolvedPhrase("LOC", self.country_actor(country.entry), origin)

    def counterpart(self, phrase: Sequence[Piece]) -> ResolvedPhrase | None:
        """ "نظيره الأردني": the subject's counterpart, a government official of that country."""
        country = next(
            (p.entry for p in phrase if isinstance(p.entry, CountryEntry)),
            None,
        )
        if country is None:
            return None
        actor = self.country_role(country, "GOV", "counterpart")
        return ResolvedPhrase("PER", actor, "counterpart")

    def people_of(
        self, piece: Piece, entry: CountryEntry, tokens: Sequence[Token], kinds: set[str]
    ) -> ResolvedPhrase | None:
        """A nationality adjective standing as a noun: "وفداً عراقياً" is an Iraqi delegation
        (the government's), "آلاف السودانيين" Sudanese people. A singular adjective after a
        noun only qualifies it ("القضية الفلسطينية")."""
        if "delegation" in kinds:
            return ResolvedPhrase("ORG", self.country_role(entry, "GOV", "delegation"), "rule")
        word = tokens[piece.last].stem or tokens[piece.last].text
        if matching_key(word).endswith(PLURAL_ENDINGS):
            return ResolvedPhrase("ORG", self.country_role(entry, "CVL", "people"), "rule")
        return None

    def country_role(self, entry: CountryEntry, role: str, label: str) -> ActorRef:
        return ActorRef(
            code=entry.cameo + role,
            name=f"{entry.en} {label}",
            entry_id=entry.id,
            country=entry.cameo,
            sector=role,
        )

    def person_actor(self, entry: ActorEntry, phrase: Sequence[Piece]) -> ActorRef | None:
        role = self.dictionaries.role_on(entry, self.published)
        if role is None:
            # Out of office on this date: the title in the text, if any, says what they are now.
            return self.composite_actor(phrase, name=entry.en)
        return ActorRef(
            code=role.code,
            name=entry.en,
            entry_id=entry.id,
            role=role.title,
            country=entry.country or role.code[:3],
            sector=_sector(role.code),
        )

    def entry_actor(self, entry: ActorEntry) -> ActorRef | None:
        code = self.dictionaries.code_on(entry, self.published)
        if code is None:
            return None
        return ActorRef(
            code=code,
            name=entry.en,
            entry_id=entry.id,
            country=entry.country or code[:3],
            sector=_sector(code),
        )

    def country_actor(self, entry: CountryEntry) -> ActorRef:
        return ActorRef(code=entry.cameo, name=entry.en, entry_id=entry.id, country=entry.cameo)

    def composite_actor(self, phrase: Sequence[Piece], name: str | None = None) -> ActorRef | None:
        """Title(s) plus a nationality or country: the country's code plus the last title's."""
        agents = [p.entry for p in phrase if isinstance(p.entry, AgentEntry)]
        countries = [
            p.entry
            for p in phrase
            if p.kind in ("country", "adjective") and isinstance(p.entry, CountryEntry)
        ]
        if not agents:
            return None
        while len(agents) > 1 and agents[-1].id in RANK_AGENTS:
            agents.pop()  # "المتحدث باسم الأجهزة الأمنية الفلسطينية اللواء فلان": his office's
        agent = agents[-1]
        country = countries[-1] if countries else None
        code = (country.cameo if country else "") + agent.code
        label = " ".join(part for part in (country.en if country else None, agent.en) if part)
        return ActorRef(
            code=code,
            name=name or label,
            role=agent.en,
            country=country.cameo if country else None,
            sector=_sector(code),
            entry_id=agent.id,
        )


def _name_after(phrase: Sequence[Piece], holder: Piece) -> bool:
    """A recognised name after the organisation in the phrase: one of its people."""
    return any(p.kind == "name" and p.first > holder.last for p in phrase)


def _adjectival(
    phrase: Sequence[Piece], tokens: Sequence[Token], kinds: set[str], counts: frozenset[str]
) -> bool:
    """A lone indefinite title word after a noun qualifies it: "تصريح صحفي" (a press
    statement), "مصادر إعلامية" (media sources) — no actor."""
    if kinds != {"agent"} or len(phrase) != 1 or phrase[0].first == 0:
        return False
    token, before = tokens[phrase[0].first], tokens[phrase[0].first - 1]
    if before.kind == "number" or {before.key, matching_key(before.lemma or "")} & counts:
        return False  # "عشرة صحفيين": ten journalists, counted people
    return "ال" not in token.proclitics and before.kind == "word" and before.pos == "NOUN"


def _sector(code: str) -> str | None:
    """The first role group of a CAMEO code after its country: PSEREBHMS -> REB."""
    groups = [code[i : i + 3] for i in range(0, len(code), 3)]
    return groups[1] if len(groups) > 1 else None


def _locative(tokens: Sequence[Token], index: int) -> bool:
    token = tokens[index]
    if any(clitic in LOCATIVE_CLITICS for clitic in token.proclitics):
        return True
    return index > 0 and tokens[index - 1].key in LOCATIVE_WORDS


def phrase_entity(
    phrase: Sequence[Piece],
    resolved: ResolvedPhrase,
    tokens: Sequence[Token],
    text: str,
    index: int,
) -> Entity:
    start, end = tokens[phrase[0].first].start, tokens[phrase[-1].last].end
    return Entity(
        type=resolved.type,
        start=start,
        end=end,
        text=text[start:end],
        actor=resolved.actor,
        origin=resolved.origin,
        sentence=index,
        reference=resolved.reference,
        plural=resolved.plural,
        delegation=any(p.kind == "delegation" for p in phrase),
    )
