"""The gazetteer: Arabic place names -> ranked `Place`s, with a stop-list and a ranking prior."""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from hadath.model import Place
from hadath.places.index import GazetteerIndex, IndexOptions, load_index
from hadath.places.sources import GazetteerEntry, load_yaml
from hadath.text.normalise import matching_key, phrase_key


@dataclass(frozen=True, slots=True)
class RankingRules:
    """ranking.yaml, parsed: how confident a bare name is, and what context adds."""

    feature_base: dict[str, float]
    city_floor: float
    city_per_decade: float
    city_cap: float
    region_bonus: dict[str, float]  # country code -> prior bonus
    context_bonus: float
    class_words: frozenset[str]
    preposition_words: frozenset[str]
    preposition_clitics: frozenset[str]
    proper_noun_bonus: float
    multiword_bonus: float

    @classmethod
    def from_yaml(cls) -> RankingRules:
        data = load_yaml("ranking.yaml")
        bonus: dict[str, float] = {}
        for section in ("neighbour_prior", "region_prior"):
            for code in data[section]["countries"]:
                bonus[str(code)] = float(data[section]["bonus"])
        return cls(
            feature_base={k: float(v) for k, v in data["feature_base"].items()},
            city_floor=float(data["city_floor"]),
            city_per_decade=float(data["city_per_decade"]),
            city_cap=float(data["city_cap"]),
            region_bonus=bonus,
            context_bonus=float(data["context_bonus"]),
            class_words=frozenset(matching_key(w) for w in data["class_words"]),
            preposition_words=frozenset(matching_key(w) for w in data["preposition_words"]),
            preposition_clitics=frozenset(data["preposition_clitics"]),
            proper_noun_bonus=float(data["proper_noun_bonus"]),
            multiword_bonus=float(data["multiword_bonus"]),
        )

    def prior(self, entry: GazetteerEntry) -> float:
        """Confidence that a bare name denotes `entry`, before any context."""
        if entry.origin in ("curated", "region"):
            base = self.feature_base["curated"]
        elif entry.feature == "country":
            base = self.feature_base["country"]
        else:
            decades = math.log10(max(entry.population, 1))
            base = min(self.city_cap, self.city_floor + self.city_per_decade * decades)
        return min(1.0, base + self.region_bonus.get(entry.country or "", 0.0))


@dataclass(frozen=True, slots=True)
class RankedPlace:
    entry: GazetteerEntry
    prior: float

    @property
    def place(self) -> Place:
        """A fresh `Place` (model objects are mutable; the cached entry must not be)."""
        return to_place(self.entry)


def _rank_order(ranked: RankedPlace) -> tuple[float, int, str, int]:
    entry = ranked.entry
    return (-ranked.prior, -entry.population, entry.name, entry.geonameid or 0)


#: How closely a place's point locates what happens there (`Place.precision`, ACLED's
#: geo_precision plus 4 for a country): a town, site or crossing is its point; a region is
#: placed at its centre or seat; a sea or strait is a region of water.
PRECISION_OF_FEATURE = {"country": 4, "region": 3, "sea": 3, "strait": 3}


def to_place(entry: GazetteerEntry) -> Place:
    return Place(
        name=entry.name,
        country=entry.country,
        lat=entry.lat,
        lon=entry.lon,
        feature=entry.feature,
        geonameid=entry.geonameid,
        admin1=entry.admin1,
        precision=PRECISION_OF_FEATURE.get(entry.feature, 1),
    )


class Gazetteer:
    """Arabic place names indexed by `phrase_key`, ranked by feature, population and region."""

    def __init__(self, index: GazetteerIndex, rules: RankingRules, stoplist: frozenset[str]):
        self._index = index
        self.rules = rules
        self.stoplist = stoplist
        self.max_words = index.max_words
        #: the first word of every indexed name (prunes the longest-match search)
        self.first_words = frozenset(key.split(" ", 1)[0] for key in index.by_key)
        # Every leading run of words of every name ("قطاع", "قطاع غزه"): a longer name
        # is only tried while its first words still begin one.
        self._name_prefixes = frozenset(
            " ".join(words[:size])
            for key in index.by_key
            if (words := key.split(" "))
            for size in range(1, len(words) + 1)
        )

    @classmethod
    def load(cls, options: IndexOptions | None = None) -> Gazetteer:
        stop = load_yaml("stoplist.yaml").get("stoplist", [])
        stoplist = frozenset(phrase_key(str(item["name"])) for item in stop)
        return cls(load_index(options or IndexOptions()), RankingRules.from_yaml(), stoplist)

    def __len__(self) -> int:
        return len(self._index.by_key)

    def __contains__(self, name_key: str) -> bool:
        return name_key in self._index.by_key

    def starts_name(self, word_key: str) -> bool:
        """Whether some indexed name begins with this word (prunes the longest-match search)."""
        return word_key in self.first_words

    def begins_name(self, words_key: str) -> bool:
        """Whether some indexed name begins with these words (a whole name counts)."""
        return words_key in self._name_prefixes

    def is_stopped(self, name_key: str) -> bool:
        return name_key in self.stoplist

    @functools.lru_cache(maxsize=50_000)  # noqa: B019 - one gazetteer per process, immutable
    def ranked(self, name_key: str) -> tuple[RankedPlace, ...]:
        """Every place a keyed name may denote, most likely first."""
        positions = self._index.by_key.get(phrase_key(name_key), ())
        seen: set[tuple[str, int | None, str | None]] = set()
        ranked: list[RankedPlace] = []
        for entry in (self._index.entries[p] for p in positions):
            identity = (entry.name, entry.geonameid, entry.country)
            if identity in seen:
                continue
            seen.add(identity)
            ranked.append(RankedPlace(entry, self.rules.prior(entry)))
        # Ties (same prior) break on population, then on the name, so the order is deterministic.
        ranked.sort(
            key=lambda r: (-r.prior, -r.entry.population, r.entry.name, r.entry.geonameid or 0)
        )
        return tuple(ranked)

    def lookup(self, name_key: str) -> list[Place]:
        """Places for a name (its matching/phrase key), most likely first; [] when unknown."""
        return [ranked.place for ranked in self.ranked(name_key)]


@functools.lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The built-in gazetteer, loaded once per process (the index is cached on disk)."""
    return Gazetteer.load()
