"""Choosing one reading per word type, out of context, from the corpus statistics farahidi ships.

farahidi's language model carries, for ~121k written word types of its MSA training corpus,
how often each lemma was the right reading (its HMM emission table), plus corpus counts of
stems. Ranking by them, measured on UD Arabic PADT dev (docs/morphology.md):

* farahidi's own first reading:                         0.940 clitic accuracy
* lemma most often seen for this written word:          0.986
* ... then fewer clitics, then the more frequent stem:  0.990

"Fewer clitics" as the tie-break encodes that a whole word which is itself a valid reading
(وفد, بيان) is likelier than a split one (و + فد, ب + يان) when the corpus cannot tell.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from hadath.morph.farahidi_backend import Candidate

RankKey = tuple[float, int, int, int, int, float, float]
#: Closed-class readings win a tie on the lemma: على the preposition, not the verb عَلَى.
_CLOSED_CLASS = frozenset({"ADP", "CONJ", "PART", "PRON", "DET", "ADV"})


class ReadingRanker:
    """Ranks the readings of one word; built from farahidi's language-model tables."""

    def __init__(
        self,
        lemma_given_word: Mapping[str, Mapping[str, float]],
        stem_counts: Mapping[str, int],
    ) -> None:
        self._lemma_given_word = lemma_given_word
        self._stem_counts = stem_counts

    @classmethod
    def from_farahidi(cls) -> ReadingRanker:
        from farahidi.lm import LanguageModel

        model = LanguageModel()
        lemma_given_word: dict[str, dict[str, float]] = {}
        for key, probability in model.emission.items():
            word, _, lemma = key.partition(":")
            lemma_given_word.setdefault(word, {})[lemma] = probability
        return cls(lemma_given_word, model.map_stem)

    def rank_key(self, word: str, candidate: Candidate) -> RankKey:
        lemmas = self._lemma_given_word.get(word, {})
        analysis = candidate.analysis
        clitics = sum(1 for p in analysis.proclitics if p != "ال") + (analysis.enclitic is not None)
        return (
            lemmas.get(candidate.vocalised_lemma, 0.0),
            -int(candidate.rare_clitic),
            -clitics,
            # the lexicon lists many common nouns a second time as names (الوزير, الوحدة);
            # with the article the common noun is the likelier reading, without it (محمد,
            # شهاب, مصر) the name is kept
            -int(analysis.proper_noun and "ال" in analysis.proclitics),
            int(analysis.pos in _CLOSED_CLASS),
            math.log1p(self._stem_counts.get(candidate.vocalised_stem, 0)),
            candidate.backend_score,
        )

    def best(self, word: str, candidates: Sequence[Candidate]) -> Candidate | None:
        """The highest-ranked reading. Exact ties go to the reading whose written forms sort
        last: farahidi's own order of readings changes with the process's hash seed, so
        without this a cold cache kept whichever tied reading came first (مذماتهم read as
        مذمات in one run and مذماة in another)."""
        if not candidates:
            return None
        return max(
            candidates,
            key=lambda candidate: (
                self.rank_key(word, candidate),
                candidate.vocalised_lemma,
                candidate.vocalised_stem,
                candidate.analysis.to_row(),
            ),
        )

    def knows(self, word: str) -> bool:
        """Whether the corpus saw this written word (the ranking is sharper for these)."""
        return word in self._lemma_given_word
