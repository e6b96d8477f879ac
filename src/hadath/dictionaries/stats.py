"""`hadath dict stats`: how much the loaded dictionaries know."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

from hadath.dictionaries.loader import Dictionaries


@dataclass(frozen=True)
class DictionaryStats:
    version: str
    countries: int
    organisations: int
    igos: int
    ngos: int
    institutions: int
    people: int
    agents: int
    names: int
    keys: int
    adjective_forms: int
    overrides: int

    def as_dict(self) -> dict[str, int | str]:
        return asdict(self)


def dictionary_stats(dictionaries: Dictionaries) -> DictionaryStats:
    kinds = Counter(entry.kind for entry in dictionaries.actors.values())
    names = sum(len(e.ar) for e in dictionaries.countries.values())
    names += sum(len(e.ar) for e in dictionaries.actors.values())
    names += sum(len(e.ar) for e in dictionaries.agents.values())
    adjective_keys = {
        key
        for key, matches in dictionaries.keys.items()
        if any(m.kind == "adjective" for m in matches)
    }
    return DictionaryStats(
        version=dictionaries.version,
        countries=len(dictionaries.countries),
        organisations=kinds["organisation"],
        igos=kinds["igo"],
        ngos=kinds["ngo"],
        institutions=kinds["institution"],
        people=kinds["person"],
        agents=len(dictionaries.agents),
        names=names,
        keys=len(dictionaries.keys),
        adjective_forms=len(adjective_keys),
        overrides=len(dictionaries.overrides),
    )
