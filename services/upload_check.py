"""What an uploaded file really is, from its bytes (never its name or Content-Type header).

Rejects at the door what ingest would reject later (the accepted binary formats are one table,
``sulieu.filetypes``, shared with ingest), so a bad upload costs nothing:
unknown formats (415), images whose header announces more pixels than allowed and ZIP
containers that would inflate far beyond their size (decompression bombs, 413).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ingest.ocr.images import check_pixels, open_image
from sulieu.errors import CorruptFile, TooLarge, UnsupportedFormat
from sulieu.filetypes import ACCEPTED_TEXT, DOCX_MIME, binary_type, refused_reason

MAX_ZIP_RATIO = 100  # uncompressed / compressed
MAX_ZIP_MEMBERS = 10_000
MAX_FRAMES = 2000

def _looks_like_text(head: bytes) -> str | None:
    if b"\x00" in head:
        return None
    sample = head[:65536]
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start < len(sample) - 4:  # not just a multibyte character cut at the end of the sample
            try:
                from charset_normalizer import from_bytes

                best = from_bytes(sample).best()
            except Exception:  # noqa: BLE001 - detection is a best effort
                best = None
            if best is None:
                return None
            text = str(best)
        else:
            text = sample[: e.start].decode("utf-8")
    if not text.strip():
        return None
    printable = sum(1 for c in text if c.isprintable() or c in "\r\n\t")
    if printable / max(1, len(text)) < 0.95:
        return None
    low = text.lstrip().lower()
    if low.startswith(("<!doctype html", "<html")) or "<html" in low[:1024]:
        return "text/html"
    return "text/plain"


def _check_image(path: Path, mime: str, max_pixels: int) -> None:
    """The same pixel rule as ingest (``ingest.ocr.images``: our limit, not Pillow's default of 89.5 M),
    read from the header without decoding; each frame of a multi-page TIFF counts on its own."""
    try:
        img = open_image(str(path), path.name, max_pixels)
    except (UnsupportedFormat, CorruptFile) as e:  # its first bytes said image: the rest is damaged
        raise CorruptFile(f"Tệp ảnh {mime.split('/')[-1].upper()} bị hỏng hoặc không đọc được.") from e
    try:
        frames = getattr(img, "n_frames", 1)
        if frames > MAX_FRAMES:
            raise TooLarge(f"Ảnh có {frames} trang, vượt giới hạn {MAX_FRAMES} trang.")
        for i in range(frames):
            if frames > 1:
                img.seek(i)
            check_pixels(img, path.name, max_pixels, i if frames > 1 else None)
    except EOFError as e:
        raise CorruptFile("Tệp ảnh bị hỏng hoặc không đọc được.", detail=type(e).__name__) from e
    finally:
        img.close()


def _check_zip(path: Path, max_bytes: int) -> str:
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise CorruptFile("Tệp nén (ZIP/DOCX) bị hỏng.", detail=str(e)) from e
    if "word/document.xml" not in names:
        raise UnsupportedFormat("Tệp ZIP không phải tài liệu Word (.docx); hãy giải nén và tải lên từng tệp.")
    if len(infos) > MAX_ZIP_MEMBERS:
        raise TooLarge("Tệp DOCX chứa quá nhiều thành phần (nghi là bom giải nén).")
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > max_bytes or total / packed > MAX_ZIP_RATIO and total > 10 * 1024 * 1024:
        raise TooLarge(
            f"Tệp DOCX giải nén ra {total / 1e6:.0f} MB từ {packed / 1e6:.1f} MB (nghi là bom giải nén).",
        )
    return DOCX_MIME


def sniff(path: Path, *, max_image_pixels: int, max_unpacked_bytes: int) -> str:
    """The MIME type of a supported file, or ``UnsupportedFormat`` / ``TooLarge`` / ``CorruptFile``."""
    with open(path, "rb") as f:
        head = f.read(65536)
    if not head:
        raise UnsupportedFormat("Tệp rỗng (0 byte).")
    found = binary_type(head)
    if found is not None:
        kind, mime = found
        if kind == "zip":
            return _check_zip(path, max_unpacked_bytes)
        if kind == "image":
            _check_image(path, mime, max_image_pixels)
        return mime
    reason = refused_reason(head)
    if reason is not None:
        raise UnsupportedFormat(reason[0].upper() + reason[1:] + ".")
    text_kind = _looks_like_text(head)
    if text_kind:
        return text_kind
    raise UnsupportedFormat(f"Định dạng tệp không được hỗ trợ (nhận {ACCEPTED_TEXT}).")


def count_pages(path: Path) -> int:
    """Pages of a file as ingest will see them: a PDF's pages, an image's frames, else 1. Read from the
    structure only (a 50,000-page PDF of 7.9 MB is counted in milliseconds, never rendered)."""
    with open(path, "rb") as f:
        head = f.read(4096)
    found = binary_type(head)
    kind = found[0] if found else None
    if kind == "pdf":
        import pypdfium2 as pdfium

        try:
            pdf = pdfium.PdfDocument(str(path))
        except Exception:  # noqa: BLE001 - damaged: ingest tries its repairs and reports per file
            return 1
        try:
            return len(pdf)
        finally:
            pdf.close()
    if kind == "image":
        from PIL import Image

        with Image.open(path) as img:
            return int(getattr(img, "n_frames", 1))
    return 1
