"""Test PDFs made on the fly: DejaVu text (Vietnamese glyphs), blank, image-only, zero-page, legacy fonts.

``make_directive_pdf`` is ``sample_data.directive_pdf``'s (benchmarks use it too); here every
builder skips the test when the DejaVu fonts are missing instead of failing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sample_data import directive_pdf
from sample_data.directive_pdf import BODY, DEJAVU

__all__ = [
    "BODY",
    "DEJAVU",
    "make_blank_pdf",
    "make_directive_pdf",
    "make_image_pdf",
    "make_legacy_font_pdf",
    "make_text_pdf",
    "make_zero_page_pdf",
]


def _need_fonts() -> None:
    if not directive_pdf.fonts_present():
        pytest.skip("thiếu phông DejaVu (fonts-dejavu-core)")


def _fpdf():
    _need_fonts()
    return directive_pdf.dejavu_fpdf()


def make_directive_pdf(path: Path, **kw) -> Path:
    """See ``sample_data.directive_pdf.make_directive_pdf`` (``pages``, ``header``, ``encrypt``, ``owner_only``)."""
    _need_fonts()
    return directive_pdf.make_directive_pdf(path, **kw)


def make_text_pdf(path: Path, lines: list[str]) -> Path:
    pdf = _fpdf()
    pdf.add_page()
    pdf.set_font("DejaVu", "", 12)
    for line in lines:
        pdf.cell(190, 7, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def make_blank_pdf(path: Path) -> Path:
    pdf = _fpdf()
    pdf.add_page()
    pdf.output(str(path))
    return path


def make_image_pdf(path: Path) -> Path:
    """A 'scan': the page is one picture of text, no text layer."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(DEJAVU / "DejaVuSans.ttf"), 36)
    for i, line in enumerate(["ĐẢNG CỘNG SẢN VIỆT NAM", "KẾ HOẠCH", "Tuyên truyền lịch sử Đảng bộ"]):
        draw.text((120, 150 + 80 * i), line, fill=0, font=font)
    pdf = _fpdf()
    pdf.add_page()
    pdf.image(img, x=0, y=0, w=210, h=297)
    pdf.output(str(path))
    return path


def make_zero_page_pdf(path: Path) -> Path:
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def make_legacy_font_pdf(path: Path, lines: list[tuple[str, str]], fonts: dict[str, str]) -> Path:
    """PDF whose text layer carries legacy codes, in fonts named like the old Vietnamese ones.

    ``lines``: (font, text) with font "sans" or "serif"; ``fonts`` renames a DejaVu font in the
    PDF to a legacy name (".VnTimeH", ".VnTime", "VNI-Times"), keeping every byte offset.
    """
    import re

    pdf = _fpdf()
    pdf.add_font("Serif", "", str(DEJAVU / "DejaVuSerif.ttf"))
    pdf.add_page()
    for font, text in lines:
        pdf.set_font("DejaVu" if font == "sans" else "Serif", "", 12)
        pdf.cell(190, 8, text, new_x="LMARGIN", new_y="NEXT")
    data = bytes(pdf.output())
    originals = {"sans": b"DejaVuSansBook", "serif": b"DejaVuSerifBook"}
    for font, new_name in fonts.items():
        old = originals[font]
        new = new_name.encode()

        def swap(m: re.Match, old: bytes = old, new: bytes = new) -> bytes:
            total = len(m.group(0))
            tag = (m.group(1) + b"A" * 40)[: total - len(new) - 1]
            assert len(tag) >= 1
            return tag + b"+" + new

        data = re.sub(rb"([A-Z]{6})\+" + old, swap, data)
    path.write_bytes(data)
    return path
