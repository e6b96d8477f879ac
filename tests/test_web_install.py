"""The plain install gives the store and the web interface; `hadath.code` is the Python API
the README and the API module's docstring show, with the event fields they print."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import hadath

REPO = Path(__file__).resolve().parent.parent


def _requirement_names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=\[ ;]", item, maxsplit=1)[0].lower() for item in requirements}


def test_store_and_web_are_in_the_plain_install_and_dask_an_extra() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    core = _requirement_names(project["dependencies"])
    assert {"duckdb", "pyarrow", "fastapi", "uvicorn", "jinja2", "python-multipart"} <= core
    assert not {"dask", "distributed"} & core
    extras = project["optional-dependencies"]
    assert _requirement_names(extras["dask"]) >= {"dask", "distributed"}
    assert extras["store"] == [] and extras["web"] == []  # old instructions still install


def test_hadath_code_is_the_api_and_gives_the_fields_the_readme_prints() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    assert "import hadath\n\ndoc = hadath.code(" in readme
    doc = hadath.code(
        "استقبل وزير الخارجية المصري نظيره الأردني في القاهرة أمس.", published="2024-02-10"
    )
    event = doc.events[0]
    # the fields the README's loop prints, and the docstrings' example
    assert (event.cameo, event.source and event.source["code"]) == ("043", "EGYGOV")
    assert event.target and event.target["code"] == "JORGOV"
    assert event.date == "2024-02-09" and event.explanation["rules"]
    from hadath import api

    assert hadath.code.__doc__ and "hadath.api.code" in hadath.code.__doc__
    for docstring in (hadath.__doc__, api.__doc__):
        assert docstring and "hadath.code(" in docstring
        assert 'e.source and e.source["code"]' in docstring
        assert "('043', 'EGYGOV', 'JORGOV', '2024-02-09')" in docstring
