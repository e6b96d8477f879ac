"""Actor dictionaries: countries, organisations, institutions, people and agents (titles).

Format and layering: docs/dictionaries.md.
"""

from __future__ import annotations

from hadath.dictionaries.loader import (
    Dictionaries,
    DictionaryError,
    KeyMatch,
    default_dictionaries,
    load_dictionaries,
)
from hadath.dictionaries.schema import (
    ActorEntry,
    AgentEntry,
    CodeRange,
    CountryEntry,
    Plover,
    Problem,
    Role,
)

__all__ = [
    "ActorEntry",
    "AgentEntry",
    "CodeRange",
    "CountryEntry",
    "Dictionaries",
    "DictionaryError",
    "KeyMatch",
    "Plover",
    "Problem",
    "Role",
    "default_dictionaries",
    "load_dictionaries",
]
