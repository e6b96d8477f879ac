"""Boilerplate lines ("اقرأ أيضاً", share and follow buttons), read from package YAML."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import regex

from hadath.text.normalise import phrase_key
from hadath.yamlio import load_yaml

_WORD = regex.compile(r"\w+")
_SENTENCE_END = regex.compile(r"[.!?؟…]\W*$")


@dataclass(frozen=True, slots=True)
class BoilerplateRules:
    line_prefixes: regex.Pattern[str]
    short_line_keywords: regex.Pattern[str]
    short_line_max_words: int

    def is_boilerplate(self, line: str) -> bool:
        key = phrase_key(line)
        if self.line_prefixes.match(key):
            return True
        words = _WORD.findall(key)
        if len(words) > self.short_line_max_words or _SENTENCE_END.search(line):
            return False
        return self.short_line_keywords.search(key) is not None


def _alternation(phrases: list[str]) -> str:
    keys = sorted({phrase_key(phrase) for phrase in phrases}, key=len, reverse=True)
    return "|".join(regex.escape(key) for key in keys if key)


def rules_from_mapping(data: dict[str, object]) -> BoilerplateRules:
    prefixes = [str(p) for p in data.get("line_prefixes", []) or []]  # type: ignore[attr-defined]
    keywords = [str(k) for k in data.get("short_line_keywords", []) or []]  # type: ignore[attr-defined]
    max_words = data.get("short_line_max_words", 6)
    return BoilerplateRules(
        # Case-insensitive for the Latin entries ("Read more", "Share"); word-bounded so that
        # "شاركها" does not fire inside a longer word.
        line_prefixes=regex.compile(rf"(?i)^\W*(?:{_alternation(prefixes)})(?!\w)"),
        short_line_keywords=regex.compile(rf"(?i)(?<!\w)(?:{_alternation(keywords)})(?!\w)"),
        short_line_max_words=int(max_words) if isinstance(max_words, int) else 6,
    )


@functools.lru_cache(maxsize=1)
def load_boilerplate_rules() -> BoilerplateRules:
    text = resources.files("hadath").joinpath("data/text/boilerplate.yaml").read_text("utf-8")
    return rules_from_mapping(load_yaml(text) or {})
