"""End-to-end in real headless Chromium against a real uvicorn server: search a book by period from the search
form, open the hit's page, see its chapter, walk the contents to another chapter and page on within it.
The archive holds the invented books of tests/support/period_book.py; expected pages and chapters are written
here by hand."""

from __future__ import annotations

import pytest

from tests.support.period_book import BOOK, CH2, CH3, SECTION, add_books
from tests.ui.live_server import CHROMIUM, live_server

pytestmark = [
    pytest.mark.integration,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="cần Chromium của Debian tại /usr/bin/chromium (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("periods-e2e") / "archive"
    root.mkdir()
    add_books(root)
    with live_server(root) as base:
        yield base


def chapter_line(page) -> list[str]:
    return page.locator("[data-page-chapter] a").all_inner_texts()


def test_period_search_to_chapter_and_contents(server: str, browser) -> None:
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    page = ctx.new_page()
    page.set_default_timeout(30_000)

    # 1. The "Giai đoạn" field of the search form: one book, its page 5, in chapter II.
    page.goto(server + "/")
    page.fill("#period", "1950..1952")
    page.click("button:has-text('Áp dụng')")
    results = page.locator("li.result")
    assert results.count() == 1
    snippet = results.first.locator("ul.snippets > li").first
    assert snippet.locator("a.page-ref").inner_text() == "Trang 5"
    assert snippet.locator(".chapter-ref").inner_text() == CH2
    assert page.locator("#period").input_value() == "1950..1952"

    # 2. The hit's page opens in the viewer, which says the chapter it belongs to.
    snippet.locator("a.page-ref").click()
    page.wait_for_url(f"**/doc/{BOOK}?*p=5*")
    assert "Trang 5/10" in page.locator("#trang").inner_text()
    assert chapter_line(page) == [CH2]

    # 3. The contents: chapter III links to its first page (8); page on to 9, still chapter III.
    page.locator("section.toc a", has_text=CH3).click()
    page.wait_for_url("**p=8**")
    assert "Trang 8/10" in page.locator("#trang").inner_text()
    assert chapter_line(page) == [CH3]
    assert page.locator("section.toc a[aria-current=location]").inner_text().startswith(CH3)
    page.click("a[rel=prev]")
    page.wait_for_url("**p=7**")
    assert chapter_line(page) == [CH2, SECTION]  # page 7: inside chapter II's section
    page.locator("section.toc a", has_text=CH3).click()
    page.click("a[rel=next]")
    page.wait_for_url("**p=9**")
    assert chapter_line(page) == [CH3]

    # 4. A malformed period says why, in Vietnamese, instead of an empty list.
    page.goto(server + "/")
    page.fill("#period", "1954..1945")
    page.click("button:has-text('Áp dụng')")
    assert "bị ngược" in page.locator(".errors").inner_text()
    ctx.close()
