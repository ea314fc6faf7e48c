"""PDF with a text layer (fpdf2 + DejaVu): a directive on A4 with its two-column header, or a book excerpt on A5.

Deterministic: the creation date is the document's own date and fpdf2 derives the file ID from
the content and that date, so the same document always gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF

from sample_data.catalog import Prepared

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = "DejaVuSerif"


@dataclass
class PdfInfo:
    pages: int
    printed_pages: list[str | None]
    headings: list[dict] = field(default_factory=list)


class _Pdf(FPDF):
    def __init__(self, *, book_first_printed: int | None = None, fmt: str | tuple[float, float] = "A4") -> None:
        super().__init__(format=fmt, unit="mm")
        self.book_first_printed = book_first_printed
        for style, suffix in (("", ""), ("B", "-Bold"), ("I", "-Italic")):
            self.add_font(FONT, style, str(FONT_DIR / f"DejaVuSerif{suffix}.ttf"))
        self.printed: list[str | None] = []

    def printed_number(self, page: int) -> str | None:
        if self.book_first_printed is not None:
            return None if page == 1 else str(self.book_first_printed + page - 2)
        return None if page == 1 else str(page)

    def header(self) -> None:  # directives: page number at the top centre from page 2 (NĐ 30/2020)
        if self.book_first_printed is None and self.page_no() > 1:
            self.set_font(FONT, "", 11)
            self.set_xy(self.l_margin, 10)
            self.cell(self.epw, 5, str(self.page_no()), align="C")
            self.set_xy(self.l_margin, self.t_margin)

    def footer(self) -> None:  # books: printed page number at the bottom centre
        n = self.printed_number(self.page_no())
        if self.book_first_printed is not None and n is not None:
            self.set_y(-12)
            self.set_font(FONT, "", 10)
            self.cell(0, 5, n, align="C")


def _date(p: Prepared) -> datetime:
    y, m, d = p.doc.date
    return datetime(y, m or 1, d or 1, 8, 0, 0, tzinfo=UTC)


def _meta(pdf: FPDF, p: Prepared) -> None:
    pdf.set_creation_date(_date(p))
    pdf.set_title(p.subject)
    pdf.set_author(p.doc.body.name)
    pdf.set_creator("Sử liệu - bộ tài liệu mẫu")
    pdf.set_lang("vi")


def _lines_centered(pdf: FPDF, x: float, y: float, w: float, lines: list[tuple[str, str, float]], lh: float) -> float:
    for text, style, size in lines:
        pdf.set_font(FONT, style, size)
        pdf.set_xy(x, y)
        pdf.multi_cell(w, lh, text, align="C", new_x="LEFT", new_y="NEXT")
        y = pdf.get_y()
    return y


def write_directive_pdf(p: Prepared, path: Path) -> PdfInfo:
    pdf = _Pdf()
    pdf.set_margins(30, 20, 15)
    pdf.set_auto_page_break(True, margin=20)
    _meta(pdf, p)
    pdf.add_page()
    d = p.doc
    top = pdf.t_margin
    lx, lw = pdf.l_margin - 8, 82.0
    rx, rw = pdf.l_margin + 70.0, pdf.epw - 66.0

    # Left column: issuing body (last line bold), star or rule, number, V/v.
    left: list[tuple[str, str, float]] = []
    body_lines = p.left[:-1]
    for i, ln in enumerate(body_lines):
        if ln == "*":
            left.append((ln, "", 12))
        else:
            is_last_name = i == len([x for x in body_lines if x != "*"]) - 1
            left.append((ln, "B" if is_last_name or d.body.system == "state" else "", 11))
    yl = _lines_centered(pdf, lx, top, lw, left, 5.5)
    yl = _lines_centered(pdf, lx, yl + 1, lw, [(p.left[-1], "", 12)], 6)
    if p.left_note:
        yl = _lines_centered(pdf, lx, yl, lw, [(p.left_note, "I", 11)], 5.2)

    # Right column: Party or national title, a rule, the place and date.
    right: list[tuple[str, str, float]] = [(p.right[0], "B", 12 if d.body.system == "party" else 10)]
    right += [(x, "B", 11.5) for x in p.right[1:]]
    yr = _lines_centered(pdf, rx, top, rw, right, 5.5)
    pdf.set_line_width(0.3)
    pdf.line(rx + rw / 2 - 25, yr + 0.5, rx + rw / 2 + 25, yr + 0.5)
    yr = _lines_centered(pdf, rx, yr + 5, rw, [(p.date_line, "I", 12)], 6)

    pdf.set_y(max(yl, yr) + 6)
    if p.title:
        pdf.set_font(FONT, "B", 14)
        pdf.multi_cell(0, 7, p.title[0], align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "B", 12.5)
        for ln in p.title[1:]:
            pdf.multi_cell(0, 6.2, ln, align="C", new_x="LMARGIN", new_y="NEXT")
        y = pdf.get_y() + 3
        pdf.line(pdf.w / 2 + 7.5 - 12, y, pdf.w / 2 + 7.5 + 12, y)
        pdf.set_y(y + 5)
    if p.recipients:
        pdf.set_font(FONT, "", 12.5)
        y = pdf.get_y()
        pdf.set_xy(pdf.l_margin + 15, y)
        pdf.cell(25, 6.5, "Kính gửi:")
        for r in p.recipients:
            pdf.set_x(pdf.l_margin + 40)
            pdf.multi_cell(pdf.epw - 40, 6.5, r, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)

    for blk in p.blocks:
        if blk.startswith("## "):
            pdf.set_font(FONT, "B", 12.5)
            pdf.multi_cell(0, 6.5, blk[3:], align="L", new_x="LMARGIN", new_y="NEXT")
        elif blk.startswith("### "):
            pdf.set_font(FONT, "B", 12.5)
            pdf.multi_cell(0, 6.5, blk[4:], align="J", new_x="LMARGIN", new_y="NEXT")
        elif blk.startswith("#c "):
            pdf.set_font(FONT, "B", 13)
            pdf.multi_cell(0, 7, blk[3:], align="C", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font(FONT, "", 12.5)
            pdf.multi_cell(0, 6.5, blk, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.8)

    # Closing: "Nơi nhận" left, signature right, side by side.
    sig = list(d.signer)
    need = 10 + max(len(d.distribution) * 4.8 + 6, len(sig) * 6 + 26)
    if pdf.get_y() + need > pdf.h - pdf.b_margin:
        pdf.add_page()
    y0 = pdf.get_y() + 3
    pdf.set_xy(pdf.l_margin, y0)
    if d.distribution:
        pdf.set_font(FONT, "I", 11)
        pdf.cell(70, 5.5, "Nơi nhận:", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 10)
        for ln in d.distribution:
            pdf.set_x(pdf.l_margin)
            pdf.multi_cell(72, 4.8, ln, align="L", new_x="LMARGIN", new_y="NEXT")
    if sig:
        sx, sw = pdf.l_margin + 75, pdf.epw - 75
        y = _lines_centered(pdf, sx, y0, sw, [(x, "B", 12.5) for x in sig[:-1]], 6)
        _lines_centered(pdf, sx, y + 22, sw, [(sig[-1], "B", 12.5)], 6)
    pdf.output(str(path))
    return PdfInfo(pdf.pages_count, [pdf.printed_number(i) for i in range(1, pdf.pages_count + 1)])


def write_book_pdf(p: Prepared, path: Path) -> PdfInfo:
    book = p.doc.book
    assert book is not None
    pdf = _Pdf(book_first_printed=book.first_printed, fmt=(148, 210))
    pdf.set_margins(20, 18, 15)
    pdf.set_auto_page_break(True, margin=18)
    _meta(pdf, p)
    pdf.set_title(book.title)

    # Title page.
    pdf.add_page()
    pdf.set_y(30)
    for ln in book.front:
        if not ln:
            pdf.ln(7)
            continue
        big = ln in ("LỊCH SỬ", "(2005 - 2020)") or ln.startswith("ĐẢNG BỘ HUYỆN")
        pdf.set_font(FONT, "B" if big or ln.isupper() else "I", 18 if big else 11)
        pdf.multi_cell(0, 9 if big else 6, ln, align="C", new_x="LMARGIN", new_y="NEXT")

    headings: list[dict] = []
    prev = ""
    in_preface = False
    for blk in p.blocks:
        if blk.startswith("#preface "):
            in_preface = True
            pdf.add_page()
            pdf.set_font(FONT, "B", 14)
            pdf.ln(8)
            pdf.multi_cell(0, 8, blk[9:], align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
            headings.append(_heading(pdf, 1, "Lời nói đầu", blk[9:], None))
        elif blk.startswith("#part "):
            in_preface = False
            label, title = blk[6:].split("|", 1)
            pdf.add_page()
            pdf.ln(6)
            pdf.set_font(FONT, "B", 14)
            pdf.multi_cell(0, 8, label, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(FONT, "B", 12)
            pdf.multi_cell(0, 6.5, title, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(6)
            headings.append(_heading(pdf, 1, "Phần", title, label))
        elif blk.startswith("#chapter "):
            label, title = blk[9:].split("|", 1)
            if not prev.startswith("#part "):
                pdf.add_page()
                pdf.ln(4)
            pdf.set_font(FONT, "B", 13)
            pdf.multi_cell(0, 7, label, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(FONT, "B", 11.5)
            pdf.multi_cell(0, 6, title, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
            headings.append(_heading(pdf, 2, "Chương", title, label))
        elif blk.startswith("#section "):
            pdf.ln(1)
            pdf.set_font(FONT, "B", 11)
            pdf.multi_cell(0, 5.8, blk[9:], align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
            headings.append(_heading(pdf, 3, "Mục", blk[9:], None))
        elif in_preface and blk.isupper():
            pdf.ln(3)
            pdf.set_font(FONT, "B", 10.5)
            pdf.multi_cell(0, 5.8, blk, align="R", new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font(FONT, "", 11)
            pdf.multi_cell(0, 5.8, blk, align="J", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
        prev = blk
    pdf.output(str(path))
    return PdfInfo(pdf.pages_count, [pdf.printed_number(i) for i in range(1, pdf.pages_count + 1)], headings)


def _heading(pdf: _Pdf, level: int, kind: str, title: str, label: str | None) -> dict:
    page = pdf.page_no()
    return {"level": level, "kind": kind, "label": label, "title": title, "page": page,
            "printed_page": pdf.printed_number(page)}
