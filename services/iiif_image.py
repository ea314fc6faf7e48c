"""IIIF Image API 3.0 over the page images we already keep (``services.page_images``).

An image request ``{region}/{size}/{rotation}/{quality}.{format}`` is parsed into a typed request
first (every malformed or out-of-range part is an ``InputError`` naming the part, so the API answers
400 in its one error shape), then rendered with Pillow. Output sizes are capped (``MAX_WIDTH``,
``MAX_HEIGHT``, ``MAX_AREA``, also announced in ``info.json``) so no request can make the server
build a huge image. The compliance level announced is 1, with the extra features listed in
``EXTRA_FEATURES`` (what is parsed below, nothing more).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps

from sulieu.errors import InputError

MAX_WIDTH = 6000
MAX_HEIGHT = 6000
MAX_AREA = 24_000_000
TILE = 512
FORMATS = {"jpg": ("JPEG", "image/jpeg"), "png": ("PNG", "image/png"), "webp": ("WEBP", "image/webp")}
QUALITIES = ("default", "color", "gray", "bitonal")
EXTRA_FEATURES = ["regionByPct", "regionSquare", "sizeByPct", "sizeByConfinedWh", "sizeByWh", "sizeUpscaling",
                  "rotationBy90s", "mirroring", "cors", "jsonldMediaType", "profileLinkHeader", "baseUriRedirect"]
CONTEXT = "http://iiif.io/api/image/3/context.json"
PROFILE_LINK = '<http://iiif.io/api/image/3/level1.json>;rel="profile"'

_NUM = r"\d{1,9}(?:\.\d{1,9})?"  # bounded: a 400-digit number would overflow a float
_INT = r"\d{1,9}"
_PX_REGION = re.compile(rf"^({_INT}),({_INT}),({_INT}),({_INT})$")
_PCT_REGION = re.compile(rf"^pct:({_NUM}),({_NUM}),({_NUM}),({_NUM})$")
_SIZE = re.compile(r"^(\^)?(!)?(\d{0,9}),(\d{0,9})$")
_PCT_SIZE = re.compile(rf"^(\^)?pct:({_NUM})$")


@dataclass(frozen=True)
class ImageRequest:
    """A parsed request against one source image: crop box in source pixels, output size, turns."""

    box: tuple[int, int, int, int]  # left, top, right, bottom
    size: tuple[int, int]
    rotation: int  # 0, 90, 180, 270 clockwise
    mirror: bool
    quality: str
    format: str

    @property
    def media_type(self) -> str:
        return FORMATS[self.format][1]


def _bad(part: str, value: str, why: str) -> InputError:
    return InputError(f"Tham số IIIF {part} không hợp lệ: {why}.", detail=value[:100])


def parse_region(value: str, width: int, height: int) -> tuple[int, int, int, int]:
    """``full``, ``square``, ``x,y,w,h`` or ``pct:x,y,w,h``, clipped to the image (a region wholly
    outside it is an error)."""
    if value == "full":
        return 0, 0, width, height
    if value == "square":
        side = min(width, height)
        return (width - side) // 2, (height - side) // 2, (width - side) // 2 + side, (height - side) // 2 + side
    m = _PX_REGION.match(value)
    if m:
        x, y, w, h = (int(g) for g in m.groups())
    else:
        p = _PCT_REGION.match(value)
        if not p:
            raise _bad("region", value, "dùng full, square, x,y,w,h hoặc pct:x,y,w,h")
        px, py, pw, ph = (float(g) for g in p.groups())
        x, y = round(px * width / 100), round(py * height / 100)
        w, h = round(pw * width / 100), round(ph * height / 100)
    if w <= 0 or h <= 0:
        raise _bad("region", value, "chiều rộng và chiều cao phải lớn hơn 0")
    if x >= width or y >= height:
        raise _bad("region", value, f"vùng nằm ngoài ảnh ({width}x{height})")
    return x, y, min(x + w, width), min(y + h, height)


def _check_limits(value: str, w: int, h: int) -> tuple[int, int]:
    if w < 1 or h < 1:
        raise _bad("size", value, "kích thước kết quả nhỏ hơn 1 điểm ảnh")
    if w > MAX_WIDTH or h > MAX_HEIGHT or w * h > MAX_AREA:
        raise _bad("size", value, f"vượt giới hạn {MAX_WIDTH}x{MAX_HEIGHT} và {MAX_AREA:,} điểm ảnh")
    return w, h


def _max_size(rw: int, rh: int, upscale: bool) -> tuple[int, int]:
    """``max``: the region itself (or, with ``^``, as large as the limits allow), within the limits."""
    scale = min(MAX_WIDTH / rw, MAX_HEIGHT / rh, (MAX_AREA / (rw * rh)) ** 0.5)
    if not upscale:
        scale = min(scale, 1.0)
    return max(1, int(rw * scale)), max(1, int(rh * scale))


def parse_size(value: str, region_w: int, region_h: int) -> tuple[int, int]:
    """``max``, ``w,``, ``,h``, ``pct:n``, ``w,h``, ``!w,h``, each with an optional ``^`` (upscaling).
    Without ``^`` a size larger than the region is an error, as the specification says."""
    upscale = value.startswith("^")
    if value in ("max", "^max"):
        return _max_size(region_w, region_h, upscale)
    p = _PCT_SIZE.match(value)
    if p:
        pct = float(p.group(2))
        if pct <= 0 or (pct > 100 and not upscale):
            raise _bad("size", value, "phần trăm phải trong (0, 100], hoặc dùng ^ để phóng to")
        w, h = round(region_w * pct / 100), round(region_h * pct / 100)
    else:
        m = _SIZE.match(value)
        if not m or (not m.group(3) and not m.group(4)) or (m.group(2) and not (m.group(3) and m.group(4))):
            raise _bad("size", value, "dùng max, w,  ,h  pct:n  w,h  hoặc !w,h (thêm ^ để phóng to)")
        w = int(m.group(3)) if m.group(3) else 0
        h = int(m.group(4)) if m.group(4) else 0
        if m.group(2):  # !w,h: the largest size keeping the aspect ratio that fits
            scale = min(w / region_w, h / region_h)
            w, h = max(1, int(region_w * scale)), max(1, int(region_h * scale))
        elif not w:
            w = max(1, round(region_w * h / region_h))
        elif not h:
            h = max(1, round(region_h * w / region_w))
    if not upscale and (w > region_w or h > region_h):
        raise _bad("size", value, f"lớn hơn vùng ảnh ({region_w}x{region_h}); thêm ^ để phóng to")
    return _check_limits(value, w, h)


def parse_rotation(value: str) -> tuple[int, bool]:
    mirror = value.startswith("!")
    raw = value[1:] if mirror else value
    try:
        degrees = float(raw)
    except ValueError:
        raise _bad("rotation", value, "phải là số độ (0, 90, 180, 270), có thể thêm ! để lật gương") from None
    if degrees not in (0, 90, 180, 270, 360):
        raise _bad("rotation", value, "chỉ hỗ trợ 0, 90, 180 và 270 độ")
    return int(degrees) % 360, mirror


def parse_request(region: str, size: str, rotation: str, quality_format: str, width: int,
                  height: int) -> ImageRequest:
    """Every part checked in the order of the URL, so the first bad one is the one reported."""
    box = parse_region(region, width, height)
    out = parse_size(size, box[2] - box[0], box[3] - box[1])
    turns, mirror = parse_rotation(rotation)
    quality, dot, fmt = quality_format.rpartition(".")
    if not dot or quality not in QUALITIES:
        raise _bad("quality", quality_format, f"phải là một trong {', '.join(QUALITIES)}")
    if fmt not in FORMATS:
        raise _bad("format", quality_format, f"định dạng hỗ trợ: {', '.join(FORMATS)}")
    return ImageRequest(box=box, size=out, rotation=turns, mirror=mirror, quality=quality, format=fmt)


def source_size(path: Path) -> tuple[int, int]:
    """Pixel size of a source image, from its header only."""
    with Image.open(path) as img:
        return img.size


def render(path: Path, req: ImageRequest) -> bytes:
    """Crop, scale, mirror, rotate, convert and encode, in the order the specification gives."""
    with Image.open(path) as src:
        full_w, full_h = src.size
        if src.format == "JPEG":  # decode at a reduced scale when the output is much smaller
            rw, rh = req.box[2] - req.box[0], req.box[3] - req.box[1]
            src.draft(src.mode, (full_w * req.size[0] // rw, full_h * req.size[1] // rh))
        fx, fy = src.width / full_w, src.height / full_h
        box = (round(req.box[0] * fx), round(req.box[1] * fy), round(req.box[2] * fx), round(req.box[3] * fy))
        img = src.crop(box).resize(req.size, Image.Resampling.LANCZOS)
    if req.mirror:
        img = ImageOps.mirror(img)
    if req.rotation:
        img = img.rotate(-req.rotation, expand=True)
    img = _quality(img, req.quality, req.format)
    buf = io.BytesIO()
    kind = FORMATS[req.format][0]
    img.save(buf, format=kind, **({"quality": 85} if kind in ("JPEG", "WEBP") else {}))
    return buf.getvalue()


def _quality(img: Image.Image, quality: str, fmt: str) -> Image.Image:
    if quality == "gray":
        return img.convert("L")
    if quality == "bitonal":
        return img.convert("L").point(lambda v: 255 if v >= 128 else 0).convert("1" if fmt == "png" else "L")
    if quality == "color" or img.mode not in ("L", "RGB"):
        return img.convert("RGB")
    return img


def _sizes(width: int, height: int) -> list[dict[str, int]]:
    """Ready-made sizes (halvings down to about a thumbnail), smallest first, within the limits."""
    out = []
    w, h = width, height
    while True:
        if w <= MAX_WIDTH and h <= MAX_HEIGHT and w * h <= MAX_AREA:
            out.append({"width": w, "height": h})
        if w < 200 or h < 200:
            break
        w, h = (w + 1) // 2, (h + 1) // 2
    return out[::-1]


def info(service_id: str, width: int, height: int) -> dict[str, Any]:
    """The ``info.json`` of one page image."""
    factors = [1]
    while max(width, height) / (factors[-1] * 2) >= TILE / 2 and factors[-1] < 32:
        factors.append(factors[-1] * 2)
    return {
        "@context": CONTEXT,
        "id": service_id,
        "type": "ImageService3",
        "protocol": "http://iiif.io/api/image",
        "profile": "level1",
        "width": width,
        "height": height,
        "maxWidth": MAX_WIDTH,
        "maxHeight": MAX_HEIGHT,
        "maxArea": MAX_AREA,
        "sizes": _sizes(width, height),
        "tiles": [{"width": TILE, "height": TILE, "scaleFactors": factors}],
        "extraQualities": [q for q in QUALITIES if q != "default"],
        "extraFormats": [f for f in FORMATS if f != "jpg"],
        "extraFeatures": EXTRA_FEATURES,
    }


__all__ = ["ImageRequest", "parse_request", "parse_region", "parse_size", "parse_rotation", "render", "info",
           "source_size", "MAX_WIDTH", "MAX_HEIGHT", "MAX_AREA", "CONTEXT", "PROFILE_LINK"]
