"""A cache of rendered sample files, so the second and later runs copy bytes instead of rendering.

Rendering is deterministic, so a file is fully described by its document's content, the source
of the renderers (``scans.py`` among them) and the versions of the libraries that write it;
the fingerprint hashes all of these. Location: ``$SULIEU_SAMPLE_CACHE`` (empty or ``0``
disables it), else ``~/.cache/sulieu/sample``. Any problem with the cache just means a render.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from importlib import metadata
from pathlib import Path

CACHE_VERSION = "1"
_SOURCES = ("catalog.py", "spec.py", "render_pdf.py", "render_docx.py", "render_scan.py", "render_text.py", "scans.py")
_LIBS = ("fpdf2", "python-docx", "pillow", "numpy", "fonttools")


def cache_dir() -> Path | None:
    env = os.environ.get("SULIEU_SAMPLE_CACHE")
    if env is not None:
        return None if env in ("", "0") else Path(env)
    return Path.home() / ".cache" / "sulieu" / "sample"


@lru_cache(maxsize=1)
def _code_hash() -> str:
    h = hashlib.sha256(CACHE_VERSION.encode())
    here = Path(__file__).parent
    for name in _SOURCES:
        h.update((here / name).read_bytes())
    for lib in _LIBS:
        try:
            h.update(f"{lib}={metadata.version(lib)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib}=none".encode())
    for font in ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf"):
        f = Path("/usr/share/fonts/truetype/dejavu") / font
        if f.is_file():
            st = f.stat()
            h.update(f"{font}:{st.st_size}".encode())
    return h.hexdigest()


def fingerprint(content: str) -> str:
    return hashlib.sha256((_code_hash() + "\n" + content).encode("utf-8")).hexdigest()


def get(fp: str) -> tuple[bytes, dict] | None:
    root = cache_dir()
    if root is None:
        return None
    try:
        data = (root / f"{fp}.bin").read_bytes()
        meta = json.loads((root / f"{fp}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if hashlib.sha256(data).hexdigest() != meta.get("sha256"):
        return None
    return data, meta


def put(fp: str, data: bytes, meta: dict) -> None:
    root = cache_dir()
    if root is None:
        return
    meta = {**meta, "sha256": hashlib.sha256(data).hexdigest()}
    try:
        root.mkdir(parents=True, exist_ok=True)
        for suffix, payload in ((".bin", data), (".json", json.dumps(meta, ensure_ascii=False).encode("utf-8"))):
            fd, tmp = tempfile.mkstemp(dir=root, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                f.write(payload)
            os.replace(tmp, root / f"{fp}{suffix}")
    except OSError:
        return
