"""Clitic-segmentation accuracy against UD Arabic PADT (v1.2 CoNLL-U).

PADT v1.2 lists *syntactic* words, vocalised, with no multiword-token lines and no surface
forms: `وَ`, `لِ`, `سَ` and the pronoun suffixes (`هُ`, `هَا` ...) are separate rows. To score
an analyser on what a reader sees, each written word is rebuilt: one-letter proclitics are
joined to the next row, pronoun enclitics to the previous one, with the spelling changes
Arabic writing makes at the joints (ل + ال → لل, ة → ت and ى → ا before a suffix, the
hamza seat, من + ني → مني). The gold label of a written word is its tuple of one-letter
proclitics plus its pronoun enclitic; ال is not scored (UD keeps it inside the noun).

Nothing from the treebank is stored: the path is given at run time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from hadath.text.normalise import strip_diacritics

#: One-letter proclitics scored by the metric: conjunctions و ف, prepositions ب ل ك, future س.
SCORED_PROCLITICS = frozenset("وفبلكس")
#: Attached (non-nominative) personal pronouns.
ENCLITIC_FORMS = frozenset({"ه", "ها", "هم", "هما", "هن", "ك", "كم", "كما", "كن", "نا", "ني", "ي"})
_PROCLITIC_UPOS = frozenset({"CONJ", "CCONJ", "SCONJ", "ADP", "PART", "AUX"})
_KASRA, _DAMMA = "\u0650", "\u064f"


@dataclass(frozen=True, slots=True)
class GoldWord:
    """A written word rebuilt from PADT rows, with its gold clitics."""

    written: str  # undiacritised written form, as a reader sees it
    proclitics: tuple[str, ...]  # scored one-letter proclitics, outermost first
    enclitic: str | None
    untokenised: bool = False  # PADT gives no segmentation: left out of the score


@dataclass(frozen=True, slots=True)
class Row:
    form: str
    upos: str
    xpos: str
    feats: str

    @property
    def untokenised(self) -> bool:
        """PADT leaves some words unanalysed (XPOS `U---------`): their clitics are unknown."""
        return self.xpos.startswith("U")


@dataclass(slots=True)
class _Building:
    proclitics: list[str] = field(default_factory=list)
    host: str = ""  # vocalised host form
    enclitic: str | None = None
    untokenised: bool = False


def read_sentences(path: Path) -> Iterator[list[Row]]:
    """Rows of each sentence of a CoNLL-U file (comments and range lines skipped)."""
    rows: list[Row] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 10:
                if rows:
                    yield rows
                    rows = []
                continue
            if not fields[0].isdigit():
                continue  # a multiword range or empty node: the rows below it are the words
            rows.append(Row(fields[1], fields[3], fields[4], fields[5]))
    if rows:
        yield rows


def is_arabic_word(text: str) -> bool:
    return bool(text) and all("\u0621" <= ch <= "\u064a" for ch in text)


def _is_proclitic(row: Row) -> bool:
    bare = strip_diacritics(row.form)
    return bare in SCORED_PROCLITICS and row.upos in _PROCLITIC_UPOS


def _is_enclitic(row: Row) -> bool:
    bare = strip_diacritics(row.form)
    return (
        row.upos == "PRON"
        and bare in ENCLITIC_FORMS
        and "PronType=Prs" in row.feats
        and "Case=Nom" not in row.feats
    )


def join_host_and_enclitic(host: str, enclitic: str) -> str:
    """Written form of a vocalised host followed by a pronoun suffix, undiacritised."""
    bare = strip_diacritics(host)
    if bare.endswith("ة"):
        bare = bare[:-1] + "ت"
    elif bare.endswith("ى"):
        bare = bare[:-1] + "ا"
    elif bare.endswith("اء") and host:
        # the hamza takes the seat of its case vowel: أداءِ + ي → أدائي, إجراءُ + ها → إجراؤها
        vowel = host[-1]
        if vowel == _KASRA:
            bare = bare[:-1] + "ئ"
        elif vowel == _DAMMA:
            bare = bare[:-1] + "ؤ"
    elif bare.endswith("وا"):
        bare = bare[:-1]  # توصلوا + ه → توصلوه: the silent alef goes
    if bare in {"من", "عن"} and enclitic[0] == "ن":
        bare = bare[:-1]  # من + ني → مني, عن + نا → عنا
    return bare + enclitic


def join_proclitics(proclitics: list[str], host: str) -> str:
    word = host
    for proclitic in reversed(proclitics):
        if proclitic == "ل" and word.startswith("ال"):
            word = word[1:]  # ل + الحظر → للحظر: the alef of ال is not written
        word = proclitic + word
    return word


def _finish(building: _Building) -> GoldWord:
    host = building.host
    if building.enclitic is not None:
        written_host = join_host_and_enclitic(host, building.enclitic)
    else:
        written_host = strip_diacritics(host)
    written = join_proclitics(building.proclitics, written_host)
    return GoldWord(written, tuple(building.proclitics), building.enclitic, building.untokenised)


def written_words(rows: list[Row]) -> Iterator[GoldWord]:
    """Rebuild the written words of one sentence."""
    building: _Building | None = None
    pending: list[str] = []
    for index, row in enumerate(rows):
        bare = strip_diacritics(row.form)
        following = rows[index + 1] if index + 1 < len(rows) else None
        # a preposition followed directly by a pronoun is itself the host: ل + ه → له
        has_host = (
            following is not None
            and is_arabic_word(strip_diacritics(following.form))
            and not _is_enclitic(following)
        )
        if _is_proclitic(row) and has_host:
            if building is not None:
                yield _finish(building)
                building = None
            pending.append(bare)
            continue
        if _is_enclitic(row) and building is not None and building.enclitic is None and not pending:
            building.enclitic = bare
            continue
        if building is not None:
            yield _finish(building)
        building = _Building(proclitics=pending, host=row.form, untokenised=row.untokenised)
        pending = []
    if building is not None:
        yield _finish(building)


def gold_words(path: Path) -> Iterator[list[GoldWord]]:
    """Written words per sentence; only words written wholly in Arabic letters are kept.

    Words PADT left untokenised are kept (they are text an analyser sees) but flagged.
    """
    for rows in read_sentences(path):
        yield [word for word in written_words(rows) if is_arabic_word(word.written)]


@dataclass(frozen=True, slots=True)
class SegmentationScore:
    words: int
    correct: int
    unsegmented_correct: int  # the baseline that predicts no clitic at all
    confusions: dict[tuple[str, str], int]

    @property
    def accuracy(self) -> float:
        return self.correct / self.words if self.words else 0.0

    @property
    def baseline(self) -> float:
        return self.unsegmented_correct / self.words if self.words else 0.0


Predictor = Callable[[str], tuple[tuple[str, ...], str | None]]


def label(proclitics: Iterable[str], enclitic: str | None) -> str:
    return "+".join(proclitics) + "|" + (enclitic or "")


def score(words: Iterable[GoldWord], predict: Predictor) -> SegmentationScore:
    """Exact-match accuracy of (scored proclitics, enclitic) per written word."""
    return score_pairs((word, predict(word.written)) for word in words)


def score_pairs(
    pairs: Iterable[tuple[GoldWord, tuple[tuple[str, ...], str | None]]],
) -> SegmentationScore:
    """`score` for predictions made elsewhere (e.g. in context, a sentence at a time)."""
    total = correct = baseline = 0
    confusions: dict[tuple[str, str], int] = {}
    for word, (proclitics, enclitic) in pairs:
        if word.untokenised:
            continue
        total += 1
        scored = tuple(p for p in proclitics if p in SCORED_PROCLITICS)
        if not word.proclitics and word.enclitic is None:
            baseline += 1
        if scored == word.proclitics and enclitic == word.enclitic:
            correct += 1
        else:
            key = (label(word.proclitics, word.enclitic), label(scored, enclitic))
            confusions[key] = confusions.get(key, 0) + 1
    return SegmentationScore(total, correct, baseline, confusions)
