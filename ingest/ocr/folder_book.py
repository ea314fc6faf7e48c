"""A folder of page images named in order (scan_1.jpg … scan_10.jpg) ingested as one book.

The archive keeps originals as files, so the folder is bundled into one image-only PDF
(JPEG pages embedded byte for byte, others re-encoded losslessly) that becomes the book's
original; OCR reads the page images themselves, not the bundle.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.ocr.images import check_pixels, declared_dpi, open_image, pixel_limit
from ingest.ocr.preprocess import to_8bit
from sulieu.errors import SulieuError

if TYPE_CHECKING:
    from PIL import Image

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".bmp", ".webp"}
_NUM = re.compile(r"(\d+)")


def natural_key(name: str) -> list[object]:
    """``p2`` before ``p10``; case-insensitive; numbers compared as numbers."""
    return [int(part) if part.isdigit() else part.casefold() for part in _NUM.split(name)]


def book_from_folder(path: str | Path) -> list[Path]:
    """The page images directly inside ``path``, in natural order (hidden files skipped)."""
    folder = Path(path)
    files = [p for p in folder.iterdir()
             if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES and not p.name.startswith(".")]
    return sorted(files, key=lambda p: natural_key(p.name))


def is_folder_book(path: str | Path) -> bool:
    """A folder holding page images and nothing else worth ingesting on its own."""
    folder = Path(path)
    if not folder.is_dir():
        return False
    entries = [p for p in folder.iterdir() if not p.name.startswith(".")]
    images = [p for p in entries if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES]
    others = [p for p in entries if p.is_dir() or (p.is_file() and p.suffix.lower() not in IMAGE_SUFFIXES | {".txt"})]
    return len(images) >= 2 and not others


def bundle_pdf(images: list[Path], out: Path, max_pixels: int) -> list[str | None]:
    """Write the images as one PDF, a page per image at its own size and dpi.

    Returns, per image, None or a Vietnamese message when the image could not be added
    (the page is then a blank A4 placeholder so page numbers stay those of the folder).
    """
    from fpdf import FPDF

    pdf = FPDF(unit="pt")
    pdf.set_compression(True)
    problems: list[str | None] = []
    for p in images:
        try:
            with open_image(str(p), p.name, max_pixels) as img:
                check_pixels(img, p.name, max_pixels)
                w, h = img.size
                dpi = declared_dpi(img) or 0
                if dpi < 100:
                    dpi = max(72.0, min(w, h) / 7.0)
                if img.format == "JPEG" and img.mode in ("L", "RGB"):
                    src: str | Image.Image = str(p)  # embedded as-is, no re-encoding
                else:
                    with pixel_limit(max_pixels):
                        img.seek(0)
                        frame = to_8bit(img.copy())
                        frame.load()
                    src = frame
            w_pt, h_pt = w * 72 / dpi, h * 72 / dpi
            pdf.add_page(format=(w_pt, h_pt))
            pdf.image(src, x=0, y=0, w=w_pt, h=h_pt)
            problems.append(None)
        except SulieuError as e:
            pdf.add_page(format="A4")
            problems.append(f"{e.message} Giữ trang trống để đúng thứ tự.")
        except Exception as e:  # noqa: BLE001 - a bad page must not lose the book
            pdf.add_page(format="A4")
            problems.append(f"Ảnh “{p.name}” không đọc được ({e}); giữ trang trống để đúng thứ tự.")
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(out))
    return problems
