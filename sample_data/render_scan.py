"""Scanned copies (JPEG, PNG, multi-page TIFF, image-only PDF) with the text drawn on them as ground truth.

Pages are drawn and aged by helper C's ``sample_data.scans`` (``render_pages`` + ``degrade``); only the
file writing lives here, so ground truth goes to a folder outside the ingested ones and every
file is byte-stable (fixed seeds, fixed PDF dates, no timestamps in the images).
"""

from __future__ import annotations

import io
import zlib
from datetime import UTC, datetime
from pathlib import Path

from PIL import Image

from sample_data.catalog import Prepared
from sample_data.render_text import plain_lines
from sample_data.scans import degrade, ground_truth, render_pages

SCAN_DPI = 300


def scan_text(p: Prepared) -> str:
    """The text given to ``render_pages``: header lines, title, body, distribution (no signature)."""
    lines: list[str] = []
    for ln in plain_lines(p, with_signature=False):
        if ln == "-----":
            continue
        lines.append(ln)
        if ln in p.title:  # each title line its own paragraph (BÁO CÁO, then the subject)
            lines.append("")
    return "\n".join(lines)


def _seed(key: str) -> int:
    return zlib.crc32(key.encode("utf-8"))


def scan_pages(p: Prepared) -> list[Image.Image]:
    # 11.5 pt keeps a long issuing-body line inside the left header column of render_pages.
    pages = render_pages(scan_text(p), dpi=SCAN_DPI, font_pt=11.5, signature=list(p.doc.signer))
    seed = _seed(p.doc.key)
    return [degrade(img, p.doc.scan_level, seed + i) for i, img in enumerate(pages)]  # type: ignore[arg-type]


def write_scan(p: Prepared, path: Path, truth_path: Path) -> int:
    """Write the scan in the document's format and its ground truth; return the page count."""
    pages = scan_pages(p)
    fmt = p.doc.fmt
    dpi = (SCAN_DPI, SCAN_DPI)
    if fmt == "jpeg":
        if len(pages) != 1:
            raise ValueError(f"{p.doc.key}: a JPEG scan must fit on one page, got {len(pages)}")
        pages[0].convert("RGB").save(path, "JPEG", quality=85, dpi=dpi)
    elif fmt == "png":
        if len(pages) != 1:
            raise ValueError(f"{p.doc.key}: a PNG scan must fit on one page, got {len(pages)}")
        pages[0].convert("L").save(path, "PNG", dpi=dpi, optimize=False)
    elif fmt == "tiff":
        # Bilevel CCITT G4, the classic archival scan format.
        bw = [pg.convert("L").point(lambda v: 255 if v > 150 else 0).convert("1") for pg in pages]
        bw[0].save(path, "TIFF", save_all=True, append_images=bw[1:], compression="group4", dpi=dpi)
    elif fmt == "scan-pdf":
        _image_pdf(pages, path, p)
    else:
        raise ValueError(f"not a scan format: {fmt}")
    truth_path.parent.mkdir(parents=True, exist_ok=True)
    truth_path.write_text("\f".join(ground_truth(pg) for pg in pages), encoding="utf-8")
    return len(pages)


def _image_pdf(pages: list[Image.Image], path: Path, p: Prepared) -> None:
    """An image-only PDF, one JPEG per page, as a scanner writes it (no text layer)."""
    from fpdf import FPDF

    y, m, d = p.doc.date
    pdf = FPDF(unit="pt")
    pdf.set_creation_date(datetime(y, m or 1, d or 1, 9, 30, tzinfo=UTC))
    pdf.set_creator("Scanner")
    for img in pages:
        w_pt, h_pt = img.width * 72 / SCAN_DPI, img.height * 72 / SCAN_DPI
        buf = io.BytesIO()
        img.convert("RGB").save(buf, "JPEG", quality=80)
        buf.seek(0)
        pdf.add_page(format=(w_pt, h_pt))
        pdf.image(buf, x=0, y=0, w=w_pt, h=h_pt)
    pdf.output(str(path))
