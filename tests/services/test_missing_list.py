"""System and level of a cited-but-missing document, from its symbol and the issuer as cited."""

from __future__ import annotations

import pytest

from services.missing_list import classify


@pytest.mark.parametrize(("symbol", "issuer", "expected"), [
    ("20-CT/TW", "Ban Bí thư", ("party", "central")),
    ("215-KH/TU", "Ban Thường vụ Thành ủy", ("party", "province")),
    ("71-KH/HU", None, ("party", "district")),
    ("15-KH/ĐU", None, ("party", "commune")),
    ("163/2016/NĐ-CP", "Chính phủ", ("state", "central")),
    ("33/2024/QH15", "Quốc hội", ("state", "central")),
    (None, "Huyện ủy Kim Động", ("party", "district")),
    (None, "Ủy ban nhân dân tỉnh Hưng Yên", ("state", None)),
])
def test_classify(symbol: str | None, issuer: str | None, expected: tuple) -> None:
    assert classify(symbol, issuer) == expected
