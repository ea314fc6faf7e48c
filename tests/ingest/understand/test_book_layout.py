"""A book's furniture and headings from its printed text: contents, running headers, printed page
numbers, footnotes, whole chapter titles with their periods, and numerals mended by sequence."""

from __future__ import annotations

import pytest

from ingest.understand import understand
from ingest.understand.book_layout import book_layout, printed_numbers
from ingest.understand.lines import nonblank, split_lines
from ingest.understand.numerals import _plausible, renumber
from ingest.understand.structure import find_structure
from sample_data.book import generated_book
from sample_data.render_book_scan import render_book
from sulieu.text import fold


def _norm(s: str | None) -> str:
    return " ".join(fold(s or "").split())


@pytest.mark.parametrize("seed", range(8))
def test_generated_book_text_gives_every_chapter_section_contents_entry_and_footnote(seed: int) -> None:
    book = generated_book(seed)
    pages, truth = render_book(book, dpi=72)
    u = understand([p.info["ground_truth"] for p in pages])
    chapters = [(_norm(h.title), (h.period.start, h.period.end) if h.period else None, h.page)
                for h in u.structure if h.kind == "chapter"]
    assert chapters == [(_norm(f"{t.label}: {t.title}"), t.period, t.page) for t in truth.chapters]
    sections = [(h.page, _norm(h.title)) for h in u.structure if h.kind == "numbered"]
    assert sections == [(p, _norm(s)) for p, s in truth.sections]
    assert len(u.structure) == len(chapters) + len(sections)  # no running header, no contents line
    assert [(_norm(e.title), e.printed_page) for e in u.contents] == [
        (_norm(f"{t.label}: {t.title}"), t.printed_page) for t in truth.chapters
    ]
    assert u.printed is not None
    assert {p: u.printed[p - 1] for p in truth.printed_pages} == truth.printed_pages
    assert u.printed[0] is None  # the title page has no number
    notes = {(c.page, c.footnote, c.symbol) for c in u.citations if c.footnote is not None}
    assert notes == set(truth.footnote_citations)
    # running headers, page numbers and footnotes are marked on their pages, nothing else is
    headers = {p: [m.text for m in ms if m.kind == "running_header"] for p, ms in u.marks.items()}
    assert {p: h for p, h in headers.items() if h} == {p: [h] for p, h in truth.running_headers.items()}
    numbers = {p: [m.text for m in ms if m.kind == "page_number"] for p, ms in u.marks.items()}
    assert {p: n for p, n in numbers.items() if n} == {p: [n] for p, n in truth.printed_pages.items()}
    footnotes = {p: [m.text for m in ms if m.kind == "footnote"] for p, ms in u.marks.items()}
    assert {p: f for p, f in footnotes.items() if f} == truth.footnotes


def test_numerals_misread_by_ocr_are_mended_by_their_place_in_the_sequence() -> None:
    assert renumber(["I", "Il", "IH"]) == ["I", "II", "III"]
    assert renumber(["1", "TII"]) == ["I", "II"]
    assert renumber(["I", "II", "II"]) == ["I", "II", "III"]  # a stroke lost
    assert renumber(["IL", "III"]) == ["I", "II"]  # "IL" is no numeral; "III" one stroke too many
    assert renumber(["1", "2", "3"]) == ["1", "2", "3"]  # Arabic numerals in order stay
    # a clean sequence is kept as read: an excerpt may begin at chapter II, a heading may be missed
    assert renumber(["II", "III"]) == ["II", "III"]
    assert renumber(["I", "III", "IV"]) == ["I", "III", "IV"]
    assert _plausible("II", 3) and _plausible("1", 1) and not _plausible("IV", 2)


def test_sections_renumbered_per_chapter_and_a_period_split_over_two_lines_joined() -> None:
    page = "\n".join([
        "CHƯƠNG I", "LÃNH ĐẠO KHÁNG CHIẾN (1945 -", "1954)", "1. BỐI CẢNH LỊCH SỬ",
        "Nhân dân trong huyện hăng hái tham gia sản xuất, đóng góp sức người, sức của.",
        "IIIL CÔNG TÁC QUÂN SỰ ĐỊA PHƯƠNG", "Lực lượng dân quân, tự vệ được huấn luyện thường xuyên.",
    ])
    nb = nonblank(split_lines([page]))
    layout, _ = book_layout(nb, 1, None)
    heads = find_structure(split_lines([page]), layout)
    assert [(h.kind, h.title) for h in heads] == [
        ("chapter", "CHƯƠNG I: LÃNH ĐẠO KHÁNG CHIẾN (1945 - 1954)"),
        ("numbered", "I. BỐI CẢNH LỊCH SỬ"),
        ("numbered", "II. CÔNG TÁC QUÂN SỰ ĐỊA PHƯƠNG"),  # "IIIL": the "." read "L", one stroke too many
    ]
    assert heads[0].period is not None and (heads[0].period.start, heads[0].period.end) == (1945, 1954)


