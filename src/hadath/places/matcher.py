"""Find place names in a token sequence: longest match first, stop-list, context scoring."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hadath.model import Place, Token
from hadath.places.gazetteer import Gazetteer, RankedPlace, default_gazetteer
from hadath.places.mentions import Found, default_mention_rules, host, refine
from hadath.text.normalise import matching_key

ARTICLE = "ال"


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """A place name found in the text, resolved to its most likely place."""

    start: int  # offsets of the matched tokens (clitics included: "بالقاهرة")
    end: int
    text: str
    key: str  # the gazetteer key that matched, e.g. "قطاع غزه"
    place: Place
    score: float  # confidence in [0, 1]: prior of the place plus context
    context: str | None  # the word or clitic before the name that says "a place", if any
    alternatives: int  # how many other places the same name may denote


@dataclass(frozen=True, slots=True)
class _Context:
    word: str | None
    is_class_word: bool  # "مدينة", "محافظة" ...: unlocks stop-listed names


def find_places(
    tokens: Sequence[Token],
    text: str,
    gazetteer: Gazetteer | None = None,
    *,
    min_score: float = 0.0,
    refines: bool = True,
) -> list[PlaceMatch]:
    """Place names among `tokens` (offsets into `text`), longest name first, left to right;
    with `refines`, also the parts of places and the unlisted places their words make
    (`hadath.places.mentions`)."""
    gazetteer = gazetteer or default_gazetteer()
    first_words = gazetteer.first_words
    found: list[Found] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.kind != "word" or not _may_start_name(token, first_words):
            index += 1
            continue
        match, length = _match_at(tokens, index, text, gazetteer)
        if match is not None:
            # The match may start after a class word it left out of its span.
            first = next(i for i in range(index, index + length) if tokens[i].start == match.start)
            found.append(
                Found(
                    first,
                    index + length - 1,
                    match.place,
                    match.key,
                    match.score,
                    match.context,
                    match.alternatives,
                )
            )
        index += max(length, 1)
    if not found and not refines:
        return []
    if refines:
        found = refine(tokens, found, default_mention_rules(), gazetteer.stoplist)
    matches = [_as_match(tokens, text, f) for f in found]
    return [m for m in matches if m.score >= min_score]


def _as_match(tokens: Sequence[Token], text: str, found: Found) -> PlaceMatch:
    start, end = tokens[found.first].start, tokens[found.last].end
    return PlaceMatch(
        start=start,
        end=end,
        text=text[start:end],
        key=found.key,
        place=found.place,
        score=found.score,
        context=found.context,
        alternatives=found.alternatives,
    )


def _match_at(
    tokens: Sequence[Token], index: int, text: str, gazetteer: Gazetteer
) -> tuple[PlaceMatch | None, int]:
    first = tokens[index]
    if first.kind != "word":
        return None, 1
    variants = [key for key in first_word_keys(first) if gazetteer.starts_name(key)]
    if not variants:
        return None, 1
    context = _context_before(tokens, index, text, gazetteer)
    longest = _adjacent_words(tokens, index, text, gazetteer.max_words)
    longest = max(_reach(variant, tokens, index, longest, gazetteer) for variant in variants)
    for length in range(longest, 0, -1):
        rest = " ".join(token.key for token in tokens[index + 1 : index + length])
        best: tuple[str, tuple[RankedPlace, ...]] | None = None
        for variant in variants:
            key = f"{variant} {rest}" if rest else variant
            if key not in gazetteer or (gazetteer.is_stopped(key) and not context.is_class_word):
                continue
            ranked = gazetteer.ranked(key)
            # "وجدة" is Oujda as written and "and Jeddah" without و: the likelier place wins.
            if ranked and (best is None or ranked[0].prior > best[1][0].prior):
                best = (key, ranked)
        if best is not None:
            span = tokens[index : index + length]
            if len(span) > 1 and _administrative(span[0]):
                # "منطقة عسير", "محافظة تعز": the class word says which place the name is
                # (the region, not the city), but the name as written is what follows it —
                # the codebook's place ("عسير", "تعز") and what a search for the name finds.
                context = _Context(span[0].text, is_class_word=True)
                span = span[1:]
            return _build_match(span, text, best, context, gazetteer), length
    return None, 1


#: Class words that only say what kind of division a name is ("منطقة عسير", "محافظة تعز");
#: a crossing, camp or airport word is part of the site's name ("معبر رفح البري").
ADMINISTRATIVE_FEATURES = frozenset(
    {"city", "town", "village", "area", "district", "neighbourhood", "region"}
)


def _administrative(token: Token) -> bool:
    return default_mention_rules().class_features.get(host(token)) in ADMINISTRATIVE_FEATURES


def _reach(
    variant: str, tokens: Sequence[Token], index: int, limit: int, gazetteer: Gazetteer
) -> int:
    """How many words from `index` (at most `limit`) still begin some name: no longer name
    can match, so the search need not build and try the longer keys."""
    key, length = variant, 1
    while length < limit:
        key = f"{key} {tokens[index + length].key}"
        if not gazetteer.begins_name(key):
            break
        length += 1
    return length


def first_word_keys(token: Token) -> list[str]:
    """Keys the first word of a name may match: as written, and without its proclitics.

    The morphology decides whether ال stays on the stem, so when the written word carried the
    article the stem is tried *with* it ("بالقاهرة" -> "القاهره"), never bare: "المالي"
    (financial) is not Mali. A word with a pronoun suffix is not a place name ("دوره" = its
    role).
    """
    keys = [token.key]
    stem = token.stem_key
    if stem and stem != token.key and not token.enclitic:
        if stem.startswith(ARTICLE) or not _had_article(token, stem):
            keys.append(stem)
        else:
            keys.append(ARTICLE + stem)
    return list(dict.fromkeys(keys))


def _may_start_name(token: Token, first_words: frozenset[str]) -> bool:
    """False when no key `first_word_keys` could give starts a name: the written key, the
    stem and the stem with ال all start none (most words), without building the keys."""
    if token.key in first_words:
        return True
    if not token.stem:
        return False
    stem = matching_key(token.stem)
    return stem in first_words or ARTICLE + stem in first_words


def _had_article(token: Token, stem: str) -> bool:
    if ARTICLE in token.proclitics:
        return True
    prefix = _prefix_of(token.key, stem)
    # ل + ال is written لل: "للقاهرة".
    return prefix.endswith(ARTICLE) or prefix.endswith("لل")


def _prefix_of(key: str, stem: str) -> str:
    position = key.rfind(stem)
    return key[:position] if position > 0 else ""


def _proclitic_letters(token: Token) -> str:
    if token.proclitics:
        return "".join(p for p in token.proclitics if p != ARTICLE)
    prefix = _prefix_of(token.key, token.stem_key)
    if prefix.endswith(ARTICLE):
        return prefix[: -len(ARTICLE)]
    return prefix[:-1] if prefix.endswith("لل") else prefix


def _adjacent_words(tokens: Sequence[Token], index: int, text: str, limit: int) -> int:
    """How many tokens from `index` are words separated only by spaces (a name never spans
    punctuation), at most `limit`."""
    length = 1
    while length < limit and index + length < len(tokens):
        previous, current = tokens[index + length - 1], tokens[index + length]
        if current.kind != "word" or text[previous.end : current.start].strip():
            break
        length += 1
    return length


def _context_before(
    tokens: Sequence[Token], index: int, text: str, gazetteer: Gazetteer
) -> _Context:
    rules = gazetteer.rules
    token = tokens[index]
    if index > 0:
        previous = tokens[index - 1]
        if previous.kind == "word" and not text[previous.end : token.start].strip():
            for key in (previous.key, previous.stem_key):
                if key in rules.class_words:
                    return _Context(previous.text, is_class_word=True)
                if key in rules.preposition_words:
                    return _Context(previous.text, is_class_word=False)
    clitics = _proclitic_letters(token)
    for clitic in rules.preposition_clitics:
        if clitic in clitics:
            return _Context(clitic, is_class_word=False)
    return _Context(None, is_class_word=False)


def _build_match(
    span: Sequence[Token],
    text: str,
    found: tuple[str, tuple[RankedPlace, ...]],
    context: _Context,
    gazetteer: Gazetteer,
) -> PlaceMatch:
    key, ranked = found
    rules = gazetteer.rules
    best = ranked[0]
    score = best.prior
    if context.word is not None:
        score += rules.context_bonus
    if any(token.proper_noun for token in span):
        score += rules.proper_noun_bonus
    if len(span) > 1:
        score += rules.multiword_bonus
    start, end = span[0].start, span[-1].end
    return PlaceMatch(
        start=start,
        end=end,
        text=text[start:end],
        key=key,
        place=best.place,
        score=round(min(score, 1.0), 3),
        context=context.word,
        alternatives=len(ranked) - 1,
    )
