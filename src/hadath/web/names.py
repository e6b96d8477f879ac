"""Display names, in Arabic and English, for actor codes, CAMEO codes and countries.

Actor names come from the actor dictionaries, never from the store: the name a store keeps
beside a code is whatever mention coded it first ("SAU" was shown as "Abqaiq", a place that
carried the country's code; SAUGOV as a minister on one page and the king on another). A
code is named by

1. a country and its roles by their pieces: the country from the dictionaries and the role
   from `data/web/actor_names.yaml` (SAUGOV -> "Saudi Arabia · government"; the one entry
   coded SAUGOV is the king's office, and the code stands for the whole government);
2. else the one named actor (not a person) whose code it is: IGOUNO -> United Nations (the
   UN's own bodies, whose parent has the same code, defer to it), PSEREBHMS -> Hamas;
3. else its pieces as in 1, a known group named by its entry (PSEHMS -> "Palestine · Hamas");
4. else the code itself.

CAMEO code names come from the project's code table (`data/cameo/codes.yaml`, `label` and
`ar`).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType
from typing import Any

from hadath.yamlio import load_yaml

Names = Mapping[str, str]  # {"ar": ..., "en": ...}
SEPARATOR = " · "


@functools.lru_cache(maxsize=1)
def _piece_names() -> tuple[Mapping[str, Names], Mapping[str, Names]]:
    path = resources.files("hadath").joinpath("data/web/actor_names.yaml")
    data: dict[str, Any] = load_yaml(path.read_text(encoding="utf-8"))
    roles = {str(k): MappingProxyType(dict(v)) for k, v in data.get("roles", {}).items()}
    regions = {str(k): MappingProxyType(dict(v)) for k, v in data.get("regions", {}).items()}
    return MappingProxyType(roles), MappingProxyType(regions)


def role_names() -> Mapping[str, Names]:
    """Role and sector codes (GOV, MIL, REB …) -> their names."""
    return _piece_names()[0]


@functools.lru_cache(maxsize=1)
def _named_actors() -> Mapping[str, Names]:
    """Codes that name one actor of the dictionaries (rule 1 above)."""
    from hadath.dictionaries import default_dictionaries

    dictionaries = default_dictionaries()
    holders: dict[str, set[str]] = {}
    for entry in dictionaries.actors.values():
        if entry.kind == "person":  # a person's code is their office's, not their name
            continue
        for ranged in (*entry.codes, *entry.roles):
            holders.setdefault(ranged.code, set()).add(entry.id)
    named: dict[str, Names] = {}
    for code, ids in holders.items():
        heads = [i for i in ids if dictionaries.actors[i].parent not in ids]
        if len(heads) == 1:
            entry = dictionaries.actors[heads[0]]
            named[code] = MappingProxyType(
                {"en": entry.en, "ar": entry.ar[0] if entry.ar else entry.en}
            )
    return MappingProxyType(named)


@functools.lru_cache(maxsize=1)
def _countries() -> tuple[Mapping[str, Names], Mapping[str, Names]]:
    """CAMEO country code -> names, and ISO-2 -> names, from the dictionaries."""
    from hadath.dictionaries import default_dictionaries

    by_cameo: dict[str, Names] = {}
    by_iso: dict[str, Names] = {}
    for entry in default_dictionaries().countries.values():
        names = MappingProxyType({"en": entry.en, "ar": entry.ar[0] if entry.ar else entry.en})
        by_cameo[entry.cameo] = names
        by_iso[entry.iso2] = names
    return MappingProxyType(by_cameo), MappingProxyType(by_iso)


def country_names(iso2: str | None) -> dict[str, str] | None:
    """An ISO-3166 alpha-2 country code -> its names (None when the dictionaries lack it)."""
    return _plain(_countries()[1].get(iso2 or ""))


def actor_names(code: str | None) -> dict[str, str] | None:
    """The names of an actor code (rules in the module docstring); None for no code."""
    return _plain(_actor_names(code))


def _plain(names: Names | None) -> dict[str, str] | None:
    """A fresh dict (JSON-ready; the cached mappings stay read-only)."""
    return dict(names) if names is not None else None


@functools.lru_cache(maxsize=4096)
def _actor_names(code: str | None) -> Names | None:
    if not code:
        return None
    bare = code.rstrip("*")
    if _country_and_roles(bare):
        pieces = _pieces(bare)
        return MappingProxyType(
            {lang: SEPARATOR.join(p[lang] for p in pieces) for lang in ("ar", "en")}
        )
    named = _named_actors().get(bare)
    if named is not None:
        return named
    pieces = _pieces(bare)
    if not pieces:
        return MappingProxyType({"en": code, "ar": code})
    names = {lang: SEPARATOR.join(p[lang] for p in pieces) for lang in ("ar", "en")}
    return MappingProxyType(names)


def _country_and_roles(code: str) -> bool:
    """SAU, SAUGOV, SAUGOVMIL: a country of the dictionaries and only role codes after it."""
    countries, _ = _countries()
    roles, _ = _piece_names()
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    return bool(chunks) and chunks[0] in countries and all(c in roles for c in chunks[1:])


def _pieces(code: str) -> list[Names]:
    """Names of the 3-letter chunks of a code; [] when any chunk is unknown."""
    countries, _ = _countries()
    roles, regions = _piece_names()
    named_groups = _named_actors()
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    pieces: list[Names] = []
    for position, chunk in enumerate(chunks):
        if position == 0 and chunk in countries:
            pieces.append(countries[chunk])
        elif position == 0 and chunk in regions:
            pieces.append(regions[chunk])
        elif chunk in roles:
            pieces.append(roles[chunk])
        elif (group := _group(chunk, named_groups)) is not None:
            pieces.append(group)
        else:
            return []
    return pieces


def _group(chunk: str, named: Mapping[str, Names]) -> Names | None:
    """A known-group chunk (HMS) named by the one named code ending in it (PSEREBHMS)."""
    found = {code: names for code, names in named.items() if code.endswith(chunk) and len(code) > 3}
    distinct = {names["en"]: names for names in found.values()}
    return next(iter(distinct.values())) if len(distinct) == 1 else None


def cameo_names(code: str | None) -> dict[str, str] | None:
    """A CAMEO event code (or root) -> its names from the code table."""
    return _plain(_cameo_names(code))


@functools.lru_cache(maxsize=1024)
def _cameo_names(code: str | None) -> Names | None:
    from hadath.codes import default_codes

    table = default_codes()
    if not code or code not in table:
        return None
    entry = table.get(code)
    return MappingProxyType({"en": entry.label, "ar": entry.label_ar or entry.label})


def cameo_choices() -> list[dict[str, Any]]:
    """Every root with its codes, for the filter dropdowns: [{code, names, codes: [...]}]."""
    from hadath.codes import default_codes

    table = default_codes()
    choices = []
    for root in table.roots():
        below = sorted(c for c in table if c.startswith(root) and c != root)
        choices.append(
            {
                "code": root,
                "names": cameo_names(root),
                "codes": [{"code": c, "names": cameo_names(c)} for c in below],
            }
        )
    return choices


def with_names(event: dict[str, Any]) -> dict[str, Any]:
    """An event or report record with display names beside its codes: `cameo_names`,
    `root_names`, `names` on each actor side and on the place's country."""
    named = {**event}
    named["cameo_names"] = cameo_names(event.get("cameo"))
    named["root_names"] = cameo_names(event.get("root"))
    for side in ("source", "target"):
        actor = event.get(side)
        if isinstance(actor, dict) and actor.get("code"):
            named[side] = {**actor, "names": actor_names(actor["code"])}
    place = event.get("place")
    if isinstance(place, dict):
        named["place"] = {**place, "country_names": country_names(place.get("country"))}
    return named
