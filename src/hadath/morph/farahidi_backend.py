"""farahidi (AlKhalil Morpho Sys 2 lexicon, GPL-3.0-or-later) as hadath's analyser backend.

farahidi lists every morphological reading of a word; its own out-of-context `score` ranks
verb readings first (كما → verb كَمَّ, فيه → verb فاه), so hadath ranks the readings itself
with the corpus statistics farahidi ships (see `ranking.py`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from hadath.morph.analysis import ENCLITICS, WordAnalysis
from hadath.text.normalise import strip_diacritics

_ARTICLE_LABELS = ("ال:التعريف", "التعريف")
# Emphatic la-, interrogative a- and the oath wa- are grammatical but rare in news prose;
# readings built on them are the usual source of false splits (لحركة as la-ḥaraka).
_RARE_LABELS = frozenset({"لام التوكيد", "حرف الابتداء", "همزة الاستفهام"})
_NOUN_ADJECTIVE_TYPES = frozenset({"صفة مشبهة", "اسم تفضيل", "نسبة"})
_PARTICLE_POS = {"جر": "ADP", "جار ومجرور": "ADP", "عطف": "CONJ"}
_NOUN_POS = {
    "اسم علم": "PROPN",
    "ضمير": "PRON",
    "موصول": "PRON",
    "إشارة": "DET",
    "ظرف": "ADV",
    "استفهام": "PRON",
    "شرط": "PRON",
}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One farahidi reading turned into a `WordAnalysis`, with what the ranking needs."""

    analysis: WordAnalysis
    vocalised_lemma: str
    vocalised_stem: str
    backend_score: float
    rare_clitic: bool


def _split_proclitic(form: str, description: str | None) -> tuple[list[str], bool]:
    """`وَبِال` + `حرف العطف+حرف الجر+ال:التعريف` → (["و", "ب", "ال"], rare?)."""
    bare = strip_diacritics(form)
    labels = description.split("+") if description else [""] * len(bare)
    pieces: list[str] = []
    rare = False
    position = 0
    for label in labels:
        if position >= len(bare):
            break
        if label in _ARTICLE_LABELS:
            # after ل the article's alef is not written: لل = ل + ال
            width = 2 if bare.startswith("ال", position) else 1
            pieces.append("ال")
            position += width
            continue
        letter = bare[position]
        position += 1
        if label == "همزة الاستفهام":
            rare = True
            continue
        rare = rare or label in _RARE_LABELS or (letter == "و" and label == "حرف الجر")
        pieces.append(letter)
    return pieces, rare


def _enclitic(forms: Iterable[str]) -> str | None:
    """The pronoun of the enclitic: the last pronoun of a compound one (كَهَا → ها)."""
    bare = "".join(strip_diacritics(form) for form in forms)
    if not bare:
        return None
    for start in range(len(bare)):
        if bare[start:] in ENCLITICS:
            return bare[start:]
    return bare


def universal_pos(pos: str, subtype: str | None) -> str:
    if pos == "فعل":
        return "VERB"
    if pos == "حرف":
        return _PARTICLE_POS.get(subtype or "", "PART")
    if subtype in _NOUN_ADJECTIVE_TYPES:
        return "ADJ"
    if subtype and subtype in _NOUN_POS:
        return _NOUN_POS[subtype]
    return "NOUN"


def candidate_from(reading: Any) -> Candidate:
    """Convert one `farahidi.Analysis`."""
    proclitics: list[str] = []
    rare = False
    for affix in reading.proclitics:
        pieces, affix_rare = _split_proclitic(affix.form, affix.description)
        proclitics.extend(pieces)
        rare = rare or affix_rare
    pos = universal_pos(reading.pos, reading.type)
    stem = strip_diacritics(reading.stem)
    enclitic = _enclitic(affix.form for affix in reading.enclitics)
    if reading.type == "جار ومجرور" and enclitic is None and stem[1:] in ENCLITICS:
        # the lexicon lists له, بها, لي as fused tool words; split them like منها (من + ها)
        stem, enclitic = stem[0], stem[1:]
    analysis = WordAnalysis(
        proclitics=tuple(proclitics),
        stem=stem,
        enclitic=enclitic,
        lemma=strip_diacritics(reading.lemma),
        pos=pos,
        proper_noun=pos == "PROPN",
    )
    return Candidate(analysis, reading.lemma, reading.stem, float(reading.score), rare)
