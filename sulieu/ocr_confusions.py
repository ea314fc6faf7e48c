"""Symbols one OCR misreading away from a real one: "20-CT/IW" is "20-CT/TW", "83/TIr-UBND" is "83/TTr-UBND".

A scan's T loses its bar and becomes I, a Q loses its tail and becomes O; such a symbol is not another
document. ``corrected_symbol`` puts a code back when it is unknown but one confusion away from a code
that is known (a type code, a listed issuer, a code the archive holds or cites more often).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from sulieu.doctypes import is_type_code, issuer_name
from sulieu.symbols import ParsedSymbol, normalize_symbol, parse_symbol

# What a scan shows -> what was printed (single letters, as Tesseract misreads them).
CONFUSIONS: tuple[tuple[str, str], ...] = (
    ("I", "T"), ("T", "I"), ("O", "Q"), ("Q", "O"), ("0", "O"), ("l", "I"), ("1", "I"), ("5", "S"), ("8", "B"),
    ("rn", "m"), ("U", "Ư"), ("D", "Đ"), ("ĐĐ", "Đ"),  # "45-BC/ĐÐU": an Icelandic eth beside the Đ
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


# Tone marks (grave, acute, tilde, hook, dot below) are never part of a code: "TỤ" is "TU" read with
# a speck under it. Breve, circumflex and horn are letters (Ư in "TƯ" is kept).
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# In the number in front of a symbol: what OCR reads for a digit.
_NUMBER_MISREAD = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})
_LEADING_NUMBER = re.compile(r"^(?P<num>[0-9OoIl|]{1,6})(?=[-/])")


@dataclass(frozen=True)
class Repair:
    """A symbol put back from an OCR misreading, with what the text said and how sure the repair is."""

    parsed: ParsedSymbol
    read: str
    confidence: float
    how: str  # "tone", "number", "code"


def untoned(code: str) -> str:
    return unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", code) if c not in _TONES))


def _number_fixed(read: str) -> ParsedSymbol | None:
    """``2O-CT/TW`` → ``20-CT/TW``: a number run holding at least one digit and letters that look like digits."""
    s = normalize_symbol(read)
    m = _LEADING_NUMBER.match(s)
    if not m or not any(c.isdigit() for c in m.group("num")) or m.group("num").isdigit():
        return None
    return parse_symbol(m.group("num").translate(_NUMBER_MISREAD) + s[m.end():])


def _replace_code(p: ParsedSymbol, code: str, new: str) -> ParsedSymbol:
    parts = p.normalized.split("/")
    fixed = ["-".join(new if seg == code else seg for seg in part.split("-")) for part in parts]
    return parse_symbol("/".join(fixed)) or p


def repair_symbol(read: str, is_known: Callable[[str], bool] = known_code) -> Repair | None:
    """The symbol a misread ``read`` stands for, or None when it reads as a symbol already.

    Codes with tone marks lose them; a number with an O or I in it gets its digits; an unknown code
    one confusion away from exactly one known code is replaced (``corrected_symbol``). A symbol
    whose codes are known is never changed (measured: none of the 531 vbpl symbols is)."""
    p = parse_symbol(read)
    how, conf = [], 1.0
    if p is None:
        p = _number_fixed(read)
        if p is None:
            return None
        how, conf = ["number"], 0.8
    for code in (p.type_code, p.issuer_code):
        if code and untoned(code) != code:
            p = _replace_code(p, code, untoned(code))
            how, conf = [*how, "tone"], min(conf, 0.9)
    fixed = corrected_symbol(p, is_known)
    if fixed is not p:
        p, how, conf = fixed, [*how, "code"], min(conf, 0.8)
    return Repair(p, read, conf, "+".join(how)) if how else None
