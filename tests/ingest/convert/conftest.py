"""Fixtures for the conversion tests; the files themselves are made by ``tests.support.pdfs``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.pdfs import make_directive_pdf


@pytest.fixture
def directive_pdf(tmp_path: Path) -> Path:
    return make_directive_pdf(tmp_path / "ke-hoach.pdf")
