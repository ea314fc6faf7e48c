"""Document numbers and symbols ("số, ký hiệu").

``symbol_key`` is the canonical key used everywhere a symbol is compared or indexed:
insensitive to case, Đ/D, diacritics, separators, leading zeros and a leading "Số".
``328-KH/TU``, ``328/KH-TU`` and ``số 328 kh tu`` share one key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from sulieu.doctypes import is_type_code
from sulieu.text import fold, normalize_text

if TYPE_CHECKING:
    from sulieu.model import System

_PREFIX = re.compile(r"^\s*so\s*(hieu)?\s*[:.]?\s*")
_SEPARATORS = re.compile(r"[\s\-/–—.:_,]+")


def symbol_key(symbol: str) -> str:
    s = fold(normalize_text(symbol)).strip()
    s = _PREFIX.sub("", s)
    parts = []
    for part in _SEPARATORS.split(s):
        if not part:
            continue
        if part.isdigit():
            part = part.lstrip("0") or "0"
        parts.append(part)
    return "-".join(parts)


# --- parsing ------------------------------------------------------------------------------
# Party: NUMBER-TYPE/ISSUER[/suffix]   (193-KH/QU, 5053-CV/VPTW/nb, 2517-HVCTQG written short)
# State: NUMBER[/YEAR]/TYPE-ISSUER     (249/2025/NĐ-CP, 101/2025/TT-BCA, 107/2025/QH15)
#        NUMBER/ISSUER-UNIT            (1161/UBND-VX: a công văn has no type part)
_DASHES = re.compile(r"[–—‐‑−]")
_SPACED_SEPARATOR = re.compile(r"\s*([-/])\s*")
_LEADING_SO = re.compile(r"^\s*(?:s[ốoô0]\s*(?:hi[ệe]u)?|luật\s+số|lu[aâậ]t\s+s[ốo])\s*[:.]?\s*", re.IGNORECASE)
_NUMBER_PART = re.compile(r"^(?P<num>[0-9]{1,6}(?:\.[0-9]{1,3})?)?(?P<rest>[-/].*)?$")
# Cyrillic letters that look Latin (found in real site data: "TT-BTС" with a Cyrillic Es).
_LOOKALIKES = str.maketrans("АВСЕНІКМОРТХасеорхуі", "ABCEHIKMOPTXaceopxyi")
_YEAR = re.compile(r"^(19|20)\d\d$")
# OCR confusions inside a letter segment: a zero between or after letters is an O.
_ZERO_AS_O = re.compile(r"(?<=[A-Za-zĐđ])0|0(?=[A-Za-zĐđ])")


@dataclass(frozen=True)
class ParsedSymbol:
    """A "số, ký hiệu" split into its parts; every part may be missing (``Số: /UBND-VX``)."""

    raw: str
    normalized: str
    key: str
    number: str | None = None
    year: int | None = None
    type_code: str | None = None
    issuer_code: str | None = None
    unit: str | None = None
    suffix: str | None = None
    system: System | None = None  # "party" (NUMBER-TYPE/ISSUER) or "state" (NUMBER/…/TYPE-ISSUER)

    @property
    def number_int(self) -> int | None:
        return int(self.number) if self.number and self.number.isdigit() else None  # "66.15" has none


def normalize_symbol(symbol: str) -> str:
    """``Số 193 -KH/QU`` → ``193-KH/QU``: no "Số", unified dashes, no spaces around separators."""
    s = normalize_text(symbol).strip().strip(".,;:")
    s = _LEADING_SO.sub("", s)
    s = _DASHES.sub("-", s).translate(_LOOKALIKES)
    s = _SPACED_SEPARATOR.sub(r"\1", s)
    s = re.sub(r"\s+", "", s)
    # Fix O/0 confusions only in letter segments (never in the number or the year).
    segments = re.split(r"([-/])", s)
    fixed = []
    for seg in segments:
        if seg and not seg.isdigit() and any(c.isalpha() for c in seg):
            seg = _ZERO_AS_O.sub("O", seg)
        fixed.append(seg)
    return "".join(fixed)


_CODE = re.compile(r"^[A-ZĐ][A-Za-zĐđ0-9&.]*$")


def plausible_codes(parsed: ParsedSymbol) -> bool:
    """Type and issuer codes are capitalised Latin letters (Đ too): "Ngày" in a gazette's running header
    "271/Ngày 12-05-2026", or "Phòng" in "Dự án 1 – Phòng …", is a word, not a code."""
    return all(_CODE.match(code) for code in (parsed.type_code, parsed.issuer_code) if code)


@lru_cache(maxsize=65536)
def parse_symbol(symbol: str) -> ParsedSymbol | None:
    """Split a symbol into number, year, type, issuer; None when it has no letter part at all."""
    if not symbol or not symbol.strip():
        return None
    norm = normalize_symbol(symbol)
    m = _NUMBER_PART.match(norm)
    if not m or not m.group("rest"):
        return None
    number = m.group("num")
    rest = m.group("rest")
    if not any(c.isalpha() for c in rest):
        return None
    year = type_code = issuer = unit = suffix = None
    system: System
    if rest.startswith("-"):
        system = "party"
        parts = [p for p in rest[1:].split("/") if p]
        if len(parts) == 1:
            # "2517-HVCTQG": the type part left out; "20-CT" alone keeps its type.
            if is_type_code(parts[0]):
                type_code = parts[0]
            else:
                issuer = parts[0]
        elif parts:
            type_code, issuer = parts[0], parts[1]
            suffix = "/".join(parts[2:]) or None
    else:
        system = "state"
        parts = [p for p in rest[1:].split("/") if p]
        if parts and _YEAR.match(parts[0]):
            year = int(parts.pop(0))
        if parts:
            pieces = [p for p in parts[0].split("-") if p]
            if len(pieces) >= 2 and is_type_code(pieces[0]):
                type_code, issuer = pieces[0], "-".join(pieces[1:])
            elif pieces:
                issuer = pieces[0]
                unit = "-".join(pieces[1:]) or None
            suffix = "/".join(parts[1:]) or None
    return ParsedSymbol(
        raw=symbol,
        normalized=norm,
        key=symbol_key(norm),
        number=number,
        year=year,
        type_code=type_code,
        issuer_code=issuer,
        unit=unit,
        suffix=suffix,
        system=system,
    )


def issuer_family(code: str | None) -> str:
    """Folded issuer code without a legislature's term number: ``QH15`` → ``qh``."""
    if not code:
        return ""
    return re.sub(r"\d+$", "", fold(code).replace("-", ""))
