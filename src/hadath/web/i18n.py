"""UI strings in Arabic (default) and English, from data/web/ui_strings.yaml."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any

from hadath.yamlio import load_yaml

LANGUAGES = ("ar", "en")
DIRECTION = MappingProxyType({"ar": "rtl", "en": "ltr"})


@functools.lru_cache(maxsize=1)
def ui_strings() -> MappingProxyType[str, MappingProxyType[str, str]]:
    """key -> {lang -> text}; read once, immutable."""
    path = resources.files("hadath").joinpath("data/web/ui_strings.yaml")
    raw: dict[str, Any] = load_yaml(path.read_text(encoding="utf-8"))
    table: dict[str, MappingProxyType[str, str]] = {}
    for key, texts in raw.items():
        missing = [lang for lang in LANGUAGES if not isinstance(texts.get(lang), str)]
        if missing:
            raise ValueError(f"ui_strings.yaml: {key!r} lacks {', '.join(missing)}")
        table[str(key)] = MappingProxyType({lang: texts[lang] for lang in LANGUAGES})
    return MappingProxyType(table)


@dataclass(frozen=True)
class UiText:
    """The strings of one language; `ui("key")` in templates."""

    lang: str

    @property
    def direction(self) -> str:
        return DIRECTION[self.lang]

    def __call__(self, key: str) -> str:
        entry = ui_strings().get(key)
        if entry is None:
            # A missing key is a bug in a template; show the key rather than fail the page.
            return key
        return entry[self.lang]


def choose_language(requested: str | None, default: str) -> str:
    return requested if requested in LANGUAGES else default
