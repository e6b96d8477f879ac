"""Reading and writing token-per-line files: the ANERcorp and AQMAR training/evaluation
corpora, and the one-column CoNLL files `hadath ner` tags.

The corpora are read from a path the user gives (they are never copied into the package).
Their flaws are repaired where the intent is plain and counted where it is not, so a bad
line never stops a run and never disappears silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

#: Entity types in the ANERcorp tag set (the tags `Recogniser.tag` produces).
ENTITY_TYPES = ("PERS", "LOC", "ORG", "MISC")
SENTENCE_END_TOKENS = frozenset({".", "!", "?", "؟"})
RIGHT_TO_LEFT_MARK = "\u200f"

# Typos seen in ANERcorp train (B-ORF, B-OEG, B-ERS, B-PERs, IPERS, lower-case tags);
# each one is unambiguous once case and the missing hyphen are fixed.
_TYPE_REPAIRS = {
    "PERS": "PERS",
    "PER": "PERS",
    "ERS": "PERS",
    "LOC": "LOC",
    "ORG": "ORG",
    "ORF": "ORG",
    "OEG": "ORG",
    "MISC": "MISC",
    "MIS": "MISC",
}
_TAG_SHAPE = re.compile(r"^([BI])-?-?([A-Z]+?)(?:-?\d)?`?$")
# A tag glued to the next token, as in ". Oالإصابة O": the tag, then a word.
_GLUED_TAG = re.compile(r"^(O|[BI]-[A-Za-z]+)(\S+)$")


@dataclass(frozen=True, slots=True)
class TaggedSentence:
    tokens: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(slots=True)
class ReadReport:
    """What reading a corpus repaired or skipped, counted by kind."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1


def repair_tag(raw: str, *, type_map: dict[str, str] | None = None) -> str | None:
    """The tag `raw` was meant to be (`O`, `B-PERS` …), or None when that cannot be told.

    `type_map` maps a corpus's own type names (AQMAR's MIS1, PER) to ours; unknown types
    become MISC only if the map says so (key "*").
    """
    tag = raw.strip().upper()
    if tag in {"O", "OO"}:
        return "O"
    if tag == "IO":  # AQMAR: an outside token written with a stray I
        return "O"
    match = _TAG_SHAPE.match(tag)
    if not match:
        return None
    prefix, kind = match.groups()
    mapping = type_map if type_map is not None else _TYPE_REPAIRS
    entity_type = mapping.get(kind, mapping.get("*"))
    if entity_type is None:
        return None
    return f"{prefix}-{entity_type}"


def _looks_like_tag(text: str) -> bool:
    return repair_tag(text) is not None and len(text) <= 8


def parse_corpus_line(line: str, report: ReadReport) -> list[tuple[str, str]]:
    """Token/tag pairs on one `token TAG` line: usually one, two when a tag is glued on."""
    fields = line.replace(RIGHT_TO_LEFT_MARK, " ").split()
    if not fields:
        return []
    if len(fields) == 1:
        word = fields[0]
        if len(word) > 1 and word.endswith("O"):  # ".O": the space went missing
            report.add("split glued tag")
            return [(word[:-1], "O")]
        # ANERcorp has lines whose token was only a U+200F mark: nothing is left to tag.
        report.add("skipped line without token" if _looks_like_tag(word) else "skipped line")
        return []
    if _looks_like_tag(fields[0]) and not _looks_like_tag(fields[-1]):
        report.add("swapped token and tag")
        fields = [fields[-1], fields[0]]
    if len(fields) == 3:
        glued = _GLUED_TAG.match(fields[1])
        if glued:
            report.add("split glued tag")
            return [(fields[0], glued.group(1)), (glued.group(2), fields[2])]
    return [(fields[0], fields[-1])]


def read_tagged_stream(
    lines: Iterable[str],
    *,
    type_map: dict[str, str] | None = None,
    split_at_punctuation: bool = True,
    report: ReadReport | None = None,
) -> list[TaggedSentence]:
    """Sentences from `token TAG` lines; blank lines end a sentence, and so (when
    `split_at_punctuation`) do the tokens . ! ? ؟ — ANERcorp has no sentence breaks."""
    report = report if report is not None else ReadReport()
    sentences: list[TaggedSentence] = []
    tokens: list[str] = []
    tags: list[str] = []

    def close() -> None:
        if tokens:
            sentences.append(TaggedSentence(tuple(tokens), tuple(tags)))
        tokens.clear()
        tags.clear()

    for line in lines:
        if not line.strip():
            close()
            continue
        for token, raw_tag in parse_corpus_line(line, report):
            tag = repair_tag(raw_tag, type_map=type_map)
            if tag is None:
                report.add("unknown tag read as O")
                tag = "O"
            elif tag != raw_tag:
                report.add("rewritten tag")
            tokens.append(token)
            tags.append(tag)
            if split_at_punctuation and token in SENTENCE_END_TOKENS:
                close()
    close()
    return sentences


def read_anercorp(path: Path, report: ReadReport | None = None) -> list[TaggedSentence]:
    with path.open(encoding="utf-8") as handle:
        return read_tagged_stream(handle, report=report)


#: AQMAR types to ours: its four MISC subtypes (MIS0-3) and stray language tags are MISC.
AQMAR_TYPE_MAP = {"PER": "PERS", "PERS": "PERS", "LOC": "LOC", "ORG": "ORG", "*": "MISC"}


def read_aqmar(path: Path, report: ReadReport | None = None) -> list[TaggedSentence]:
    with path.open(encoding="utf-8") as handle:
        return read_tagged_stream(
            handle, type_map=AQMAR_TYPE_MAP, split_at_punctuation=False, report=report
        )


