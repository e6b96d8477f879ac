"""Load the built-in dictionaries and any user layers into one immutable `Dictionaries`.

Layers, in order: the built-in files, each path of HADATH_DICT_PATH, each extra path given by
the caller (`--dict`). A later entry with an id already loaded replaces it; new ids are added;
`{id: x, disabled: true}` removes one. See docs/dictionaries.md.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from hadath.dictionaries.nationality import adjective_forms, irregular_forms
from hadath.dictionaries.schema import (
    ActorEntry,
    AgentEntry,
    CodeRange,
    CountryEntry,
    Entry,
    ParsedDocument,
    Problem,
    Removal,
    Role,
    Section,
    parse_document,
)
from hadath.text.normalise import phrase_key
from hadath.yamlio import read_user_yaml

ENV_VAR = "HADATH_DICT_PATH"
BUILTIN_LAYER = "built-in"
MatchKind = Literal["name", "adjective", "metonym"]


class DictionaryError(ValueError):
    """A dictionary file is unreadable or breaks the schema; the message lists every problem."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        shown = "\n".join(f"  {p}" for p in self.problems[:50])
        more = f"\n  … and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        super().__init__(f"{len(self.problems)} dictionary problem(s):\n{shown}{more}")


@dataclass(frozen=True)
class KeyMatch:
    """One entry a phrase key points to, and how the phrase names it."""

    entry_id: str
    section: Section
    kind: MatchKind
    ambiguous: bool = False


@dataclass(frozen=True)
class Layer:
    name: str
    documents: tuple[ParsedDocument, ...]
    digest: str


@dataclass(frozen=True)
class Override:
    entry_id: str
    section: Section
    replaced_source: str
    by_source: str


def builtin_dir() -> Path:
    return Path(str(resources.files("hadath") / "data" / "actors"))


def yaml_files(path: Path) -> list[Path]:
    """A file, or every *.yaml / *.yml below a directory in sorted order."""
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"} and p.is_file())
    return [path]


def env_paths(environ: Mapping[str, str] | None = None) -> tuple[Path, ...]:
    value = (os.environ if environ is None else environ).get(ENV_VAR, "")
    return tuple(Path(part) for part in value.split(os.pathsep) if part.strip())


def read_file(path: Path) -> tuple[ParsedDocument, bytes]:
    """Parse one file; unreadable or invalid YAML, duplicate keys and impossible dates become
    problems with their line, never an exception (hadath.yamlio.read_user_yaml)."""
    source = str(path)
    loaded = read_user_yaml(path)
    if loaded.data is None and loaded.problems:
        doc = ParsedDocument(source)
    else:
        doc = parse_document(loaded.data, source, loaded.line_of)
    # An impossible date is reported by the reader and again by the schema, at one line.
    dated = {p.line for p in loaded.problems if p.message.startswith("impossible date")}
    doc.problems[:] = [
        *(Problem("error", source, "", "", p.message, p.line) for p in loaded.problems),
        *(p for p in doc.problems if not (p.line in dated and "impossible date" in p.message)),
    ]
    doc.problems.sort(key=lambda p: p.line or 0)
    return doc, loaded.raw


def read_layer(name: str, paths: Sequence[Path]) -> Layer:
    documents: list[ParsedDocument] = []
    digest = hashlib.sha256()
    for path in paths:
        files = yaml_files(path)
        if not files or not path.exists():
            missing = ParsedDocument(str(path))
            missing.problems.append(
                Problem("error", str(path), "", "", "no such file or no *.yaml in it")
            )
            documents.append(missing)
        for file in files if path.exists() else []:
            doc, raw = read_file(file)
            documents.append(doc)
            digest.update(file.name.encode() + b"\0" + raw + b"\0")
    return Layer(name, tuple(documents), digest.hexdigest())


def read_layers(
    extra_paths: Sequence[Path] = (), environ: Mapping[str, str] | None = None
) -> list[Layer]:
    layers = [read_layer(BUILTIN_LAYER, [builtin_dir()])]
    layers += [read_layer(f"{ENV_VAR}:{p}", [p]) for p in env_paths(environ)]
    layers += [read_layer(f"--dict {p}", [p]) for p in extra_paths]
    return layers


@dataclass(frozen=True)
class Dictionaries:
    """Countries, actors and agents after layering, with lookup by phrase key."""

    countries: Mapping[str, CountryEntry]
    actors: Mapping[str, ActorEntry]
    agents: Mapping[str, AgentEntry]
    keys: Mapping[str, tuple[KeyMatch, ...]]
    country_by_code: Mapping[str, CountryEntry]
    version: str
    overrides: tuple[Override, ...] = ()
    layers: tuple[str, ...] = ()
    max_key_words: int = field(default=1)
    # Every word prefix of every key ("مجلس", "مجلس الامن"): a matcher extends a phrase only
    # while it is the start of some name, instead of trying every length at every word.
    key_prefixes: frozenset[str] = frozenset()

    def lookup(self, phrase: str) -> tuple[KeyMatch, ...]:
        return self.keys.get(phrase_key(phrase), ())

    def entry(self, match: KeyMatch) -> Entry:
        if match.section == "country":
            return self.countries[match.entry_id]
        if match.section == "actor":
            return self.actors[match.entry_id]
        return self.agents[match.entry_id]

    def role_on(self, entry: ActorEntry, on: dt.date | None) -> Role | None:
        selected = select_range(entry.roles, on)
        return selected if isinstance(selected, Role) else None

    def code_on(self, entry: Entry, on: dt.date | None) -> str | None:
        """The CAMEO code of an entry on a date (None: latest); agents give their role code."""
        if isinstance(entry, CountryEntry):
            return entry.cameo
        if isinstance(entry, AgentEntry):
            return entry.code
        selected = select_range(entry.roles or entry.codes, on)
        return selected.code if selected else None


