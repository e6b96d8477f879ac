"""The entity stage: actors, places, dates and the recogniser's names, merged per sentence.

Precedence where spans overlap: dictionary and rule actors, then gazetteer places (a country
name that is also an actor keeps both), then the recogniser's names — the dictionary wins.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from hadath.dictionaries.loader import Dictionaries, default_dictionaries, load_dictionaries
from hadath.dictionaries.schema import ActorEntry
from hadath.entities.actors import PhraseResolver, group_phrases, phrase_entity
from hadath.entities.matching import host_key
from hadath.entities.pieces import Piece, group_role, sentence_pieces
from hadath.entities.rules import EntityRules, default_rules
from hadath.entities.unlisted import named_after
from hadath.model import Document, Entity, Place, Sentence, Token


class EntityStage:
    name = "entities"
    requires = frozenset({"tokens", "morphology"})
    assigns = frozenset({"entities"})

    def __init__(
        self,
        dictionaries: Dictionaries | None = None,
        rules: EntityRules | None = None,
        *,
        use_places: bool = True,
    ) -> None:
        self._dictionaries = dictionaries
        self.rules = rules or default_rules()
        self.use_places = use_places

    @classmethod
    def with_paths(cls, paths: Sequence[object]) -> EntityStage:
        from pathlib import Path

        return cls(load_dictionaries([Path(str(p)) for p in paths]) if paths else None)

    @property
    def dictionaries(self) -> Dictionaries:
        if self._dictionaries is None:
            self._dictionaries = default_dictionaries()
        return self._dictionaries

    def __call__(self, doc: Document) -> Document:
        ner_of: dict[int | None, list[Entity]] = {}
        for entity in doc.meta.get("ner", []):
            ner_of.setdefault(entity.sentence, []).append(entity)
        rules = self.rules
        resolver = PhraseResolver(
            self.dictionaries, doc.published, rules.counts, lambda t: group_role(t, rules)
        )
        sentence_pieces_list = [
            sentence_pieces(s.tokens, self.dictionaries, self.rules, ner_of.get(s.index, []))
            for s in doc.sentences
        ]
        named = _unambiguous_ids(sentence_pieces_list)
        entities: list[Entity] = []
        for sentence, found in zip(doc.sentences, sentence_pieces_list, strict=True):
            marked = self.diacritic_places(sentence.tokens)
            pieces = [
                p
                for p in found
                if _accept(p, found, sentence.tokens, named, self.rules)
                and not any(p.first <= i <= p.last for i in marked)
            ]
            actors = self.sentence_actors(doc, sentence, pieces, resolver)
            places = self.sentence_places(doc, sentence, actors, marked) if self.use_places else []
            leftovers = _uncovered(ner_of.get(sentence.index, []), actors + places)
            entities += actors + places + leftovers
        if self.use_places:
            from hadath.places.settle import settle_places

            settle_places(entities)  # "طرابلس" in an article about Lebanon is its Tripoli
        _lend_countries(entities, {c.iso2: c.cameo for c in self.dictionaries.countries.values()})
        entities += _date_entities(doc)
        doc.entities = sorted(entities, key=lambda e: (e.start, -e.end, e.type))
        doc.meta["dictionary_version"] = self.dictionaries.version
        doc.stats.add("entities", len(doc.entities))
        return doc

    def sentence_actors(
        self, doc: Document, sentence: Sentence, pieces: list[Piece], resolver: PhraseResolver
    ) -> list[Entity]:
        found = []
        for phrase in group_phrases(pieces, sentence.tokens):
            resolved = resolver.resolve(phrase, sentence.tokens)
            if resolved is not None:
                entity = phrase_entity(
                    phrase, resolved, sentence.tokens, doc.clean_text, sentence.index
                )
                found.append(entity)
        names = [p for p in pieces if p.kind == "name"]
        if names:
            where = (doc.clean_text, sentence.index)
            described = named_after(names, found, sentence.tokens, self.rules, where)
            found = sorted(found + described, key=lambda e: e.start)
        _lend_leaders(found, sentence.tokens, self.rules)
        _match_counterparts(found)
        return found

    def diacritic_places(self, tokens: Sequence[Token]) -> dict[int, tuple[str, str]]:
        """Tokens whose diacritics name a place ("عمّان" is Amman, not Oman)."""
        found = {}
        # Every written form carries a mark (rules.py checks), and a token whose normal form
        # is its text has none: most tokens are settled without normalising them to NFC.
        for index, token in enumerate(tokens):
            if token.norm == token.text:
                continue
            text = unicodedata.normalize("NFC", token.text)
            hit = next((p for w, p in self.rules.diacritic_places.items() if w in text), None)
            if hit is not None:
                found[index] = hit
        return found

    def sentence_places(
        self,
        doc: Document,
        sentence: Sentence,
        actors: list[Entity],
        marked: dict[int, tuple[str, str]] | None = None,
    ) -> list[Entity]:
        """Gazetteer places not inside an actor; `marked`: `diacritic_places` of the
        sentence's tokens, when the caller has them."""
        from hadath.places import find_places

        places = []
        if marked is None:
            marked = self.diacritic_places(sentence.tokens)
        starts = {token.start: index for index, token in enumerate(sentence.tokens)}
        for match in find_places(sentence.tokens, doc.clean_text):
            place = _marked_place(match.key, marked.get(starts.get(match.start, -1))) or match.place
            holder = next((a for a in actors if a.start <= match.start < a.end), None)
            if holder is not None:
                if holder.type == "LOC" and holder.place is None:
                    holder.place = place
                continue
            places.append(
                Entity(
                    type="LOC",
                    start=match.start,
                    end=match.end,
                    text=match.text,
                    place=place,
                    origin="gazetteer",
                    sentence=sentence.index,
                    score=match.score,
                )
            )
        return places


