"""A small archive for API tests, written straight through ArchiveStore (no OCR, seconds to build).

Three access levels, each with a document whose text carries a word found nowhere else (so a
leak through any count, facet, snippet or export shows up), citations between them, a cited-
but-missing document, a deleted document, a PDF (rendered pages, text-layer word boxes) and a
scan image with stored word boxes.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from sulieu.model import Citation, DocumentMetadata, Page, Provenance, Record, Signer, WordBox
from sulieu.store import ArchiveStore, atomic_write_bytes, doc_id_for
from sulieu.symbols import symbol_key

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# The secret word of each access level: it must never reach a user below that level.
MARKERS = {"public": "congkhaixyz", "internal": "noiboxyz", "restricted": "tuyetmatxyz", "deleted": "daxoaxyz"}


def make_pdf(lines_per_page: list[list[str]]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=12)
    for lines in lines_per_page:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def make_scan(words: list[str]) -> tuple[bytes, list[WordBox], int, int]:
    w, h = 800, 400
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    boxes = []
    x, y = 40, 40
    for word in words:
        x1 = x + 12 * len(word) + 10
        draw.rectangle((x, y, x1, y + 24), outline=0)
        boxes.append(WordBox(text=word, x0=x, y0=y, x1=x1, y1=y + 24, conf=90.0))
        x = x1 + 12
        if x > w - 150:
            x, y = 40, y + 40
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue(), boxes, w, h


@dataclass
class Spec:
    key: str
    access: str
    doc_type: str
    code: str
    symbol: str
    date: str
    issuer: str
    kind: str  # pdf | scan | text
    text: list[str]
    citations: list[tuple[str, str, str]]  # (doc_type, symbol, date)
    deleted: bool = False


def _citation(doc_type: str, symbol: str, date: str, page: int = 1) -> Citation:
    d, m, y = date[8:10], date[5:7], date[:4]
    return Citation(text=f"{doc_type} số {symbol} ngày {d}/{m}/{y}", relation="implements", doc_type=doc_type,
                    symbol=symbol, symbol_key=symbol_key(symbol), number=symbol.split("-")[0], date=date,
                    page=page)


SPECS = [
    Spec("public", "public", "Kế hoạch", "KH", "193-KH/QU", "2023-11-03", "Quận ủy Long Biên", "pdf",
         [f"Đảng bộ quận Long Biên {MARKERS['public']}", "Thực hiện Chỉ thị số 12-CT/QU của Ban Thường vụ",
          "Căn cứ Nghị quyết số 5-NQ/QU", "sơ kết Chỉ thị số 20-CT/TW"],
         [("Chỉ thị", "12-CT/QU", "2023-05-10"), ("Nghị quyết", "5-NQ/QU", "2022-02-01"),
          ("Chỉ thị", "20-CT/TW", "2018-01-05")]),
    Spec("internal", "internal", "Chỉ thị", "CT", "12-CT/QU", "2023-05-10", "Quận ủy Long Biên", "scan",
         ["Đảng", "bộ", "chỉ", "thị", MARKERS["internal"], "lịch", "sử"],
         [("Kế hoạch", "193-KH/QU", "2023-11-03")]),
    Spec("restricted", "restricted", "Nghị quyết", "NQ", "5-NQ/QU", "2022-02-01", "Quận ủy Gia Lâm", "pdf",
         [f"Đảng bộ nghị quyết {MARKERS['restricted']}", "Thực hiện Kế hoạch số 193-KH/QU",
          "Căn cứ Quyết định số 77-QĐ/TU"],
         [("Kế hoạch", "193-KH/QU", "2023-11-03"), ("Quyết định", "77-QĐ/TU", "2021-03-03")]),
    Spec("deleted", "public", "Thông báo", "TB", "9-TB/QU", "2020-01-01", "Quận ủy Hoàn Kiếm", "text",
         [f"Đảng bộ thông báo {MARKERS['deleted']}"], [], deleted=True),
]


def build(root: Path, specs: list[Spec] | None = None) -> dict[str, str]:
    """Write the documents; returns spec key → document id."""
    store = ArchiveStore(root).init()
    ids: dict[str, str] = {}
    for s in specs or SPECS:
        if s.kind == "pdf":
            data = make_pdf([s.text])
            mime = "application/pdf"
        elif s.kind == "scan":
            data, boxes, w, h = make_scan(s.text)
            mime = "image/png"
        else:
            data = "\n".join(s.text).encode("utf-8")
            mime = "text/plain"
        sha = store.put_original_bytes(data)
        doc_id = doc_id_for(sha)
        ids[s.key] = doc_id
        text = "\n".join(s.text) if s.kind != "scan" else " ".join(s.text)
        page = Page(number=1, text=text, source="text_layer" if s.kind == "pdf" else ("ocr" if s.kind == "scan" else "text"))
        if s.kind == "scan":
            pdir = store.pages_dir(doc_id)
            atomic_write_bytes(pdir / "0001.png", data)
            atomic_write_bytes(pdir / "0001.words.json", json.dumps([b.model_dump() for b in boxes]).encode())
            page.image, page.words = f"pages/{doc_id}/0001.png", f"pages/{doc_id}/0001.words.json"
            page.width, page.height, page.confidence = w, h, 90.0
        md = DocumentMetadata(
            system="party", issuer=s.issuer, issuer_code="QU", level="district", province="Hà Nội", doc_type=s.doc_type,
            doc_type_code=s.code, number=s.symbol.split("-")[0], symbol=s.symbol, symbol_key=symbol_key(s.symbol),
            place="Hà Nội", date=s.date, title=f"{s.doc_type} {s.symbol} {MARKERS[s.key]}",
            subject=f"về việc {MARKERS[s.key]}", signer=Signer(authority="T/M", on_behalf_of="BAN THƯỜNG VỤ"),
        )
        rec = Record(id=doc_id, access=s.access, pages=[page], metadata=md,  # type: ignore[arg-type]
                     citations=[_citation(*c) for c in s.citations],
                     provenance=Provenance(original_name=f"{s.key}-{s.symbol.replace('/', '_')}.{s.kind}", mime=mime,
                                           size=len(data), sha256=sha))
        store.write_record(rec)
        if s.deleted:
            store.set_deleted(doc_id, True)
    return ids


def index(root: Path) -> None:
    """Citation graph and search index, through the same code path the app uses after a change."""
    from search_engine import open_backend
    from services.refresh import refresh_archive
    from sulieu.settings import Settings

    settings = Settings(archive=root)
    store = ArchiveStore(root)
    backend = open_backend(settings)
    try:
        refresh_archive(store, backend, list(store.iter_ids()))
    finally:
        backend.close()
