"""Event trigger patterns: schema, loader, index and lint.

A pattern says: when these words occur (a verb lemma or a noun, possibly several words in
order), code CAMEO `code`, and find the source and the target where the `frame` says.
The files are YAML under `data/patterns/`; `docs/patterns.md` describes the format.

Every word of a trigger is stored as its `matching_key`, the key the coder computes for
`Token.lemma` and `Token.stem_key`, so a dictionary entry never depends on how a writer
spelled hamza, alef maqsura or ta marbuta.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from hadath.codes import CodeTable, default_codes
from hadath.text.normalise import DIACRITICS, matching_key
from hadath.yamlio import UserYaml, read_user_yaml

PARTS_OF_SPEECH = frozenset({"verb", "noun"})
ROLE_KINDS = frozenset({"subject", "object", "genitive", "genitive_list", "prep", "none"})
REQUIREMENTS = frozenset({"target", "place", "prep"})
MODALITIES = frozenset({"intent", "future", "negated", "hypothetical"})
# Closed class: the prepositions (single or two-word) a frame may name. ب ل ك are written
# as clitics; the coder finds them in Token.proclitics.
_SIMPLE_PREPOSITIONS = (
    *["مع", "ب", "ل", "ك", "إلى", "على", "ضد", "في", "من", "عن", "لدى", "عند", "بين", "حول", "نحو"],
    *["تجاه", "إزاء", "حيال", "بشأن", "لصالح", "عبر", "أمام", "داخل", "قرب", "بحق"],
)
_COMPOUND_PREPOSITIONS = ("على يد", "على أيدي", "من قبل", "من جانب")
#: The two-word prepositions of an agent as matching keys ("من قبل المتطرفين").
COMPOUND_PREPOSITIONS = frozenset(
    " ".join(matching_key(w) for w in p.split()) for p in _COMPOUND_PREPOSITIONS
)
PREPOSITIONS = frozenset(matching_key(w) for w in _SIMPLE_PREPOSITIONS) | COMPOUND_PREPOSITIONS
PATTERN_FIELDS = frozenset(
    {
        "id", "code", "pos", "trigger", "frame", "passive", "requires", "needs_context",
        "veto_context", "window", "max_gap", "modality", "discard", "priority", "note",
    }
)  # fmt: skip
_ARABIC_WORD = re.compile(r"^[\u0621-\u064A\u0671-\u06D3]+$")
DEFAULT_WINDOW = 8
_CLITIC_LETTERS = frozenset("وفبلكس")

# A phrase is words in order; each word is its alternative matching keys.
Phrase = tuple[tuple[str, ...], ...]
Where = tuple[str, str | None]


class PatternError(ValueError):
    """A pattern file cannot be loaded; the message names the file and the pattern, and
    `problems` holds every error (one line each)."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems)


@dataclass(frozen=True, slots=True)
class Problem:
    """One lint finding."""

    path: str
    pattern_id: str | None
    message: str
    severity: str = "error"  # error | warning

    def __str__(self) -> str:
        where = f"{self.path}:{self.pattern_id}" if self.pattern_id else self.path
        return f"{self.severity}: {where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Role:
    """Where an actor stands relative to the trigger.

    kind: subject | object | genitive (the noun's idafa complement) | genitive_list (the
    complement holds all participants: "محادثات الجانبين") | prep (an actor after one of
    `preps`) | none. `many`: with kind prep, the phrase lists all participants ("بين X و Y").
    """

    kind: str
    preps: tuple[str, ...] = ()
    many: bool = False


@dataclass(frozen=True, slots=True)
class Frame:
    """Source and target positions, each a list of alternatives tried in order."""

    name: str
    source: tuple[Role, ...]
    target: tuple[Role, ...]
    symmetric: bool = False


