"""Third-party test material fetched at test time into a cache outside git, never shipped.

* The IIIF Presentation 3 JSON schema (``schema/iiif_3_0.json`` of github.com/IIIF/presentation-validator,
  pinned to a commit and checked by sha256). That repository carries no licence (no LICENSE file, no
  licence in its package metadata, checked at commit fb5bd90 of 2026-06-18), so we may not
  redistribute it: it is downloaded where it is used, like any other test dependency.
* Mirador (npm package ``mirador``, Apache-2.0), fetched with npm itself (``npm pack``: only the
  package's own tarball, whose ``dist/mirador.min.js`` is a self-contained UMD bundle).

The cache is ``$SULIEU_TEST_CACHE`` or ``~/.cache/sulieu-tests``. Each helper calls ``pytest.skip``
with the reason when the material cannot be had (no network, no npm).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import urllib.request
from pathlib import Path
from typing import Any

import pytest

SCHEMA_COMMIT = "fb5bd9039494701dc7472cdcaffe83fb5a212463"
SCHEMA_URL = f"https://raw.githubusercontent.com/IIIF/presentation-validator/{SCHEMA_COMMIT}/schema/iiif_3_0.json"
SCHEMA_SHA256 = "14dd7ee8aee25d959be4b12feddb4179c726909fc85b925f6707f4ab3bfe2ad6"
MIRADOR_VERSION = "3.4.3"  # Mirador 3 speaks Content Search 1.0


def cache_dir() -> Path:
    d = Path(os.environ.get("SULIEU_TEST_CACHE", Path.home() / ".cache" / "sulieu-tests"))
    d.mkdir(parents=True, exist_ok=True)
    return d


def presentation3_schema() -> dict[str, Any]:
    target = cache_dir() / f"iiif_3_0-{SCHEMA_COMMIT[:12]}.json"
    if not target.exists():
        try:
            with urllib.request.urlopen(SCHEMA_URL, timeout=30) as r:  # noqa: S310 - fixed https URL
                data = r.read()
        except OSError as e:
            pytest.skip(f"không tải được lược đồ IIIF Presentation 3 từ {SCHEMA_URL}: {e}")
        if hashlib.sha256(data).hexdigest() != SCHEMA_SHA256:
            pytest.fail(f"lược đồ tải về từ {SCHEMA_URL} không đúng sha256 {SCHEMA_SHA256}")
        tmp = target.with_suffix(".part")
        tmp.write_bytes(data)
        tmp.replace(target)
    data = target.read_bytes()
    assert hashlib.sha256(data).hexdigest() == SCHEMA_SHA256, f"{target} bị sửa; xóa nó để tải lại"
    return json.loads(data)


def mirador_bundle() -> Path:
    """``dist/mirador.min.js`` of the pinned Mirador, fetched once with ``npm pack``."""
    folder = cache_dir() / f"mirador-{MIRADOR_VERSION}"
    bundle = folder / "package" / "dist" / "mirador.min.js"
    if bundle.exists():
        return bundle
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("không có npm để tải Mirador (cài nodejs và npm)")
    work = cache_dir() / f".mirador-{MIRADOR_VERSION}-{os.getpid()}"
    work.mkdir(parents=True, exist_ok=True)
    try:
        done = subprocess.run([npm, "pack", f"mirador@{MIRADOR_VERSION}", "--pack-destination", str(work)],
                              capture_output=True, text=True, timeout=600, cwd=work)
        tarballs = sorted(work.glob("mirador-*.tgz"))
        if done.returncode != 0 or not tarballs:
            pytest.skip(f"npm pack mirador@{MIRADOR_VERSION} thất bại: {(done.stderr or done.stdout)[-500:]}")
        with tarfile.open(tarballs[0]) as tf:
            tf.extractall(work / "x", filter="data")
        if not (work / "x" / "package" / "dist" / "mirador.min.js").exists():
            pytest.skip(f"gói mirador@{MIRADOR_VERSION} không có dist/mirador.min.js")
        if folder.exists():
            shutil.rmtree(folder)
        (work / "x").replace(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return bundle
