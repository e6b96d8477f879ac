"""Shared fixtures. Tests that read ../shared skip with a clear reason when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("HADATH_SHARED", REPO_ROOT.parent / "shared"))
EXAMPLES = REPO_ROOT / "examples"

requires_shared = pytest.mark.skipif(
    not (SHARED / "data" / "MANIFEST.md").is_file(),
    reason=f"../shared is absent ({SHARED}): external gold data and seed not available",
)


@pytest.fixture
def shared_path() -> Path:
    if not (SHARED / "data" / "MANIFEST.md").is_file():
        pytest.skip(f"../shared is absent ({SHARED}): external gold data and seed not available")
    return SHARED


@pytest.fixture
def seed_text(shared_path: Path) -> str:
    return (shared_path / "seed" / "cairo-talks.txt").read_text(encoding="utf-8")
