"""CAMEO actor codes in pieces: country, role types, known groups."""

from __future__ import annotations

from hadath.dictionaries.codes import (
    INTERNATIONAL,
    OTHER_ROLES,
    PRIMARY_ROLES,
    SECONDARY_ROLES,
    TERTIARY_ROLES,
)

#: CAMEO actor type codes (CAMEO manual, "Actor codebook"): a 3-letter chunk of an actor
#: code is a role (Actor1Type1Code ...) when listed here, a known group otherwise. The role
#: codes are the dictionaries' own; GDELT adds the type codes below, which it writes in the
#: Type columns although the codebook lists them as groups.
GDELT_TYPE_CODES = frozenset({"AMN", "IRC", "GRP", "UNO", "PKO", "SET"})
CAMEO_ACTOR_TYPES = (
    PRIMARY_ROLES
    | SECONDARY_ROLES
    | TERTIARY_ROLES
    | INTERNATIONAL
    | OTHER_ROLES
    | GDELT_TYPE_CODES
)


def split_actor_code(code: str) -> tuple[str | None, list[str], list[str]]:
    """CAMEO actor code → (country, role types, known groups): PSEREBHMS → PSE, [REB], [HMS]."""
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    country = None
    if chunks and chunks[0] not in CAMEO_ACTOR_TYPES:
        country = chunks.pop(0)
    types = [c for c in chunks if c in CAMEO_ACTOR_TYPES]
    groups = [c for c in chunks if c not in CAMEO_ACTOR_TYPES]
    return country, types, groups


def is_specific(code: str) -> bool:
    """An actor code that names someone: a country or known group, not a bare role such as
    GOV or MIL (which, without a country, any government or army of the world shares)."""
    return bool(code) and code[:3] not in CAMEO_ACTOR_TYPES
