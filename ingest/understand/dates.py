"""Dates as Vietnamese documents write them; a blank stays blank, nothing is invented.

* Header date: ``<place>, ngày dd tháng mm năm yyyy``; drafts leave the day and month
  blank (``ngày tháng năm 2023`` → ``2023``; ``ngày ... tháng 5 năm 2023`` → ``2023-05``).
* Numeric date ``12/01/2024`` is day first (never month first).
* OCR confuses ``O``/``0`` and ``l``/``I``/``1`` in digits; those are repaired inside a
  date only. Matching runs on the folded line, so ``ngay thang nam`` (no diacritics) works.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Digits as OCR may print them: 0/O/o, 1/l/I.
_D = r"[0-9OoIl]"
# "ngày dd tháng mm năm yyyy" on folded text; day and month may be blank, dotted or underscored.
WORDED_DATE = re.compile(
    rf"ngay\s*(?P<d>{_D}{{1,2}})?[\s.…_,/-]*thang\s*(?P<m>{_D}{{1,2}})?[\s.…_,/-]*nam\s*(?P<y>{_D}{{4}})(?!\d)"
)
# "12/01/2024", "4/5/2023", "12-01-2024", "12.01.2024": day first.
NUMERIC_DATE = re.compile(r"(?<![\d/])(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d\d)(?![\d/])")
# "tháng 9 năm 2023", "tháng 3/2024": month and year only.
MONTH_YEAR = re.compile(rf"thang\s*(?P<m>{_D}{{1,2}})\s*(?:nam|/)\s*(?P<y>{_D}{{4}})(?!\d)")

_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"})


def _num(s: str | None) -> int | None:
    if not s:
        return None
    s = s.translate(_OCR_DIGITS)
    return int(s) if s.isdigit() else None


def iso_date(year: int | None, month: int | None = None, day: int | None = None) -> str | None:
    """Partial ISO date; an impossible month or day is dropped rather than guessed."""
    if year is None or not 1800 <= year <= 2100:
        return None
    if month is None or not 1 <= month <= 12:
        return f"{year:04d}"
    if day is None or not 1 <= day <= 31:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}"


@dataclass(frozen=True, slots=True)
class DateMatch:
    iso: str
    start: int
    end: int


def worded_date(folded: str, start: int = 0) -> DateMatch | None:
    m = WORDED_DATE.search(folded, start)
    if not m:
        return None
    iso = iso_date(_num(m.group("y")), _num(m.group("m")), _num(m.group("d")))
    return DateMatch(iso, m.start(), m.end()) if iso else None


def numeric_date(text: str, start: int = 0) -> DateMatch | None:
    m = NUMERIC_DATE.search(text, start)
    if not m:
        return None
    iso = iso_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return DateMatch(iso, m.start(), m.end()) if iso else None


def date_at(folded: str, pos: int = 0) -> DateMatch | None:
    """A date starting right at ``pos`` (after optional ", ngày"): how citations give theirs."""
    head = re.match(r"[\s,;]*(?:ban hanh\s+)?(?:ngay\s*)?", folded[pos:])
    p = pos + (head.end() if head else 0)
    m = NUMERIC_DATE.match(folded, p)
    if m:
        iso = iso_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        return DateMatch(iso, m.start(), m.end()) if iso else None
    m = WORDED_DATE.match(folded, max(pos, p - 5) if head and "ngay" in head.group() else p)
    if m:
        iso = iso_date(_num(m.group("y")), _num(m.group("m")), _num(m.group("d")))
        return DateMatch(iso, m.start(), m.end()) if iso else None
    m = re.compile(r"(?:nam\s*)(?P<y>(?:19|20)\d\d)(?!\d)").match(folded, p)
    if m:
        return DateMatch(str(m.group("y")), m.start(), m.end())
    return None
