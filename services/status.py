"""Is the machine ready to ingest? The OCR checks behind ``/health`` and ``sulieu doctor``."""

from __future__ import annotations

from ingest.ocr.doctor import check_ocr
from sulieu.settings import Settings

__all__ = ["ocr_checks"]


def ocr_checks(settings: Settings) -> list:
    """Tesseract present, its Vietnamese data installed, the PDF renderer working (``ingest.ocr.doctor``)."""
    return list(check_ocr(settings))
