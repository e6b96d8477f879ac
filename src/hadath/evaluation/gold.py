"""Gold records: what a careful human coder reads out of a text, in common dataclasses.

Our own gold is YAML in the format of the seed (`cairo-talks.gold.yaml`): one article per file
as a top-level mapping, or many short articles under `records:`. External gold sets (the
arabic_event_gsr and UN QuadClass files) are read by `hadath.evaluation.gold_external` into
the same `GoldItem` plus a per-set label.

YAML article fields (all optional unless said):

* `text` (inline article text) or `text_file` (path relative to the gold file); a top-level
  `X.gold.yaml` without either reads `X.txt` beside it, as the seed does.
* `publication_date` (`published` is accepted too), `id`, `why` (one line: why the record exists).
* `expected`: events that must be found; `optional`: events that neither help nor hurt.
  Each: `cameo_root` (list of acceptable roots, required), `source` / `target` (CAMEO code
  fragments, any of which an actor code may contain), `symmetric`, `location`, `date` (a day or
  `[from, to]`), `sentence` (preferred, not required), and modality flags `future`, `negated`,
  `reported`, `hypothetical` (checked only when given).
* `false_positive_roots`: roots whose unmatched coded events are false positives; `all` or a
  list; default 09-20, the seed's rule ("the article reports only cooperation").
* `must_not`: acts the text mentions that are not events (negated, hypothetical, the object
  of a condemnation ...); a coded event matching one is reported as falling into that trap.

Whole-article gold of corpus articles (`gold/news/`, docs/codebook.md) names its text instead
of holding it: `source: {corpus, day, url, text_sha1}` (read by `hadath.evaluation.corpus`
from ../shared/data), plus `part` (train or dev, fixed by the URL's hash), `countries` and
`annotators`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hadath.evaluation.corpus import CorpusError, corpus_article, text_fingerprint, url_part
from hadath.yamlio import UserYaml, read_user_yaml

ALL_ROOTS = tuple(f"{root:02d}" for root in range(1, 21))
CONFLICT_ROOTS = tuple(f"{root:02d}" for root in range(9, 21))
MODALITY_FLAGS = ("future", "negated", "reported", "hypothetical")


class GoldFormatError(ValueError):
    """A gold file that cannot be read: names the file and the record; `problems` holds
    every problem found in the file, one line each (`FILE:LINE: record N expected[2]: ...`)."""

    def __init__(self, message: str, problems: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems) or (message,)


Locate = Callable[[list[str | int]], int | None]


class _Problems:
    """Problems of one gold file gathered as the records are read, each placed at its line
    (a wrong field used to stop the file at the first one)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.found: list[str] = []

    def add(self, error: GoldFormatError, line: int | None) -> None:
        prefix = str(self.path)
        for text in error.problems:
            placed = line is None or not text.startswith(prefix) or text.startswith(f"{prefix}:")
            rest = text[len(prefix) :].lstrip(" :")
            self.found.append(text if placed else f"{prefix}:{line}: {rest}")

    def check(self) -> None:
        if self.found:
            count = len(self.found)
            raise GoldFormatError(
                f"{count} problem(s) in gold: " + "; ".join(self.found), self.found
            )


@dataclass(frozen=True, slots=True)
class GoldItem:
    """One text to code: an article, or a sentence coded as an article of one sentence."""

    id: str
    text: str
    published: dt.date | None = None
    origin: str = ""  # file (and record or row) the item came from, for messages


@dataclass(frozen=True, slots=True)
class DateWindow:
    """Inclusive `[first, last]`; a single day has first == last."""

    first: dt.date
    last: dt.date

    def contains(self, other: DateWindow) -> bool:
        return self.first <= other.first and other.last <= self.last

    def __str__(self) -> str:
        if self.first == self.last:
            return self.first.isoformat()
        return f"{self.first.isoformat()}/{self.last.isoformat()}"


@dataclass(frozen=True, slots=True)
class ExpectedEvent:
    id: str
    cameo_roots: tuple[str, ...]
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    symmetric: bool = False
    location: tuple[str, ...] = ()  # acceptable names; empty: not checked
    date: DateWindow | None = None
    sentence: int | None = None
    modality: tuple[tuple[str, bool], ...] = ()  # (flag, required value), only flags given
    what: str = ""

    @property
    def primary_root(self) -> str:
        return self.cameo_roots[0]


