"""Cleaning: debris removed and counted, text kept, every clean character mapped to raw."""

from __future__ import annotations

import pytest

from hadath.model import Document
from hadath.text.clean import clean_document

SENTENCE = "وصل الوفد إلى القاهرة أمس."


def clean(raw: str) -> Document:
    return clean_document(Document(raw_text=raw))


@pytest.mark.parametrize(
    "tail",
    [
        ".png)",
        ".jpg)",
        "photo.webp)",
        "/uploads/2024/05/a.jpeg)",
        "?w=800&h=600)",
        "](http://x.y/z)",
    ],
)
def test_link_tail_lines_of_any_kind_are_removed(tail: str) -> None:
    doc = clean(f"{tail}\n{SENTENCE}")
    assert doc.clean_text == SENTENCE
    assert doc.stats.get("removed_debris") == 1


def test_markdown_image_and_link() -> None:
    doc = clean(f"![صورة](https://a.com/x.png) {SENTENCE} [المصدر](https://a.com/b)")
    assert doc.clean_text == f"{SENTENCE} المصدر"  # link text kept, its target dropped
    assert doc.stats.get("removed_images") == 1 and doc.stats.get("removed_links") == 1
    assert doc.stats.get("removed_debris") == 2


def test_bare_urls_keep_the_full_stop_after_them() -> None:
    doc = clean("نشر البيان على https://example.com/path?a=1. وقال www.site.org إن")
    assert doc.clean_text == "نشر البيان على . وقال إن"
    assert doc.stats.get("removed_urls") == 2


def test_html_tags_removed_entities_decoded_and_mapped() -> None:
    raw = "<p>قال &quot;محمد&quot; &amp; &#1593;لي</p>"
    doc = clean(raw)
    assert doc.clean_text == 'قال "محمد" & علي'
    assert doc.stats.get("removed_html") == 2 and doc.stats.get("decoded_entities") == 4
    start = doc.clean_text.index("&")
    raw_start, raw_end = doc.raw_span(start, start + 1)
    assert raw[raw_start:raw_end] == "&amp;"
    start = doc.clean_text.index("علي")
    raw_start, raw_end = doc.raw_span(start, start + 3)
    assert raw[raw_start:raw_end] == "&#1593;لي"


def test_boilerplate_lines_are_removed_but_news_is_kept() -> None:
    raw = (
        f"{SENTENCE}\nاقرأ أيضاً: عنوان خبر آخر عن الموضوع نفسه\nتابعونا على تويتر\n"
        "شارك الآلاف في المظاهرة.\nشارك على فيسبوك | واتساب"
    )
    doc = clean(raw)
    assert doc.clean_text == f"{SENTENCE}\nشارك الآلاف في المظاهرة."
    assert doc.stats.get("removed_boilerplate") == 3


def test_whitespace_collapsed_and_paragraph_breaks_kept() -> None:
    doc = clean(f"  وصل   الوفد\t\tإلى\u00a0القاهرة  \r\n\n\n{SENTENCE}  ")
    assert doc.clean_text == f"وصل الوفد إلى القاهرة\n{SENTENCE}"
    assert len(doc.paragraphs) == 2
    # Every odd run counts, also the ones trimmed at the ends of a line.
    assert doc.stats.get("collapsed_whitespace") == 6


def test_removing_a_url_between_spaces_leaves_one_space() -> None:
    assert clean("قبل http://x.com/a بعد").clean_text == "قبل بعد"


def test_non_arabic_paragraph_dropped_and_counted() -> None:
    doc = clean(f"{SENTENCE}\nThe delegation arrived in Cairo yesterday for talks on a truce.")
    assert doc.clean_text == SENTENCE and doc.stats.get("dropped_paragraphs") == 1


def test_persian_paragraph_dropped_short_arabic_kept() -> None:
    persian = "هیئت ایرانی دیروز برای گفتگو درباره آتش بس به قاهره رسید و با مقامات دیدار کرد."
    doc = clean(f"القاهرة - رويترز\n{persian}\n{SENTENCE}")
    assert doc.clean_text == f"القاهرة - رويترز\n{SENTENCE}"
    assert doc.stats.get("dropped_paragraphs") == 1


def test_arabic_with_latin_names_is_kept() -> None:
    text = "وقال Antony Blinken وزير الخارجية الأمريكي إن المحادثات مع الجانب المصري كانت مثمرة."
    assert clean(text).clean_text == text


@pytest.mark.shared
def test_seed_loses_only_its_link_tail(seed_text: str) -> None:
    doc = clean(seed_text)
    assert ".png)" not in doc.clean_text
    assert doc.stats.get("removed_debris") == 1 and doc.stats.get("dropped_paragraphs") == 0
    assert len(doc.paragraphs) == 8


def test_every_copied_character_maps_back() -> None:
    raw = f"<b>{SENTENCE}</b>  \u200fو http://t.co/x  نص &nbsp;آخر"
    doc = clean(raw)
    for index, char in enumerate(doc.clean_text):
        raw_start, raw_end = doc.raw_span(index, index + 1)
        assert char in raw[raw_start:raw_end] or char in " \n"
