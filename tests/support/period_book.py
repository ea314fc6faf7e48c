"""Two invented local-history books with their own chapter headings and periods, for period search and the
table of contents: the conformance suite indexes the records directly, the API and UI tests write them into
an archive (``add_books``)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sulieu.model import DocumentMetadata, Heading, Page, Period, Provenance, Record

BOOK, OTHER, PLAIN = "c000000000000001", "c000000000000002", "c000000000000003"

CH1 = "Chương I: Đảng bộ ra đời, lãnh đạo giành chính quyền (1930 - 1945)"
CH2 = "Chương II: Lãnh đạo kháng chiến chống thực dân Pháp (1945 - 1954)"
CH3 = "Chương III: Xây dựng chủ nghĩa xã hội, chống Mỹ cứu nước (1954 - 1975)"
CH4 = "Chương IV: Lãnh đạo công cuộc đổi mới (1975 - nay)"
SECTION = "I. Xây dựng hậu phương"

BOOK_PAGES = [
    "BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN AN LÃO\nLỊCH SỬ ĐẢNG BỘ HUYỆN AN LÃO (1930 - 2020)",  # 1
    "LỜI NÓI ĐẦU\nCuốn sách ghi lại chặng đường vẻ vang của Đảng bộ huyện.",  # 2
    CH1 + "\nNhững chi bộ đầu tiên ra đời ở các làng ven sông.",  # 3
    "Nhân dân nổi dậy giành chính quyền tháng Tám.",  # 4
    CH2 + "\nToàn huyện bước vào cuộc kháng chiến trường kỳ.",  # 5
    SECTION + "\nNông dân lập tổ đổi công, hợp tác xã mua bán ra đời.",  # 6
    "Du kích phá tề, trừ gian, bảo vệ mùa màng.",  # 7
    CH3 + "\nKhôi phục kinh tế sau chiến tranh.",  # 8
    "Phong trào hợp tác xã nông nghiệp phát triển khắp các xã.",  # 9
    CH4 + "\nĐảng bộ lãnh đạo đổi mới cơ chế quản lý, khoán sản phẩm.",  # 10
]
PRINTED = {n: str(n * 2 + 3) for n in range(2, 11)}  # page 5 of the scan is printed page 13


def _record(doc_id: str, pages: list[str], md: DocumentMetadata, structure: list[Heading]) -> Record:
    data = "\n".join(pages).encode("utf-8")
    return Record(
        id=doc_id,
        provenance=Provenance(original_name=f"{doc_id}.txt", mime="text/plain", size=len(data),
                              sha256=hashlib.sha256(data).hexdigest()),
        pages=[Page(number=i + 1, text=t, printed_number=PRINTED.get(i + 1) if doc_id == BOOK else None)
               for i, t in enumerate(pages)],
        metadata=md, structure=structure,
    )


def records() -> list[Record]:
    book = _record(BOOK, BOOK_PAGES, DocumentMetadata(doc_type="Sách", date="2020", issuer="Huyện ủy An Lão",
                                                      title="Lịch sử Đảng bộ huyện An Lão (1930 - 2020)"), [
        Heading(level=1, kind="preface", title="Lời nói đầu", page=2, printed_page=PRINTED[2]),
        Heading(level=2, kind="chapter", title=CH1, page=3, printed_page=PRINTED[3], period=Period(start=1930, end=1945)),
        Heading(level=2, kind="chapter", title=CH2, page=5, printed_page=PRINTED[5], period=Period(start=1945, end=1954)),
        Heading(level=3, kind="section", title=SECTION, page=6, printed_page=PRINTED[6]),
        Heading(level=2, kind="chapter", title=CH3, page=8, printed_page=PRINTED[8], period=Period(start=1954, end=1975)),
        Heading(level=2, kind="chapter", title=CH4, page=10, printed_page=PRINTED[10],
                period=Period(start=1975)),  # "nay": up to the book's year
    ])
    other = _record(OTHER, [
        "Phần thứ nhất: Thời kỳ đấu tranh giành chính quyền",
        "Hợp tác xã mua bán được nhắc tới lần đầu.",
        "Phần thứ hai: Thời kỳ đổi mới",
        "Hợp tác xã kiểu mới sau đổi mới.",
    ], DocumentMetadata(doc_type="Sách", date="1990", title="Sơ thảo lịch sử xã Tân Dân"), [
        # parts with periods, a chapter without: the chapter takes its part's period
        Heading(level=1, kind="part", title="Phần thứ nhất (1930 - 1945)", page=1, period=Period(start=1930, end=1945)),
        Heading(level=2, kind="chapter", title="Chương I: Giành chính quyền", page=1),
        Heading(level=1, kind="part", title="Phần thứ hai (1975 - 1986)", page=3, period=Period(start=1975, end=1986)),
    ])
    plain = _record(PLAIN, ["Kế hoạch biên soạn lịch sử giai đoạn 1945-1954, hợp tác xã."],
                    DocumentMetadata(doc_type="Kế hoạch", date="2023", title="Kế hoạch biên soạn"),
                    [])  # a period in the text of a document that is no book: never a giai_doan: match
    return [book, other, plain]


def add_books(root: Path) -> list[str]:
    """Write the records into the archive at ``root`` and bring its index, graph and caches up to date."""
    from search_engine import open_backend
    from services.refresh import refresh_archive
    from sulieu.settings import Settings
    from sulieu.store import ArchiveStore

    store = ArchiveStore(root)
    recs = records()
    for r in recs:
        store.put_original_bytes("\n".join(p.text for p in r.pages).encode("utf-8"))
        store.write_record(r)
    backend = open_backend(Settings(archive=root))
    try:
        refresh_archive(store, backend, [r.id for r in recs])
    finally:
        backend.close()
    return [r.id for r in recs]
