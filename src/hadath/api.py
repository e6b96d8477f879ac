"""The Python API: text in, a `Document` with sentences, entities and events out.

>>> import hadath
>>> doc = hadath.code("استقبل وزير الخارجية المصري نظيره الأردني في القاهرة أمس.",
...                   published="2024-02-10")
>>> [(e.cameo, e.source and e.source["code"], e.target and e.target["code"], e.date)
...  for e in doc.events]
[('043', 'EGYGOV', 'JORGOV', '2024-02-09')]

`hadath.code` is this module's `code`; each event's fields are listed in the README
("From Python") and in `hadath.model.Event`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from hadath.model import Document, as_date
from hadath.pipeline import Pipeline


@dataclass(frozen=True)
class CoderOptions:
    """What shapes a coding run; one object instead of a dozen keyword arguments."""

    dictionaries: tuple[Path, ...] = ()  # user dictionary files laid over the built-in ones
    patterns: tuple[Path, ...] = ()  # user pattern files laid over the built-in ones
    use_ner: bool = True  # the trained recogniser for names no dictionary lists
    decisions: bool = True  # the trained event decision (events/decision.py), when shipped


@functools.lru_cache(maxsize=8)
def coding_pipeline(options: CoderOptions = CoderOptions()) -> Pipeline:
    """Text pipeline + entities + coreference + events, built once per options."""
    from hadath.analysis import text_pipeline
    from hadath.entities import entity_stages
    from hadath.events.coder import EventStage

    return Pipeline([*text_pipeline().stages, *entity_stages(options), EventStage(options)])


def code(
    text: str,
    *,
    published: dt.date | str | None = None,
    id: str | None = None,  # the field is called id in every output format
    title: str | None = None,
    options: CoderOptions = CoderOptions(),
) -> Document:
    """Code one article: the Document with sentences, entities and events."""
    doc = Document(raw_text=text, id=id or "", published=as_date(published), title=title)
    return code_document(doc, options)


def code_document(doc: Document, options: CoderOptions = CoderOptions()) -> Document:
    return coding_pipeline(options)(doc)


def code_documents(
    docs: Iterable[Document], options: CoderOptions = CoderOptions()
) -> Iterator[Document]:
    pipeline = coding_pipeline(options)
    for doc in docs:
        yield pipeline(doc)
