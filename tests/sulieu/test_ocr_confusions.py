"""Symbols one OCR misreading away from a known one are put back; known and ambiguous ones are left alone."""

from __future__ import annotations

import pytest

from sulieu.ocr_confusions import corrected_symbol, repair_symbol
from sulieu.symbols import parse_symbol


@pytest.mark.parametrize(("read", "meant"), [
    ("20-CT/IW", "20-CT/TW"), ("83/TIr-UBND", "83/TTr-UBND"), ("02-NO/TW", "02-NQ/TW"),
])
def test_a_misread_code_is_put_back(read: str, meant: str) -> None:
    p = parse_symbol(read)
    assert p is not None and corrected_symbol(p).normalized == meant


@pytest.mark.parametrize("symbol", ["20-CT/TW", "215-KH/TU", "1161/UBND-VX", "249/2025/NĐ-CP"])
def test_a_known_symbol_is_unchanged(symbol: str) -> None:
    p = parse_symbol(symbol)
    assert p is not None and corrected_symbol(p) is p


def test_a_code_known_only_to_the_archive_counts_as_known() -> None:
    p = parse_symbol("12-BC/XIT")
    assert p is not None
    assert corrected_symbol(p).normalized == "12-BC/XIT"
    assert corrected_symbol(p, lambda code: code in {"BC", "XTT"}).normalized == "12-BC/XTT"


@pytest.mark.parametrize(("read", "meant", "how"), [
    ("20-CT/IW", "20-CT/TW", "code"), ("215-KH/TỤ", "215-KH/TU", "tone"), ("2O-CT/TW", "20-CT/TW", "number"),
    ("I5-NQ/TW", "15-NQ/TW", "number"), ("83/TIr-UBND", "83/TTr-UBND", "code"),
])
def test_repair_says_what_was_read_and_how(read: str, meant: str, how: str) -> None:
    r = repair_symbol(read)
    assert r is not None and (r.parsed.normalized, r.read, r.how) == (meant, read, how)
    assert 0 < r.confidence < 1


@pytest.mark.parametrize("symbol", ["20-CT/TW", "215-KH/TU", "1284-QĐ/TU", "41-CT/TƯ", "249/2025/NĐ-CP", "1161/UBND-VX"])
def test_repair_leaves_a_correct_symbol_alone(symbol: str) -> None:
    assert repair_symbol(symbol) is None
