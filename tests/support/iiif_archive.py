"""A scanned book for the IIIF tests: three page images with word boxes and a detected structure.

Written straight through ``ArchiveStore`` beside the documents of ``archive_builder`` (a public PDF,
an internal scan, a restricted PDF, a deleted text), so every access rule can be checked on IIIF
answers too. The word ``đê`` is on pages 1 and 3 only; ``biển`` follows it on page 3 (a phrase).
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from sulieu.model import DocumentMetadata, Heading, Page, Provenance, Record, WordBox
from sulieu.store import ArchiveStore, atomic_write_bytes, doc_id_for
from tests.support.archive_builder import FONT

PAGE_SIZE = (1000, 1400)
PAPER = (255, 244, 214)  # a cream no viewer background has (the Mirador test finds the page by it)
PAGES = [
    ["LỊCH", "SỬ", "ĐẢNG", "BỘ", "XÃ", "VEN", "BIỂN", "Chương", "I", "đê", "làng", "xưa"],
    ["Chương", "II", "kháng", "chiến", "giữ", "làng"],
    ["Mục", "1", "tu", "bổ", "đê", "biển", "sau", "bão", "năm", "2005"],
]
HEADINGS = [Heading(level=1, kind="CHƯƠNG", title="Chương I: Làng ven biển", page=1),
            Heading(level=1, kind="CHƯƠNG", title="Chương II: Kháng chiến", page=2),
            Heading(level=2, kind="Mục", title="Mục 1: Tu bổ đê biển", page=3)]


def render_page(words: list[str]) -> tuple[bytes, list[WordBox]]:
    """A page image with each word drawn in black inside its box (so a viewer shows real text)."""
    w, h = PAGE_SIZE
    img = Image.new("RGB", (w, h), PAPER)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), 36)
    boxes = []
    x, y = 80, 120
    for word in words:
        left, top, right, bottom = draw.textbbox((x, y), word, font=font)
        if right > w - 80:
            x, y = 80, y + 90
            left, top, right, bottom = draw.textbbox((x, y), word, font=font)
        draw.text((x, y), word, fill=(0, 0, 0), font=font)
        boxes.append(WordBox(text=word, x0=left - 4, y0=top - 4, x1=right + 4, y1=bottom + 4, conf=93.0))
        x = right + 28
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=90)
    return buf.getvalue(), boxes


def build_book(root: Path) -> str:
    """Write the book into the archive at ``root``; returns its id (index it afterwards)."""
    store = ArchiveStore(root).init()
    rendered = [render_page(words) for words in PAGES]
    original = b"".join(data for data, _ in rendered)  # stands in for the bundled original
    sha = store.put_original_bytes(original)
    doc_id = doc_id_for(sha)
    pages = []
    for n, ((data, boxes), words) in enumerate(zip(rendered, PAGES, strict=True), start=1):
        pdir = store.pages_dir(doc_id)
        atomic_write_bytes(pdir / f"{n:04d}.jpg", data)
        atomic_write_bytes(pdir / f"{n:04d}.words.json", json.dumps([b.model_dump() for b in boxes]).encode())
        pages.append(Page(number=n, text=" ".join(words), source="ocr", width=PAGE_SIZE[0], height=PAGE_SIZE[1],
                          image=f"pages/{doc_id}/{n:04d}.jpg", words=f"pages/{doc_id}/{n:04d}.words.json",
                          confidence=93.0, printed_number=str(n + 4)))
    md = DocumentMetadata(system="party", issuer="Đảng ủy xã Lập Lễ", level="commune", province="Hải Phòng",
                          title="Lịch sử Đảng bộ xã ven biển", date="2015", place="Lập Lễ")
    store.write_record(Record(id=doc_id, access="public", pages=pages, metadata=md, structure=HEADINGS,
                              provenance=Provenance(original_name="lich-su-dang-bo.jpg", mime="image/jpeg",
                                                    size=len(original), sha256=sha)))
    return doc_id


def word_boxes(root: Path, doc_id: str, page: int) -> list[WordBox]:
    raw = json.loads((root / "pages" / doc_id / f"{page:04d}.words.json").read_text(encoding="utf-8"))
    return [WordBox.model_validate(w) for w in raw]