def test_a_section_numeral_whose_dot_was_lost_still_opens_a_section_but_a_sentence_does_not() -> None:
    """"II CÔNG TÁC QUÂN SỰ ĐỊA PHƯƠNG" right under the body (a moderate scan): "Ự", "Ị", "Ư" are capitals."""
    page = "\n".join([
        "CHƯƠNG I", "LÃNH ĐẠO KHÁNG CHIẾN (1945 - 1954)", "I. BỐI CẢNH LỊCH SỬ",
        "Nhân dân trong huyện hăng hái tham gia sản xuất, đóng góp sức người, sức của.",
        "II CÔNG TÁC QUÂN SỰ ĐỊA PHƯƠNG", "Lực lượng dân quân, tự vệ được huấn luyện thường xuyên.",
        "II Đại hội đã đề ra nhiều chủ trương mới.",
    ])
    layout, _ = book_layout(nonblank(split_lines([page])), 1, None)
    heads = find_structure(split_lines([page]), layout)
    assert [h.title for h in heads if h.kind == "numbered"] == ["I. BỐI CẢNH LỊCH SỬ", "II. CÔNG TÁC QUÂN SỰ ĐỊA PHƯƠNG"]


def test_printed_numbers_follow_the_majority_offset_and_mend_a_misread_one() -> None:
    prose = "\n".join(["Dòng văn bản đủ dài để là một trang sách đang chạy, không phải tiêu đề."] * 6)
    texts = ["LỊCH SỬ", prose, prose + "\n8", prose + "\n9", prose + "\n3", prose + "\n1l", "Ghi chú"]
    nb = nonblank(split_lines(texts))
    pages: dict[int, list] = {}
    for ln in nb:
        pages.setdefault(ln.page, []).append(ln)
    numbers, _ = printed_numbers(pages, len(texts))
    # "3" read for 10 is mended, "1l" is 11; the prose page before the first number gets 7;
    # the title page and the short last page keep what they print (nothing)
    assert numbers == [None, "7", "8", "9", "10", "11", None]


@pytest.mark.parametrize("read", ["(1975 1986)", "(19751986)", "(1975 - 1986)"])
def test_a_chapter_period_whose_dash_was_lost_is_still_its_period(read: str) -> None:
    page = f"Chương II\nKHÔI PHỤC VÀ PHÁT TRIỂN KINH TẾ\n{read}\nNhân dân trong huyện hăng hái tham gia sản xuất."
    layout, _ = book_layout(nonblank(split_lines([page])), 1, None)
    (head,) = find_structure(split_lines([page]), layout)
    assert head.title == "Chương II: KHÔI PHỤC VÀ PHÁT TRIỂN KINH TẾ (1975 - 1986)"
    assert head.period is not None and (head.period.start, head.period.end) == (1975, 1986)


def test_contents_numbers_survive_a_leader_misread_as_specks_letters_or_a_line_of_its_own() -> None:
    # the shapes Tesseract gave on generated contents pages: the number last after garbled dots, the
    # number split onto its own line before the entry it belongs to, a leader read as specks only
    page = "\n".join([
        "MỤC LỤC",
        "CHƯƠNG I: LÃNH ĐẠO NHÂN DÂN XÂY DỰNG",
        "CHỐNG THỰC DÂN PHÁP (1945 - 1954)",
        "CHƯƠNG II: LÃNH ĐẠO XÂY DỰNG CHỦ",
        "-.---: 9",
        "MIỀN NAM (1954 - 1975) .................... -G St n 12",
        "CHƯƠNG III: KHẮC PHỤC HẬU QUẢ CHIẾN",
        "(1975 - 1986) ........................Lcc Q1 HE SH Hn KT kg ykt 15",
        "CHƯƠNG IV: ĐỔI MỚI",
        "(1986 - 2000) ................-.-..--<2cs2cne222 2e",
        "CHƯƠNG V: CÔNG NGHIỆP HÓA",
        "(2000 - 2020) ...... Lcc 2",  # a number that cannot be: after 15, read off specks
        "5",  # the contents page's own number at its foot
    ])
    layout, _ = book_layout(nonblank(split_lines(["BÌA", page])), 2, None)
    assert [(e.title, e.printed_page) for e in layout.contents] == [
        ("CHƯƠNG I: LÃNH ĐẠO NHÂN DÂN XÂY DỰNG CHỐNG THỰC DÂN PHÁP (1945 - 1954)", "9"),
        ("CHƯƠNG II: LÃNH ĐẠO XÂY DỰNG CHỦ MIỀN NAM (1954 - 1975)", "12"),
        ("CHƯƠNG III: KHẮC PHỤC HẬU QUẢ CHIẾN (1975 - 1986)", "15"),
        ("CHƯƠNG IV: ĐỔI MỚI (1986 - 2000)", None),  # its number was never read: left unknown
        ("CHƯƠNG V: CÔNG NGHIỆP HÓA (2000 - 2020)", None),  # dropped: out of order
    ]


