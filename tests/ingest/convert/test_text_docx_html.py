"""TextConverter (seeds, encodings, form feeds), DocxConverter, HtmlConverter, TextNormalizer."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from ingest.components.docx_converter import DocxConverter
from ingest.components.file_sniffer import FileSniffer
from ingest.components.html_converter import HtmlConverter
from ingest.components.text_converter import TextConverter
from ingest.components.text_normalizer import TextNormalizer
from ingest.legacy_encodings import encode_tcvn3, encode_vni
from ingest.types import ConvertedDoc, PageDraft, SourceFile
from sulieu.errors import CorruptFile, EmptyDocument, NotFound

TEXT = "Thực hiện Chỉ thị số 20-CT/TW của Ban Bí thư, Đảng ủy xã quán triệt đến từng chi bộ."


def _run(component, path: Path):
    src = FileSniffer().run(str(path))
    (source,) = src.values()
    return component.run(source)["document"]


# --- TextConverter ----------------------------------------------------------------------

def test_seed_markdown_reads_as_document(shared_dir):
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    assert len(seeds) == 5
    for seed in seeds:
        doc = _run(TextConverter(), seed)
        text = doc.text
        assert "**" not in text, seed.name
        assert doc.extractors["markdown"] == "stripped"
        raw_lines = [ln for ln in seed.read_text("utf-8").splitlines()
                     if ln.strip() and not set(ln.strip()) <= set("-_")]  # Markdown rules go
        out_lines = [ln for ln in text.splitlines() if ln.strip()]
        assert len(out_lines) == len(raw_lines)  # markup removed, no line lost
    doc = _run(TextConverter(), shared_dir / "seeds" / "000_a06d1cac938332d1.txt")
    lines = doc.text.splitlines()
    assert lines[:2] == ["ĐẢNG BỘ TP HẢI PHÒNG", "QUẬN ỦY KIẾN AN"]
    assert "*" in lines  # the star under the issuing body is part of the document
    assert "Kính gửi:" in lines
    assert "V/v tuyên truyền cuốn Lịch sử Đảng bộ" in lines
    assert "T/L BAN THƯỜNG VỤ" in lines and "- Như trên," in lines
    doc = _run(TextConverter(), shared_dir / "seeds" / "002_69fa169af773653b.txt")
    assert "website https://hphocbac.tuyengiaohaiphong.vn hoặc" in doc.text  # <autolink> unwrapped


@pytest.mark.parametrize(
    ("encoding", "data"),
    [
        ("utf-8", TEXT.encode("utf-8")),
        ("utf-8-sig", b"\xef\xbb\xbf" + TEXT.encode("utf-8")),
        ("utf-16", TEXT.encode("utf-16")),
        ("tcvn3", encode_tcvn3(TEXT.lower()).encode("latin-1")),
        ("vni", encode_vni(TEXT).encode("latin-1")),
    ],
)
def test_text_encodings(tmp_path, encoding, data):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(data)
    doc = _run(TextConverter(), path)
    expected = TEXT.lower() if encoding == "tcvn3" else TEXT
    assert doc.pages[0].text == expected
    assert doc.extractors["encoding"] == encoding


def test_cp1258_text(tmp_path):
    # "Quán triệt chỉ thị" in Windows-1258: base letters precomposed, tones as combining marks.
    data = "Qua".encode("cp1258") + b"\xec" + "n tri".encode("cp1258") + "ê".encode("cp1258") + b"\xf2t ch" + b"i\xd2 thi\xf2"
    path = tmp_path / "cp.txt"
    path.write_bytes(data * 5)
    doc = _run(TextConverter(), path)
    assert doc.pages[0].text.startswith("Quán triệt chỉ thị")
    assert unicodedata.is_normalized("NFC", doc.pages[0].text)
    assert doc.extractors["encoding"] == "cp1258"


def test_form_feed_pages(tmp_path):
    path = tmp_path / "ba-trang.txt"
    path.write_text("Trang một\fTrang hai\fTrang ba\f", "utf-8")
    doc = _run(TextConverter(), path)
    assert [p.text for p in doc.pages] == ["Trang một", "Trang hai", "Trang ba"]
    assert [p.number for p in doc.pages] == [1, 2, 3]


def test_whitespace_only_text(tmp_path):
    path = tmp_path / "trang.txt"
    path.write_text("  \n\n\t\n", "utf-8")
    with pytest.raises(EmptyDocument):
        _run(TextConverter(), path)


def test_text_file_vanished(tmp_path):
    src = SourceFile(path=str(tmp_path / "mất.txt"), original_name="mất.txt", sha256="", mime="text/plain",
                     size=1, kind="text")
    with pytest.raises(NotFound):
        TextConverter().run(src)


# --- DocxConverter ----------------------------------------------------------------------

def _directive_docx(path: Path) -> Path:
    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    table = d.add_table(rows=3, cols=2)
    cells = [("ĐẢNG BỘ HUYỆN KIẾN THỤY", "ĐẢNG CỘNG SẢN VIỆT NAM"), ("HUYỆN ỦY", ""),
             ("Số 12-TB/HU", "Kiến Thụy, ngày 05 tháng 3 năm 2023")]
    for row, (left, right) in zip(table.rows, cells, strict=True):
        row.cells[0].text = left
        row.cells[1].text = right
    d.add_paragraph("THÔNG BÁO")
    d.add_paragraph("Kết luận của Ban Thường vụ Huyện ủy về công tác biên soạn lịch sử Đảng bộ.")
    body = d.add_table(rows=2, cols=3)
    for r, values in enumerate([("TT", "Nội dung", "Thời gian"), ("1", "Sưu tầm tư liệu", "Quý II")]):
        for c, v in enumerate(values):
            body.cell(r, c).text = v
    p = d.add_paragraph("Hết trang một.")
    p.add_run().add_break(WD_BREAK.PAGE)
    d.add_paragraph("Nơi nhận: - Như trên, - Lưu VP.")
    d.save(path)
    return path


def test_docx_order_tables_and_pages(tmp_path):
    doc = _run(DocxConverter(), _directive_docx(tmp_path / "Thông báo 12.docx"))
    assert len(doc.pages) == 2
    first = doc.pages[0].text.split("\n")
    assert first[:5] == ["ĐẢNG BỘ HUYỆN KIẾN THỤY", "HUYỆN ỦY", "Số 12-TB/HU", "ĐẢNG CỘNG SẢN VIỆT NAM",
                         "Kiến Thụy, ngày 05 tháng 3 năm 2023"]
    assert first.index("THÔNG BÁO") < first.index("TT\tNội dung\tThời gian") < first.index("Hết trang một.")
    assert "1\tSưu tầm tư liệu\tQuý II" in first
    assert doc.pages[1].text == "Nơi nhận: - Như trên, - Lưu VP."
    assert doc.extractors["docx_converter"] == "1"


def test_docx_corrupt_inside(tmp_path):
    import zipfile

    path = tmp_path / "hong.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types")
        zf.writestr("word/document.xml", "<w:document")
    with pytest.raises(CorruptFile) as e:
        _run(DocxConverter(), path)
    assert "hong.docx" in e.value.message


def test_docx_without_text(tmp_path):
    import docx

    docx.Document().save(tmp_path / "trong.docx")
    with pytest.raises(EmptyDocument):
        _run(DocxConverter(), tmp_path / "trong.docx")


# --- HtmlConverter ----------------------------------------------------------------------

HTML = """<!DOCTYPE html><html><head><title>Thông báo</title><style>p{color:red}</style>
<script>var x = "không được hiện";</script></head><body>
<nav><a href="/">Trang chủ</a> | <a href="/vb">Văn bản</a></nav>
<h1>THÔNG BÁO</h1><p>Kết luận của <b>Ban Thường vụ</b> Tỉnh ủy<br>về công tác tuyên giáo.</p>
<div>Nơi nhận:<ul><li>Như trên,</li><li>Lưu VP.</li></ul></div>
<table><tr><td>1</td><td>Sưu tầm</td></tr></table><!-- ghi chú ẩn --></body></html>"""


def test_html_blocks_and_dropped_tags(tmp_path):
    path = tmp_path / "tb.html"
    path.write_text(HTML, "utf-8")
    doc = _run(HtmlConverter(), path)
    lines = doc.pages[0].text.split("\n")
    text = doc.pages[0].text
    assert "không được hiện" not in text and "color" not in text and "Trang chủ" not in text
    assert "ghi chú ẩn" not in text
    assert "THÔNG BÁO" in lines
    assert "Kết luận của Ban Thường vụ Tỉnh ủy" in lines and "về công tác tuyên giáo." in lines
    assert "Như trên," in lines and "Lưu VP." in lines and "1 Sưu tầm" in lines


def test_html_declared_charset(tmp_path):
    path = tmp_path / "cu.htm"
    # "Hà Nội" in Windows-1258: à precomposed, ộ as ô + combining dot below.
    path.write_bytes(b"<html><head><meta charset=windows-1258></head><body><p>H\xe0 N\xf4\xf2i</p></body></html>")
    doc = _run(HtmlConverter(), path)
    assert doc.pages[0].text == "Hà Nội"
    assert doc.extractors["encoding"] == "windows-1258"


def test_html_without_text(tmp_path):
    path = tmp_path / "rong.html"
    path.write_text("<html><body><script>1</script></body></html>", "utf-8")
    with pytest.raises(EmptyDocument):
        _run(HtmlConverter(), path)


# --- TextNormalizer ---------------------------------------------------------------------

def test_normalizer_pages():
    from sulieu.model import WordBox

    nfd = unicodedata.normalize("NFD", "Quận ủy   Kiến An")
    page = PageDraft(number=1, text=f"\u00d0ẢNG BỘ  TP\t HẢI PHÒNG\n{nfd}\n\n\n\nSố 193 -KH/QU  ",
                     words=[WordBox(text=unicodedata.normalize("NFD", "Ðảng"), x0=0, y0=0, x1=1, y1=1)])
    doc = ConvertedDoc(source=SourceFile("p", "p", "", "", 0, "text"), pages=[page])
    out = TextNormalizer().run(doc)["document"]
    assert out.pages[0].text == "ĐẢNG BỘ TP HẢI PHÒNG\nQuận ủy Kiến An\n\nSố 193 -KH/QU"
    assert out.pages[0].words[0].text == "Đảng"
    assert TextNormalizer.from_dict(TextNormalizer().to_dict()).normalize_words is True


@pytest.mark.parametrize("cls", [TextConverter, DocxConverter, HtmlConverter])
def test_serialise(cls):
    c = cls()
    assert cls.from_dict(c.to_dict()).to_dict() == c.to_dict()


# --- DOCX and HTML built at run time from real document text ---------------------------

def _seed_lines(shared_dir: Path) -> list[str]:
    doc = _run(TextConverter(), shared_dir / "seeds" / "002_69fa169af773653b.txt")
    return [ln for ln in doc.text.split("\n") if ln.strip()]


def test_docx_from_real_seed_text(tmp_path, shared_dir):
    import docx
    from docx.enum.text import WD_BREAK

    lines = _seed_lines(shared_dir)
    half = len(lines) // 2
    d = docx.Document()
    for i, line in enumerate(lines):
        p = d.add_paragraph(line)
        if i == half - 1:
            p.add_run().add_break(WD_BREAK.PAGE)
    d.save(tmp_path / "seed.docx")
    doc = _run(DocxConverter(), tmp_path / "seed.docx")
    assert len(doc.pages) == 2
    assert [ln for ln in doc.pages[0].text.split("\n") if ln.strip()] == lines[:half]
    assert [ln for ln in doc.pages[1].text.split("\n") if ln.strip()] == lines[half:]


def test_html_from_real_vbpl_text(tmp_path, shared_dir):
    import html as htmllib
    import json

    path = shared_dir / "corpus" / "vbpl_central_2025" / "documents.jsonl"
    if not path.exists():
        pytest.skip("không có vbpl_central_2025")
    with path.open(encoding="utf-8") as f:
        records = [json.loads(next(f)) for _ in range(3)]
    for rec in records:
        text = unicodedata.normalize("NFC", rec["text"])  # vbpl text mixes NFD; converters emit NFC
        lines = [" ".join(ln.split()) for ln in text.split("\n") if ln.strip()]
        body = "".join(f"<p>{htmllib.escape(ln)}</p>\n" for ln in lines)
        page = (f"<!DOCTYPE html><html><head><title>{htmllib.escape(rec['vbpl_title'])}</title>"
                "<script>track()</script></head><body><nav>Trang chủ | Văn bản</nav>"
                f"<main>{body}</main></body></html>")
        file = tmp_path / f"{rec['doc_id']}.html"
        file.write_text(page, "utf-8")
        doc = _run(HtmlConverter(), file)
        out = [ln for ln in doc.pages[0].text.split("\n") if ln.strip()]
        assert out[0] == " ".join(rec["vbpl_title"].split())
        assert out[1:] == lines


def test_docx_legacy_fonts(tmp_path):
    """Runs in .VnTime/.VnTimeH/VNI-Times decode by font; a Unicode run beside them stays."""
    import docx

    d = docx.Document()
    d.styles["Normal"].font.name = ".VnTime"
    p = d.add_paragraph()
    p.add_run(encode_tcvn3("kế hoạch")).font.name = ".VnTimeH"
    p.add_run(" ")
    p.add_run("Số 193-KH/QU").font.name = "Times New Roman"
    d.add_paragraph(encode_tcvn3("quán triệt nghị quyết của trung ương"))  # Normal style: .VnTime
    d.add_paragraph().add_run(encode_vni("Cộng hòa xã hội chủ nghĩa Việt Nam")).font.name = "VNI-Times"
    d.add_paragraph("Đã gõ Unicode bằng phông .VnTime")  # Word draws it with a substitute font
    d.save(tmp_path / "cu.docx")
    doc = _run(DocxConverter(), tmp_path / "cu.docx")
    assert doc.pages[0].text.split("\n") == [
        "KẾ HOẠCH Số 193-KH/QU",
        "quán triệt nghị quyết của trung ương",
        "Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Đã gõ Unicode bằng phông .VnTime",
    ]
    assert doc.extractors["legacy_encoding"] == "tcvn3"
