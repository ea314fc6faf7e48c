"""PdfConverter on generated PDFs (header layout, legacy fonts, scans, bad input) and on real Công báo PDFs."""

from __future__ import annotations

import json
import re
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

import pytest

from ingest.components.file_sniffer import FileSniffer
from ingest.components.pdf_converter import PdfConverter
from ingest.legacy_encodings import encode_tcvn3, encode_vni, font_encoding
from ingest.types import SourceFile
from sulieu.errors import CorruptFile, EmptyDocument, EncryptedFile, UnsupportedFormat
from sulieu.text import normalize_text
from tests.support.pdfs import (
    BODY,
    make_blank_pdf,
    make_directive_pdf,
    make_image_pdf,
    make_legacy_font_pdf,
    make_text_pdf,
    make_zero_page_pdf,
)


def _source(path: Path, name: str | None = None) -> SourceFile:
    return SourceFile(path=str(path), original_name=name or path.name, sha256="0" * 64,
                      mime="application/pdf", size=path.stat().st_size, kind="pdf")


def _convert(path: Path, **kw):
    return PdfConverter(**kw).run(_source(path))["document"]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_two_column_header_reads_left_then_right(directive_pdf, engine):
    doc = _convert(directive_pdf, header_engine=engine)
    text = doc.pages[0].text
    order = ["ĐẢNG BỘ TP HẢI PHÒNG", "QUẬN ỦY KIẾN AN", "Số 193-KH/QU", "ĐẢNG CỘNG SẢN VIỆT NAM",
             "Kiến An, ngày 12 tháng 01 năm 2024", "KẾ HOẠCH", "Thực hiện Kế hoạch số 328-KH/TU"]
    positions = [text.find(s) for s in order]
    assert -1 not in positions, text
    assert positions == sorted(positions), text
    # Each header line stays whole: the columns were not interleaved row by row.
    lines = text.split("\n")
    assert "ĐẢNG BỘ TP HẢI PHÒNG" in lines and "Số 193-KH/QU" in lines
    assert doc.extractors["header_layout"] == engine


def test_header_layout_without_stored_word_boxes(directive_pdf):
    doc = _convert(directive_pdf, word_boxes=False)
    text = doc.pages[0].text
    assert text.index("Số 193-KH/QU") < text.index("ĐẢNG CỘNG SẢN VIỆT NAM")
    assert all(p.words is None for p in doc.pages)


def test_without_layout_pass_the_columns_interleave(directive_pdf):
    """The reason for the layout pass: pdfium alone reads the header row by row."""
    text = _convert(directive_pdf, header_engine="none").pages[0].text
    assert text.find("ĐẢNG CỘNG SẢN VIỆT NAM") < text.find("QUẬN ỦY KIẾN AN")


def test_pages_sizes_words_versions(directive_pdf):
    doc = _convert(directive_pdf)
    assert [p.number for p in doc.pages] == [1, 2]
    page = doc.pages[1]
    assert page.source == "text_layer" and not page.needs_ocr
    assert (page.width, page.height) == (595, 842)  # A4 in points
    assert "Trang 2." in page.text and BODY[:40] in normalize_text(page.text)
    words = {w.text for w in page.words}
    assert {"Thành", "ủy", "Đảng"} <= words
    for w in page.words:
        assert 0 <= w.x0 < w.x1 <= page.width and 0 <= w.y0 < w.y1 <= page.height
    first = next(w for w in page.words if w.text == "Thực")
    assert first.x0 < 40 and first.y0 < 40  # top-left origin, 10 mm margins
    for key in ("pdf_converter", "pypdfium2", "pdfplumber"):
        assert doc.extractors[key]


def test_legacy_tcvn3_text_layer(tmp_path):
    """A .VnTime document's text layer holds Latin-1 look-alikes; they come back as Unicode."""
    lines = [encode_tcvn3("quán triệt nghị quyết của ban chấp hành trung ương đảng"),
             encode_tcvn3("các chi bộ thực hiện nghiêm túc kế hoạch tuyên truyền")]
    doc = _convert(make_text_pdf(tmp_path / "vntime.pdf", lines))
    assert "quán triệt nghị quyết của ban chấp hành trung ương đảng" in doc.pages[0].text
    assert "các chi bộ thực hiện nghiêm túc kế hoạch tuyên truyền" in doc.pages[0].text
    assert doc.extractors["legacy_encoding"] == "tcvn3"
    assert "triệt" in {w.text for w in doc.pages[0].words}