@dataclass(frozen=True, slots=True)
class Trigger:
    """One trigger: words in order, each a set of alternative matching keys."""

    text: str
    words: tuple[tuple[str, ...], ...]

    @property
    def first_keys(self) -> tuple[str, ...]:
        return self.words[0]


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    code: str | None  # None for discard patterns
    pos: str
    triggers: tuple[Trigger, ...]
    frame: Frame | None
    passive: Frame | None = None
    requires: frozenset[str] = frozenset()
    needs_context: tuple[Phrase, ...] = ()  # one must occur within `window` words after
    veto_context: tuple[Phrase, ...] = ()  # any of them anywhere in the sentence cancels
    window: int = DEFAULT_WINDOW
    max_gap: int = 0
    modality: str | None = None
    discard: bool = False
    priority: int = 0
    note: str = ""
    source_file: str = ""

    @property
    def specificity(self) -> int:
        """Rank among patterns firing on the same words: longer and conditioned win."""
        longest = max(len(t.words) for t in self.triggers)
        return self.priority * 100 + longest * 10 + (5 if self.needs_context else 0)


@dataclass(frozen=True, slots=True)
class PatternStats:
    patterns: int
    discard: int
    verb: int
    noun: int
    codes: tuple[str, ...]
    roots: tuple[str, ...]
    per_root: dict[str, int] = field(default_factory=dict)

    def format(self) -> str:
        lines = [
            f"patterns: {self.patterns} ({self.verb} verb, {self.noun} noun, "
            f"{self.discard} discard)",
            f"distinct CAMEO codes: {len(self.codes)}",
            f"roots covered: {len(self.roots)}/20",
        ]
        lines += [f"  {r}: {n} patterns" for r, n in sorted(self.per_root.items())]
        return "\n".join(lines)


class PatternSet:
    """Loaded patterns indexed by the matching key of each trigger's first word."""

    def __init__(self, patterns: Iterable[Pattern], version: str) -> None:
        self.patterns: tuple[Pattern, ...] = tuple(patterns)
        self.version = version
        index: dict[str, list[Pattern]] = {}
        for pattern in self.patterns:
            for key in {k for t in pattern.triggers for k in t.first_keys}:
                index.setdefault(key, []).append(pattern)
        self._index = {k: tuple(v) for k, v in index.items()}
        self.verb_keys = frozenset(k for k, ps in self._index.items() if _has_pos(ps, "verb"))
        self.noun_keys = frozenset(k for k, ps in self._index.items() if _has_pos(ps, "noun"))

    def by_first_key(self, key: str) -> tuple[Pattern, ...]:
        """Patterns whose trigger starts with the word whose matching key is `key`."""
        return self._index.get(key, ())

    def __len__(self) -> int:
        return len(self.patterns)

    def get(self, pattern_id: str) -> Pattern:
        for pattern in self.patterns:
            if pattern.id == pattern_id:
                return pattern
        raise KeyError(pattern_id)


def _has_pos(patterns: Iterable[Pattern], pos: str) -> bool:
    return any(p.pos == pos for p in patterns)


# ---------------------------------------------------------------------------- parsing


