"""DOCX (python-docx): header as a borderless two-column table, justified body, closing table.

python-docx stamps the zip entries and core properties with the current time; both are reset
to the document's own date so the same document always gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from sample_data.catalog import Prepared


def _para(cell_or_doc, text: str, *, bold: bool = False, italic: bool = False, size: float = 13,
          align=WD_ALIGN_PARAGRAPH.CENTER, indent: float | None = None, after: float = 0):
    p = cell_or_doc.add_paragraph()
    p.alignment = align
    pf = p.paragraph_format
    pf.space_after = Pt(after)
    pf.space_before = Pt(0)
    if indent:
        pf.first_line_indent = Cm(indent)
    run = p.add_run(text)
    run.bold = bold
    run.italic = italic
    run.font.size = Pt(size)
    return p


def _first_para(cell, text: str, **kw):
    """Write into a table cell's initial empty paragraph instead of leaving it blank."""
    p = cell.paragraphs[0]
    p.alignment = kw.get("align", WD_ALIGN_PARAGRAPH.CENTER)
    run = p.add_run(text)
    run.bold = kw.get("bold", False)
    run.italic = kw.get("italic", False)
    run.font.size = Pt(kw.get("size", 13))
    return p


def _date(p: Prepared) -> datetime:
    y, m, d = p.doc.date
    return datetime(y, m or 1, d or 1, 8, 0, 0, tzinfo=UTC)


def build_docx(p: Prepared) -> bytes:
    d = p.doc
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin, sec.right_margin = Cm(3), Cm(1.5)
    sec.top_margin, sec.bottom_margin = Cm(2), Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)

    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    lc, rc = table.rows[0].cells
    lc.width, rc.width = Cm(7), Cm(9.5)
    body_lines = p.left[:-1]
    names = [x for x in body_lines if x != "*"]
    first = True
    for ln in body_lines:
        bold = ln != "*" and (ln == names[-1] or d.body.system == "state")
        if first:
            _first_para(lc, ln, bold=bold, size=12.5)
            first = False
        else:
            _para(lc, ln, bold=bold, size=12.5)
    _para(lc, p.left[-1], size=13)
    if p.left_note:
        _para(lc, p.left_note, italic=True, size=12)
    _first_para(rc, p.right[0], bold=True, size=12.5)
    for ln in p.right[1:]:
        _para(rc, ln, bold=True, size=13)
    _para(rc, "")
    _para(rc, p.date_line, italic=True, size=13)

    _para(doc, "", after=6)
    if p.title:
        _para(doc, p.title[0], bold=True, size=14)
        for ln in p.title[1:]:
            _para(doc, ln, bold=True, size=13)
        _para(doc, "-----", size=13, after=6)
    if p.recipients:
        _para(doc, "Kính gửi:", align=WD_ALIGN_PARAGRAPH.LEFT, indent=1.5)
        for r in p.recipients:
            _para(doc, r, align=WD_ALIGN_PARAGRAPH.LEFT, indent=3)
    for blk in p.blocks:
        if blk.startswith("## "):
            _para(doc, blk[3:], bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, indent=1, after=3)
        elif blk.startswith("### "):
            _para(doc, blk[4:], bold=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=1, after=3)
        elif blk.startswith("#c "):
            _para(doc, blk[3:], bold=True, after=3)
        else:
            _para(doc, blk, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=1, after=3)

    closing = doc.add_table(rows=1, cols=2)
    nc, sc = closing.rows[0].cells
    nc.width, sc.width = Cm(7.5), Cm(9)
    if d.distribution:
        _first_para(nc, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
        for ln in d.distribution:
            _para(nc, ln, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    sig = list(d.signer)
    if sig:
        _first_para(sc, sig[0], bold=True, size=13)
        for ln in sig[1:-1]:
            _para(sc, ln, bold=True, size=13)
        for _ in range(3):
            _para(sc, "")
        _para(sc, sig[-1], bold=True, size=13)

    when = _date(p).replace(tzinfo=None)
    cp = doc.core_properties
    cp.title = p.subject[:250]
    cp.author = d.body.name
    cp.last_modified_by = d.body.name
    cp.created = when
    cp.modified = when
    cp.last_printed = when
    cp.revision = 1
    cp.language = "vi-VN"
    buf = io.BytesIO()
    doc.save(buf)
    return _stable_zip(buf.getvalue(), when)


def _stable_zip(data: bytes, when: datetime) -> bytes:
    """Rewrite the zip with every entry dated ``when`` (python-docx uses the current time)."""
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=stamp)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, src.read(info.filename))
    return out.getvalue()


def write_docx(p: Prepared, path: Path) -> None:
    path.write_bytes(build_docx(p))
