"""The fixed code sets a dictionary entry is checked against.

Names of codes are facts from the CAMEO actor codebook (chapter 3, tables 3.1 and 3.2,
and section 3.1.9) and the PLOVER manual (sector codes, non-state country codes).
"""

from __future__ import annotations

import re

# CAMEO table 3.1: primary, party, secondary and tertiary role codes.
PRIMARY_ROLES = frozenset({"COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF"})
PARTY_ROLE = frozenset({"PTY"})
SECONDARY_ROLES = frozenset(
    {
        "AGR",
        "BUS",
        "CRM",
        "CVL",
        "DEV",
        "EDU",
        "ELI",
        "ENV",
        "HLH",
        "HRI",
        "LAB",
        "LEG",
        "MED",
        "REF",
    }
)
TERTIARY_ROLES = frozenset({"MOD", "RAD"})
# CAMEO table 3.2: generic international codes; they also serve as agent roles ("aid worker").
INTERNATIONAL = frozenset({"IGO", "IMG", "INT", "MNC", "NGM", "NGO", "UIS"})
# Generic religion codes used in agent files (Phoenix writes MUS where the codebook has MOS);
# PPL ("the people of") is used by Phoenix agents.
RELIGION_ROLES = frozenset({"REL", "CHR", "JEW", "MOS", "MUS", "BUD", "HIN"})
OTHER_ROLES = frozenset({"PPL"})

ROLE_CODES = (
    PRIMARY_ROLES
    | PARTY_ROLE
    | SECONDARY_ROLES
    | TERTIARY_ROLES
    | INTERNATIONAL
    | RELIGION_ROLES
    | OTHER_ROLES
)

# CAMEO section 3.1.9: transnational regions.
REGIONS = frozenset(
    {
        "AFR", "ASA", "BLK", "CRB", "CAU", "CFR", "CAS", "CEU", "EIN", "EAF", "EEU", "EUR",
        "LAM", "MEA", "MDT", "NAF", "NMR", "PGS", "SCN", "SAM", "SAS", "SEA", "SAF", "WAF", "WST",
    }
)  # fmt: skip

# PLOVER manual, "Sector Codes" and the non-state country codes table.
PLOVER_SECTORS = frozenset(
    {
        "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK",
        "AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE",
        "REL", "SOC",
    }
)  # fmt: skip
PLOVER_NON_STATE = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})

ACTOR_KINDS = ("organisation", "igo", "ngo", "institution", "person")

CODE_SHAPE = re.compile(r"^(?:[A-Z0-9]{3})+$")


def code_groups(code: str) -> list[str]:
    """`PSEREBHMS` → `["PSE", "REB", "HMS"]`; the caller checks `CODE_SHAPE` first."""
    return [code[i : i + 3] for i in range(0, len(code), 3)]
