"""The `hadath` command line. Thin: each command parses its arguments, calls one library
function that returns a value, renders it, and exits with an `ExitCode`.

Each command lives in its own module under `hadath.cli` and registers itself on `app`.
"""

from __future__ import annotations

import sys

# Command modules register themselves on import; one line each.
from hadath.cli import analyse as _analyse  # noqa: F401  (hadath analyse)
from hadath.cli import code as _code  # noqa: F401  (hadath code, hadath entities)
from hadath.cli import dict as _dict  # noqa: F401  (hadath dict lint|stats|import)
from hadath.cli import eval as _eval  # noqa: F401  (hadath eval)
from hadath.cli import ner as _ner  # noqa: F401  (hadath ner)
from hadath.cli import serve as _serve  # noqa: F401  (hadath serve)
from hadath.cli import store as _store  # noqa: F401  (hadath ingest, events, stats, export ...)
from hadath.cli.app import ExitCode, app

__all__ = ["ExitCode", "app", "main"]


#: Optional dependencies and the extra that installs each (pyproject.toml).
EXTRAS = {
    "duckdb": "store",
    "pyarrow": "store",
    "pandas": "store",
    "dask": "dask",
    "distributed": "dask",
    "fastapi": "web",
    "uvicorn": "web",
    "jinja2": "web",
}


def main() -> None:
    try:
        app()
    except ModuleNotFoundError as error:
        root = (error.name or "").split(".")[0]
        if root not in EXTRAS:
            raise
        extra = EXTRAS[root]
        print(
            f"hadath: this command needs the '{extra}' extra ({root} is not installed): "
            f"pip install 'hadath[{extra}]'",
            file=sys.stderr,
        )
        raise SystemExit(ExitCode.USAGE) from None
