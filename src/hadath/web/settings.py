"""Every setting of the web server, declared once: name, default and help in one field.

`settings_table()` reads them back for `hadath serve --help` and docs/web.md; a test checks
the docs list every setting, so a setting cannot exist in the code and be missing in the docs.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from typing import Any, NamedTuple


def _setting(default: Any, help_text: str) -> Any:
    return field(default=default, metadata={"help": help_text})


@dataclass(frozen=True)
class WebSettings:
    """The settings of one server."""

    default_page_size: int = _setting(50, "rows per page when a request names no limit")
    max_page_size: int = _setting(500, "the largest limit a request may ask for")
    max_network_edges: int = _setting(2000, "the largest number of edges the network returns")
    max_network_nodes: int = _setting(300, "the most actors the network may be asked to draw")
    max_offset: int = _setting(100_000, "the deepest offset a paged request may ask for")
    max_body_bytes: int = _setting(262_144, "requests with a larger body are refused (413)")
    max_code_chars: int = _setting(50_000, "the longest text POST /api/code and /code accept")
    allow_writes: bool = _setting(False, "enable endpoints that write to the store")
    write_token: str | None = _setting(None, "bearer token every writing request must carry")
    default_lang: str = _setting("ar", "page language when no ?lang= is given (ar or en)")

    def __post_init__(self) -> None:
        if self.allow_writes and not self.write_token:
            raise ValueError("allow_writes needs a write_token: writing is never open to anyone")
        if self.default_lang not in ("ar", "en"):
            raise ValueError(f"default_lang must be ar or en, not {self.default_lang!r}")
        if not 0 < self.default_page_size <= self.max_page_size:
            raise ValueError("default_page_size must be between 1 and max_page_size")


class SettingInfo(NamedTuple):
    name: str
    default: Any
    help: str


def settings_table() -> list[SettingInfo]:
    return [
        SettingInfo(f.name, None if f.default is MISSING else f.default, str(f.metadata["help"]))
        for f in fields(WebSettings)
    ]
