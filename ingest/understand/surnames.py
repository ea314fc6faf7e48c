"""Vietnamese family names, to put back the tone marks OCR gets wrong on a signer's surname.

Tesseract reads the bold "Đinh" of a signature block as "Đỉnh" and "Mai" as "Mái" (measured on
generated scans, ``bench/scan_fields.py``). Family names are a small closed set, so a first word
that is not one of them but has the letters of exactly one of them (diacritics aside) is that
name. A first word that is a family name itself is never changed.
"""

from __future__ import annotations

from functools import lru_cache

from sulieu.text import fold

SURNAMES = (
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đào Trịnh Mai Trương "
    "Lương Hà Tạ Đoàn Lưu Cao Chu Kiều Lâm Thái Tô Triệu Văn Vương Quách Lại Tăng Khúc Mạc Ninh Nông "
    "Hứa Phùng Âu Đàm Giang Hầu Kim La Lã Lục Mã Nghiêm Ông Quan Tống Từ Doãn Đồng Thân Châu Diệp "
    "Khổng Khương Cù Bế Lò Hoàng Tôn Thạch Đường Ứng Viên Bạch Bành Biện Cung Đậu Hàn Hồng Kha "
    "Lạc Lèo Lều Liêu Mẫn Mông Nhữ Phó Phí Quang Sầm Sơn Thiều Thịnh Trình Trác Uông Vi Xa Yên"
).split()


@lru_cache(maxsize=1)
def _by_fold() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for s in dict.fromkeys(SURNAMES):
        out.setdefault(fold(s), []).append(s)
    return out


def repaired_surname(name: str) -> str:
    """``Đỉnh Công Thắng`` → ``Đinh Công Thắng``; any other name unchanged."""
    first, _, rest = name.partition(" ")
    if not rest or first in SURNAMES:
        return name
    same = _by_fold().get(fold(first), [])
    return f"{same[0]} {rest}" if len(same) == 1 else name
