"""The result of analysing one written word, and the analyses that need no analyser."""

from __future__ import annotations

from dataclasses import dataclass

#: The small tagset every backend maps into.
POS_TAGS = frozenset(
    {"NOUN", "PROPN", "VERB", "ADJ", "ADP", "CONJ", "PRON", "DET", "ADV", "PART", "NUM", "X"}
)
#: One-letter proclitics (conjunctions و ف, prepositions ب ل ك, future س) and the article.
PROCLITICS = frozenset({"و", "ف", "ب", "ل", "ك", "س", "ال"})
#: Attached personal pronouns.
ENCLITICS = frozenset({"ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "نا", "ني", "ي"})


@dataclass(frozen=True, slots=True)
class WordAnalysis:
    """One written word split into proclitics, stem and pronoun enclitic, with lemma and POS.

    `stem` is undiacritised and in its dictionary spelling (قضيته → stem قضية), so that it
    can be looked up in gazetteers and dictionaries by its matching key.
    """

    proclitics: tuple[str, ...]
    stem: str
    enclitic: str | None
    lemma: str
    pos: str
    proper_noun: bool

    @property
    def segments(self) -> list[str]:
        return [*self.proclitics, self.stem, *([self.enclitic] if self.enclitic else [])]

    def to_row(self) -> tuple[str, str, str, str, str, int]:
        """A flat row for the disk cache."""
        return (
            "+".join(self.proclitics),
            self.stem,
            self.enclitic or "",
            self.lemma,
            self.pos,
            int(self.proper_noun),
        )

    @classmethod
    def from_row(cls, row: tuple[str, str, str, str, str, int]) -> WordAnalysis:
        proclitics, stem, enclitic, lemma, pos, proper_noun = row
        return cls(
            proclitics=tuple(proclitics.split("+")) if proclitics else (),
            stem=stem,
            enclitic=enclitic or None,
            lemma=lemma,
            pos=pos,
            proper_noun=bool(proper_noun),
        )


def unanalysed(word: str, pos: str = "X") -> WordAnalysis:
    """The word as its own stem and lemma: for numbers, Latin words and unknown words."""
    return WordAnalysis((), word, None, word, pos, False)
