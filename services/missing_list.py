"""The cited-but-missing list's filters and CSV: which system and level a missing document belongs to,
read from its symbol and the issuer as cited, so an archivist can ask for "Party documents of Hải Phòng
at district level" and take the list away as a spreadsheet."""

from __future__ import annotations

from collections.abc import Iterable

from services.schemas import MissingDocPublic
from sulieu.csv_export import write_csv
from sulieu.doctypes import is_local_issuer
from sulieu.issuers import name_level
from sulieu.symbols import parse_symbol
from sulieu.text import fold

_CENTRAL_CODES = {"qh", "cp", "ttg", "ubtvqh", "vpcp", "nhnn", "ktnn", "hvctqg"}
_SUFFIX_LEVEL = (("tw", "central"), ("tu", "province"), ("hu", "district"), ("qu", "district"), ("du", "commune"))
CSV_HEADER = ("Văn bản", "Loại văn bản", "Số, ký hiệu", "Ngày", "Cơ quan (như được dẫn)", "Hệ thống", "Cấp",
              "Tỉnh, thành phố", "Số văn bản dẫn chiếu", "Dẫn chiếu trong")


def classify(symbol: str | None, issuer: str | None) -> tuple[str | None, str | None]:
    """(system, level) of a cited document: the symbol's shape and issuer code first, then the issuer's name."""
    p = parse_symbol(symbol) if symbol else None
    system = p.system if p is not None else None
    code = fold(p.issuer_code or "").replace("đ", "d") if p is not None else ""
    level = next((lv for suffix, lv in _SUFFIX_LEVEL if code.endswith(suffix)), None)
    if code in _CENTRAL_CODES or (p is not None and p.system == "state" and p.year
                                  and not is_local_issuer(p.issuer_code)):
        level = "central"  # NĐ-CP, QH15, TT-BTC: a state symbol numbered by year, of a national body
    name = fold(issuer or "")
    if system is None and name:
        system = "state" if any(w in name for w in ("uy ban nhan dan", "chinh phu", "quoc hoi", "bo ")) else "party"
    if level is None and issuer:
        level = name_level(issuer.strip()) or ("central" if "trung uong" in name or "chinh phu" in name else None)
    return system, level


def filtered(rows: Iterable[MissingDocPublic], province: str | None = None, level: str | None = None,
             system: str | None = None) -> list[MissingDocPublic]:
    """Entries of one province (as cited or of the citing documents), level and system; None keeps all."""
    out = []
    for m in rows:
        if province and fold(m.province or "") != fold(province):
            continue
        if level and m.level != level:
            continue
        if system and m.system != system:
            continue
        out.append(m)
    return out


def csv_text(rows: Iterable[MissingDocPublic], base_url: str) -> str:
    lines = []
    for m in rows:
        citing = " | ".join(f"{base_url}/doc/{d.id}" for d in m.cited_by)
        lines.append([m.text, m.doc_type or "", m.symbol or "", m.date or "", m.issuer or "", m.system or "",
                      m.level or "", m.province or "", m.count, citing])
    return write_csv(CSV_HEADER, lines)
