"""Render one PDF page to a Pillow image for OCR, within a pixel budget.

pdfium scales embedded images while decoding them (measured: a page holding a 32000x32000
(1 GB) image renders at 300 dpi in 4 s with 122 MB peak RSS), so the budget is on the output
bitmap: an oversized page (a poster, a map) is rendered at a lower dpi instead of failing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pypdfium2 as pdfium
from PIL import Image

from sulieu.errors import CorruptFile, EncryptedFile

# Beyond this many output pixels Tesseract's memory and time grow without helping accuracy
# (an A3 page at 300 dpi is 17 Mpx).
RENDER_BUDGET = 50_000_000


@dataclass
class RenderedPage:
    image: Image.Image
    dpi: float
    capped: bool


def render_page(path: str, index: int, *, dpi: int = 300, max_pixels: int = RENDER_BUDGET) -> RenderedPage:
    """Page ``index`` (0-based) of the PDF at ``path`` as a grey or RGB image."""
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as e:
        msg = str(e).lower()
        if "password" in msg:
            raise EncryptedFile("Tệp PDF có mật khẩu, không mở được để nhận dạng chữ.") from e
        raise CorruptFile(f"Tệp PDF bị hỏng, không dựng được trang {index + 1}: {e}") from e
    try:
        if index >= len(pdf):
            raise CorruptFile(f"Tệp PDF không có trang {index + 1}.")
        page = pdf[index]
        try:
            w_pt, h_pt = page.get_size()
            scale = dpi / 72.0
            capped = False
            if w_pt * h_pt * scale * scale > max_pixels:
                scale = math.sqrt(max_pixels / (w_pt * h_pt))
                capped = True
            bitmap = page.render(scale=scale, grayscale=False, may_draw_forms=True)
            try:
                img = bitmap.to_pil()
                img.load()
                img = img.copy()  # detach from pdfium's buffer before the bitmap is closed
            finally:
                bitmap.close()
        finally:
            page.close()
    except pdfium.PdfiumError as e:
        raise CorruptFile(f"Không dựng được trang {index + 1} của tệp PDF: {e}") from e
    finally:
        pdf.close()
    if img.mode not in ("L", "RGB"):
        img = img.convert("RGB")
    return RenderedPage(img, scale * 72.0, capped)
