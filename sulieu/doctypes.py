"""Document type codes and issuer codes → full Vietnamese names.

Party codes follow Hướng dẫn 36-HD/VPTW (2018); state codes follow Nghị định 30/2020/NĐ-CP,
Phụ lục III, plus the legal-document types (Luật, Nghị định, Thông tư ...). Look-ups go
through ``sulieu.text.fold`` so ``QĐ``/``QD`` and ``ĐA``/``DA`` match (where the fold is
unambiguous) and a dropped diacritic in OCR does not break them.
"""

from __future__ import annotations

from sulieu.text import fold

# Party document types (HD 36-HD/VPTW).
PARTY_TYPES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "QĐi": "Quy định",
    "QyĐ": "Quy định",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QC": "Quy chế",
    "HD": "Hướng dẫn",
    "TB": "Thông báo",
    "TT": "Thông tri",
    "BC": "Báo cáo",
    "KH": "Kế hoạch",
    "CTr": "Chương trình",
    "TTr": "Tờ trình",
    "ĐA": "Đề án",
    "PA": "Phương án",
    "CV": "Công văn",
    "BB": "Biên bản",
    "QĐ-NS": "Quyết định nhân sự",
    "TC": "Thư công",
    "GM": "Giấy mời",
}

# State document types (NĐ 30/2020 Phụ lục III) and legal normative documents.
STATE_TYPES: dict[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "GUQ": "Giấy ủy quyền",
    "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "NQLT": "Nghị quyết liên tịch",
    "L": "Luật",
    "PL": "Pháp lệnh",
    "VBHN": "Văn bản hợp nhất",
    "CV": "Công văn",
}

# Type names that appear as the header's type line but have no code of their own here.
EXTRA_TYPE_NAMES: tuple[str, ...] = ("Hiến pháp", "Lệnh", "Thông tri", "Điều lệ", "Chương trình hành động")


def _fold_code(code: str) -> str:
    return fold(code).replace(" ", "")


_PARTY_BY_FOLD = {_fold_code(k): v for k, v in PARTY_TYPES.items()}
_STATE_BY_FOLD = {_fold_code(k): v for k, v in STATE_TYPES.items()}
# "DA" is ambiguous after folding (ĐA Đề án vs DA Dự án): keep the exact spelling first.


def type_name(code: str | None, system: str | None = None) -> str | None:
    """Full type name of a code, e.g. ``KH`` → ``Kế hoạch``; Party codes win when system is unknown."""
    if not code:
        return None
    tables = (STATE_TYPES, PARTY_TYPES) if system == "state" else (PARTY_TYPES, STATE_TYPES)
    for table in tables:
        if code in table:
            return table[code]
    key = _fold_code(code)
    folded = (_STATE_BY_FOLD, _PARTY_BY_FOLD) if system == "state" else (_PARTY_BY_FOLD, _STATE_BY_FOLD)
    for table in folded:
        if key in table:
            return table[key]
    return None


_NAME_TO_CODE: dict[str, str] = {}
for _table in (STATE_TYPES, PARTY_TYPES):
    for _code, _name in _table.items():
        _NAME_TO_CODE.setdefault(fold(_name), _code)
_NAME_TO_CODE[fold("Quy định")] = "QĐi"
_NAME_TO_CODE[fold("Thông tri")] = "TT"


def type_code(name: str | None, system: str | None = None) -> str | None:
    """Code of a full type name: ``Kế hoạch`` → ``KH``; ``Quy định`` → ``QĐi`` (Party) or ``QyĐ`` (state)."""
    if not name:
        return None
    key = fold(name).strip()
    if key == fold("Quy định"):
        return "QyĐ" if system == "state" else "QĐi"
    if key == fold("Thông tư"):
        return "TT"
    if key == fold("Công văn") and system == "state":
        return None  # a state công văn carries no type part in its symbol (NĐ 30/2020)
    return _NAME_TO_CODE.get(key)


def all_type_names() -> list[str]:
    """Every known type name, longest first (so 'Thông tư liên tịch' is tried before 'Thông tư')."""
    names = set(PARTY_TYPES.values()) | set(STATE_TYPES.values()) | set(EXTRA_TYPE_NAMES)
    return sorted(names, key=lambda n: (-len(n), n))


def is_type_code(code: str) -> bool:
    key = _fold_code(code)
    return code in PARTY_TYPES or code in STATE_TYPES or key in _PARTY_BY_FOLD or key in _STATE_BY_FOLD