def select_range(ranges: Sequence[CodeRange], on: dt.date | None) -> CodeRange | None:
    """The range covering `on`; with `on=None` the latest (open end first, then latest start)."""
    if on is not None:
        return next((r for r in ranges if r.covers(on)), None)
    if not ranges:
        return None
    return max(ranges, key=_recency)


def _recency(r: CodeRange) -> tuple[dt.date, dt.date]:
    return (r.valid_until or dt.date.max, r.valid_from or dt.date.min)


def all_problems(layers: Sequence[Layer]) -> list[Problem]:
    return [p for layer in layers for doc in layer.documents for p in doc.problems]


def _merge(layers: Sequence[Layer]) -> tuple[dict[Section, dict[str, Entry]], list[Override]]:
    tables: dict[Section, dict[str, Entry]] = {"country": {}, "actor": {}, "agent": {}}
    overrides: list[Override] = []
    for layer in layers:
        for doc in layer.documents:
            for section, item in doc.entries:
                # Countries and actors share one id namespace.
                table_names: tuple[Section, ...] = (
                    ("agent",) if section == "agent" else ("country", "actor")
                )
                previous = next(
                    (tables[t].pop(item.id) for t in table_names if item.id in tables[t]), None
                )
                if previous is not None:
                    overrides.append(Override(item.id, section, previous.source, doc.source))
                if not isinstance(item, Removal):
                    tables[section][item.id] = item
    return tables, overrides


def entry_keys(section: Section, entry: Entry) -> Iterator[tuple[str, MatchKind, bool]]:
    ambiguous = isinstance(entry, ActorEntry) and entry.ambiguous
    doubtful = (
        {phrase_key(f) for f in entry.ambiguous_forms} if isinstance(entry, CountryEntry) else set()
    )
    for name in entry.ar:
        key = phrase_key(name)
        yield key, "name", ambiguous or key in doubtful
    if isinstance(entry, CountryEntry):
        forms = list(adjective_forms(entry.adjective))
        for extra in entry.adjective_forms:
            forms.extend(irregular_forms(extra))
        # Listing the base adjective flags every inflection (مالي 'Malian' / 'financial').
        all_doubtful = phrase_key(entry.adjective) in doubtful
        for form in forms:
            key = phrase_key(form)
            yield key, "adjective", all_doubtful or key in doubtful
        for metonym in entry.metonyms:
            yield phrase_key(metonym), "metonym", True


def build_key_index(
    tables: Mapping[Section, Mapping[str, Entry]],
) -> dict[str, tuple[KeyMatch, ...]]:
    index: dict[str, dict[KeyMatch, None]] = {}
    for section, table in tables.items():
        for entry in table.values():
            for key, kind, ambiguous in entry_keys(section, entry):
                if key:
                    index.setdefault(key, {})[KeyMatch(entry.id, section, kind, ambiguous)] = None
    return {key: tuple(matches) for key, matches in index.items()}


def dictionaries_from_layers(layers: Sequence[Layer]) -> Dictionaries:
    problems = [p for p in all_problems(layers) if p.severity == "error"]
    if problems:
        raise DictionaryError(problems)
    tables, overrides = _merge(layers)
    keys = build_key_index(tables)
    countries = {k: v for k, v in tables["country"].items() if isinstance(v, CountryEntry)}
    version = hashlib.sha256("".join(layer.digest for layer in layers).encode()).hexdigest()
    return Dictionaries(
        countries=MappingProxyType(countries),
        actors=MappingProxyType(
            {k: v for k, v in tables["actor"].items() if isinstance(v, ActorEntry)}
        ),
        agents=MappingProxyType(
            {k: v for k, v in tables["agent"].items() if isinstance(v, AgentEntry)}
        ),
        keys=MappingProxyType(keys),
        country_by_code=MappingProxyType({c.cameo: c for c in countries.values()}),
        version=version[:16],
        overrides=tuple(overrides),
        layers=tuple(layer.name for layer in layers),
        max_key_words=max((len(k.split()) for k in keys), default=1),
        key_prefixes=frozenset(
            " ".join(words[:n])
            for k in keys
            if (words := k.split())
            for n in range(1, len(words) + 1)
        ),
    )


def load_dictionaries(
    extra_paths: Sequence[Path] = (), environ: Mapping[str, str] | None = None
) -> Dictionaries:
    """Built-ins, then HADATH_DICT_PATH, then `extra_paths`. Raises DictionaryError."""
    return dictionaries_from_layers(read_layers(extra_paths, environ))


@functools.lru_cache(maxsize=4)
def _cached(env_value: tuple[Path, ...]) -> Dictionaries:
    return dictionaries_from_layers(
        read_layers((), {ENV_VAR: os.pathsep.join(map(str, env_value))})
    )


def default_dictionaries() -> Dictionaries:
    """Built-ins plus HADATH_DICT_PATH, loaded once per distinct HADATH_DICT_PATH value."""
    return _cached(env_paths())
