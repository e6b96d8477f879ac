"""Finer places than the gazetteer's names: what the words around a name make of it.

* **A part of a country or region** — "شمال سوريا", "جنوب شرقي تركيا", "ريف دمشق": a
  direction word (or ريف، أطراف) before its name is a region of it (precision 3, at its
  point). Before a town ("وسط كابول") the town stays the place: the direction says where in
  or near it.
* **A place the gazetteer lacks, named by its class word** — "مدينة سيفاري", "مديرية قعطبة",
  "قرية كوكوا غاري": an indefinite class word in construct with an unknown name. Its country
  and point are those of the place that locates it, when the text names one right after it
  ("مديرية قعطبة بمحافظة الضالع", "قضاء الرطبة غرب الأنبار", "مدينة سيفاري في وسط مالي"):
  precision 2 near a town, 3 in a region; without one, no point and no precision.

The rules and word lists are `data/places/mentions.yaml`.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace

from hadath.model import Place, Token
from hadath.places.sources import load_yaml
from hadath.text.normalise import matching_key

ARTICLE = "ال"
#: Tokens that may stand between a place and the place that locates it.
LOCATOR_LINKS = frozenset(
    matching_key(w) for w in ("في", "التابعة", "التابع", "داخل", "قرب", "الواقعة", "الواقع")
)
LOCATOR_MARKS = frozenset("()،,-–")
LOCATOR_REACH = 3  # tokens between a place and its locator


@dataclass(frozen=True, slots=True)
class MentionRules:
    directions: dict[str, str]  # key -> "north", "rural" ...
    class_features: dict[str, str]  # class word key -> feature of the place it names
    after_preposition: frozenset[str]
    name_heads: frozenset[str]
    not_names: frozenset[str]
    titles: frozenset[str]

    @classmethod
    def from_yaml(cls) -> MentionRules:
        data = load_yaml("mentions.yaml")
        unlisted = data["unlisted"]
        return cls(
            directions={matching_key(k): str(v) for k, v in data["directions"].items()},
            class_features={matching_key(k): str(v) for k, v in unlisted["class_words"].items()},
            after_preposition=_keys(unlisted["after_preposition"]),
            name_heads=_keys(unlisted["name_heads"]),
            not_names=_keys(unlisted["not_names"]),
            titles=_keys(data["titles"]),
        )


def _keys(words: Sequence[str]) -> frozenset[str]:
    return frozenset(matching_key(str(w)) for w in words)


@functools.lru_cache(maxsize=1)
def default_mention_rules() -> MentionRules:
    return MentionRules.from_yaml()


@dataclass(frozen=True, slots=True)
class Found:
    """A place mention over tokens `first`..`last` (the matcher's PlaceMatch, by token)."""

    first: int
    last: int
    place: Place
    key: str
    score: float
    context: str | None
    alternatives: int


def host(token: Token) -> str:
    """The word without و ف ب ل and pronoun suffixes, keeping ال."""
    if not token.stem:
        return token.key
    stem = matching_key(token.stem)
    return ARTICLE + stem if ARTICLE in token.proclitics and not stem.startswith(ARTICLE) else stem


def refine(
    tokens: Sequence[Token],
    found: list[Found],
    rules: MentionRules,
    common: frozenset[str] = frozenset(),
) -> list[Found]:
    """The gazetteer's places of a sentence with the parts and unlisted places around them,
    in text order; a direction phrase replaces the name it is built on. `common`: keys of
    words that are never an unlisted name (the gazetteer's stop-list: "معبر البري" is the
    land crossing, not a place called البري)."""
    taken = {i for f in found for i in range(f.first, f.last + 1)}
    found = found + [f for f in _unlisted(tokens, taken, rules) if f.key not in common]
    found = [_with_direction(tokens, f, rules) for f in sorted(found, key=lambda f: f.first)]
    return _locate(tokens, found)


def _unlisted(tokens: Sequence[Token], taken: set[int], rules: MentionRules) -> list[Found]:
    found = []
    for index, token in enumerate(tokens[:-1]):
        feature = _class_feature(tokens, index, rules)
        if feature is None or index + 1 in taken:
            continue
        last = _name_end(tokens, index + 1, taken, rules)
        if last is None:
            continue
        name = " ".join(t.text for t in tokens[index + 1 : last + 1])
        place = Place(name=name, country=None, lat=None, lon=None, feature=feature)
        found.append(Found(index + 1, last, place, matching_key(name), 0.5, token.text, 0))
    return found


def _class_feature(tokens: Sequence[Token], index: int, rules: MentionRules) -> str | None:
    token = tokens[index]
    if token.kind != "word" or token.enclitic or ARTICLE in token.proclitics:
        return None
    key = host(token)
    feature = rules.class_features.get(key)
    if feature is None or key.startswith(ARTICLE):
        return None
    if key in rules.after_preposition and not _after_preposition(tokens, index):
        return None
    return feature


def _after_preposition(tokens: Sequence[Token], index: int) -> bool:
    if any(c in ("ب", "ل") for c in tokens[index].proclitics):
        return True
    return index > 0 and tokens[index - 1].key in {matching_key(w) for w in ("في", "من", "إلى")}


def _name_end(
    tokens: Sequence[Token], first: int, taken: set[int], rules: MentionRules
) -> int | None:
    """The last token of an unlisted name starting at `first`, or None when it is no name."""
    if first in taken or not _name_word(tokens, first, rules):
        return None
    following = first + 1
    if following < len(tokens) and following not in taken:
        head = host(tokens[first]) in rules.name_heads
        foreign = all(tokens[i].pos in ("X", "PROPN") for i in (first, following))
        joined = tokens[following].key.startswith("وال")  # "الهديدة والفسلوج": two names
        if (head or foreign) and not joined and _name_word(tokens, following, rules):
            return following
    return first


def _name_word(tokens: Sequence[Token], index: int, rules: MentionRules) -> bool:
    """Whether the word can be (part of) a name after an indefinite class word.

    A definite word there is a genitive — the name ("منطقة التأميم") — unless a definite
    adjective follows ("إقليم الناحية العسكرية": a generic noun phrase). An indefinite one
    must not be an adjective, which would agree with the class word ("منطقة سكنية"); the
    analyser's verb reading of a foreign name ("كوكوا", "يريم") is no objection."""
    token = tokens[index]
    if token.kind != "word" or token.enclitic or token.pos in ("NUM", "ADP", "PART", "PRON"):
        return False
    if token.proclitics and token.proclitics != [ARTICLE]:
        return False  # "ومريس", "بمحافظة": a new phrase begins
    if host(token) in rules.not_names or token.key in rules.not_names:
        return False
    if host(token) in rules.directions:
        return False  # "مناطق جنوب الشيخ زويد": a direction of the place after it
    if ARTICLE not in token.proclitics and not token.key.startswith(ARTICLE):
        return token.pos != "ADJ"
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    return not (after is not None and after.pos == "ADJ" and ARTICLE in after.proclitics)


def _with_direction(tokens: Sequence[Token], found: Found, rules: MentionRules) -> Found:
    """ "شمال" + a place: the north of it (and "شمال شرق", two words)."""
    parts: list[str] = []
    first = found.first
    while first > 0 and len(parts) < 2:
        token = tokens[first - 1]
        part = rules.directions.get(host(token)) if token.kind == "word" else None
        if part is None or token.enclitic or (ARTICLE in token.proclitics):
            break
        parts.insert(0, part)
        first -= 1
    if not parts:
        return found
    whole = found.place
    wide = whole.feature in ("country", "region")
    if not wide:
        # "وسط كابول", "شمال شرقي بعقوبة": the named place is the town (the codebook writes
        # كابول); the direction only says where in or near it, as a locative does.
        return found
    part_name = "-".join(parts)
    if len(parts) == 2 and "و" in tokens[found.first - 1].proclitics:
        part_name = " and ".join(parts)  # "جنوب وغرب كركوك": two parts, not south-west
    place = Place(
        name=f"{part_name} of {whole.name}",
        country=whole.country,
        lat=whole.lat,
        lon=whole.lon,
        feature="region",
        admin1=whole.admin1,
        precision=3 if whole.lat is not None else None,
    )
    key = " ".join([*(host(t) for t in tokens[first : found.first]), found.key])
    return replace(found, first=first, place=place, key=key)


def _locate(tokens: Sequence[Token], found: list[Found]) -> list[Found]:
    """An unlisted place takes the country and point of the place that follows it."""
    return [_located(tokens, here, found[position + 1 :]) for position, here in enumerate(found)]


def _located(tokens: Sequence[Token], here: Found, later: Sequence[Found]) -> Found:
    """The place with the country and point of the place that locates it, when it has none;
    a town the gazetteer puts in another country than its locator is the text's town of that
    name ("منطقة همدان، بمحافظة صنعاء" is in Yemen, not Hamadan in Iran)."""
    place = here.place
    unlisted = place.lat is None and place.country is None
    if not unlisted and place.feature != "city":
        return here
    container = _locator(tokens, here, later)
    if container is None or container.place.country is None:
        return here
    outer = container.place
    if not unlisted and outer.country == place.country:
        return here
    name = place.name if unlisted else " ".join(t.text for t in tokens[here.first : here.last + 1])
    located = replace(
        place,
        name=name,
        country=outer.country,
        lat=outer.lat,
        lon=outer.lon,
        geonameid=None,
        admin1=outer.admin1,
        precision=max(2, outer.precision or 2) if outer.lat is not None else None,
    )
    return replace(here, place=located, alternatives=0)


def _locator(tokens: Sequence[Token], here: Found, later: Sequence[Found]) -> Found | None:
    """The place right after `here` that says where it is: linked by في, ب, a class word, a
    direction, a bracket or a comma, not joined by و (a list of places), and wider than a
    town unless `here` is unlisted."""
    unlisted = here.place.lat is None and here.place.country is None
    for other in later:
        between = tokens[here.last + 1 : other.first]
        if len(between) > LOCATOR_REACH:
            return None
        if not all(links(t) for t in between):
            continue
        joined = "و" in tokens[other.first].proclitics or tokens[other.first].key.startswith("وال")
        wider = other.place.feature in ("country", "region") or unlisted
        return other if wider and not joined else None
    return None


def links(token: Token) -> bool:
    """Whether `token` may stand between a place and the place that locates it: في, a
    bracket or comma, a class word ("بمحافظة"), a direction ("المخاء، غرب تعز")."""
    if token.text in LOCATOR_MARKS or token.key in LOCATOR_LINKS:
        return True
    rules = default_mention_rules()
    key = host(token)
    return (
        key in rules.directions
        or key.removeprefix(ARTICLE) in rules.class_features
        or (key in rules.class_features)
    )
