"""The `hadath` command line. Thin: each command parses its arguments, calls one library
function that returns a value, renders it, and exits with an `ExitCode`.

Each command lives in its own module under `hadath.cli` and registers itself on `app`.
"""

from __future__ import annotations

from hadath.cli.app import ExitCode, app

# Command modules register themselves on import; one line each.

__all__ = ["ExitCode", "app", "main"]


def main() -> None:
    app()
