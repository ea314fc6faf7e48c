"""A book's title page: the publisher is its own field, never glued to the title."""

from __future__ import annotations

import pytest

from ingest.understand import understand
from sample_data.book import generated_book
from sample_data.render_book_scan import render_book
from sulieu.text import fold


@pytest.mark.parametrize("seed", range(6))
def test_generated_title_page_gives_type_title_publisher_place_year(seed: int) -> None:
    book = generated_book(seed)
    pages, _ = render_book(book, dpi=72)
    md = understand([p.info["ground_truth"] for p in pages]).metadata
    assert md.doc_type == "Sách"
    assert fold(md.title) == fold(book.title)  # "Lịch sử Đảng bộ huyện X (a - b)", nothing after the period
    assert md.publisher is not None and md.publisher.startswith("Nhà xuất bản ")
    assert fold(md.publisher) == fold(book.publisher)
    assert fold(md.place) == fold(book.place) and md.place != book.place.upper()
    assert md.date == str(book.year)
    assert fold(md.issuer) == fold(book.body)
    assert md.evidence["publisher"].page == 1


@pytest.mark.parametrize("speck", ["5", "-", "'."])
def test_a_speck_read_on_the_title_page_does_not_hide_the_book(speck: str) -> None:
    book = generated_book(0)
    pages, _ = render_book(book, dpi=72)
    texts = [p.info["ground_truth"] for p in pages]
    texts[0] = f"{speck}\n\n{texts[0]}"  # a speck of aged paper above the issuing body, read as a line
    md = understand(texts).metadata
    assert md.doc_type == "Sách" and fold(md.title) == fold(book.title) and fold(md.issuer) == fold(book.body)


def _misread_period(seed: int, read: str) -> tuple[object, object]:
    book = generated_book(seed)
    pages, _ = render_book(book, dpi=72)
    texts = [p.info["ground_truth"] for p in pages]
    a, b = book.period
    assert f"({a} - {b})" in texts[0]
    texts[0] = texts[0].replace(f"({a} - {b})", read.format(a=a, b=b))
    return book, understand(texts).metadata


def test_a_doubled_digit_in_the_title_period_is_mended_by_the_chapters_and_the_reading_kept() -> None:
    """"(19530 - 1975)" on two clean scans: the first chapter opens in 1930, one dropped digit away."""
    book, md = _misread_period(0, "({a}0 - {b})")
    a, b = book.period
    assert (md.period.start, md.period.end) == (a, b)
    assert fold(md.title) == fold(book.title)
    ev = md.evidence["period"]
    assert ev.read == f"({a}0 - {b})" and ev.rule == "title_page.period_by_chapters" and ev.confidence < 0.85


def test_a_five_digit_year_no_chapter_explains_is_left_unread() -> None:
    book, md = _misread_period(0, "(18880 - {b})")  # no digit dropped from 18880 gives the first chapter's year
    assert md.period is None and "18880" in md.title
