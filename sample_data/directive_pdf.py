"""Born-digital directive PDFs of any length: a Party plan with a two-column header, DejaVu fonts.

Material for the PDF converter tests (through ``tests.support.pdfs``) and for
``bench/pdf_throughput.py``'s generated inputs. Same input, same pages of text.
"""

from __future__ import annotations

from pathlib import Path

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")

HEADER_LEFT = ["ĐẢNG BỘ TP HẢI PHÒNG", "QUẬN ỦY KIẾN AN", "*", "Số 193-KH/QU"]
HEADER_RIGHT = ["ĐẢNG CỘNG SẢN VIỆT NAM", "", "", "Kiến An, ngày 12 tháng 01 năm 2024"]
BODY = (
    "Thực hiện Kế hoạch số 328-KH/TU ngày 12/01/2024 của Ban Thường vụ Thành ủy về việc tổ chức "
    "gặp mặt kỷ niệm 94 năm Ngày thành lập Đảng Cộng sản Việt Nam, Ban Thường vụ Quận ủy xây dựng "
    "kế hoạch tuyên truyền cuốn Lịch sử Đảng bộ thành phố Hải Phòng như sau."
)


def fonts_present() -> bool:
    return (DEJAVU / "DejaVuSans.ttf").exists()


def dejavu_fpdf():
    """An A4 ``FPDF`` (mm) with DejaVu Sans regular and bold as font ``DejaVu``."""
    from fpdf import FPDF

    if not fonts_present():
        raise FileNotFoundError(f"thiếu phông DejaVu (fonts-dejavu-core) trong {DEJAVU}")
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
    pdf = dejavu_fpdf()
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
