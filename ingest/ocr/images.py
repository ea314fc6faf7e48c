"""Opening user images safely: pixel limits before decoding, clear messages for damage."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image, UnidentifiedImageError

from sulieu.errors import CorruptFile, TooLarge, UnsupportedFormat

IMAGE_FORMATS = {"JPEG", "PNG", "TIFF", "BMP", "WEBP", "MPO", "GIF", "PPM", "JPEG2000"}


@contextmanager
def pixel_limit(max_pixels: int) -> Iterator[None]:
    """Pillow's bomb guard set to our limit (it raises at twice the limit, warns at once)."""
    old = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = max(1, max_pixels // 2) if max_pixels else None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            yield
    finally:
        Image.MAX_IMAGE_PIXELS = old


def open_image(path: str, name: str, max_pixels: int) -> Image.Image:
    """Open (header only) and check format and size; decoding happens later, page by page."""
    try:
        # Opening parses the header only; the pixel limit is checked by callers per frame
        # (``check_pixels``) with a message that gives the size, and enforced again on decode.
        with pixel_limit(0):
            img = Image.open(path)
    except UnidentifiedImageError as e:
        raise UnsupportedFormat(f"Tệp “{name}” không phải ảnh đọc được (JPEG, PNG, TIFF, BMP, WebP).",
                                detail=str(e)) from e
    except OSError as e:
        raise CorruptFile(f"Ảnh “{name}” bị hỏng, không mở được: {e}", detail=str(e)) from e
    if img.format not in IMAGE_FORMATS:
        fmt = img.format
        img.close()
        raise UnsupportedFormat(f"Định dạng ảnh {fmt} của “{name}” chưa được hỗ trợ.")
    return img


def check_pixels(img: Image.Image, name: str, max_pixels: int, frame: int | None = None) -> None:
    w, h = img.size
    if max_pixels and w * h > max_pixels:
        where = f" (trang {frame + 1})" if frame is not None else ""
        raise TooLarge(
            f"Ảnh “{name}”{where} có {w}×{h} = {w * h:,} điểm ảnh, vượt giới hạn {max_pixels:,}; "
            "hãy quét lại ở độ phân giải thấp hơn (300 dpi là đủ).",
        )


def load_frame(path: str, name: str, frame: int, max_pixels: int) -> Image.Image:
    """Decode one frame fully; truncated or damaged data becomes ``CorruptFile``."""
    img = open_image(path, name, max_pixels)
    try:
        if frame:
            try:
                img.seek(frame)
            except EOFError as e:
                raise CorruptFile(f"Ảnh “{name}” không có trang {frame + 1}.") from e
        check_pixels(img, name, max_pixels, frame if getattr(img, "n_frames", 1) > 1 else None)
        with pixel_limit(max_pixels):
            img.load()
        out = img.copy() if getattr(img, "n_frames", 1) > 1 else img
        out.info.setdefault("dpi", img.info.get("dpi"))
        return out
    except (OSError, SyntaxError, ValueError) as e:
        msg = str(e)
        if "truncated" in msg:
            raise CorruptFile(f"Ảnh “{name}” bị cắt cụt (tệp không đầy đủ), không đọc được trang này.",
                              detail=msg) from e
        raise CorruptFile(f"Ảnh “{name}” bị hỏng, không giải mã được: {msg}", detail=msg) from e
    except Image.DecompressionBombError as e:
        raise TooLarge(f"Ảnh “{name}” quá lớn (vượt giới hạn {max_pixels:,} điểm ảnh).", detail=str(e)) from e


def declared_dpi(img: Image.Image) -> float | None:
    dpi = img.info.get("dpi")
    if not dpi:
        return None
    try:
        x = float(dpi[0] if isinstance(dpi, tuple | list) else dpi)
    except (TypeError, ValueError):
        return None
    return x if x > 0 else None