@dataclass(frozen=True, slots=True)
class CorpusSource:
    """Where a whole-article gold's text lives: an article of a corpus in ../shared/data."""

    corpus: str
    day: str
    url: str
    outlet: str = ""


@dataclass(frozen=True, slots=True)
class ArticleGold:
    item: GoldItem
    expected: tuple[ExpectedEvent, ...]
    optional: tuple[ExpectedEvent, ...] = ()
    false_positive_roots: frozenset[str] = frozenset(CONFLICT_ROOTS)
    why: str = ""
    sentence_count: int | None = None  # debris.sentences, when the file gives it
    must_not_appear: tuple[str, ...] = ()  # debris.must_not_appear_in_sentences
    meta: Mapping[str, Any] = field(default_factory=dict)
    must_not: tuple[ExpectedEvent, ...] = ()  # mentioned acts that are not events
    source: CorpusSource | None = None  # text read from a corpus (whole-article gold)
    part: str | None = None  # train | dev, for whole-article gold
    countries: tuple[str, ...] = ()


def parse_date(value: object, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise GoldFormatError(f"{where}: not a date: {value!r}") from None


def parse_window(value: object, where: str) -> DateWindow:
    if isinstance(value, list | tuple):
        if len(value) != 2:
            raise GoldFormatError(f"{where}: a date window is [from, to], got {value!r}")
        first, last = parse_date(value[0], where), parse_date(value[1], where)
        if last < first:
            raise GoldFormatError(f"{where}: date window ends before it starts: {value!r}")
        return DateWindow(first, last)
    day = parse_date(value, where)
    return DateWindow(day, day)


def _codes(value: object, where: str, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
        raise GoldFormatError(f"{where}: `{name}` must be a list of codes, got {value!r}")
    return tuple(str(v).strip() for v in value)


def _roots(value: object, where: str) -> tuple[str, ...]:
    roots = tuple(r.zfill(2) for r in _codes(value, where, "cameo_root"))
    if not roots:
        raise GoldFormatError(f"{where}: an event needs `cameo_root`")
    unknown = [r for r in roots if r not in ALL_ROOTS]
    if unknown:
        raise GoldFormatError(f"{where}: unknown CAMEO roots {unknown}")
    return roots


EVENT_FIELDS = frozenset(
    {"id", "what", "sentence", "cameo_root", "source", "target", "symmetric", "location", "date"}
    | set(MODALITY_FLAGS)
)


def _check_fields(raw: dict[str, Any], where: str) -> None:
    """Unknown fields are errors: an unquoted `what: a, b` in a flow mapping silently turns
    "b" into a field and cuts the description short."""
    unknown = sorted(str(key) for key in raw if key not in EVENT_FIELDS)
    if unknown:
        hint = " (quote a `what` that holds a comma)" if "what" in raw else ""
        raise GoldFormatError(f"{where}: unknown event fields {unknown}{hint}")
    for flag in ("symmetric", *MODALITY_FLAGS):
        if raw.get(flag) is not None and not isinstance(raw[flag], bool):
            raise GoldFormatError(f"{where}: `{flag}` is true or false, got {raw[flag]!r}")


def parse_expected(raw: object, where: str, index: int) -> ExpectedEvent:
    if not isinstance(raw, dict):
        raise GoldFormatError(f"{where}: an event must be a mapping, got {raw!r}")
    _check_fields(raw, where)
    location = raw.get("location")
    sentence = raw.get("sentence")
    if sentence is not None and not isinstance(sentence, int):
        raise GoldFormatError(f"{where}: `sentence` must be a number, got {sentence!r}")
    modality = tuple(
        (flag, bool(raw[flag])) for flag in MODALITY_FLAGS if raw.get(flag) is not None
    )
    return ExpectedEvent(
        id=str(raw.get("id") or f"event-{index}"),
        cameo_roots=_roots(raw.get("cameo_root"), where),
        source=_codes(raw.get("source"), where, "source"),
        target=_codes(raw.get("target"), where, "target"),
        symmetric=bool(raw.get("symmetric", False)),
        location=_codes(location, where, "location"),
        date=parse_window(raw["date"], where) if raw.get("date") is not None else None,
        sentence=sentence,
        modality=modality,
        what=str(raw.get("what", "")),
    )


def _events(
    raw: object, where: str, key: str, gold_path: Path, locate: Locate | None = None
) -> tuple[ExpectedEvent, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise GoldFormatError(f"{where}: `{key}` must be a list")
    events, problems = [], _Problems(gold_path)
    for i, item in enumerate(raw):
        try:
            events.append(parse_expected(item, f"{where} {key}[{i}]", i + 1))
        except GoldFormatError as error:
            problems.add(error, locate([key, i]) if locate else None)
    problems.check()
    return tuple(events)


def _false_positive_roots(raw: object, where: str) -> frozenset[str]:
    if raw is None:
        return frozenset(CONFLICT_ROOTS)
    if raw == "all":
        return frozenset(ALL_ROOTS)
    if raw == "none":
        return frozenset()
    return frozenset(r.zfill(2) for r in _codes(raw, where, "false_positive_roots"))


PARTS = ("train", "dev")


def _corpus_source(raw: object, where: str) -> CorpusSource:
    if not isinstance(raw, dict):
        raise GoldFormatError(f"{where}: `source` must be a mapping (corpus, day, url)")
    missing = [key for key in ("corpus", "day", "url") if not raw.get(key)]
    if missing:
        raise GoldFormatError(f"{where}: `source` needs {', '.join(missing)}")
    day = parse_date(raw["day"], where).isoformat()
    url, outlet = str(raw["url"]).strip(), str(raw.get("outlet", ""))
    return CorpusSource(str(raw["corpus"]), day, url, outlet)


def _corpus_text(raw: dict[str, Any], source: CorpusSource, gold_path: Path, where: str) -> str:
    try:
        article = corpus_article(source.corpus, source.day, source.url, gold_path.parent)
    except CorpusError as error:
        raise GoldFormatError(f"{where}: {error}") from None
    expected_sha1 = raw["source"].get("text_sha1")
    if expected_sha1 and text_fingerprint(article.text) != str(expected_sha1):
        raise GoldFormatError(
            f"{where}: the article text in the corpus changed since it was annotated "
            f"(text_sha1 {expected_sha1} != {text_fingerprint(article.text)})"
        )
    return article.text


def _part(raw: dict[str, Any], source: CorpusSource | None, where: str) -> str | None:
    part = raw.get("part")
    if part is None:
        return url_part(source.url) if source else None
    if part not in PARTS:
        raise GoldFormatError(f"{where}: `part` is one of {', '.join(PARTS)}, got {part!r}")
    if source is not None and part != url_part(source.url):
        raise GoldFormatError(
            f"{where}: `part: {part}` but the url's hash puts the article in "
            f"{url_part(source.url)} (parts are fixed, never chosen)"
        )
    return str(part)


def _record_text(raw: dict[str, Any], gold_path: Path, where: str, single: bool) -> str:
    if isinstance(raw.get("text"), str):
        return str(raw["text"])
    if raw.get("text_file"):
        text_path = gold_path.parent / str(raw["text_file"])
    elif single and gold_path.name.endswith(".gold.yaml"):
        text_path = gold_path.with_name(gold_path.name.removesuffix(".gold.yaml") + ".txt")
    else:
        raise GoldFormatError(f"{where}: a record needs `text` or `text_file`")
    try:
        return text_path.read_text(encoding="utf-8")
    except OSError as error:
        raise GoldFormatError(
            f"{where}: cannot read the article text {text_path}: {error}"
        ) from None


def parse_article(
    raw: object, gold_path: Path, where: str, single: bool, locate: Locate | None = None
) -> ArticleGold:
    """One article; every problem of its events is reported (at its line, with `locate`),
    not only the first."""
    if not isinstance(raw, dict):
        raise GoldFormatError(f"{where}: a record must be a mapping")
    problems = _Problems(gold_path)
    lists: dict[str, tuple[ExpectedEvent, ...]] = {}
    for key in ("expected", "optional", "must_not"):
        try:
            lists[key] = _events(raw.get(key), where, key, gold_path, locate)
        except GoldFormatError as error:
            problems.add(error, locate([key]) if locate else None)
    try:
        article = _parse_article(raw, gold_path, where, single, lists)
    except GoldFormatError as error:
        problems.add(error, locate([]) if locate else None)
    problems.check()
    return article


def _parse_article(
    raw: dict[str, Any],
    gold_path: Path,
    where: str,
    single: bool,
    lists: dict[str, tuple[ExpectedEvent, ...]],
) -> ArticleGold:
    published = raw.get("publication_date", raw.get("published"))
    debris: dict[str, Any] = raw["debris"] if isinstance(raw.get("debris"), dict) else {}
    stem = gold_path.name.removesuffix(".yaml").removesuffix(".gold")
    record_id = str(raw.get("id") or stem)
    item_id = record_id if single else f"{stem}:{record_id}"
    source = _corpus_source(raw["source"], where) if "source" in raw else None
    if source is not None:
        text = _corpus_text(raw, source, gold_path, where)
    else:
        text = _record_text(raw, gold_path, where, single)
    item = GoldItem(
        id=item_id,
        text=text,
        published=parse_date(published, where) if published is not None else None,
        origin=where,
    )
    sentences = debris.get("sentences")
    return ArticleGold(
        item=item,
        expected=lists.get("expected", ()),
        optional=lists.get("optional", ()),
        false_positive_roots=_false_positive_roots(raw.get("false_positive_roots"), where),
        why=str(raw.get("why", "")),
        sentence_count=sentences if isinstance(sentences, int) else None,
        must_not_appear=_codes(debris.get("must_not_appear_in_sentences"), where, "debris"),
        meta={k: raw[k] for k in ("entities", "annotators") if k in raw},
        must_not=lists.get("must_not", ()),
        source=source,
        part=_part(raw, source, where),
        countries=_codes(raw.get("countries"), where, "countries"),
    )


def read_yaml_gold(path: Path) -> list[ArticleGold]:
    """All articles of one YAML gold file (a single article, or `records:`). Every problem
    of the file is in the `GoldFormatError` raised, each with its line: duplicate keys and
    impossible dates (hadath.yamlio.read_user_yaml), wrong fields of every record."""
    loaded = read_user_yaml(path)
    problems = _Problems(path)
    for problem in loaded.problems:
        at = f"{path}:{problem.line}" if problem.line else str(path)
        problems.found.append(f"{at}: {problem.message}")
    data = loaded.data
    if isinstance(data, dict) and "records" in data:
        records = data["records"]
        if not isinstance(records, list):
            raise GoldFormatError(f"{path}: `records` must be a list", problems.found)
        articles = []
        for i, record in enumerate(records):
            try:
                articles.append(
                    parse_article(record, path, f"{path} record {i + 1}", False, _within(loaded, i))
                )
            except GoldFormatError as error:
                problems.add(error, loaded.line_of(["records", i]))
        problems.check()
        _check_unique_ids(articles, path)
        return articles
    if isinstance(data, dict) and ("expected" in data or "optional" in data or "source" in data):
        try:
            article = parse_article(data, path, str(path), True, loaded.line_of)
        except GoldFormatError as error:
            problems.add(error, None)
        problems.check()
        return [article]
    problems.check()
    raise GoldFormatError(f"{path}: neither a gold article (`expected:`) nor `records:`")


def _within(loaded: UserYaml, index: int) -> Locate:
    def locate(parts: list[str | int]) -> int | None:
        return loaded.line_of(["records", index, *parts])

    return locate


def _check_unique_ids(articles: list[ArticleGold], path: Path) -> None:
    seen: set[str] = set()
    for article in articles:
        if article.item.id in seen:
            raise GoldFormatError(f"{path}: duplicate record id {article.item.id}")
        seen.add(article.item.id)


def iter_yaml_gold(paths: list[Path]) -> Iterator[ArticleGold]:
    for path in paths:
        yield from read_yaml_gold(path)
