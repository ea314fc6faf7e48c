"""A level in its own system's words: a Party committee is "Tỉnh/Thành ủy", a people's committee of the same
rank "Cấp tỉnh". Core, because every export (UI tables, the collection CSV, the missing list) writes it."""

from __future__ import annotations

PARTY_LEVELS: dict[str, str] = {
    "central": "Trung ương",
    "province": "Tỉnh/Thành ủy",
    "district": "Huyện/Quận ủy",
    "commune": "Đảng ủy cơ sở",
}
STATE_LEVELS: dict[str, str] = {
    "central": "Trung ương",
    "province": "Cấp tỉnh",
    "district": "Cấp huyện",
    "commune": "Cấp xã",
}


def level_label(level: str | None, system: str | None) -> str:
    """The level's name for a document of ``system`` ("party", "state"); unknown levels as given, None as ""."""
    if not level:
        return ""
    return (STATE_LEVELS if system == "state" else PARTY_LEVELS).get(level, level)