def test_legacy_fonts_named_in_pdf(tmp_path):
    """Font names decide: .VnTimeH headings get their capitals back, VNI-Times decodes as VNI,
    and a Unicode line in another font on the same page is left alone."""
    lines = [
        ("serif", "© Văn phòng Trung ương Đảng"),
        ("sans", encode_tcvn3("kế hoạch tuyên truyền lịch sử đảng bộ")),
    ]
    doc = _convert(make_legacy_font_pdf(tmp_path / "vnh.pdf", lines, {"sans": ".VnTimeH"}))
    assert doc.pages[0].text.split("\n") == ["© Văn phòng Trung ương Đảng", "KẾ HOẠCH TUYÊN TRUYỀN LỊCH SỬ ĐẢNG BỘ"]
    assert {"HOẠCH", "ĐẢNG", "Văn"} <= {w.text for w in doc.pages[0].words}

    lines = [("sans", encode_vni("Cộng hòa xã hội chủ nghĩa Việt Nam")), ("serif", "Hà Nội, ngày 02 tháng 9")]
    doc = _convert(make_legacy_font_pdf(tmp_path / "vni.pdf", lines, {"sans": "VNI-Times"}))
    assert doc.pages[0].text.split("\n") == ["Cộng hòa xã hội chủ nghĩa Việt Nam", "Hà Nội, ngày 02 tháng 9"]
    assert doc.extractors["legacy_encoding"] == "vni"


@pytest.mark.parametrize(
    ("name", "expected"),
    [(".VnTime", ("tcvn3", False)), ("ABCDEF+.VnTimeH", ("tcvn3", True)), (".VnArialH,Bold", ("tcvn3", True)),
     (".VnTime-Bold", ("tcvn3", False)), ("VNI-Times", ("vni", False)), ("TimesNewRomanPSMT", (None, False)),
     ("ABCDEF+Arial-BoldMT", (None, False))],
)
def test_font_encoding_names(name, expected):
    assert font_encoding(name) == expected


def test_blank_page_needs_ocr(tmp_path):
    page = _convert(make_blank_pdf(tmp_path / "trang.pdf")).pages[0]
    assert page.needs_ocr and page.source == "text_layer" and page.note


def test_image_only_page_needs_ocr(tmp_path):
    page = _convert(make_image_pdf(tmp_path / "scan.pdf")).pages[0]
    assert page.needs_ocr and page.text == ""


def test_zero_page_pdf(tmp_path):
    with pytest.raises(EmptyDocument) as e:
        _convert(make_zero_page_pdf(tmp_path / "khong-trang.pdf"))
    assert "khong-trang.pdf" in e.value.message


def test_encrypted_pdf(tmp_path):
    path = make_directive_pdf(tmp_path / "Mật.pdf", encrypt=True)
    with pytest.raises(EncryptedFile) as e:
        _convert(path)
    assert "mật khẩu" in e.value.message and "Mật.pdf" in e.value.message


def test_permissions_only_encryption_still_converts(tmp_path):
    """Encrypted without a user password (copy/print restrictions): readable, nothing lost."""
    path = make_directive_pdf(tmp_path / "han-che.pdf", owner_only=True)
    assert b"/Encrypt" in path.read_bytes()
    doc = _convert(path)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in doc.pages[0].text and len(doc.pages) == 2


def test_truncated_pdf(tmp_path, directive_pdf):
    data = directive_pdf.read_bytes()
    for cut in (len(data) // 2, len(data) - 200, 600):
        path = tmp_path / f"cut{cut}.pdf"
        path.write_bytes(data[:cut])
        with pytest.raises(CorruptFile) as e:
            _convert(path)
        assert path.name in e.value.message


def test_garbage_after_header_is_corrupt(tmp_path):
    path = tmp_path / "gia.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n")
    with pytest.raises(CorruptFile):
        _convert(path)


def test_binary_renamed_pdf_never_reaches_converter(tmp_path):
    path = tmp_path / "anh.pdf"
    path.write_bytes(b"\x00\x01\x02garbage" * 100)
    with pytest.raises(UnsupportedFormat):
        FileSniffer().run(str(path))


def test_vietnamese_file_name_end_to_end(tmp_path):
    path = make_directive_pdf(tmp_path / "Kế hoạch số 1.pdf")
    src = FileSniffer().run(str(path))["pdf"]
    doc = PdfConverter().run(src)["document"]
    assert doc.source.original_name == "Kế hoạch số 1.pdf" and len(doc.pages) == 2


def test_serialises():
    c = PdfConverter(header_engine="pdfplumber", word_boxes=False, min_letters=5)
    again = PdfConverter.from_dict(c.to_dict())
    assert (again.header_engine, again.word_boxes, again.min_letters) == ("pdfplumber", False, 5)
    with pytest.raises(ValueError):
        PdfConverter(header_engine="ocr")


# --- real Công báo PDFs ----------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_]+")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalize_text(text).lower())


