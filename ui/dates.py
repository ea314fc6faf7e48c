"""Dates as Vietnamese readers write them (dd/mm/yyyy), partial dates as far as known."""

from __future__ import annotations


def format_date_vi(iso: str | None, *, long: bool = False) -> str:
    """'2024-01-12' → '12/01/2024' (or 'ngày 12 tháng 01 năm 2024' when ``long``)."""
    if not iso:
        return ""
    parts = iso.split("-")
    if len(parts) == 3:
        y, m, d = parts
        return f"ngày {d} tháng {m} năm {y}" if long else f"{d}/{m}/{y}"
    if len(parts) == 2:
        y, m = parts
        return f"tháng {m} năm {y}" if long else f"{m}/{y}"
    return f"năm {parts[0]}" if long else parts[0]
