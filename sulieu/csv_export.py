"""The one CSV writer every export uses (API, web UI): UTF-8 with a BOM and formula-safe cells.

A cell that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``, a tab or a carriage
return first) gets a leading apostrophe, the OWASP advice for CSV injection: a title beginning with
``=HYPERLINK(...)`` must open as text in Excel and LibreOffice, never run.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The cell as text, neutralised when a spreadsheet would evaluate it."""
    s = "" if value is None else str(value)
    return "'" + s if s.startswith(FORMULA_STARTS) else s


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """The whole file: BOM (so Excel reads Vietnamese as UTF-8), header, guarded rows, CRLF line ends."""
    buf = io.StringIO()
    buf.write("\ufeff")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([safe_cell(h) for h in header])
    for row in rows:
        w.writerow([safe_cell(v) for v in row])
    return buf.getvalue()