def _corpus(shared_dir: Path) -> list[dict]:
    root = shared_dir / "corpus" / "congbao_pdf"
    if not root.is_dir():
        pytest.skip("không có corpus/congbao_pdf")
    return [json.loads(line) for line in (root / "meta.jsonl").read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.integration
def test_congbao_text_matches_ground_truth(shared_dir):
    """Born-digital Công báo PDFs: our text vs the text layer shipped with them."""
    root = shared_dir / "corpus" / "congbao_pdf"
    checked = 0
    for meta in _corpus(shared_dir):
        if meta["set"] == "scanned_no_gt" or meta["text_layer_chars"] < 2000:
            continue  # scans, and thong-tu-19 whose body is an image
        doc = _convert(root / meta["pdf_file"])
        ours = _tokens(doc.text)
        truth = _tokens((root / meta["txt_file"]).read_text("utf-8"))
        common = sum((Counter(ours) & Counter(truth)).values())
        precision, recall = common / len(ours), common / len(truth)
        order = SequenceMatcher(None, ours, truth, autojunk=False).ratio()
        assert precision >= 0.99, (meta["slug"], precision)
        # Recall leaves room for the signature stamp ("Ký bởi: ... Thời gian ký"), which the
        # ground truth has from the signature annotation and the page content does not.
        assert recall >= 0.94, (meta["slug"], recall)
        assert order >= 0.95, (meta["slug"], order)
        assert not any(p.needs_ocr for p in doc.pages), meta["slug"]
        assert all(p.words for p in doc.pages)
        checked += 1
    assert checked == 14


@pytest.mark.integration
def test_congbao_scans_need_ocr(shared_dir):
    root = shared_dir / "corpus" / "congbao_pdf"
    metas = {m["slug"]: m for m in _corpus(shared_dir)}
    for slug in ("thong-tu-so-58-2021-tt-bqp-33814", "nghi-quyet-so-115-nq-cp-469452"):
        doc = _convert(root / metas[slug]["pdf_file"])
        assert doc.pages and all(p.needs_ocr for p in doc.pages), slug
        assert all(p.source == "text_layer" for p in doc.pages)
    # The image-bodied Thông tư 19/2026: its first page is mostly picture, so it gets OCR too.
    doc = _convert(root / metas["thong-tu-so-19-2026-tt-btc-469385"]["pdf_file"])
    assert doc.pages[0].needs_ocr


@pytest.mark.integration
def test_congbao_header_split(shared_dir):
    root = shared_dir / "corpus" / "congbao_pdf" / "pdf"
    doc = _convert(root / "thong-tu-so-34-2021-tt-bldtbxh-36490.pdf")
    text = doc.pages[0].text
    assert text.index("Số: 34/2021/TT-BLĐTBXH") < text.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert text.index("Độc lập - Tự do - Hạnh phúc") < text.index("Hà Nội, ngày 30 tháng 12 năm 2021")
    assert text.index("Hà Nội, ngày 30 tháng 12 năm 2021") < text.index("THÔNG TƯ")
    lines = _convert(root / "nghi-quyet-so-89-2025-ubtvqh15-45738.pdf").pages[0].text.split("\n")
    assert lines.index("Nghị quyết số: 89/2025/UBTVQH15") < lines.index("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    # A consolidated text without the two-column header keeps pdfium's body lines intact.
    doc = _convert(root / "van-ban-hop-nhat-so-469-vbhn-bldtbxh-44205.pdf")
    assert "header_layout" not in doc.extractors
    assert "Quỹ Đổi mới công nghệ quốc gia, có hiệu lực từ ngày" in doc.pages[0].text


def test_unreadable_and_vanished_files(tmp_path, directive_pdf, monkeypatch):
    """A file that disappears or becomes unreadable between sniffing and converting."""
    import builtins

    from ingest.components.text_converter import TextConverter
    from sulieu.errors import InputError, NotFound

    gone = tmp_path / "đã xoá.pdf"
    with pytest.raises(NotFound) as e:
        PdfConverter().run(SourceFile(str(gone), gone.name, "", "application/pdf", 1, "pdf"))
    assert "đã xoá.pdf" in e.value.message

    txt = tmp_path / "ghi chú.txt"
    txt.write_text("Thông báo", "utf-8")
    real_open = builtins.open

    def deny(file, *args, **kwargs):
        if str(file) in (str(directive_pdf), str(txt)):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", deny)
    monkeypatch.setattr("pathlib.Path.read_bytes", lambda self: deny(self).read())
    with pytest.raises(InputError) as e:
        _convert(directive_pdf)
    assert "quyền" in e.value.message
    with pytest.raises(InputError) as e:
        TextConverter().run(SourceFile(str(txt), txt.name, "", "text/plain", 9, "text"))
    assert "quyền" in e.value.message and "ghi chú.txt" in e.value.message
