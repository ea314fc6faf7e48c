"""Test files made on the fly: PDFs with DejaVu (Vietnamese glyphs), DOCX, broken files."""

from __future__ import annotations

from pathlib import Path

import pytest

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")

HEADER_LEFT = ["ĐẢNG BỘ TP HẢI PHÒNG", "QUẬN ỦY KIẾN AN", "*", "Số 193-KH/QU"]
HEADER_RIGHT = ["ĐẢNG CỘNG SẢN VIỆT NAM", "", "", "Kiến An, ngày 12 tháng 01 năm 2024"]
BODY = (
    "Thực hiện Kế hoạch số 328-KH/TU ngày 12/01/2024 của Ban Thường vụ Thành ủy về việc tổ chức "
    "gặp mặt kỷ niệm 94 năm Ngày thành lập Đảng Cộng sản Việt Nam, Ban Thường vụ Quận ủy xây dựng "
    "kế hoạch tuyên truyền cuốn Lịch sử Đảng bộ thành phố Hải Phòng như sau."
)


def _fpdf():
    from fpdf import FPDF

    if not (DEJAVU / "DejaVuSans.ttf").exists():
        pytest.skip("thiếu phông DejaVu (fonts-dejavu-core)")
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font("DejaVu", "", str(DEJAVU / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(DEJAVU / "DejaVuSans-Bold.ttf"))
    return pdf


def make_directive_pdf(path: Path, *, pages: int = 2, header: bool = True, encrypt: bool = False,
                       owner_only: bool = False) -> Path:
    """A Party plan: two-column header on page 1, body paragraphs, ``pages`` pages.

    ``encrypt``: opening needs a password; ``owner_only``: encrypted with permissions only
    (opens without a password, like many official PDFs that forbid copying).
    """
    pdf = _fpdf()
    if encrypt:
        pdf.set_encryption(owner_password="chu-so-huu", user_password="mat-khau")
    elif owner_only:
        pdf.set_encryption(owner_password="chu-so-huu")
    for n in range(pages):
        pdf.add_page()
        if n == 0 and header:
            pdf.set_font("DejaVu", "B", 11)
            y = 15.0
            for left, right in zip(HEADER_LEFT, HEADER_RIGHT, strict=True):
                pdf.set_xy(12, y)
                pdf.cell(80, 6, left, align="C")
                if right:
                    pdf.set_xy(100, y)
                    pdf.cell(100, 6, right, align="C")
                y += 7
            pdf.set_xy(10, y + 6)
            pdf.set_font("DejaVu", "B", 14)
            pdf.cell(190, 8, "KẾ HOẠCH", align="C")
            pdf.set_xy(10, y + 16)
        pdf.set_font("DejaVu", "", 12)
        pdf.multi_cell(190, 7, f"{BODY} Trang {n + 1}.")
    pdf.output(str(path))
    return path


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


@pytest.fixture
def directive_pdf(tmp_path: Path) -> Path:
    return make_directive_pdf(tmp_path / "ke-hoach.pdf")


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
