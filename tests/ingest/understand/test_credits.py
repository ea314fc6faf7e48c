"""Credits of generated books, names inline or one a line: Chủ biên and Biên soạn found, nothing else taken."""

from __future__ import annotations

import pytest

from ingest.understand import understand
from ingest.understand.credits import find_credits
from ingest.understand.lines import nonblank, split_lines
from sample_data.book import generated_book
from sample_data.render_book_scan import render_book


@pytest.mark.parametrize("seed", range(6))
def test_editor_in_chief_and_compilers_of_generated_books(seed: int) -> None:
    book = generated_book(seed)
    pages, _ = render_book(book, dpi=72)
    md = understand([p.info["ground_truth"] for p in pages]).metadata
    credits = dict(book.credits)
    assert md.editor_in_chief == credits["Chủ biên"][0]
    assert md.compilers == list(credits["Biên soạn"])
    assert md.evidence["editor_in_chief"].page == 2


def test_body_pages_are_not_read_for_credits() -> None:
    pages = ["TITLE", "", "", "", "Biên soạn lịch sử là việc của cả Đảng bộ, như đã nói ở phần trên"]
    assert find_credits(nonblank(split_lines(pages))).roles == {}
