"""Roman numerals of a book's chapters and sections as OCR reads them, put back in their sequence.

OCR reads "III" as "IH", "Il" or "TII", "I" as "1" or "l", and drops or adds a stroke ("II" for "III").
A numeral is mended by its place in the whole sequence (all chapters of a book, the sections of one
chapter), never on its own: a sequence read cleanly and in order is kept as read, even when it does not
start at one (an excerpt from chapter II on, a heading before it missed).
"""

from __future__ import annotations

import re

from ingest.understand.lines import fold_same

# On folded text (lower case, "Ï" -> "i"): strokes OCR reads for "I", "H" for "II". "l" is taken for "I",
# not "L" (50): no book has forty chapters or sections under one chapter.
NUMERAL_LIKE = str.maketrans({"1": "i", "l": "i", "|": "i", "!": "i", "t": "i", "h": "ii"})


def _roman_value(s: str) -> int | None:
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    s = _shape(s)
    if not s or any(c not in vals for c in s):
        return None
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=True):
        v = vals[a]
        total += -v if b != " " and vals.get(b, 0) > v else v
    return total


def _roman(n: int) -> str:
    out = ""
    for v, r in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + r, n - v
    return out


def _shape(read: str) -> str:
    return fold_same(read).lower().translate(NUMERAL_LIKE).upper()


def _strokes(read: str) -> bool:
    """Only upright strokes ("1", "Il", "H"): a numeral of I's whose count OCR is least sure of."""
    return set(_shape(read)) == {"I"}


def _plausible(read: str, want: int) -> bool:
    """``read`` could be ``want`` in Roman numerals misread: the same value, or one stroke more or less
    ("III" read "II", "II" read "11"), never a numeral of another shape ("V" for "II")."""
    got = _roman_value(read)
    if got == want:
        return True
    shape = _shape(read)
    target = _roman(want)
    return set(shape) <= set(target) | {"I"} and abs(len(shape) - len(target)) <= 1 and shape[:1] == target[:1]



def _clean(read: str) -> int | None:
    """The value of a numeral printed the canonical way ("III", "IV"), else None ("IL", "IH", "Il")."""
    if not re.fullmatch(r"[IVXLC]{1,8}", read):
        return None
    value = _roman_value(read)
    return value if value is not None and _roman(value) == read else None


def _fits(read: str, n: int) -> bool:
    return _clean(read) == n or _plausible(read, n) or (_clean(read) is None and _strokes(read))


def renumber(reads: list[str]) -> list[str]:
    """The numerals to print for a sequence of headings read as ``reads`` (see the module docstring)."""
    if not reads:
        return []
    arabic = all(r.isdigit() for r in reads) and any(set(r) - {"1"} for r in reads)  # "1" may be a misread "I"
    if arabic and [int(r) for r in reads] == list(range(int(reads[0]), int(reads[0]) + len(reads))):
        return list(reads)  # printed in Arabic numerals, in order
    first = _clean(reads[0])
    starts = [first, 1] if first is not None else [1]
    for s in starts:
        if all(_clean(r) == s + k for k, r in enumerate(reads)):
            return list(reads)
    for s in starts:
        if all(_fits(r, s + k) for k, r in enumerate(reads)):
            return [_roman(s + k) for k in range(len(reads))]
    out, prev = [], 0
    for r in reads:  # no sequence fits: each numeral on its own, the unreadable ones by their place
        value = _clean(r)
        if value is None and _fits(r, prev + 1):
            out.append(_roman(prev + 1))
            prev += 1
        else:
            out.append(r)
            prev = value if value is not None else prev + 1
    return out
