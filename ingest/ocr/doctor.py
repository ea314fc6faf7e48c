"""Checks of the OCR installation for ``sulieu doctor``: Tesseract, its Vietnamese data, OSD."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.ocr.tesseract import INSTALL_HINT, installed_languages, tesseract_version
from sulieu.errors import OcrUnavailable


@dataclass
class DoctorCheck:
    name: str
    ok: bool
    message_vi: str
    fix_vi: str | None = None


def check_ocr(settings) -> list[DoctorCheck]:
    """Tesseract present, the languages of ``settings.ocr_lang`` installed, OSD available."""
    cmd, lang = settings.tesseract_cmd, settings.ocr_lang
    try:
        version = tesseract_version(cmd)
    except OcrUnavailable:
        return [DoctorCheck("Tesseract OCR", False,
                            f"Không tìm thấy chương trình Tesseract ({cmd}); không nhận dạng được ảnh quét.",
                            f"Cài đặt: {INSTALL_HINT} (hoặc đặt SULIEU_TESSERACT_CMD trỏ tới tesseract).")]
    except OSError as e:
        return [DoctorCheck("Tesseract OCR", False, f"Không chạy được Tesseract ({cmd}): {e}",
                            f"Cài đặt lại: {INSTALL_HINT}")]
    checks = [DoctorCheck("Tesseract OCR", True, f"Tesseract {version} ({cmd}).")]
    major = int(version.split(".")[0]) if version[:1].isdigit() else 0
    if major and major < 4:
        checks.append(DoctorCheck("Phiên bản Tesseract", False, f"Tesseract {version} quá cũ (cần 4 trở lên, mô hình LSTM).",
                                  f"Cập nhật: {INSTALL_HINT}"))
    have = installed_languages(cmd)
    missing = [p for p in lang.split("+") if p not in have]
    if missing:
        checks.append(DoctorCheck("Dữ liệu tiếng Việt cho OCR", False,
                                  f"Tesseract thiếu dữ liệu ngôn ngữ: {', '.join(missing)} (có: {', '.join(have) or 'không'}).",
                                  f"Cài đặt: {INSTALL_HINT}"))
    else:
        checks.append(DoctorCheck("Dữ liệu tiếng Việt cho OCR", True, f"Ngôn ngữ OCR: {lang}."))
    if "eng" in lang.split("+") and "vie" in lang.split("+"):
        checks.append(DoctorCheck("Ngôn ngữ OCR", False,
                                  "Dùng 'vie+eng' làm mất dấu ở tiêu đề viết hoa (ĐẢNG BỘ → DANG BO).",
                                  "Đặt SULIEU_OCR_LANG=vie."))
    if "osd" in have:
        checks.append(DoctorCheck("Nhận hướng trang (OSD)", True, "Có dữ liệu osd: trang quét ngang/ngược được xoay lại."))
    else:
        checks.append(DoctorCheck("Nhận hướng trang (OSD)", False,
                                  "Thiếu dữ liệu osd: trang quét ngang hoặc lộn ngược sẽ không được xoay lại.",
                                  "Cài đặt: sudo apt-get install tesseract-ocr-osd"))
    return checks
