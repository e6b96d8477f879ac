"""What the recogniser decides beyond one word and what it learnt without labels: look-alike
phrases, names carried through a document, the word table and its features."""

from __future__ import annotations

import io

import pytest

from hadath.ner import Recogniser, default_recogniser
from hadath.ner.cues import PhraseSet, default_cues
from hadath.ner.document import (
    carry_names,
    clear_positions,
    lookalike_positions,
    sentence_stems,
)
from hadath.ner.features import context_only, sentence_features
from hadath.ner.stems import word_stem
from hadath.ner.words import (
    EMPTY_TABLE,
    WordKnowledge,
    WordTable,
    WordTableError,
    default_word_table,
    read_word_table,
    write_word_table,
)


@pytest.fixture(scope="module")
def recogniser() -> Recogniser:
    return default_recogniser()


def test_a_lookalike_phrase_is_matched_through_its_clitics() -> None:
    phrases = PhraseSet.of([(word_stem("حسن"), word_stem("الجوار")), (word_stem("لصالح"),)])
    # بحسن: the ب comes off only as a loose stem; الجوار by its stem.
    assert lookalike_positions(sentence_stems(["ودعا", "إلى", "بحسن", "الجوار"]), phrases) == {2, 3}
    # "لصالح" is listed with its ل: صالح alone is a name and stays one.
    words = ["قال", "علي", "صالح", "لصالح", "الشعب"]
    assert lookalike_positions(sentence_stems(words), phrases) == {3}


def test_the_packaged_lookalikes_keep_set_phrases_out_of_names(recogniser: Recogniser) -> None:
    tokens = ["وأكد", "الوزير", "أهمية", "حسن", "الجوار", "بين", "البلدين", "."]
    tags = recogniser.tag(tokens)
    assert tags[3:5] == ["O", "O"], tags
    assert lookalike_positions(sentence_stems(tokens), default_cues().lookalikes) == {3, 4}


def test_clearing_a_position_restarts_the_entity_after_it() -> None:
    assert clear_positions(["B-PERS", "I-PERS", "I-PERS"], frozenset({0})) == [
        "O",
        "B-PERS",
        "I-PERS",
    ]


def test_a_name_found_once_is_carried_to_its_untagged_mentions() -> None:
    sentences = [
        ["قال", "كافو", "إن", "الفريق", "جاهز"],
        ["وأضاف", "كافو", "أنه", "سعيد"],
        ["ويلعب", "كافو", "مع", "كافو"],
        ["وكان", "الكافو", "هنا"],  # the same stem behind the article
    ]
    tags = [["O", "B-PERS", "O", "O", "O"], ["O", "O", "O", "O"], ["O", "B-PERS", "O", "B-LOC"]]
    tags.append(["O", "O", "O"])
    carried = carry_names([sentence_stems(s) for s in sentences], tags)
    assert carried[1] == ["O", "B-PERS", "O", "O"]  # its most frequent type
    assert carried[2] == tags[2]  # tagged words keep their tags
    assert carried[3][1] == "B-PERS"
    assert tags[1] == ["O", "O", "O", "O"]  # the input is not changed


def test_carried_names_keep_blocked_and_tagged_words() -> None:
    sentences = [["محمود", "عباس"], ["عباس", "زكي"], ["التقى", "عباس"]]
    tags = [["B-PERS", "I-PERS"], ["B-PERS", "I-PERS"], ["O", "O"]]
    blocked = [frozenset(), frozenset(), frozenset({1})]
    carried = carry_names([sentence_stems(s) for s in sentences], tags, blocked)
    assert carried[1] == ["B-PERS", "I-PERS"]  # already a (longer) name: left alone
    assert carried[2] == ["O", "O"]  # blocked: a look-alike position


def test_names_of_fewer_than_three_letters_are_not_carried() -> None:
    carried = carry_names([["بن"], ["بن"]], [["B-PERS"], ["O"]])  # already stems
    assert carried[1] == ["O"]


def test_the_word_table_round_trips_and_refuses_a_foreign_file() -> None:
    rows = {
        "حارثي": WordKnowledge(("3", "41", "907"), ("PERS:hi",), ("family:hi",)),
        "قاهره": WordKnowledge(("7", "12", "5"), ("LOC:hi", "ORG:lo"), ()),
        "تومسون": WordKnowledge((), ("unk",), ()),
        "a,b": WordKnowledge((), ("none",), ()),  # cannot be written: skipped
    }
    out = io.StringIO()
    assert write_word_table(rows.items(), out) == 3
    table = read_word_table(io.StringIO(out.getvalue()))
    assert dict(table.items()) == {k: v for k, v in rows.items() if k != "a,b"}
    assert table.get("لقاهره", "قاهره") == rows["قاهره"]  # by the loose stem
    assert table.get("مجهول", "مجهول") is None
    with pytest.raises(WordTableError, match="header"):
        read_word_table(io.StringIO("stem\tclusters\n"))
    with pytest.raises(WordTableError, match="4 tab-separated"):
        read_word_table(io.StringIO(out.getvalue().splitlines()[0] + "\nقاهره\t1\n"))


def test_the_packaged_table_knows_news_names_anercorp_never_showed() -> None:
    table = default_word_table()
    assert len(table) > 20_000
    # حارثي (a Saudi family name) has no vector neighbours in ANERcorp; in the news it
    # clusters with names and the context-only tagger calls it a person.
    known = table.get(word_stem("الحارثي"), word_stem("الحارثي"))
    assert known is not None and known.clusters
    assert any(tag.startswith("PERS:") for tag in known.news)


def test_table_features_are_there_only_with_a_table() -> None:
    tokens = ["قال", "الحارثي", "زوكرفيلدوفيتش", "."]
    rows = sentence_features(tokens)
    assert any(f.startswith("c0=") for f in rows[1])
    assert any(f.startswith("nt=PERS") for f in rows[1])
    assert "c=none" in rows[2] and "nt=unk" in rows[2]  # a word the table lacks
    assert any(f.startswith("-1:c0=") for f in rows[2])  # its neighbour's cluster
    bare = sentence_features(tokens, table=EMPTY_TABLE)
    assert not any(f.startswith(("c0=", "c=", "nt=", "nm=")) for row in bare for f in row)


def test_context_only_rows_do_not_name_the_word() -> None:
    rows = context_only(sentence_features(["قال", "الحارثي", "إن"]))
    assert not any(f.startswith(("w=", "s=", "p1=", "x3=", "0|1:s=")) for f in rows[1])
    assert "-1:w=قال" in rows[1]  # its neighbours' words stay: they are its context


def test_an_empty_table_makes_an_empty_recogniser_input(recogniser: Recogniser) -> None:
    assert len(WordTable({})) == 0
    assert recogniser.tag_document([]) == []
    assert recogniser.tag_document([[], ["قال"]]) == [[], ["O"]]
