"""Vietnamese labels for codes the UI shows (levels, relations, access levels, fields).

Document type codes → names come from ``sulieu.doctypes``.
"""

from __future__ import annotations

from sulieu.level_names import PARTY_LEVELS
from sulieu.level_names import STATE_LEVELS as STATE_LEVELS
from sulieu.level_names import level_label as level_label

LEVELS = PARTY_LEVELS  # the issuer tree and facets name levels as the Party does

LEVEL_ORDER: tuple[str, ...] = ("central", "province", "district", "commune")

SYSTEMS: dict[str, str] = {"party": "Văn bản Đảng", "state": "Văn bản Nhà nước"}

ACCESS: dict[str, str] = {"public": "Công khai", "internal": "Nội bộ", "restricted": "Hạn chế"}

ROLES: dict[str, str] = {"reader": "Người đọc", "editor": "Biên tập viên", "admin": "Quản trị"}

RELATIONS: dict[str, str] = {
    "based_on": "Căn cứ",
    "implements": "Thực hiện",
    "reviews": "Sơ kết/Tổng kết",
    "amends": "Sửa đổi",
    "replaces": "Thay thế",
    "repeals": "Bãi bỏ",
    "per": "Theo",
    "mentions": "Nhắc đến",
}

PAGE_SOURCES: dict[str, str] = {"text": "Văn bản gốc", "text_layer": "Lớp chữ PDF", "ocr": "Nhận dạng (OCR)"}

SORTS: dict[str, str] = {"relevance": "Mức độ phù hợp", "date_desc": "Ngày ban hành (mới nhất)", "date_asc": "Ngày ban hành (cũ nhất)"}

FACETS: dict[str, str] = {
    "doc_type": "Loại văn bản",
    "issuer": "Cơ quan ban hành",
    "level": "Cấp",
    "province": "Tỉnh, thành phố",
    "place": "Địa danh",
    "year": "Năm",
}

FIELDS: dict[str, str] = {
    "system": "Hệ thống",
    "doc_type": "Loại văn bản",
    "doc_type_code": "Mã loại",
    "number": "Số",
    "symbol": "Số, ký hiệu",
    "issuer": "Cơ quan ban hành",
    "issuer_parent": "Cơ quan cấp trên",
    "issuer_code": "Mã cơ quan",
    "level": "Cấp",
    "province": "Tỉnh/Thành phố",
    "place": "Địa danh ban hành",
    "date": "Ngày ban hành",
    "title": "Tiêu đề",
    "subject": "Trích yếu",
    "recipients": "Nơi gửi (Kính gửi)",
    "distribution": "Nơi nhận",
    "signer": "Người ký",
    "marks": "Dự thảo, độ mật, độ khẩn",
    "period": "Giai đoạn",
    "places": "Địa danh được nhắc",
    "people": "Nhân vật được nhắc",
    "access": "Mức truy cập",
}

def type_name(code: str | None, system: str | None = None) -> str | None:
    """Vietnamese name of a document type code ('KH' → 'Kế hoạch'), from ``sulieu.doctypes``."""
    from sulieu.doctypes import type_name as _type_name

    return _type_name(code, system) or code


def label(table: dict[str, str], key: str | None) -> str:
    if key is None or key == "":
        return ""
    return table.get(str(key), str(key))
