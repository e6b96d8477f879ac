"""The gazetteer index's disk cache is named the same in every process."""

from __future__ import annotations

import os
import subprocess
import sys

PRINT_NAME = (
    "from hadath.places.index import IndexOptions, _fingerprint; "
    "print(_fingerprint(IndexOptions()))"
)


def _fingerprint_with_hash_seed(seed: str) -> str:
    environment = {**os.environ, "PYTHONHASHSEED": seed}
    command = [sys.executable, "-c", PRINT_NAME]
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_cache_name_does_not_depend_on_the_hash_seed() -> None:
    # A set's repr in the name once gave each process its own file: the index was rebuilt
    # by every process and hundreds of stale copies piled up in the cache directory.
    names = {_fingerprint_with_hash_seed(seed) for seed in ("1", "2", "3")}
    assert len(names) == 1