@pytest.mark.parametrize("read", ["(1954-1975)", "(1954:- 1975)", "(19541975)", "(1954 - 1975)"])
def test_a_contents_period_is_written_as_the_book_prints_it(read: str) -> None:
    page = f"MỤC LỤC\nChương II: CHI VIỆN CHO TIỀN TUYẾN MIỀN NAM {read} .......... 12\n5"
    layout, _ = book_layout(nonblank(split_lines(["BÌA", page])), 2, None)
    assert [(e.title, e.printed_page) for e in layout.contents] == [
        ("Chương II: CHI VIỆN CHO TIỀN TUYẾN MIỀN NAM (1954 - 1975)", "12")
    ]


def test_orphan_contents_numbers_are_given_only_when_it_is_clear_whose_they_are() -> None:
    page = "\n".join([
        "MỤC LỤC",
        "Chương I: KHẮC PHỤC HẬU QUẢ CHIẾN TRANH", "(1975 - 1986).", "67 0011 0201004170901 90/7 Siàn 5",
        "Chương II: THỰC HIỆN CÔNG CUỘC ĐỔI MỚI", "(1986-2000)... 12.02272020 6 02",
        "Chương III: ĐẨY MẠNH CÔNG NGHIỆP HÓA", "7", "(2000-2020) C02112", "22222 Tô 10", "12",
    ])
    layout, _ = book_layout(nonblank(split_lines(["BÌA", page])), 2, None)
    # "5" after the closed period is chapter I's; 7 and 10 are the two numbers left for two entries
    assert [e.printed_page for e in layout.contents] == ["5", "7", "10"]
    # with chapter I's number unread there are two numbers for three entries: none is guessed
    layout, _ = book_layout(nonblank(split_lines(["BÌA", page.replace("Siàn 5", "Siàn")])), 2, None)
    assert [e.printed_page for e in layout.contents] == [None, None, None]


def test_a_column_of_contents_numbers_after_the_entries_is_theirs_not_the_pages_own_number() -> None:
    """Leaders wiped, Tesseract reads the numbers as a column after the titles: the last is no page number."""
    page = "\n".join(["MỤC LỤC", "Chương I: KHÁNG CHIẾN (1945 - 1954)", "Chương II: CHI VIỆN MIỀN NAM",
                      "(1954 - 1975)", "Chương III: ĐỔI MỚI (1986 - 2000)", "", "5", "8", "10"])
    layout, printed = book_layout(nonblank(split_lines(["BÌA", page])), 2, None)
    assert [e.printed_page for e in layout.contents] == ["5", "8", "10"]
    assert printed == [None, None]
    alone = page.replace("\n5\n8\n10", "\n3")  # a page number alone at the foot stays the page's
    layout, printed = book_layout(nonblank(split_lines(["BÌA", alone])), 2, None)
    assert printed[1] == "3" and [e.printed_page for e in layout.contents] == [None, None, None]
    apart = page.replace("\n5\n8\n10", "\n5\n8\n10\n\n12")  # the column, then the page's own number
    layout, printed = book_layout(nonblank(split_lines(["BÌA", apart])), 2, None)
    assert printed[1] == "12" and [e.printed_page for e in layout.contents] == ["5", "8", "10"]


def _headings(*lines: str) -> list[str]:
    page = "\n".join(lines)
    layout, _ = book_layout(nonblank(split_lines([page])), 1, None)
    return [h.title for h in find_structure(split_lines([page]), layout)]


BODY = "Nhân dân trong huyện hăng hái tham gia sản xuất, đóng góp sức người, sức của."


def test_a_heading_word_that_lost_its_marks_is_put_right_by_the_same_phrase_elsewhere_in_the_book() -> None:
    heads = _headings("CHƯƠNG I", "LÃNH ĐẠO XÂY DỰNG CHỦ NGHĨA XÃ HỘI (1954 - 1975)", "I. XÂY DỰNG LỰC LƯỢNG",
                      BODY, "II. XÂY DỤNG ĐẢNG VÀ HỆ THỐNG CHÍNH TRỊ", BODY, "III. XÂY DỰNG KINH TẾ", BODY)
    assert heads[2] == "II. XÂY DỰNG ĐẢNG VÀ HỆ THỐNG CHÍNH TRỊ"


def test_one_misreading_elsewhere_does_not_outvote_a_right_heading() -> None:
    """"THỤC HIỆN" on one contents line, "THỰC HIỆN" in the heading: the heading stays as read."""
    heads = _headings("CHƯƠNG I", "THỰC HIỆN CÔNG CUỘC ĐỔI MỚI (1986 - 2000)", BODY,
                      "Những việc đã thục hiện trong năm.", BODY)
    assert heads[0] == "CHƯƠNG I: THỰC HIỆN CÔNG CUỘC ĐỔI MỚI (1986 - 2000)"
    heads = _headings("CHƯƠNG I", "THỰC HIỆN CÔNG CUỘC ĐỔI MỚI (1986 - 2000)", BODY,
                      "Những việc đã thực hiện và thục hiện tiếp.", "Việc thục hiện còn chậm.", BODY)
    assert heads[0] == "CHƯƠNG I: THỰC HIỆN CÔNG CUỘC ĐỔI MỚI (1986 - 2000)"  # its spelling is found elsewhere
