"""Symbols one OCR misreading away from a real one: "20-CT/IW" is "20-CT/TW", "83/TIr-UBND" is "83/TTr-UBND".

A scan's T loses its bar and becomes I, a Q loses its tail and becomes O; such a symbol is not another
document. ``corrected_symbol`` puts a code back when it is unknown but one confusion away from a code
that is known (a type code, a listed issuer, a code the archive holds or cites more often).
"""

from __future__ import annotations

from collections.abc import Callable

from sulieu.doctypes import is_type_code, issuer_name
from sulieu.symbols import ParsedSymbol, parse_symbol

# What a scan shows -> what was printed (single letters, as Tesseract misreads them).
CONFUSIONS: tuple[tuple[str, str], ...] = (
    ("I", "T"), ("T", "I"), ("O", "Q"), ("Q", "O"), ("0", "O"), ("l", "I"), ("1", "I"), ("5", "S"), ("8", "B"),
    ("rn", "m"), ("U", "Ư"), ("D", "Đ"),
)


def one_confusion_away(code: str) -> list[str]:
    """Every code that one confusion turns ``code`` into, in table order."""
    out: list[str] = []
    for seen, printed in CONFUSIONS:
        start = code.find(seen)
        while start >= 0:
            variant = code[:start] + printed + code[start + len(seen):]
            if variant not in out and variant != code:
                out.append(variant)
            start = code.find(seen, start + 1)
    return out


def known_code(code: str) -> bool:
    return is_type_code(code) or issuer_name(code) is not None


def corrected_symbol(p: ParsedSymbol, is_known: Callable[[str], bool] = known_code) -> ParsedSymbol:
    """The symbol with an unknown type or issuer code replaced by the one known code one confusion away
    (unchanged when the codes are known, or when none or several known codes are that close)."""
    norm = p.normalized
    for code in (p.type_code, p.issuer_code):
        if not code or is_known(code):
            continue
        candidates = [v for v in one_confusion_away(code) if is_known(v)]
        if len(candidates) != 1:
            continue
        parts = norm.split("/")
        fixed = ["-".join(candidates[0] if seg == code else seg for seg in part.split("-")) for part in parts]
        norm = "/".join(fixed)
    if norm == p.normalized:
        return p
    return parse_symbol(norm) or p