class _Collector:
    """Collects problems while parsing, so lint can report all of them at once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def error(self, path: str, pattern_id: str | None, message: str) -> None:
        self.problems.append(Problem(path, pattern_id, message))

    def warn(self, path: str, pattern_id: str | None, message: str) -> None:
        self.problems.append(Problem(path, pattern_id, message, "warning"))


def _words_of(text: str) -> list[str]:
    return text.split()


def _check_arabic_word(word: str, where: Where, out: _Collector) -> bool:
    if word in _CLITIC_LETTERS:
        out.error(
            *where, f"{word!r} is a clitic, written on the next word: the coder matches stems"
        )
        return False
    if any(ch in DIACRITICS for ch in word):
        out.error(*where, f"write triggers undiacritised: {word!r}")
        return False
    if not _ARABIC_WORD.match(word):
        out.error(*where, f"not an Arabic word: {word!r}")
        return False
    return True


def _parse_phrase(text: Any, where: Where, out: _Collector) -> Phrase | None:
    """A trigger or context phrase: words in order; `|` separates alternatives of a word."""
    if not isinstance(text, str) or not text.strip():
        out.error(*where, f"empty trigger or context phrase: {text!r}")
        return None
    words: list[tuple[str, ...]] = []
    for word in _words_of(text):
        alternatives = [a for a in word.split("|") if a]
        if not alternatives or not all(_check_arabic_word(a, where, out) for a in alternatives):
            return None
        words.append(tuple(dict.fromkeys(matching_key(a) for a in alternatives)))
    return tuple(words)


def _parse_role(raw: Any, where: Where, out: _Collector) -> Role | None:
    if isinstance(raw, str):
        if raw not in ROLE_KINDS or raw == "prep":
            out.error(*where, f"unknown role {raw!r} (use one of {sorted(ROLE_KINDS)})")
            return None
        return Role(raw)
    if isinstance(raw, dict) and set(raw) <= {"prep", "many"} and "prep" in raw:
        preps = raw["prep"] if isinstance(raw["prep"], list) else [raw["prep"]]
        keys = tuple(" ".join(matching_key(w) for w in str(p).split()) for p in preps)
        unknown = [p for p, k in zip(preps, keys, strict=True) if k not in PREPOSITIONS]
        if unknown or not keys:
            out.error(*where, f"unknown preposition(s) {unknown or preps} in frame")
            return None
        return Role("prep", keys, bool(raw.get("many", False)))
    out.error(*where, f"bad role {raw!r}: a role name or {{prep: [...], many: bool}}")
    return None


def _parse_roles(raw: Any, where: Where, out: _Collector) -> tuple[Role, ...] | None:
    items = raw if isinstance(raw, list) else [raw]
    roles = [_parse_role(item, where, out) for item in items]
    if not roles or any(r is None for r in roles):
        return None
    return tuple(r for r in roles if r is not None)


def parse_frame(name: str, raw: Any, where: Where, out: _Collector) -> Frame | None:
    if not isinstance(raw, dict) or not {"source", "target"} <= raw.keys():
        out.error(*where, f"frame {name!r} needs 'source' and 'target'")
        return None
    extra = set(raw) - {"source", "target", "symmetric"}
    if extra:
        out.error(*where, f"frame {name!r}: unknown field(s) {sorted(extra)}")
        return None
    source = _parse_roles(raw["source"], where, out)
    target = _parse_roles(raw["target"], where, out)
    if source is None or target is None:
        return None
    return Frame(name, source, target, bool(raw.get("symmetric", False)))


def _resolve_frame(
    raw: Any, frames: Mapping[str, Frame], where: Where, out: _Collector
) -> Frame | None:
    if isinstance(raw, str):
        if raw not in frames:
            out.error(*where, f"unknown frame {raw!r}")
            return None
        return frames[raw]
    return parse_frame("inline", raw, where, out)


def _phrases(raw: Any, where: Where, out: _Collector) -> tuple[Phrase, ...]:
    items = raw if isinstance(raw, list) else [raw]
    parsed = [_parse_phrase(item, where, out) for item in items]
    return tuple(p for p in parsed if p is not None)


def _parse_flags(raw: dict[str, Any], where: Where, out: _Collector) -> dict[str, Any]:
    requires = raw.get("requires") or []
    requires = requires if isinstance(requires, list) else [requires]
    for item in requires:
        if item not in REQUIREMENTS:
            out.error(*where, f"unknown requirement {item!r} (use {sorted(REQUIREMENTS)})")
    modality = raw.get("modality")
    if modality is not None and modality not in MODALITIES:
        out.error(*where, f"unknown modality {modality!r} (use {sorted(MODALITIES)})")
    numbers = {}
    for name, default in (("window", DEFAULT_WINDOW), ("max_gap", 0), ("priority", 0)):
        value = raw.get(name, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            out.error(*where, f"{name} must be a non-negative integer, got {value!r}")
            value = default
        numbers[name] = value
    return {"requires": frozenset(r for r in requires if r in REQUIREMENTS),
            "modality": modality if modality in MODALITIES else None, **numbers}  # fmt: skip


def parse_pattern(
    raw: Any, frames: Mapping[str, Frame], path: str, out: _Collector
) -> Pattern | None:
    """One pattern from its YAML mapping; problems go to `out`, None when unusable."""
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        out.error(path, None, f"a pattern must be a mapping with a string id: {raw!r:.80}")
        return None
    where = (path, raw["id"])
    unknown = set(raw) - PATTERN_FIELDS
    if unknown:
        out.error(*where, f"unknown field(s) {sorted(unknown, key=str)}")
    discard = bool(raw.get("discard", False))
    code = raw.get("code")
    if discard == (code is not None):
        out.error(*where, "a pattern has a code, or is `discard: true` — exactly one of them")
    if raw.get("pos") not in PARTS_OF_SPEECH:
        out.error(*where, f"pos must be verb or noun, got {raw.get('pos')!r}")
    raw_triggers = raw.get("trigger")
    raw_triggers = raw_triggers if isinstance(raw_triggers, list) else [raw_triggers]
    triggers = []
    for text in raw_triggers:
        words = _parse_phrase(text, where, out)
        if words is not None:
            triggers.append(Trigger(str(text), words))
    frame = None if discard else _resolve_frame(raw.get("frame"), frames, where, out)
    passive = None
    if raw.get("passive") is not None:
        passive = _resolve_frame(raw["passive"], frames, where, out)
    flags = _parse_flags(raw, where, out)
    if not triggers or (frame is None and not discard) or raw.get("pos") not in PARTS_OF_SPEECH:
        return None
    return Pattern(
        id=raw["id"], code=None if code is None else str(code), pos=raw["pos"],
        triggers=tuple(triggers), frame=frame, passive=passive,
        needs_context=_phrases(raw.get("needs_context") or [], where, out),
        veto_context=_phrases(raw.get("veto_context") or [], where, out),
        discard=discard, note=str(raw.get("note", "")), source_file=path, **flags,
    )  # fmt: skip


# ---------------------------------------------------------------------------- loading


def builtin_pattern_paths() -> list[Path]:
    """The packaged pattern files, frames files (`_*.yaml`) first, then by name."""
    folder = Path(str(resources.files("hadath").joinpath("data/patterns")))
    return sorted(folder.glob("*.yaml"), key=lambda p: (not p.name.startswith("_"), p.name))


def _read_yaml(path: Path, out: _Collector) -> UserYaml | None:
    # The strict reader (hadath.yamlio): duplicate keys and impossible dates are problems
    # with their line, and an unreadable file one problem, never a traceback.
    loaded = read_user_yaml(path)
    for problem in loaded.problems:
        out.error(f"{path}:{problem.line}" if problem.line else str(path), None, problem.message)
    data = loaded.data
    if loaded.problems and data is None:
        return None
    if not isinstance(data, dict):
        out.error(str(path), None, "expected a mapping with 'frames' and/or 'patterns'")
        return None
    unknown = set(data) - {"frames", "patterns", "version"}
    if unknown:
        out.error(str(path), None, f"unknown top-level field(s) {sorted(unknown, key=str)}")
    if not isinstance(data.get("frames") or {}, dict):
        out.error(str(path), None, "'frames' must be a mapping of names to frames")
        data.pop("frames")
    return loaded


def _parse_files(paths: Iterable[Path], out: _Collector) -> list[Pattern]:
    """Frames of every file are shared; patterns may name frames of any earlier file."""
    frames: dict[str, Frame] = {}
    patterns: list[Pattern] = []
    for path in paths:
        loaded = _read_yaml(path, out)
        if loaded is None:
            continue
        data = loaded.data
        for name, raw in (data.get("frames") or {}).items():
            if name in frames:
                out.error(path.name, None, f"frame {name!r} defined twice")
            frame = parse_frame(str(name), raw, (path.name, f"frame {name}"), out)
            if frame is not None:
                frames[str(name)] = frame
        raw_patterns = data.get("patterns") or []
        if not isinstance(raw_patterns, list):
            out.error(path.name, None, "'patterns' must be a list")
            continue
        for index, raw in enumerate(raw_patterns):
            found = len(out.problems)
            pattern = parse_pattern(raw, frames, path.name, out)
            _locate(out, found, path.name, loaded.line_of(["patterns", index]))
            if pattern is not None:
                patterns.append(pattern)
    return patterns


def _locate(out: _Collector, first: int, name: str, line: int | None) -> None:
    """The problems from `first` on, found in the pattern at `line`, named `name:line`."""
    if line is None:
        return
    for index in range(first, len(out.problems)):
        problem = out.problems[index]
        if problem.path == name:
            out.problems[index] = dataclasses.replace(problem, path=f"{name}:{line}")


def _content_version(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def load_patterns(extra_paths: Iterable[Path] = ()) -> PatternSet:
    """Packaged patterns plus the user's files (laid over them: same id replaces)."""
    paths = [*builtin_pattern_paths(), *(Path(p) for p in extra_paths)]
    out = _Collector()
    patterns = _parse_files(paths, out)
    errors = [p for p in out.problems if p.severity == "error"]
    if errors:
        shown = "\n".join(str(p) for p in errors[:20])
        raise PatternError(f"{len(errors)} problem(s) in event patterns:\n{shown}", errors)
    by_id: dict[str, Pattern] = {}
    for pattern in patterns:
        by_id[pattern.id] = pattern  # a later file's pattern with the same id overrides
    return PatternSet(by_id.values(), _content_version(paths))


