import pytest

from sulieu.symbols import symbol_key


@pytest.mark.parametrize(
    "spelling",
    ["328-KH/TU", "328/KH-TU", "328 kh tu", "Số 328-KH/TU", "số: 0328 - KH / TU", "328.KH.TU", "328–KH/TU"],
)
def test_spellings_of_one_symbol_share_a_key(spelling: str) -> None:
    assert symbol_key(spelling) == symbol_key("328-KH/TU")


def test_d_stroke_and_case_are_ignored() -> None:
    assert symbol_key("249/2025/NĐ-CP") == symbol_key("249/2025/nd-cp")


def test_different_symbols_differ() -> None:
    assert symbol_key("328-KH/TU") != symbol_key("328-KH/QU")
    assert symbol_key("20-CT/TW") != symbol_key("2-CT/TW")
