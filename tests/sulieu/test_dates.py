"""Partial dates: one parser for the query language, corrections (API and web form) and the index."""

from __future__ import annotations

import pytest

from sulieu.dates import BadDate, PartialDate, date_span, day_number, parse_partial


@pytest.mark.parametrize("value,expected", [
    ("2024", PartialDate(2024)), ("2024-3", PartialDate(2024, 3)), ("2024-03-05", PartialDate(2024, 3, 5)),
    ("05/03/2024", PartialDate(2024, 3, 5)), ("5.3.2024", PartialDate(2024, 3, 5)),
])
def test_parse_partial(value: str, expected: PartialDate) -> None:
    assert parse_partial(value) == expected


@pytest.mark.parametrize("value,malformed", [("2024-13", False), ("31/02/2024", False), ("2024-02-30", False),
                                              ("hôm qua", True), ("24-03-2024", True), ("", True)])
def test_bad_dates_say_which_kind(value: str, malformed: bool) -> None:
    with pytest.raises(BadDate) as e:
        parse_partial(value)
    assert e.value.malformed is malformed


def test_spans_cover_the_whole_period() -> None:
    assert date_span("2024-02") == ("2024-02-01", "2024-02-29")
    assert date_span("2023") == ("2023-01-01", "2023-12-31")
    assert date_span("31/12/2023") == (None, None)  # stored dates are ISO only
    assert day_number("2024-02", end=True) == 20240229 and day_number("2024", end=False) == 20240101
    assert parse_partial("5/3/2024").iso() == "2024-03-05" and parse_partial("2024-3").iso() == "2024-03"
