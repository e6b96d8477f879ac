"""Stages and the pipeline that runs them in a checked order.

A stage declares what it `requires` (annotation names some earlier stage assigned) and what it
`assigns`. `Pipeline` checks the order once, when it is built, so a misordered pipeline fails
before it reads a single article rather than half-way through a corpus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from hadath.model import Document

#: What the raw document carries before any stage ran.
INITIAL_ANNOTATIONS = frozenset({"raw_text"})


class Stage(Protocol):
    name: str
    requires: frozenset[str]
    assigns: frozenset[str]

    def __call__(self, doc: Document) -> Document: ...


@dataclass(frozen=True)
class FunctionStage:
    """A stage made from a plain function `Document -> Document`."""

    name: str
    requires: frozenset[str]
    assigns: frozenset[str]
    function: Callable[[Document], Document]

    def __call__(self, doc: Document) -> Document:
        return self.function(doc)


def stage(
    name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()
) -> Callable[[Callable[[Document], Document]], FunctionStage]:
    """Decorator: turn a function into a stage with declared inputs and outputs."""

    def wrap(function: Callable[[Document], Document]) -> FunctionStage:
        return FunctionStage(name, frozenset(requires), frozenset(assigns), function)

    return wrap


class PipelineOrderError(ValueError):
    """A stage needs an annotation that no earlier stage assigns."""


class Pipeline:
    def __init__(self, stages: Sequence[Stage]) -> None:
        self.stages = list(stages)
        check_order(self.stages)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        for current in self.stages:
            doc = current(doc)
            doc.annotated |= current.assigns
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)


def check_order(stages: Sequence[Stage]) -> None:
    available = set(INITIAL_ANNOTATIONS)
    for current in stages:
        missing = current.requires - available
        if missing:
            raise PipelineOrderError(
                f"stage {current.name!r} requires {sorted(missing)}, "
                f"which no earlier stage assigns (available: {sorted(available)})"
            )
        available |= current.assigns
