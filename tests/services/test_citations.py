"""The headline of a missing entry shows the symbol as the entry spells it, never an OCR misreading."""

from __future__ import annotations

from services.citations import _as_printed
from sulieu.model import Citation


def _cit(text: str, symbol: str) -> Citation:
    return Citation(text=text, relation="implements", doc_type="Nghị quyết", number="02", symbol=symbol, page=1,
                    start=0, end=len(text))


def test_a_passage_printed_right_heads_the_entry() -> None:
    misread = _cit("Nghị quyết số 02-NO/TW ngày 12/6/2021 của Bộ Chính trị", "02-NQ/TW")
    right = _cit("Nghị quyết số 02-NQ/TW ngày 12/6/2021", "02-NQ/TW")
    assert _as_printed([misread, right]) is right


def test_when_every_passage_was_misread_the_headline_is_put_back() -> None:
    misread = _cit("Nghị quyết số 02-NO/TW, ngày 12/6/2021 của Bộ Chính trị", "02-NQ/TW")
    head = _as_printed([misread])
    assert head is not None and head.text == "Nghị quyết số 02-NQ/TW, ngày 12/6/2021 của Bộ Chính trị"
    assert misread.text.startswith("Nghị quyết số 02-NO/TW")  # the passage itself is left as the page says
    assert _as_printed([]) is None


def test_a_symbol_printed_with_a_space_is_printed_right() -> None:
    spaced = _cit("Tờ trình 4017/TTr- BNNMT ngày 23 tháng 4 năm 2026", "4017/TTr-BNNMT")
    assert _as_printed([spaced]) is spaced
