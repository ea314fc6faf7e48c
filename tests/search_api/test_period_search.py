"""Period search through the API: ``giai_doan:`` and ``period=`` find the sample book's chapters; bad values are 400s."""

from __future__ import annotations

import pytest

from sulieu.chapters import chapter_of, chapters
from sulieu.store import ArchiveStore
from tests.support.period_book import BOOK, add_books

from .test_bad_input import assert_error


@pytest.fixture(scope="module")
def books_env(shared_env):
    add_books(shared_env.root)
    return shared_env


def _book(env):
    return ArchiveStore(env.root).read_record(BOOK)


@pytest.mark.parametrize("params", [{"q": "giai_doan:{y}"}, {"period": "{y}"}, {"q": "giai_doan:{y}..{y}"}])
def test_period_finds_the_book_and_names_each_pages_chapter(books_env, params):
    shared_env = books_env
    book = _book(shared_env)
    chs = chapters(book.structure, [p.number for p in book.pages])
    ch = next(c for c in chs if c.period and c.period.end)
    y = ch.period.start + 1 if ch.period.end > ch.period.start else ch.period.start
    r = shared_env.client("admin").get("/api/search", params={k: v.format(y=y) for k, v in params.items()})
    assert r.status_code == 200, r.text
    hit = next(h for h in r.json()["hits"] if h["id"] == book.id)
    assert hit["pages"], hit
    for p in hit["pages"]:
        c = chapter_of(chs, p["page"])
        assert c is not None and p["chapter"] == c.label
        assert c.period.start <= y <= (c.period.end or 9999)
    assert ch.first_page in [p["page"] for p in hit["pages"]]
    store = ArchiveStore(shared_env.root)
    for h in r.json()["hits"]:  # every hit is a book with a chapter of that year, never a document naming it
        rec = store.read_record(h["id"])
        assert any(c.period and c.period.start <= y <= (c.period.end or 9999)
                   for c in chapters(rec.structure, [p.number for p in rec.pages])), h["id"]


@pytest.mark.parametrize("params", [{"q": "giai_doan:abc"}, {"q": "giai_doan:1954..1945"}, {"q": "giai_doan:19450"},
                                    {"q": "giai_doan:1945..1950..1954"}])
def test_malformed_period_is_a_clear_400(shared_env, params):
    body = assert_error(shared_env.client().get("/api/search", params=params), 400)
    assert "Giai đoạn" in body["error"]["message"]


def test_period_parameter_format_and_order(books_env):
    c = books_env.client()
    assert c.get("/api/search", params={"period": "abc"}).status_code == 422  # the parameter's pattern
    asc = c.get("/api/search", params={"period": "1950..1952"}).json()
    rev = c.get("/api/search", params={"period": "1952..1950"}).json()  # as a reversed date_from/date_to
    assert [h["id"] for h in asc["hits"]] == [h["id"] for h in rev["hits"]] == [BOOK]