# Issuer codes (the part after the slash in Party symbols, after the dash in state ones).
# Local codes are not unique: every Thành ủy issues "...-KH/TU"; they need the province.
PARTY_ISSUERS: dict[str, str] = {
    "TW": "Ban Chấp hành Trung ương",
    "VPTW": "Văn phòng Trung ương Đảng",
    "BTCTW": "Ban Tổ chức Trung ương",
    "BTGTW": "Ban Tuyên giáo Trung ương",
    "BTGDVTW": "Ban Tuyên giáo và Dân vận Trung ương",
    "BDVTW": "Ban Dân vận Trung ương",
    "BKTTW": "Ban Kinh tế Trung ương",
    "BNCTW": "Ban Nội chính Trung ương",
    "BĐNTW": "Ban Đối ngoại Trung ương",
    "UBKTTW": "Ủy ban Kiểm tra Trung ương",
    "HVCTQG": "Học viện Chính trị quốc gia Hồ Chí Minh",
    "HĐLLTW": "Hội đồng Lý luận Trung ương",
    "ĐUQSTW": "Quân ủy Trung ương",
    "QUTW": "Quân ủy Trung ương",
    "ĐUCA": "Đảng ủy Công an Trung ương",
    "TU": "Tỉnh ủy/Thành ủy",
    "HU": "Huyện ủy",
    "QU": "Quận ủy",
    "TXU": "Thị xã ủy",
    "ĐU": "Đảng ủy",
    "BTGTU": "Ban Tuyên giáo Tỉnh ủy/Thành ủy",
    "BTCTU": "Ban Tổ chức Tỉnh ủy/Thành ủy",
    "BDVTU": "Ban Dân vận Tỉnh ủy/Thành ủy",
    "UBKTTU": "Ủy ban Kiểm tra Tỉnh ủy/Thành ủy",
    "VPTU": "Văn phòng Tỉnh ủy/Thành ủy",
    "BTGHU": "Ban Tuyên giáo Huyện ủy",
    "BTGQU": "Ban Tuyên giáo Quận ủy",
    "VPHU": "Văn phòng Huyện ủy",
    "VPQU": "Văn phòng Quận ủy",
}

STATE_ISSUERS: dict[str, str] = {
    "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "VPCP": "Văn phòng Chính phủ",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "NHNN": "Ngân hàng Nhà nước Việt Nam",
    "KTNN": "Kiểm toán nhà nước",
    "TANDTC": "Tòa án nhân dân tối cao",
    "VKSNDTC": "Viện kiểm sát nhân dân tối cao",
    "BCA": "Bộ Công an",
    "BQP": "Bộ Quốc phòng",
    "BTC": "Bộ Tài chính",
    "BNV": "Bộ Nội vụ",
    "BTP": "Bộ Tư pháp",
    "BNG": "Bộ Ngoại giao",
    "BCT": "Bộ Công Thương",
    "BXD": "Bộ Xây dựng",
    "BYT": "Bộ Y tế",
    "BGDĐT": "Bộ Giáo dục và Đào tạo",
    "BKHCN": "Bộ Khoa học và Công nghệ",
    "BVHTTDL": "Bộ Văn hóa, Thể thao và Du lịch",
    "BNNMT": "Bộ Nông nghiệp và Môi trường",
    "BNNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn",
    "BTNMT": "Bộ Tài nguyên và Môi trường",
    "BGTVT": "Bộ Giao thông vận tải",
    "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "BKHĐT": "Bộ Kế hoạch và Đầu tư",
    "BTTTT": "Bộ Thông tin và Truyền thông",
    "BDTTG": "Bộ Dân tộc và Tôn giáo",
    "UBDT": "Ủy ban Dân tộc",
    "TTCP": "Thanh tra Chính phủ",
}

_ISSUER_BY_FOLD = {_fold_code(k): v for t in (STATE_ISSUERS, PARTY_ISSUERS) for k, v in t.items()}

# Codes whose owner depends on the province (Thành ủy/Tỉnh ủy, Huyện ủy, UBND ...).
_LOCAL_SUFFIXES = ("tu", "hu", "qu", "txu", "du")
_LOCAL_PREFIXES = ("ubnd", "hdnd", "so", "btgtu", "btctu", "vptu", "ubkttu", "bdvtu")


def issuer_name(code: str | None) -> str | None:
    """Full name of an issuer code (``BTGTW`` → ``Ban Tuyên giáo Trung ương``), if known."""
    if not code:
        return None
    return PARTY_ISSUERS.get(code) or STATE_ISSUERS.get(code) or _ISSUER_BY_FOLD.get(_fold_code(code))


def issuer_names() -> list[str]:
    """Every listed body's full name (the local ones with their "Tỉnh ủy/Thành ủy" alternatives left out)."""
    return sorted({n for t in (PARTY_ISSUERS, STATE_ISSUERS) for n in t.values() if "/" not in n})


def is_local_issuer(code: str | None) -> bool:
    """True when the code names a body that exists once per province or district (TU, HU, UBND ...)."""
    if not code:
        return False
    key = _fold_code(code)
    if key.endswith("tw") or key in {"hvctqg", "qh", "cp", "ttg", "ubtvqh", "vpcp", "nhnn", "ktnn"}:
        return False
    if key.startswith(_LOCAL_PREFIXES):
        return True
    return key.endswith(_LOCAL_SUFFIXES) and len(key) <= 8
