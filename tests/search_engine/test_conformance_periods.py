"""Conformance: search by a book chapter's period (giai_doan:, the period filter), on every engine.

Two invented books with their own headings (tests/support/period_book.py): each page takes the period of the chapter it belongs to, and a
book with chapters 1930-1945 and 1975-1986 must not match 1950..1960 (one chapter's start, another's end)."""

from __future__ import annotations

import pytest

from search_engine.indexer import build_index_document
from search_engine.models import SearchRequest
from search_engine.service import search as run
from sulieu.errors import QuerySyntaxError
from tests.support.period_book import BOOK, CH1, CH2, CH3, CH4, OTHER, PLAIN, records


@pytest.fixture
def books(make_backend):
    b = make_backend()
    with b.batch() as bt:
        for r in records():
            bt.upsert(build_index_document(r, []))

    def go(q: str = "", **kw):
        return run(b, SearchRequest(q=q, **kw))

    return go


def _pages(hit) -> list[tuple[int, str | None]]:
    return [(p.page, p.chapter) for p in hit.pages]


def test_period_finds_the_chapters_covering_it(books):
    r = books("giai_doan:1950..1952")
    assert [h.id for h in r.hits] == [BOOK]  # OTHER: 1930-1945 and 1975-1986 leave 1950..1952 out
    assert _pages(r.hits[0]) == [(5, CH2)]
    assert r.hits[0].snippets[0].chapter == CH2
    assert "kháng chiến trường kỳ" in r.hits[0].snippets[0].html


def test_period_spellings_are_one(books):
    want = [(h.id, _pages(h)) for h in books("giai_doan:1950..1952").hits]
    for q in ("giai_doan:1950-1952", "giai_đoạn:1950–1952", "giai_doan:1951"):
        assert [(h.id, _pages(h)) for h in books(q).hits] == want, q


def test_overlap_includes_chapters_sharing_a_year(books):
    r = books("giai_doan:1945..1954")
    assert {h.id for h in r.hits} == {BOOK, OTHER}  # OTHER's first part ends in 1945
    book = next(h for h in r.hits if h.id == BOOK)
    assert _pages(book) == [(3, CH1), (5, CH2), (8, CH3)]
    assert {h.id for h in books("giai_doan:1946..1953").hits} == {BOOK}


def test_open_period_ends_at_the_books_year(books):
    r = books("giai_doan:1980")
    assert {h.id for h in r.hits} == {BOOK, OTHER}
    book = next(h for h in r.hits if h.id == BOOK)
    assert _pages(book) == [(10, CH4)]
    assert books("giai_doan:2021..").total == 0  # "1975 - nay" in a book of 2020


def test_chapter_inherits_its_parts_period(books):
    r = books("giai_doan:1940")
    assert {h.id for h in r.hits} == {BOOK, OTHER}
    other = next(h for h in r.hits if h.id == OTHER)
    assert _pages(other) == [(1, "Chương I: Giành chính quyền (1930 - 1945)")]


def test_words_in_a_period_rank_that_periods_pages(books):
    r = books('giai_doan:1946..1950 "hợp tác xã"')
    assert [h.id for h in r.hits] == [BOOK]
    assert _pages(r.hits[0]) == [(6, CH2)]  # page 9 also says "hợp tác xã", in chapter III
    r = books('giai_doan:1960 "hợp tác xã"')
    assert _pages(r.hits[0]) == [(9, CH3)]
    r = books('"hợp tác xã"')  # without a period: every page with the words, each with its chapter
    book = next(h for h in r.hits if h.id == BOOK)
    assert sorted(_pages(book)) == [(6, CH2), (9, CH3)]
    assert PLAIN in {h.id for h in r.hits}


def test_words_outside_the_period_show_the_chapter_start(books):
    r = books("giai_doan:1930..1944 kháng chiến")  # the book holds the words, but not in chapter I
    assert [h.id for h in r.hits] == [BOOK]
    assert _pages(r.hits[0]) == [(3, CH1)]


def test_period_filter_and_negation(books):
    r = books("", period="1950..1952")
    assert [(h.id, _pages(h)) for h in r.hits] == [(BOOK, [(5, CH2)])]
    assert {h.id for h in books("hợp tác xã", period="1976-1980").hits} == {BOOK, OTHER}
    assert {h.id for h in books("hợp tác xã -giai_doan:1945..1954").hits} == {PLAIN}
    assert {h.id for h in books("giai_doan:1950 OR giai_doan:1985").hits} == {BOOK, OTHER}


def test_period_inside_one_book(books):
    r = books("giai_doan:1955..1980", doc_id=BOOK)
    assert _pages(r.hits[0]) == [(8, CH3), (10, CH4)]


@pytest.mark.parametrize("q", ["giai_doan:abc", "giai_doan:1954..1945", "giai_doan:19450", "giai_doan:..",
                               "giai_doan:1945..1950..1954"])
def test_malformed_period_is_an_error(books, q):
    with pytest.raises(QuerySyntaxError):
        books(q)


def test_malformed_period_filter_is_an_error(books):
    with pytest.raises(QuerySyntaxError):
        books("", period="1954..1945")
