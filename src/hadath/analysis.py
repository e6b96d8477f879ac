"""Text analysis: raw text -> clean text, sentences, tokens and (optionally) morphology.

>>> from hadath.analysis import analyse
>>> doc = analyse("وصل الوفد إلى القاهرة أمس.")
>>> [t.text for t in doc.sentences[0].tokens]
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from hadath.ingest import IngestOptions, IngestReport, read_inputs
from hadath.model import Document, as_date
from hadath.pipeline import Pipeline, Stage
from hadath.text.stages import CleanStage, SentenceStage, TokenStage


def morphology_available() -> bool:
    """Is the morphology stage (hadath.morph.MorphologyStage) installed in this tree?"""
    if importlib.util.find_spec("hadath.morph") is None:
        return False
    import hadath.morph

    return hasattr(hadath.morph, "MorphologyStage")


def text_pipeline(morphology: bool = True) -> Pipeline:
    """[clean, sentences, tokens] plus the cached morphology stage when `morphology`."""
    stages: list[Stage] = [CleanStage(), SentenceStage(), TokenStage()]
    if morphology:
        # Imported here: loading the analyser's lexicon takes seconds, and the text stages
        # alone (ingest checks, benchmarks) should not pay for it.
        from hadath.morph import MorphologyStage

        stages.append(MorphologyStage())
    return Pipeline(stages)


@functools.lru_cache(maxsize=2)
def default_text_pipeline(morphology: bool = True) -> Pipeline:
    """`text_pipeline`, built once per process (the morphology cache lives in its stage)."""
    return text_pipeline(morphology=morphology)


def analyse(
    text: str,
    *,
    published: dt.date | str | None = None,
    id: str | None = None,  # the field is called id in every output format
    title: str | None = None,
    morphology: bool = True,
) -> Document:
    """Analyse one text: the Document with clean text, sentences and tokens."""
    doc = Document(raw_text=text, id=id or "", published=as_date(published), title=title)
    return analyse_document(doc, morphology=morphology)


def analyse_document(doc: Document, *, morphology: bool = True) -> Document:
    return default_text_pipeline(morphology)(doc)


@dataclass(slots=True)
class AnalysisRun:
    """Analysed documents plus the ingest report of what was read and skipped."""

    documents: list[Document] = field(default_factory=list)
    report: IngestReport = field(default_factory=IngestReport)


def iter_analysed(
    inputs: Iterable[str | Path],
    options: IngestOptions | None = None,
    report: IngestReport | None = None,
    *,
    morphology: bool = True,
    stdin: IO[bytes] | None = None,
) -> Iterator[Document]:
    """Read inputs lazily (files, directories, zips, "-") and analyse each document."""
    pipeline = default_text_pipeline(morphology)
    for doc in read_inputs(inputs, options, report, stdin=stdin):
        yield pipeline(doc)


def analyse_inputs(
    inputs: Iterable[str | Path],
    options: IngestOptions | None = None,
    *,
    morphology: bool = True,
    stdin: IO[bytes] | None = None,
) -> AnalysisRun:
    run = AnalysisRun()
    run.documents.extend(
        iter_analysed(inputs, options, run.report, morphology=morphology, stdin=stdin)
    )
    return run
