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

        lemma_given_word: dict[str, dict[str, float]] = {}
        for key, probability in emission_table().items():
            word, _, lemma = key.partition(":")
            lemma_given_word.setdefault(word, {})[lemma] = probability
        return cls(lemma_given_word, LanguageModel().map_stem)

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


def emission_table() -> dict[str, float]:
    """farahidi's HMM emission table, `{"word:lemma": P(lemma | word)}`, read from its
    `.lm` file as `farahidi.lm.load_lm` reads it (the same arithmetic on the same slices,
    keys in the same order) but its "B" lines only: the ranking needs no start or transition
    table, and building those too took half of the 2.7 s CPU that every process (each
    ingest worker) paid before its first new word; tests/test_morph_fast.py compares it
    with `LanguageModel().emission`."""
    import gzip

    from farahidi import lm, translit

    emission: dict[str, float] = {}
    bw = translit.bw_to_arabic
    path = lm._data_dir() / (lm.LM_FILE + ".gz")
    with gzip.open(path.open("rb"), "rt", encoding=lm.LM_ENCODING, newline="") as stream:
        for raw in stream:
            if raw[:1] != "B":
                continue
            line = raw.rstrip("\r\n")
            size_t = int(line[2:4])
            size_f = int(line[4:5])
            word_freq = float(line[7 + size_t : 7 + size_t + size_f])
            word_ar = bw(line[6 : 6 + size_t])
            pos = 8 + size_t + size_f
            while pos < len(line):
                s2t = int(line[pos : pos + 2])
                s2f = int(line[pos + 2 : pos + 3])
                tag = line[pos + 4 : pos + 4 + s2t]
                tag_freq = float(line[pos + 4 + s2t : pos + 5 + s2t + s2f])
                emission[word_ar + ":" + bw(tag)] = tag_freq / word_freq
                pos += 6 + s2t + s2f
    return emission
