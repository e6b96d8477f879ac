"""Entities: actors (dictionaries and rules), places, dates, unknown names, coreference."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hadath.entities.coref import CorefStage
from hadath.entities.stage import EntityStage
from hadath.pipeline import Stage

if TYPE_CHECKING:
    from hadath.api import CoderOptions

__all__ = ["CorefStage", "EntityStage", "entity_stages"]


def entity_stages(options: CoderOptions | None = None) -> list[Stage]:
    """[recogniser,] entities, coreference — in the order the pipeline checks."""
    stages: list[Stage] = []
    if options is None or options.use_ner:
        from hadath.ner.stage import NerStage

        stages.append(NerStage())
    dictionaries = options.dictionaries if options is not None else ()
    stages.append(EntityStage.with_paths(dictionaries) if dictionaries else EntityStage())
    stages.append(CorefStage())
    return stages
