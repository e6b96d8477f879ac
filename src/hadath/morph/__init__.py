"""Arabic morphology: clitic segmentation, stem, lemma and POS per written word.

`default_analyser()` analyses each word type once (farahidi's lexicon, ranked by its corpus
statistics) and caches the result in memory and in a SQLite file; `MorphologyStage` fills the
tokens of a `Document`. Figures and the choice of backend: docs/morphology.md.
"""

from hadath.morph.analyser import Analyser, default_analyser
from hadath.morph.analysis import WordAnalysis
from hadath.morph.stage import MorphologyStage

__all__ = ["Analyser", "MorphologyStage", "WordAnalysis", "default_analyser"]
