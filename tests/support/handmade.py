"""A hand-made archive for the render tests: records written with ``ArchiveStore``, then the real
citation graph and the real Tantivy index built by ``services.refresh``.

Metadata is fixed here (not extracted), so the tests can check exactly what each page shows: the
levels of the issuer tree, a resolved and a missing citation, a book's table of contents, an OCR
page to review with word boxes on a real PNG, and an internal document anonymous users never see.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from sulieu.model import (
    Citation,
    DocumentMetadata,
    Heading,
    Page,
    Period,
    Provenance,
    Record,
)
from sulieu.settings import Settings
from sulieu.store import ArchiveStore, atomic_write_json, doc_id_for
from sulieu.symbols import symbol_key

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def _record(store: ArchiveStore, name: str, body: str, md: DocumentMetadata, *, pages: list[Page] | None = None,
            access: str = "public", citations: list[Citation] | None = None, structure: list[Heading] | None = None,
            mime: str = "text/plain") -> Record:
    data = (name + "\n" + body).encode("utf-8")
    sha = store.put_original_bytes(data)
    if md.symbol and not md.symbol_key:
        md.symbol_key = symbol_key(md.symbol)
    rec = Record(
        id=doc_id_for(sha), access=access,
        provenance=Provenance(original_name=name, mime=mime, size=len(data), sha256=sha),
        pages=pages or [Page(number=1, text=body)], metadata=md, citations=citations or [],
        structure=structure or [],
    )
    return rec


def _scan_page(store: ArchiveStore, doc_id: str, lines: list[str]) -> Page:
    """A PNG page with the given lines and their word boxes (as OCR would give them)."""
    width, height = 1240, 1754
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(FONT, 34)
    words = []
    y = 160
    for line in lines:
        x = 150
        for w in line.split():
            x0, y0, x1, y1 = draw.textbbox((x, y), w, font=font)
            draw.text((x, y), w, font=font, fill=0)
            words.append({"text": w, "x0": x0, "y0": y0, "x1": x1, "y1": y1, "conf": 61.0})
            x = x1 + 14
        y += 56
    folder = store.pages_dir(doc_id)
    folder.mkdir(parents=True, exist_ok=True)
    img.save(folder / "0001.png")
    atomic_write_json(folder / "0001.words.json", words)
    rel = f"pages/{doc_id}"
    return Page(number=1, text="\n".join(lines), source="ocr", width=width, height=height,
                image=f"{rel}/0001.png", words=f"{rel}/0001.words.json", confidence=61.0, needs_review=True)


def build(root: Path) -> dict[str, str]:
    """Write the records, then build graph and index; returns name → document id."""
    store = ArchiveStore(root).init()
    ids: dict[str, str] = {}

    ct20 = _record(store, "chi-thi-20.txt",
                   "Chỉ thị của Ban Bí thư về nghiên cứu, biên soạn, tuyên truyền, giáo dục lịch sử Đảng.",
                   DocumentMetadata(system="party", issuer="Ban Bí thư", level="central", doc_type="Chỉ thị",
                                    doc_type_code="CT", number="20", symbol="20-CT/TW", issuer_code="TW",
                                    date="2018-01-18", place="Hà Nội",
                                    title="Chỉ thị 20-CT/TW về công tác lịch sử Đảng",
                                    subject="Tiếp tục tăng cường nghiên cứu, biên soạn, tuyên truyền lịch sử Đảng"))
    ids["ct20"] = ct20.id

    tu = _record(store, "ke-hoach-tu.txt",
                 "Kế hoạch của Ban Thường vụ Thành ủy Hà Nội về sưu tầm tư liệu lịch sử Đảng bộ thành phố.",
                 DocumentMetadata(system="party", issuer="Thành ủy Hà Nội", level="province", province="Hà Nội",
                                  doc_type="Kế hoạch", doc_type_code="KH", number="55", symbol="55-KH/TU",
                                  date="2020-05-04", place="Hà Nội", title="Kế hoạch sưu tầm tư liệu lịch sử",
                                  subject="Sưu tầm tư liệu lịch sử Đảng bộ thành phố"))
    ids["tu"] = tu.id

    body_qu = ("Thực hiện Chỉ thị số 20-CT/TW ngày 18/01/2018 của Ban Bí thư và Kế hoạch số 999-KH/TU của "
               "Thành ủy, Ban Thường vụ Quận ủy Long Biên xây dựng kế hoạch tuyên truyền cuốn sách lịch sử "
               "Đảng bộ quận.")
    qu = _record(store, "ke-hoach-193.txt", body_qu,
                 DocumentMetadata(system="party", issuer="Quận ủy Long Biên", issuer_parent="Thành ủy Hà Nội",
                                  level="district", province="Hà Nội", doc_type="Kế hoạch", doc_type_code="KH",
                                  number="193", symbol="193-KH/QU", date="2023-11-03", place="Long Biên",
                                  title="Kế hoạch tuyên truyền cuốn sách lịch sử Đảng bộ quận Long Biên",
                                  subject="Tuyên truyền cuốn sách Lịch sử Đảng bộ quận Long Biên (2013-2023)"),
                 citations=[
                     Citation(text="Chỉ thị số 20-CT/TW ngày 18/01/2018 của Ban Bí thư", relation="implements",
                              doc_type="Chỉ thị", doc_type_code="CT", number="20", symbol="20-CT/TW",
                              symbol_key=symbol_key("20-CT/TW"), date="2018-01-18", issuer="Ban Bí thư", page=1),
                     Citation(text="Kế hoạch số 999-KH/TU của Thành ủy", relation="implements", doc_type="Kế hoạch",
                              doc_type_code="KH", number="999", symbol="999-KH/TU",
                              symbol_key=symbol_key("999-KH/TU"), issuer="Thành ủy", page=1),
                 ])
    ids["qu"] = qu.id

    scan = _record(store, "thong-bao-45.png", "", DocumentMetadata(
        system="party", issuer="Huyện ủy Thủy Nguyên", issuer_parent="Thành ủy Hải Phòng", level="district",
        province="Hải Phòng", doc_type="Thông báo", doc_type_code="TB", number="45", symbol="45-TB/HU",
        date="2022-08-09", place="Thủy Nguyên", title="Thông báo về phòng chống thiên tai",
        subject="Công tác phòng chống thiên tai và bảo vệ đê biển"), mime="image/png")
    scan.pages = [_scan_page(store, scan.id, [
        "THÔNG BÁO về công tác phòng chống thiên tai",
        "Các xã ven biển kiểm tra tuyến đê biển.",
        "Ban Chỉ huy phòng chống thiên tai huyện báo cáo hằng tuần.",
    ])]
    ids["scan"] = scan.id

    book_pages = [
        Page(number=1, text="LỊCH SỬ ĐẢNG BỘ XÃ AN LƯ (1930 - 2020)\nLời nói đầu", printed_number="5"),
        Page(number=2, text="Chương I. Vùng đất và con người An Lư. Truyền thống yêu nước.", printed_number="9"),
        Page(number=3, text="Chương II. Chi bộ đầu tiên được thành lập năm 1946 tại thôn Đông.", printed_number="31"),
    ]
    book = _record(store, "lich-su-an-lu.txt", "", DocumentMetadata(
        system="party", issuer="Đảng ủy xã An Lư", issuer_parent="Huyện ủy Thủy Nguyên", level="commune",
        province="Hải Phòng", doc_type="Sách", title="Lịch sử Đảng bộ xã An Lư (1930 - 2020)", date="2021",
        period=Period(start=1930, end=2020)), pages=book_pages, structure=[
        Heading(level=1, kind="loi_noi_dau", title="Lời nói đầu", page=1, printed_page="5"),
        Heading(level=1, kind="chuong", title="Chương I. Vùng đất và con người", page=2, printed_page="9"),
        Heading(level=1, kind="chuong", title="Chương II. Chi bộ đầu tiên", page=3, printed_page="31",
                period=Period(start=1946, end=1954)),
    ])
    ids["book"] = book.id

    internal = _record(store, "bao-cao-noi-bo.txt",
                       "Báo cáo nội bộ về công tác kiểm điểm chi bộ khóa sổ quý, chỉ lưu hành nội bộ.",
                       DocumentMetadata(system="party", issuer="Quận ủy Long Biên", level="district",
                                        province="Hà Nội", doc_type="Báo cáo", doc_type_code="BC", number="12",
                                        symbol="12-BC/QU", date="2023-05-05", title="Báo cáo kiểm điểm chi bộ",
                                        subject="Kiểm điểm chi bộ khóa sổ quý"), access="internal")
    ids["internal"] = internal.id

    for rec in (ct20, tu, qu, scan, book, internal):
        store.write_record(rec)

    from search_engine import open_backend
    from services.refresh import refresh_archive

    settings = Settings(archive=root)
    backend = open_backend(settings)
    try:
        refresh_archive(store, backend, list(ids.values()))
    finally:
        backend.close()
    (root / "handmade.json").write_text(json.dumps(ids), encoding="utf-8")
    return ids


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
