"""Partial dates ("2024", "2024-03", "2024-03-31", "31/03/2024"): parsed, checked and spanned here only.

Documents are often dated to the month or the year ("tháng 3 năm 2024"), so a date is kept as far as it
is known, in ISO order. A search range compares the first and last day a partial date covers.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import NamedTuple

_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DMY = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")


class PartialDate(NamedTuple):
    year: int
    month: int | None = None
    day: int | None = None

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        """'2024', '2024-03' or '2024-03-05'."""
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
            if self.day:
                out += f"-{self.day:02d}"
        return out


class BadDate(ValueError):
    """Not a date in any accepted form (``malformed``), or one that does not exist (31/02/2024)."""

    def __init__(self, value: str, malformed: bool) -> None:
        super().__init__(value)
        self.value = value
        self.malformed = malformed


def parse_partial(value: str, *, day_first: bool = True) -> PartialDate:
    """A partial date in ISO order, or day/month/year with ``day_first``; ``BadDate`` otherwise."""
    s = value.strip()
    m = _ISO.match(s)
    if m:
        y, mo, d = int(m.group(1)), m.group(2), m.group(3)
        pd = PartialDate(y, int(mo) if mo else None, int(d) if d else None)
    elif day_first and (m2 := _DMY.match(s)):
        pd = PartialDate(int(m2.group(3)), int(m2.group(2)), int(m2.group(1)))
    else:
        raise BadDate(value, malformed=True)
    try:
        pd.first_day()
        pd.last_day()
    except (ValueError, calendar.IllegalMonthError):
        raise BadDate(value, malformed=False) from None
    return pd


def date_span(partial: str | None) -> tuple[str | None, str | None]:
    """First and last ISO day a stored partial date covers; (None, None) when absent or invalid."""
    if not partial:
        return None, None
    try:
        pd = parse_partial(partial.strip()[:10], day_first=False)
    except BadDate:
        return None, None
    return pd.first_day().isoformat(), pd.last_day().isoformat()


def day_number(value: str, *, end: bool) -> int:
    """YYYYMMDD of the first day a partial date covers (the last with ``end``); ``BadDate`` if invalid."""
    pd = parse_partial(value)
    d = pd.last_day() if end else pd.first_day()
    return d.year * 10000 + d.month * 100 + d.day


def year_of(value: str | None) -> int | None:
    return int(value[:4]) if value and value[:4].isdigit() else None