@functools.lru_cache(maxsize=1)
def default_patterns() -> PatternSet:
    return load_patterns()


# ---------------------------------------------------------------------------- lint


def _signatures(pattern: Pattern, trigger: Trigger) -> Iterator[tuple[object, ...]]:
    """One signature per concrete word sequence: alternatives overlap across patterns."""
    frame = pattern.frame and (pattern.frame.source, pattern.frame.target)
    for words in itertools.product(*trigger.words):
        yield (pattern.pos, words, frame, pattern.needs_context, pattern.veto_context,
               pattern.requires)  # fmt: skip


def _lint_conflicts(
    pattern: Pattern, seen: dict[tuple[object, ...], Pattern], out: _Collector
) -> None:
    """Same words, frame and conditions coded two ways: the coder could not choose."""
    for trigger in pattern.triggers:
        clashes = set()
        for signature in _signatures(pattern, trigger):
            other = seen.setdefault(signature, pattern)
            if other is not pattern and other.code != pattern.code:
                clashes.add((other.id, other.code))
        for other_id, other_code in sorted(clashes):
            out.error(pattern.source_file, pattern.id,
                      f"trigger {trigger.text!r} with the same frame and conditions is "
                      f"coded {other_code} by {other_id!r}: which one?")  # fmt: skip


