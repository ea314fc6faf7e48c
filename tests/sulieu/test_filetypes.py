"""One table of accepted file types: the upload check and ingest agree on every format in it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from ingest.components.file_sniffer import sniff_kind
from services.upload_check import sniff
from sulieu.errors import UnsupportedFormat
from sulieu.filetypes import REFUSED, binary_type

LIMITS = {"max_image_pixels": 50_000_000, "max_unpacked_bytes": 100 << 20}


def _image(fmt: str) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (230, 230, 230)).save(buf, fmt)
    return buf.getvalue()


@pytest.mark.parametrize("fmt,mime", [("JPEG", "image/jpeg"), ("PNG", "image/png"), ("TIFF", "image/tiff"),
                                      ("BMP", "image/bmp"), ("WEBP", "image/webp")])
def test_every_accepted_image_passes_both(tmp_path: Path, fmt: str, mime: str) -> None:
    data = _image(fmt)
    f = tmp_path / f"trang.{fmt.lower()}"
    f.write_bytes(data)
    assert sniff(f, **LIMITS) == mime
    assert sniff_kind(data[:65536], str(f), f.name) == ("image", mime)


@pytest.mark.parametrize("fmt", ["GIF"])
def test_a_refused_image_is_refused_by_both_with_one_reason(tmp_path: Path, fmt: str) -> None:
    data = _image(fmt)
    assert binary_type(data) is None
    f = tmp_path / "anh.gif"
    f.write_bytes(data)
    with pytest.raises(UnsupportedFormat) as at_door:
        sniff(f, **LIMITS)
    with pytest.raises(UnsupportedFormat) as at_ingest:
        sniff_kind(data, str(f), f.name)
    assert "GIF" in at_door.value.message and "GIF" in at_ingest.value.message
    assert at_door.value.message.lower().rstrip(".") in at_ingest.value.message.lower()


@pytest.mark.parametrize("magics,reason", REFUSED)
def test_every_refused_magic_is_refused_by_both(tmp_path: Path, magics: tuple[bytes, ...], reason: str) -> None:
    for magic in magics:
        data = magic + b"\x00" * 200
        f = tmp_path / "tep.bin"
        f.write_bytes(data)
        with pytest.raises(UnsupportedFormat) as at_door:
            sniff(f, **LIMITS)
        with pytest.raises(UnsupportedFormat) as at_ingest:
            sniff_kind(data, str(f), f.name)
        assert reason.lower() in at_door.value.message.lower() and reason in at_ingest.value.message


def _png_header(w: int, h: int) -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def test_one_pixel_limit_the_configured_one_not_pillows_default(tmp_path: Path) -> None:
    """Pillow warns at 89.5 M pixels; the documented limit (``max_image_pixels``) is what counts."""
    from ingest.ocr.images import check_pixels, open_image
    from sulieu.errors import TooLarge
    from sulieu.settings import Settings

    limit = Settings().max_image_pixels
    ok, big = tmp_path / "a4-1200dpi.png", tmp_path / "bom.png"
    ok.write_bytes(_png_header(10_000, 10_000))  # 100 M: above Pillow's default, below ours
    big.write_bytes(_png_header(14_000, 14_000))  # 196 M: above ours
    assert sniff(ok, max_image_pixels=limit, max_unpacked_bytes=1 << 30) == "image/png"
    check_pixels(open_image(str(ok), ok.name, limit), ok.name, limit)
    with pytest.raises(TooLarge):
        sniff(big, max_image_pixels=limit, max_unpacked_bytes=1 << 30)
    with pytest.raises(TooLarge):
        check_pixels(open_image(str(big), big.name, limit), big.name, limit)
