"""Generated scanned books: the ground truth drawn on the pages agrees with where chapters are said to start."""

from __future__ import annotations

import re

import pytest

from sample_data.book import generated_book
from sample_data.render_book_scan import render_book


@pytest.mark.parametrize("seed", range(6))
def test_chapters_contents_and_running_headers_agree_with_the_pages(seed: int) -> None:
    book = generated_book(seed)
    pages, truth = render_book(book, dpi=100)
    texts = [p.info["ground_truth"].splitlines() for p in pages]
    assert len(truth.chapters) == len(book.chapters)
    assert texts[0][0] == book.body and texts[0][-1] == f"{book.place} - {book.year}"
    contents = texts[truth.contents_page - 1]
    assert contents[0] == "MỤC LỤC"
    listed = [int(m.group(1)) for ln in contents if (m := re.search(r"\.{3,} (\d+)$", ln))]
    assert listed == [int(c.printed_page) for c in truth.chapters]
    for ch in truth.chapters:
        lines = texts[ch.page - 1]
        assert lines[0] == ch.label  # a chapter opens its page, under no running header
        assert lines[-1] == ch.printed_page  # the printed number at the foot is the one the contents gives
        assert f"({ch.period[0]} - {ch.period[1]})" in " ".join(lines[1:6])
    for page, header in truth.running_headers.items():
        assert texts[page - 1][0] == header
        assert page not in {c.page for c in truth.chapters}
    assert truth.footnotes and all("lưu tại Kho Lưu trữ" in " ".join(n) for n in truth.footnotes.values())


def test_seeds_vary_the_layout() -> None:
    books = [generated_book(s) for s in range(8)]
    assert {b.contents_last for b in books} == {True, False}
    assert {b.chapter_caps for b in books} == {True, False}
    assert len({len(c.title_lines) for b in books for c in b.chapters}) >= 2