def _lint_semantics(patterns: list[Pattern], codes: CodeTable, out: _Collector) -> None:
    ids = Counter(p.id for p in patterns)
    for pattern_id, count in ids.items():
        if count > 1:
            out.error("*", pattern_id, f"duplicate id ({count} patterns)")
    seen: dict[tuple[object, ...], Pattern] = {}
    for pattern in patterns:
        if pattern.code is not None and pattern.code not in codes:
            out.error(pattern.source_file, pattern.id, f"unknown CAMEO code {pattern.code!r}")
        _lint_conflicts(pattern, seen, out)
        if pattern.max_gap == 0 and len(pattern.triggers[0].words) > 1 and pattern.pos == "verb":
            message = "multiword verb trigger with max_gap 0 misses VSO: verb, subject, object"
            out.warn(pattern.source_file, pattern.id, message)


def lint_patterns(
    paths: Iterable[Path] | None = None, codes: CodeTable | None = None
) -> list[Problem]:
    """All problems of the pattern files `paths` (default: the packaged ones)."""
    paths = builtin_pattern_paths() if paths is None else [Path(p) for p in paths]
    out = _Collector()
    patterns = _parse_files(paths, out)
    _lint_semantics(patterns, codes or default_codes(), out)
    return out.problems


def pattern_stats(patterns: PatternSet | None = None) -> PatternStats:
    """Counts of patterns, distinct CAMEO codes and roots covered."""
    patterns = patterns or default_patterns()
    coded = [p for p in patterns.patterns if p.code is not None]
    codes = sorted({p.code for p in coded if p.code})
    per_root = Counter(p.code[:2] for p in coded if p.code)
    return PatternStats(
        patterns=len(patterns), discard=len(patterns) - len(coded),
        verb=sum(p.pos == "verb" for p in coded), noun=sum(p.pos == "noun" for p in coded),
        codes=tuple(codes), roots=tuple(sorted(per_root)), per_root=dict(per_root),
    )  # fmt: skip


if __name__ == "__main__":
    print(pattern_stats().format())
    for problem in lint_patterns():
        print(problem)
