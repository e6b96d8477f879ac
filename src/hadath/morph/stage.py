"""The pipeline stage that fills each token's segments, stem, lemma and POS."""

from __future__ import annotations

from hadath.model import Document, Token
from hadath.morph.analyser import Analyser, default_analyser, trivial_analysis
from hadath.morph.analysis import WordAnalysis
from hadath.text.normalise import normalise


class MorphologyStage:
    """Fills `Token.segments/proclitics/stem/enclitic/lemma/pos/proper_noun`.

    Only tokens of kind "word" go to the analyser; numbers and Latin words get trivial
    analyses. The analyser is fetched lazily, so building a pipeline loads nothing.
    """

    name = "morphology"
    requires = frozenset({"tokens"})
    assigns = frozenset({"morphology"})

    def __init__(self, analyser: Analyser | None = None) -> None:
        self._analyser = analyser

    @property
    def analyser(self) -> Analyser:
        if self._analyser is None:
            self._analyser = default_analyser()
        return self._analyser

    def __call__(self, doc: Document) -> Document:
        words: list[tuple[Token, str]] = []
        for sentence in doc.sentences:
            for token in sentence.tokens:
                if token.kind == "word":
                    words.append((token, token.norm or normalise(token.text)))
                else:
                    _fill(token, trivial_analysis(token.norm or token.text))
        analyses = self.analyser.analyse_many({text for _, text in words})
        # One readings tuple per word type, shared by its tokens (a tuple of strings cannot
        # change): a 5 M-character chunk has ~1 M word tokens of ~60 k types.
        readings = {text: _readings(analysis) for text, analysis in analyses.items()}
        for token, text in words:
            _fill(token, analyses[text], readings[text])
        return doc


def _readings(analysis: WordAnalysis) -> tuple[tuple[str, str, str], ...]:
    return tuple((r.stem, r.lemma, r.pos) for r in analysis.readings)


def _fill(
    token: Token, analysis: WordAnalysis, readings: tuple[tuple[str, str, str], ...] | None = None
) -> None:
    token.proclitics = list(analysis.proclitics)
    token.stem = analysis.stem
    token.enclitic = analysis.enclitic
    token.segments = analysis.segments
    token.lemma = analysis.lemma
    token.pos = analysis.pos
    token.proper_noun = analysis.proper_noun
    token.readings = _readings(analysis) if readings is None else readings
