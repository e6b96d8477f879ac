"""Reading YAML: libyaml's C loader when PyYAML was built with it, and the strict path every
file a user gives goes through (dictionaries, patterns, gold).

Start-up reads every dictionary, pattern and rule file, in every worker process: PyYAML's
pure-Python loader took 0.69 s over the files under hadath/data, its C loader 0.10 s, and
both gave equal objects for every file (checked when this module was written).

`read_user_yaml` never raises. PyYAML alone keeps the last of two equal keys without a word
(a second `ar:` silently replaced the first list of names), and turns an impossible date
such as `2024-13-45` into a `ValueError` from inside the constructor — a traceback from
`eval`, `dict lint`, `code --dict` and `ingest --patterns`, and one bad file aborted a whole
directory's lint. Here both are problems with their line, the impossible date is kept as
its text (so the schema that reads it refuses it too, at the same line), and every
container remembers the line of each of its keys and items, so a schema's complaint about
`actors[3].roles[0].from` is reported at the line it is on.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def load_yaml(text: str | bytes) -> Any:
    """`yaml.safe_load`, with the C loader when there is one (for the packaged files)."""
    return yaml.load(text, Loader=_LOADER)


@dataclass(frozen=True, slots=True)
class YamlProblem:
    """Something wrong in a YAML file before any schema looks at it."""

    line: int | None  # 1-based
    message: str


@dataclass(slots=True)
class UserYaml:
    """A user's YAML file as loaded: its data (None when unreadable), the problems, and the
    line of every mapping key and list item (by the container's identity)."""

    source: str
    data: Any = None
    raw: bytes = b""
    problems: list[YamlProblem] = field(default_factory=list)
    lines: dict[int, dict[Hashable, int]] = field(default_factory=dict)

    def line_of(self, path: str | list[str | int] = "") -> int | None:
        """The line of `a[2].b.c` (the deepest part of the path that exists), or None."""
        parts = parse_path(path) if isinstance(path, str) else path
        node, line = self.data, None
        for part in parts:
            where = self.lines.get(id(node))
            if where is None or part not in where:
                break
            line = where[part]
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
        return line


def parse_path(path: str) -> list[str | int]:
    """`actors[3].roles[0].from` → ["actors", 3, "roles", 0, "from"]."""
    return [int(index) if index else name for name, index in _PATH_PART.findall(path)]


def read_user_yaml(path: Path) -> UserYaml:
    """Load a user's YAML file strictly; see the module docstring. Never raises."""
    loaded = UserYaml(str(path))
    try:
        loaded.raw = path.read_bytes()
        text = loaded.raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error).splitlines()[0]
        loaded.problems.append(YamlProblem(None, f"cannot read: {reason}"))
        return loaded
    return load_user_yaml(text, str(path), loaded)


def load_user_yaml(text: str, source: str = "<yaml>", loaded: UserYaml | None = None) -> UserYaml:
    """`read_user_yaml` for text already read."""
    loaded = loaded or UserYaml(source)
    loader = _StrictLoader(text)
    loader.record = loaded
    try:
        loaded.data = loader.get_single_data()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        line = mark.line + 1 if mark else None
        loaded.problems.append(YamlProblem(line, f"cannot read YAML: {problem}"))
        loaded.data = None
    except (ValueError, TypeError, RecursionError) as error:  # anything else the constructor hit
        loaded.problems.append(YamlProblem(None, f"cannot read YAML: {error}"))
        loaded.data = None
    finally:
        loader.dispose()
    loaded.problems.sort(key=lambda p: p.line or 0)
    return loaded


class _StrictLoader(_LOADER):  # type: ignore[valid-type,misc]
    """The safe loader with duplicate keys and impossible dates as problems, and lines kept."""

    record: UserYaml

    def construct_yaml_map(self, node: yaml.MappingNode) -> Any:
        data: dict[Any, Any] = {}
        yield data
        self.flatten_mapping(node)
        lines: dict[Hashable, int] = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, Hashable):
                self.record.lines.pop(id(key), None)  # dropped: its id may be reused
                self.record.problems.append(YamlProblem(line, "a mapping key must be a scalar"))
                continue
            if key in data:
                self.record.problems.append(
                    YamlProblem(line, f"duplicate key {key!r} (first at line {lines[key]})")
                )
                continue
            data[key] = self.construct_object(value_node)
            lines[key] = line
        self.record.lines[id(data)] = lines

    def construct_yaml_seq(self, node: yaml.SequenceNode) -> Any:
        items: list[Any] = []
        yield items
        items.extend(self.construct_sequence(node))
        self.record.lines[id(items)] = {
            index: child.start_mark.line + 1 for index, child in enumerate(node.value)
        }

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as error:
            value = str(node.value)
            line = node.start_mark.line + 1
            self.record.problems.append(YamlProblem(line, f"impossible date {value} ({error})"))
            return value


_StrictLoader.add_constructor("tag:yaml.org,2002:map", _StrictLoader.construct_yaml_map)
_StrictLoader.add_constructor("tag:yaml.org,2002:seq", _StrictLoader.construct_yaml_seq)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_yaml_timestamp)