def _marked_place(key: str, wanted: tuple[str, str] | None) -> Place | None:
    """The gazetteer's place of that name and country, for a name its diacritics decide."""
    if wanted is None:
        return None
    from hadath.places import default_gazetteer

    name, country = wanted
    return next(
        (p for p in default_gazetteer().lookup(key) if p.name == name and p.country == country),
        None,
    )


def _lend_countries(entities: list[Entity], cameo_of: dict[str, str]) -> None:
    """A title with no nationality ("ضد الحكومة", "عشرة صحفيين") belongs to the country its
    sentence is about: the one country the sentence's other actors and places name, else the
    article's most named country. Without either it stays a bare role code."""

    def country_of(entity: Entity) -> str | None:
        if entity.actor is not None and entity.actor.country:
            return None if entity.actor.code.startswith("IGO") else entity.actor.country
        if entity.place is not None and entity.place.country:
            return cameo_of.get(entity.place.country)
        return None

    article = Counter(c for e in entities if (c := country_of(e)))
    # Each sentence's countries gathered once (each entity scanning the whole document's
    # entities for its sentence's was quadratic), and kept up to date as titles get theirs.
    by_sentence: dict[int | None, dict[str, None]] = {}
    for e in entities:
        if c := country_of(e):
            by_sentence.setdefault(e.sentence, {})[c] = None
    for entity in entities:
        actor = entity.actor
        if actor is None or actor.country or entity.origin not in ("rule", "dictionary"):
            continue
        here = by_sentence.get(entity.sentence, {})
        country = next(iter(here)) if len(here) == 1 else None
        if country is None and article:
            country = article.most_common(1)[0][0]
        if country is not None:
            entity.actor = replace(
                actor, code=country + actor.code, country=country, name=f"{country} {actor.name}"
            )
            if lent := country_of(entity):
                by_sentence.setdefault(entity.sentence, {})[lent] = None


def _unambiguous_ids(all_pieces: Sequence[Sequence[Piece]]) -> set[str]:
    return {
        p.entry.id
        for pieces in all_pieces
        for p in pieces
        if p.entry is not None and not p.ambiguous and p.kind in ("organisation", "person")
    }


def _accept(
    piece: Piece,
    pieces: Sequence[Piece],
    tokens: Sequence[Token],
    named: set[str],
    rules: EntityRules,
) -> bool:
    """An ambiguous name ("الجهاد": jihad, or the movement) needs support: the same actor
    named unambiguously in the article, or a title or group noun right before it."""
    if not piece.ambiguous or not isinstance(piece.entry, ActorEntry):
        return True
    if piece.entry.id in named:
        return True
    before = [p for p in pieces if p.last == piece.first - 1]
    if any(p.kind in ("agent", "group_head", "delegation") for p in before):
        return True
    if tokens[piece.first].proclitics[:1] == ["و"] and any(
        p.kind == "organisation" and not p.ambiguous for p in before
    ):
        return True  # "حماس والجهاد": joined to a movement named beside it
    return piece.first > 0 and host_key(tokens[piece.first - 1]) in rules.group_heads


def _lend_leaders(entities: list[Entity], tokens: Sequence[Token], rules: EntityRules) -> None:
    """ "وفد ...، برئاسة X": a delegation without an actor of its own acts for its leader."""
    for position, entity in enumerate(entities):
        if not entity.delegation or entity.actor is not None or entity.reference:
            continue
        for later in entities[position + 1 : position + 3]:
            between = [t for t in tokens if entity.end <= t.start < later.start]
            if later.type == "PER" and any(host_key(t) in rules.led_by for t in between):
                entity.actor = later.actor
                entity.origin = "rule"
                break


def _match_counterparts(entities: list[Entity]) -> None:
    """ "وزير الدفاع التركي ... نظيره القطري": the counterpart holds the same office as the
    official before it — the role part of that official's code in the counterpart's country."""
    for position, entity in enumerate(entities):
        if entity.origin != "counterpart" or entity.actor is None or not entity.actor.country:
            continue
        official = next(
            (
                e.actor
                for e in reversed(entities[:position])
                if e.actor is not None and e.actor.country and len(e.actor.code) > 3
            ),
            None,
        )
        if official is not None:
            role = official.code[3:]
            entity.actor = replace(entity.actor, code=entity.actor.country + role, sector=role[:3])
        entity.origin = "rule"


def _uncovered(candidates: Sequence[Entity], taken: Sequence[Entity]) -> list[Entity]:
    return [c for c in candidates if not any(c.span.overlaps(t.span) for t in taken)]


def _date_entities(doc: Document) -> list[Entity]:
    from hadath.dates import article_reference_date, resolve_dates

    found = []
    # The day the article was written, when its weekdays show the archive dated it later.
    reference = article_reference_date([s.text for s in doc.sentences], doc.published)
    for sentence in doc.sentences:
        for mention in resolve_dates(sentence.text, reference):
            start, end = sentence.start + mention.start, sentence.start + mention.end
            found.append(
                Entity(
                    type="DATE",
                    start=start,
                    end=end,
                    text=doc.clean_text[start:end],
                    origin="date",
                    sentence=sentence.index,
                    value=mention.iso,
                )
            )
    return found
