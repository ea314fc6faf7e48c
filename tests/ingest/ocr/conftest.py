"""Small real scans for the OCR tests: our own Vietnamese text, rendered, optionally degraded."""

from __future__ import annotations

import hashlib
import zlib
from pathlib import Path

import pytest

from ingest.types import SourceFile

# Written for these tests (not taken from ../shared): a short directive with a two-column header.
SAMPLE = """ĐẢNG BỘ TỈNH HÀ NAM
HUYỆN ỦY KIM BẢNG
Số 45-TB/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Kim Bảng, ngày 15 tháng 3 năm 2024

THÔNG BÁO

Ban Thường vụ Huyện ủy đề nghị các chi bộ, đảng bộ trực thuộc tổ chức sưu tầm tư liệu, hiện vật về lịch sử Đảng bộ huyện giai đoạn 1930 - 1945; lập danh mục, ghi rõ nguồn gốc và nơi lưu giữ.

Các cơ quan, đơn vị gửi báo cáo kết quả về Văn phòng Huyện ủy trước ngày 30 tháng 6 năm 2024 để tổng hợp.
"""

BODY_ONLY = """Ủy ban nhân dân xã đã hoàn thành việc chỉnh lý hồ sơ lưu trữ năm 2023.
Đồng chí Bí thư Đảng ủy chỉ đạo tiếp tục số hóa tài liệu quý hiếm."""


def page_image(text: str = SAMPLE, *, paper=(210.0, 150.0), dpi: int = 300, **kw):
    """A short page (half A4 tall by default) so Tesseract takes well under a second."""
    from sample_data.scans import render_pages

    return render_pages(text, dpi=dpi, paper=paper, **kw)[0]


def source_for(path: Path, kind: str, mime: str) -> SourceFile:
    data = path.read_bytes()
    return SourceFile(path=str(path), original_name=path.name, sha256=hashlib.sha256(data).hexdigest(),
                      mime=mime, size=len(data), kind=kind)  # type: ignore[arg-type]


def bomb_png(path: Path, w: int = 20000, h: int = 20000) -> Path:
    """A PNG whose header claims w×h pixels with a tiny body: what a decompression bomb looks like."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + tag + data + zlib.crc32(tag + data).to_bytes(4, "big")

    ihdr = w.to_bytes(4, "big") + h.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    body = zlib.compress(b"\x00" + b"\xff" * w)  # one row; the rest would inflate on decode
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b""))
    return path


def huge_image_pdf(path: Path, px: int = 18000) -> Path:
    """An A4 PDF page holding one px×px RGB image (18000² × 3 bytes ≈ 0.97 GB decoded)."""
    co = zlib.compressobj(1)
    row = b"\xff" * (px * 3 * 64)
    parts = [co.compress(row) for _ in range(px // 64)]
    parts.append(co.compress(b"\xff" * (px * 3 * (px % 64))))
    parts.append(co.flush())
    data = b"".join(parts)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >>"
        b" /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8"
        b" /Filter /FlateDecode /Length %d >>\nstream\n" % (px, px, len(data)) + data + b"\nendstream",
    ]
    content = b"q 595 0 0 842 0 0 cm /Im0 Do Q"
    objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path


@pytest.fixture(scope="session")
def clean_page():
    return page_image()


@pytest.fixture
def staging(tmp_path: Path) -> Path:
    p = tmp_path / "archive" / "tmp"
    p.mkdir(parents=True)
    return p
