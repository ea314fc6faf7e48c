"""Kinds by content, and every bad input the sniffer must turn into a Vietnamese error."""

from __future__ import annotations

import builtins
import hashlib
import io
import os
import zipfile
from pathlib import Path

import pytest

from ingest.components.file_sniffer import FileSniffer
from sulieu.errors import CorruptFile, EmptyDocument, InputError, NotFound, TooLarge, UnsupportedFormat
from tests.support.pdfs import make_directive_pdf


def _sniff(path: Path, name: str | None = None, **kw):
    return FileSniffer(**kw).run(str(path), original_name=name)


def test_pdf_with_vietnamese_name_and_spaces(tmp_path):
    path = make_directive_pdf(tmp_path / "Kế hoạch số 1.pdf")
    out = _sniff(path)
    assert list(out) == ["pdf"]
    src = out["pdf"]
    assert src.original_name == "Kế hoạch số 1.pdf"
    assert src.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert src.size == path.stat().st_size and src.mime == "application/pdf"


def test_kind_by_content_not_name(tmp_path):
    pdf = make_directive_pdf(tmp_path / "a.pdf")
    renamed = tmp_path / "ghi-chu.txt"
    renamed.write_bytes(pdf.read_bytes())
    assert "pdf" in _sniff(renamed)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "TIFF", "BMP", "WEBP"])
def test_images(tmp_path, fmt):
    from PIL import Image

    path = tmp_path / "scan.bin"
    Image.new("RGB", (40, 30), "white").save(path, format=fmt)
    src = _sniff(path)["image"]
    assert src.kind == "image" and src.mime.startswith("image/")


def test_docx_html_text(tmp_path, shared_dir):
    import docx

    d = docx.Document()
    d.add_paragraph("Kính gửi: các chi bộ")
    d.save(tmp_path / "cv.docx")
    assert "docx" in _sniff(tmp_path / "cv.docx")
    (tmp_path / "trang.htm").write_text("<!DOCTYPE html><html><body><p>Thông báo</p></body></html>", "utf-8")
    assert "html" in _sniff(tmp_path / "trang.htm")
    seed = shared_dir / "seeds" / "000_a06d1cac938332d1.txt"
    assert _sniff(seed)["text"].mime == "text/plain"


def test_empty_file(tmp_path):
    (tmp_path / "trong.pdf").write_bytes(b"")
    with pytest.raises(EmptyDocument) as e:
        _sniff(tmp_path / "trong.pdf")
    assert "trong.pdf" in e.value.message and "rỗng" in e.value.message


def test_zero_byte_docx(tmp_path):
    (tmp_path / "Công văn.docx").write_bytes(b"")
    with pytest.raises(CorruptFile) as e:
        _sniff(tmp_path / "Công văn.docx")
    assert "Công văn.docx" in e.value.message


def test_broken_docx(tmp_path):
    (tmp_path / "hong.docx").write_bytes(b"PK\x03\x04" + os.urandom(500))
    with pytest.raises(CorruptFile):
        _sniff(tmp_path / "hong.docx")


def test_zip_that_is_not_docx(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    (tmp_path / "bang.zip").write_bytes(buf.getvalue())
    with pytest.raises(UnsupportedFormat):
        _sniff(tmp_path / "bang.zip")


def test_binary_renamed_pdf(tmp_path):
    path = tmp_path / "tai-lieu.pdf"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(UnsupportedFormat) as e:
        _sniff(path)
    assert "tai-lieu.pdf" in e.value.message


def test_old_word_doc(tmp_path):
    path = tmp_path / "cu.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000)
    with pytest.raises(UnsupportedFormat) as e:
        _sniff(path)
    assert ".docx" in e.value.message


def test_missing_path(tmp_path):
    with pytest.raises(NotFound) as e:
        _sniff(tmp_path / "không có.pdf")
    assert "không có.pdf" in e.value.message


def test_directory(tmp_path):
    with pytest.raises(InputError):
        _sniff(tmp_path)


def test_too_large(tmp_path):
    path = tmp_path / "lon.txt"
    with open(path, "wb") as f:
        f.truncate(2 * 1024 * 1024)
    with pytest.raises(TooLarge) as e:
        _sniff(path, max_file_mb=1)
    assert "lon.txt" in e.value.message


def test_unreadable_file_injected(tmp_path, monkeypatch):
    """Root ignores chmod 000, so the permission fault is injected at open()."""
    path = make_directive_pdf(tmp_path / "mat.pdf")
    real_open = builtins.open

    def deny(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", deny)
    with pytest.raises(InputError) as e:
        _sniff(path)
    assert "quyền" in e.value.message and "mat.pdf" in e.value.message


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root đọc được mọi tệp")
def test_unreadable_file_chmod(tmp_path):
    path = make_directive_pdf(tmp_path / "mat.pdf")
    path.chmod(0)
    try:
        with pytest.raises(InputError):
            _sniff(path)
    finally:
        path.chmod(0o644)


def test_serialises():
    s = FileSniffer(max_file_mb=5)
    again = FileSniffer.from_dict(s.to_dict())
    assert again.max_file_mb == 5


def test_large_utf8_text_cut_mid_character(tmp_path):
    """The 64 KB sample may end inside a multi-byte letter; the file is still UTF-8 text."""
    line = "Quận ủy Kiến An quán triệt nghị quyết.\n".encode()
    data = b"a" * 65_535 + "ệ".encode() + line * 100  # "ệ" is 3 bytes: the sample ends after its first
    path = tmp_path / "dai.txt"
    path.write_bytes(data)
    src = FileSniffer().run(str(path))["text"]
    assert src.size == len(data)
    from ingest.components.text_converter import TextConverter

    doc = TextConverter().run(src)["document"]
    assert doc.extractors["encoding"] == "utf-8"
