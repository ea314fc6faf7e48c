"""A book's contents and chapters in the UI, and search by period: real HTTP through the app (httpx
ASGITransport) on an archive holding the invented books of tests/support/period_book.py, indexed by the
real Tantivy backend. What is asserted is the chapter of each page and the page each link opens, from a
table written here by hand (not from the code that computes it)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support.period_book import BOOK, CH1, CH2, CH3, CH4, OTHER, PLAIN, PRINTED, SECTION, add_books
from tests.ui.conftest import Client

# scan page -> the headings it belongs to, outermost first (the section of page 6 runs to page 7)
TRAIL = {1: [], 2: ["Lời nói đầu"], 3: [CH1], 4: [CH1], 5: [CH2], 6: [CH2, SECTION], 7: [CH2, SECTION], 8: [CH3],
         9: [CH3], 10: [CH4]}
FIRST_PAGE = {"Lời nói đầu": 2, CH1: 3, CH2: 5, SECTION: 6, CH3: 8, CH4: 10}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    r = tmp_path_factory.mktemp("periods") / "archive"
    r.mkdir()
    assert add_books(r) == [BOOK, OTHER, PLAIN]
    return r


@pytest.fixture(scope="module")
def app(root: Path):
    from search_api.app import create_app
    from sulieu.settings import Settings

    return create_app(Settings(archive=root))


@pytest.fixture
def c(app):
    client = Client(app)
    yield client
    client.close()


def soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def title_of(a) -> str:
    return a.find("span").find(string=True, recursive=False).strip()


def test_contents_nested_by_level_each_linking_to_its_first_page(c):
    toc = soup(c.get(f"/doc/{BOOK}").text).select_one("section.toc")
    assert toc is not None and toc.h2.get_text() == "Mục lục"
    top = [title_of(li.a) for li in toc.select(":scope > ol > li")]
    assert top == ["Lời nói đầu", CH1, CH2, CH3, CH4]  # level 1 and 2 in order; the section is nested
    ch2 = next(li for li in toc.select(":scope > ol > li") if title_of(li.a) == CH2)
    assert [title_of(a) for a in ch2.select(":scope > ol > li > a")] == [SECTION]
    links = {title_of(a): a for a in toc.select("a")}
    assert set(links) == set(FIRST_PAGE)
    for title, first in FIRST_PAGE.items():
        assert links[title]["href"] == f"/doc/{BOOK}?p={first}#trang", title
        assert f"tr. {PRINTED[first]}" in links[title].get_text(), title  # the printed page, not the scan page
    assert "(1975–nay)" not in links[CH4].get_text()  # the title already shows its period: not twice


def test_page_viewer_names_the_chapter_of_each_page(c):
    for page, trail in TRAIL.items():
        doc = soup(c.get(f"/doc/{BOOK}", params={"p": page}).text)
        assert f"Trang {page}/10" in doc.select_one("#trang").get_text()
        line = doc.select_one("[data-page-chapter]")
        if not trail:
            assert line is None, page
            assert doc.select("section.toc a[aria-current]") == []
            continue
        assert [a.get_text() for a in line.select("a")] == trail, page
        assert [a["href"] for a in line.select("a")] == [f"/doc/{BOOK}?p={FIRST_PAGE[t]}#trang" for t in trail]
        current = doc.select("section.toc a[aria-current=location]")
        assert [title_of(a) for a in current] == [trail[-1]], page  # the innermost heading is marked


def test_chapter_without_period_shows_its_parts(c):
    doc = soup(c.get(f"/doc/{OTHER}", params={"p": 2}).text)
    assert [a.get_text() for a in doc.select_one("[data-page-chapter]").select("a")] == [
        "Phần thứ nhất (1930 - 1945)", "Chương I: Giành chính quyền"]
    doc = soup(c.get(f"/doc/{OTHER}", params={"p": 4}).text)
    assert [a.get_text() for a in doc.select_one("[data-page-chapter]").select("a")] == ["Phần thứ hai (1975 - 1986)"]


def _results(html: str) -> dict[str, list[tuple[str, str | None, str]]]:
    """Each hit's id -> (page label, chapter, link) of its snippets."""
    out = {}
    for li in soup(html).select("li.result"):
        doc_id = re.search(r"/doc/([0-9a-f]+)", li.h2.a["href"]).group(1)
        out[doc_id] = [(s.select_one("a.page-ref").get_text(),
                        (ch.get_text() if (ch := s.select_one(".chapter-ref")) else None),
                        s.select_one("a.page-ref")["href"]) for s in li.select("ul.snippets > li")]
    return out


def test_search_by_period_shows_the_chapter_and_opens_its_page(c):
    for params in ({"q": "giai_doan:1950..1952"}, {"period": "1950..1952"}, {"period": "1950-1952"}):
        hits = _results(c.get("/", params=params).text)
        assert list(hits) == [BOOK], params
        (label, chapter, href), = hits[BOOK]
        assert (label, chapter) == ("Trang 5", CH2)
        assert "p=5" in href and href.endswith("#trang")
        viewer = soup(c.get(href.replace("&amp;", "&")).text)
        assert [a.get_text() for a in viewer.select_one("[data-page-chapter]").select("a")] == [CH2]


def test_period_field_keeps_its_value_and_its_chip(c):
    html = c.get("/", params={"period": "1976..1980", "q": '"hợp tác xã"'}).text
    d = soup(html)
    assert d.select_one("#period")["value"] == "1976..1980"
    assert "Giai đoạn: 1976..1980" in d.get_text()
    assert set(_results(html)) == {BOOK, OTHER}


@pytest.mark.parametrize("params,message", [
    ({"period": "abc"}, "Giai đoạn “abc” không hợp lệ"),
    ({"period": "1954..1945"}, "bị ngược"),
    ({"q": "giai_doan:1954..1945"}, "bị ngược"),
    ({"q": "giai_doan:năm"}, "không hợp lệ"),
])
def test_malformed_period_says_why_in_vietnamese(c, params, message):
    r = c.get("/", params=params)
    assert r.status_code == 200
    errors = soup(r.text).select_one(".errors")
    assert errors is not None and message in errors.get_text(), r.text[:2000]
