"""Which chapter a page belongs to (sulieu.chapters): the rule the index, the page viewer and the contents share."""

from __future__ import annotations

from sulieu.chapters import chapter_of, chapters, period_years, trail
from sulieu.model import Heading, Period

HEADINGS = [
    Heading(level=1, kind="preface", title="Lời nói đầu", page=2),
    Heading(level=1, kind="part", title="Phần thứ nhất (1930 - 1954)", page=3, period=Period(start=1930, end=1954)),
    Heading(level=2, kind="chapter", title="Chương I: Ra đời", page=3),
    Heading(level=3, kind="section", title="I. Chi bộ đầu tiên", page=4),
    Heading(level=2, kind="chapter", title="Chương II: Kháng chiến (1945 - 1954)", page=6,
            period=Period(start=1945, end=1954)),
    Heading(level=1, kind="part", title="Phần thứ hai (1954 - nay)", page=9, period=Period(start=1954)),
]


def test_each_page_belongs_to_its_innermost_chapter():
    chs = chapters(HEADINGS, list(range(1, 12)))
    got = {n: (c.title if (c := chapter_of(chs, n)) else None) for n in range(1, 12)}
    assert got == {1: None, 2: "Lời nói đầu", 3: "Chương I: Ra đời", 4: "Chương I: Ra đời", 5: "Chương I: Ra đời",
                   6: "Chương II: Kháng chiến (1945 - 1954)", 7: "Chương II: Kháng chiến (1945 - 1954)",
                   8: "Chương II: Kháng chiến (1945 - 1954)", 9: "Phần thứ hai (1954 - nay)",
                   10: "Phần thứ hai (1954 - nay)", 11: "Phần thứ hai (1954 - nay)"}


def test_a_chapter_without_period_takes_its_parts_and_says_so():
    ch1 = next(c for c in chapters(HEADINGS, list(range(1, 12))) if c.title.startswith("Chương I:"))
    assert (ch1.first_page, ch1.last_page, ch1.period) == (3, 5, Period(start=1930, end=1954))
    assert ch1.label == "Chương I: Ra đời (1930 - 1954)"


def test_period_years_open_end_and_bounds():
    assert period_years(Period(start=1945, end=1947)) == [1945, 1946, 1947]
    assert period_years(Period(start=1975), until=1977) == [1975, 1976, 1977]
    assert period_years(None) == []
    assert len(period_years(Period(start=1000, end=2020))) == 301


def test_front_matter_holds_no_chapters():
    hs = [Heading(level=1, kind="preface", title="Lời nói đầu", page=1),
          Heading(level=2, kind="chapter", title="Chương I", page=2),
          Heading(level=1, kind="conclusion", title="Kết luận", page=4),
          Heading(level=3, kind="section", title="1. Bài học", page=5)]
    chs = chapters(hs, [1, 2, 3, 4, 5])
    assert [(c.title, c.first_page, c.last_page) for c in chs] == [
        ("Lời nói đầu", 1, 1), ("Chương I", 2, 3), ("Kết luận", 4, 5)]
    assert chapter_of(chs, 5).title == "Kết luận"  # its own numbered sections stay inside it


def test_numbered_sections_stay_inside_their_chapter():
    """Headings as ingest finds them in a book: "I. BỐI CẢNH ..." is a level-2 'numbered' heading."""
    hs = [Heading(level=1, kind="part", title="PHẦN THỨ NHẤT (2005 - 2015)", page=1, period=Period(start=2005, end=2015)),
          Heading(level=2, kind="chapter", title="CHƯƠNG I: CÔNG NGHIỆP (2005 - 2010)", page=1,
                  period=Period(start=2005, end=2010)),
          Heading(level=2, kind="numbered", title="I. BỐI CẢNH", page=2),
          Heading(level=2, kind="numbered", title="II. KHU CÔNG NGHIỆP", page=3),
          Heading(level=2, kind="chapter", title="CHƯƠNG II: NÔNG THÔN MỚI", page=5),
          Heading(level=2, kind="numbered", title="I. CHỦ TRƯƠNG", page=6)]
    chs = chapters(hs, list(range(1, 8)))
    assert [(c.title, c.first_page, c.last_page, c.period) for c in chs] == [
        ("PHẦN THỨ NHẤT (2005 - 2015)", 1, 7, Period(start=2005, end=2015)),
        ("CHƯƠNG I: CÔNG NGHIỆP (2005 - 2010)", 1, 4, Period(start=2005, end=2010)),
        ("CHƯƠNG II: NÔNG THÔN MỚI", 5, 7, Period(start=2005, end=2015))]
    assert [h.title for h in trail(hs, list(range(1, 8)), 3)] == [
        "PHẦN THỨ NHẤT (2005 - 2015)", "CHƯƠNG I: CÔNG NGHIỆP (2005 - 2010)", "II. KHU CÔNG NGHIỆP"]
    plan = [Heading(level=2, kind="numbered", title="I. MỤC ĐÍCH", page=1),
            Heading(level=2, kind="numbered", title="II. NHIỆM VỤ", page=2)]  # a plan: its numbered headings are its chapters
    assert [(c.title, c.first_page, c.last_page) for c in chapters(plan, [1, 2, 3])] == [
        ("I. MỤC ĐÍCH", 1, 1), ("II. NHIỆM VỤ", 2, 3)]
