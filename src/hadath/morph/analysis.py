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
class Reading:
    """Another reading the analyser offers for a word: its stem, lemma and POS.

    Out of context the ranking keeps one reading; "هاجمتهم" and "وقتلتهم" come out as nouns
    (هاجمة، قتلة) although a verb reading (هاجم، قتل + هم) is there. Triggers and the event
    decision look at every reading.
    """

    stem: str
    lemma: str
    pos: str


#: At most this many other readings are kept per word (distinct stem/lemma/POS).
MAX_READINGS = 6


@dataclass(frozen=True, slots=True)
class WordAnalysis:
    """One written word split into proclitics, stem and pronoun enclitic, with lemma and POS.

    `stem` is undiacritised and in its dictionary spelling (قضيته → stem قضية), so that it
    can be looked up in gazetteers and dictionaries by its matching key. `readings` are the
    other readings, best first, each different from the chosen one.
    """

    proclitics: tuple[str, ...]
    stem: str
    enclitic: str | None
    lemma: str
    pos: str
    proper_noun: bool
    readings: tuple[Reading, ...] = ()

    @property
    def segments(self) -> list[str]:
        return [*self.proclitics, self.stem, *([self.enclitic] if self.enclitic else [])]

    def to_row(self) -> tuple[str, str, str, str, str, int, str]:
        """A flat row for the disk cache."""
        readings = ";".join(f"{r.stem}|{r.lemma}|{r.pos}" for r in self.readings)
        return (
            "+".join(self.proclitics),
            self.stem,
            self.enclitic or "",
            self.lemma,
            self.pos,
            int(self.proper_noun),
            readings,
        )

    @classmethod
    def from_row(cls, row: tuple[str, str, str, str, str, int, str]) -> WordAnalysis:
        proclitics, stem, enclitic, lemma, pos, proper_noun, readings = row
        return cls(
            proclitics=tuple(proclitics.split("+")) if proclitics else (),
            stem=stem,
            enclitic=enclitic or None,
            lemma=lemma,
            pos=pos,
            proper_noun=bool(proper_noun),
            readings=tuple(Reading(*item.split("|")) for item in readings.split(";") if item),
        )


def unanalysed(word: str, pos: str = "X") -> WordAnalysis:
    """The word as its own stem and lemma: for numbers, Latin words and unknown words."""
    return WordAnalysis((), word, None, word, pos, False)
