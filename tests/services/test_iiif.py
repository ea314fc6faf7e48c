"""IIIF services below the HTTP layer: image request parsing, result pages of content search, book ranges."""

from __future__ import annotations

import pytest

from services.iiif_image import parse_region, parse_rotation, parse_size
from services.iiif_manifest import IiifUrls, ranges
from services.iiif_search import PAGE_ANNOTATIONS, Box, SearchHit, result_page, search_v1, search_v2
from sulieu.errors import InputError
from sulieu.model import Heading


def _hit(page: int, words: int) -> SearchHit:
    return SearchHit(page=page, boxes=tuple(Box(i, f"w{i}", (i, 0, 1, 1)) for i in range(words)), before="", after="")


def test_result_pages_hold_at_most_the_page_size_and_never_split_a_hit() -> None:
    hits = [_hit(n, 1 + n % 3) for n in range(1, 700)]  # 1, 2 or 3 words each
    total = sum(len(h.boxes) for h in hits)
    first = result_page(hits, 0)
    pages = [result_page(hits, k) for k in range(first.count)]
    assert first.count == len(pages) > 2 and first.total == total
    assert all(sum(len(h.boxes) for h in p.hits) <= PAGE_ANNOTATIONS for p in pages)
    assert [h for p in pages for h in p.hits] == hits  # every hit once, in order
    assert [p.start for p in pages] == [sum(len(h.boxes) for q in pages[:k] for h in q.hits) for k in range(len(pages))]
    with pytest.raises(InputError):
        result_page(hits, first.count)
    assert result_page([], 0).count == 1 and result_page([], 0).hits == []


def test_result_page_links() -> None:
    urls = IiifUrls("http://x")
    hits = [_hit(n, 2) for n in range(1, 400)]  # 798 annotations: two pages
    v1 = search_v1(urls, "d", "đê biển", result_page(hits, 0), [])
    assert v1["next"] == "http://x/iiif/d/search/1?q=%C4%91%C3%AA%20bi%E1%BB%83n&page=1" and "prev" not in v1
    assert v1["within"]["total"] == 798 and v1["within"]["last"].endswith("&page=1")
    last = search_v1(urls, "d", "đê biển", result_page(hits, 1), [])
    assert "next" not in last and last["startIndex"] == 500 and len(last["resources"]) == 298
    v2 = search_v2(urls, "d", "đê", result_page(hits, 1), ["user"])
    assert v2["prev"]["id"].endswith("q=%C4%91%C3%AA") and v2["startIndex"] == 500 and v2["ignored"] == ["user"]
    single = search_v1(urls, "d", "x", result_page(hits[:3], 0), [])
    assert "next" not in single and "first" not in single["within"]


@pytest.mark.parametrize(("value", "size"), [("full", (0, 0, 40, 30)), ("square", (5, 0, 35, 30)),
                                             ("10,10,100,100", (10, 10, 40, 30)), ("pct:25,50,50,50", (10, 15, 30, 30))])
def test_regions(value: str, size: tuple[int, int, int, int]) -> None:
    assert parse_region(value, 40, 30) == size


def test_sizes_and_rotations() -> None:
    assert parse_size("!20,20", 40, 30) == (20, 15)
    assert parse_size("^!80,80", 40, 30) == (80, 60)
    assert parse_size("max", 40, 30) == (40, 30)
    assert parse_rotation("!270") == (270, True) and parse_rotation("360") == (0, False)
    for bad in ("41,", "pct:0", "^0,", ",", "!20,", "w,h"):
        with pytest.raises(InputError):
            parse_size(bad, 40, 30)


def test_book_ranges_nest_by_level() -> None:
    urls = IiifUrls("http://x")
    heads = [Heading(level=1, kind="PHẦN", title="Phần I", page=1), Heading(level=2, kind="CHƯƠNG", title="Ch 1", page=2),
             Heading(level=2, kind="CHƯƠNG", title="Ch 2", page=4), Heading(level=1, kind="PHẦN", title="Phần II", page=6),
             Heading(level=1, kind="Lời kết", title="Lời kết", page=99)]  # a page the record does not have
    part1, part2 = ranges(urls, "d", heads, [1, 2, 3, 4, 5, 6, 7])
    canvas = "http://x/iiif/d/canvas/"
    assert part1["items"][0] == {"id": canvas + "1", "type": "Canvas"}  # the part's own page before its chapters
    ch1, ch2 = part1["items"][1:]
    assert [i["id"] for i in ch1["items"]] == [canvas + "2", canvas + "3"]
    assert [i["id"] for i in ch2["items"]] == [canvas + "4", canvas + "5"]
    assert [i["id"] for i in part2["items"]] == [canvas + "6", canvas + "7"]


def test_no_manifest_without_a_single_page_image() -> None:
    from services.iiif_manifest import manifest
    from sulieu.errors import NotFound
    from sulieu.model import DocumentMetadata, Page, Provenance, Record

    rec = Record(id="0123456789abcdef", pages=[Page(number=1, note="ảnh hỏng")],
                 provenance=Provenance(original_name="x.jpg", mime="image/jpeg", size=1, sha256="0" * 64))
    with pytest.raises(NotFound):
        manifest(IiifUrls("http://x"), rec, DocumentMetadata(), "public", {})
    text = rec.model_copy(update={"provenance": rec.provenance.model_copy(update={"mime": "text/plain"})})
    with pytest.raises(NotFound, match="dạng văn bản"):
        manifest(IiifUrls("http://x"), text, DocumentMetadata(), "public", {1: (10, 10)})
    assert manifest(IiifUrls("http://x"), rec, DocumentMetadata(), "public", {1: (10, 10)})["items"][0]["width"] == 10