#: Wojood types to ours: persons, organisations, and both kinds of place (a GPE is a
#: country, city or region; LOC a natural place). The other 17 types are not scored.
WOJOOD_TYPE_MAP = {"PERS": "PERS", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
#: Wojood's paragraph mark, written as a token of its own.
WOJOOD_PARAGRAPH = "$#$"


def read_wojood(path: Path, report: ReadReport | None = None) -> list[TaggedSentence]:
    """Wojood's nested IOB (`token TAG TAG ...`, outermost first) as flat PERS/ORG/LOC tags:
    each entity of a kept type that no other kept entity contains."""
    report = report if report is not None else ReadReport()
    sentences: list[TaggedSentence] = []
    rows: list[tuple[str, list[str]]] = []
    with path.open(encoding="utf-8") as handle:
        for line in [*handle, ""]:
            fields = line.replace(RIGHT_TO_LEFT_MARK, " ").split()
            if fields and fields[0] == WOJOOD_PARAGRAPH:
                report.add("skipped paragraph mark")
                continue
            if fields:
                rows.append((fields[0], fields[1:] or ["O"]))
                continue
            if rows:
                tokens = tuple(token for token, _ in rows)
                sentences.append(TaggedSentence(tokens, _flat_tags([t for _, t in rows], report)))
            rows = []
    return sentences


def _flat_tags(token_tags: Sequence[Sequence[str]], report: ReadReport) -> tuple[str, ...]:
    spans = _nested_spans(token_tags, report)
    kept = [(s, e, WOJOOD_TYPE_MAP[k]) for s, e, k in spans if k in WOJOOD_TYPE_MAP]
    outer = [
        span
        for span in kept
        if not any(o != span and o[0] <= span[0] and span[1] <= o[1] for o in kept)
    ]
    tags = ["O"] * len(token_tags)
    for start, end, kind in sorted(outer):
        if any(tag != "O" for tag in tags[start:end]):
            report.add("overlapping entities, later one dropped")
            continue
        tags[start] = f"B-{kind}"
        tags[start + 1 : end] = [f"I-{kind}"] * (end - start - 1)
    return tuple(tags)


def _nested_spans(
    token_tags: Sequence[Sequence[str]], report: ReadReport
) -> list[tuple[int, int, str]]:
    """`(start, end, type)` of every entity at every depth: the n-th tag of a token belongs
    to the n-th entity open over it, an I- continuing it and a B- starting a new one."""
    spans: list[tuple[int, int, str]] = []
    open_spans: list[list[int | str]] = []  # [start, type] per depth
    for index, tags in enumerate(token_tags):
        kept: list[list[int | str]] = []
        continuing = True  # an entity continues only inside the entities that continue
        for depth, raw in enumerate(t for t in tags if t.upper() != "O"):
            prefix, _, kind = raw.upper().partition("-")
            if prefix not in {"B", "I"} or not kind:
                report.add("unknown tag read as O")
                break
            continuing = continuing and prefix == "I" and depth < len(open_spans)
            continuing = continuing and open_spans[depth][1] == kind
            kept.append(open_spans[depth] if continuing else [index, kind])
        for closed in open_spans[len(_shared_prefix(open_spans, kept)) :]:
            spans.append((int(closed[0]), index, str(closed[1])))
        open_spans = kept
    spans += [(int(s), len(token_tags), str(k)) for s, k in open_spans]
    return spans


def _shared_prefix(
    before: Sequence[list[int | str]], after: Sequence[list[int | str]]
) -> list[list[int | str]]:
    shared = []
    for old, new in zip(before, after, strict=False):
        if old is not new:
            break
        shared.append(old)
    return shared


@dataclass(frozen=True, slots=True)
class ConllBlock:
    """The input of `hadath ner`: sentences of tokens, and where the blank lines were."""

    sentences: tuple[tuple[str, ...], ...]
    layout: tuple[int | None, ...]  # per input line: sentence index, or None for a blank line


def read_token_column(stream: TextIO) -> ConllBlock:
    """One token per line (first whitespace-separated column); a blank line ends a sentence."""
    sentences: list[tuple[str, ...]] = []
    layout: list[int | None] = []
    current: list[str] = []
    for line in stream:
        fields = line.replace(RIGHT_TO_LEFT_MARK, " ").split()
        if not fields:
            if current:
                sentences.append(tuple(current))
                current = []
            layout.append(None)
            continue
        current.append(fields[0])
        layout.append(len(sentences))
    if current:
        sentences.append(tuple(current))
    return ConllBlock(tuple(sentences), tuple(layout))


def write_tagged_column(block: ConllBlock, tags: Sequence[Sequence[str]], out: TextIO) -> int:
    """Write `token<TAB>tag` lines aligned one to one with the input lines of `block`;
    returns the number of tokens written."""
    positions = [0] * len(block.sentences)
    for sentence_index in block.layout:
        if sentence_index is None:
            out.write("\n")
            continue
        position = positions[sentence_index]
        positions[sentence_index] += 1
        token = block.sentences[sentence_index][position]
        out.write(f"{token}\t{tags[sentence_index][position]}\n")
    return sum(positions)


def tag_token_column(source: TextIO, out: TextIO, tag: Callable[[Sequence[str]], list[str]]) -> int:
    """Read one-token-per-line input, tag each sentence, write `token<TAB>tag` lines aligned
    with the input; returns the number of tokens tagged."""
    block = read_token_column(source)
    tags = [tag(sentence) for sentence in block.sentences]
    return write_tagged_column(block, tags, out)
