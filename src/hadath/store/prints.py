"""Entry fingerprints: what each dictionary and pattern entry was when it coded a document.

A document records the versions (file hashes) of the dictionaries and patterns that coded
it. Hashes of whole files cannot say which entries changed, so every ingest and recode also
records, under those versions (table `entry_prints`), one print per entry: a digest of the
entry as the coder reads it and the keys it is matched by in text —

- actors, countries, agents: the phrase keys of their names (and, for actors, the
  context words the entity rules map to them, e.g. الجهاد → palestinian-islamic-jihad);
- patterns: the matching keys of the first word of each trigger (a pattern can act only
  where its first word is).

`recode` diffs the prints of a document's versions against the current ones
(`hadath.store.recode`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from hadath.api import CoderOptions, coding_pipeline
from hadath.dictionaries.loader import Dictionaries, builtin_dir, entry_keys
from hadath.dictionaries.schema import Section
from hadath.events.patterns import PatternSet
from hadath.store.core import Store

DICTIONARY = "dictionary"
PATTERNS = "patterns"


@dataclass(frozen=True, slots=True)
class EntryPrint:
    section: str  # country | actor | agent | pattern
    entry_id: str
    digest: str
    keys: tuple[str, ...]
    builtin: bool = False  # from the packaged files (the recogniser's cues read those)


@dataclass(frozen=True, slots=True)
class Knowledge:
    """The dictionaries and patterns one coding pipeline uses, with their prints."""

    dictionary_version: str
    patterns_version: str
    dictionary: tuple[EntryPrint, ...]
    patterns: tuple[EntryPrint, ...]


def _plain(value: object) -> object:
    if isinstance(value, set | frozenset):
        return sorted(value, key=repr)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def digest(entry: Any, **ignored: object) -> str:
    """A stable hash of a dataclass entry (sets sorted: their order varies by process)."""
    fields = dataclasses.asdict(dataclasses.replace(entry, **ignored) if ignored else entry)
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=_plain)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def dictionary_prints(
    dictionaries: Dictionaries, context_names: Mapping[str, str] | None = None
) -> list[EntryPrint]:
    """One print per country, actor and agent; an entry's file path is not part of it."""
    builtin = str(builtin_dir())
    by_actor: dict[str, list[str]] = {}
    for key, actor_id in (context_names or {}).items():
        by_actor.setdefault(actor_id, []).append(key)
    tables: tuple[tuple[Section, Mapping[str, Any]], ...] = (
        ("country", dictionaries.countries),
        ("actor", dictionaries.actors),
        ("agent", dictionaries.agents),
    )
    prints = []
    for section, table in tables:
        for entry_id, entry in sorted(table.items()):
            keys = {key for key, _kind, _ambiguous in entry_keys(section, entry) if key}
            keys.update(by_actor.get(entry_id, ()) if section == "actor" else ())
            prints.append(
                EntryPrint(
                    section,
                    entry_id,
                    digest(entry, source=""),
                    tuple(sorted(keys)),
                    str(entry.source).startswith(builtin),
                )
            )
    return prints


def pattern_prints(patterns: PatternSet) -> list[EntryPrint]:
    """One print per pattern (its file name included: explanations name it)."""
    return [
        EntryPrint(
            "pattern",
            pattern.id,
            digest(pattern),
            tuple(sorted({key for t in pattern.triggers for key in t.first_keys if key})),
        )
        for pattern in sorted(patterns.patterns, key=lambda p: p.id)
    ]


def pipeline_knowledge(options: CoderOptions) -> Knowledge:
    """The prints of the dictionaries and patterns `coding_pipeline(options)` codes with."""
    stages = {stage.name: stage for stage in coding_pipeline(options).stages}
    entities: Any = stages["entities"]
    events: Any = stages["events"]
    dictionaries: Dictionaries = entities.dictionaries
    patterns: PatternSet = events.patterns
    rules = getattr(entities, "rules", None)
    context_names: Mapping[str, str] = getattr(rules, "context_names", {}) or {}
    return Knowledge(
        dictionaries.version,
        patterns.version,
        tuple(dictionary_prints(dictionaries, context_names)),
        tuple(pattern_prints(patterns)),
    )


_SCHEMA = pa.schema(
    [
        ("kind", pa.string()),
        ("version", pa.string()),
        ("section", pa.string()),
        ("entry_id", pa.string()),
        ("digest", pa.string()),
        ("keys", pa.list_(pa.string())),
        ("builtin", pa.bool_()),
    ]
)


def record(store: Store, knowledge: Knowledge) -> None:
    """Store the prints of both versions, unless the store has them already."""
    for kind, version, prints in (
        (DICTIONARY, knowledge.dictionary_version, knowledge.dictionary),
        (PATTERNS, knowledge.patterns_version, knowledge.patterns),
    ):
        if stored(store, kind, version) is not None:
            continue
        rows = [
            {"kind": kind, "version": version, **dataclasses.asdict(p), "keys": list(p.keys)}
            for p in prints
        ]
        with store.transaction() as con:
            con.register("new_prints", pa.Table.from_pylist(rows, schema=_SCHEMA))
            con.execute("INSERT INTO entry_prints BY NAME SELECT * FROM new_prints")
            con.unregister("new_prints")


def stored(
    store: Store, kind: str, version: str | None
) -> dict[tuple[str, str], EntryPrint] | None:
    """The prints recorded for a version, by (section, id); None when none were recorded."""
    rows = store.connection.execute(
        """SELECT section, entry_id, digest, keys, builtin FROM entry_prints
        WHERE kind = ? AND version = ?""",
        [kind, version],
    ).fetchall()
    if not rows:
        return None
    return {
        (section, entry_id): EntryPrint(section, entry_id, dig, tuple(keys or ()), bool(builtin))
        for section, entry_id, dig, keys, builtin in rows
    }


def changed(
    old: Mapping[tuple[str, str], EntryPrint], new: Iterable[EntryPrint]
) -> list[tuple[EntryPrint | None, EntryPrint | None]]:
    """(before, after) of every entry added (None, p), removed (p, None) or changed."""
    current = {(p.section, p.entry_id): p for p in new}
    pairs = []
    for name in sorted(old.keys() | current.keys()):
        before, after = old.get(name), current.get(name)
        if before is None or after is None or before.digest != after.digest:
            pairs.append((before, after))
    return pairs
