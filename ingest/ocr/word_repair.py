"""Party words Tesseract ``vie`` misreads in a way no reader would write: "chi bộ" read "chỉ bộ".

Measured on generated scans (``bench/scan_fields.py``, 24 directives): "chi" came out as "chỉ" in 4 of
the 8 distribution lists that were wrong at the moderate level ("các chỉ bộ trực thuộc", "các chỉ,
đảng bộ cơ sở"). "chỉ bộ" is no Vietnamese phrase before a lower-case "bộ" other than "chỉ bộ đội"
("only soldiers"), which is left alone; "chỉ ủy" likewise. Word boxes are repaired with the text, so
search hits and the page text agree.
"""

from __future__ import annotations

from collections.abc import Sequence

# Words after "chỉ" that make it "chi" (a party cell): "chi bộ", "chi ủy"
_CELL_NEXT = ("bộ", "bộ,", "ủy", "ủy,")


def repaired(words: Sequence[str]) -> list[str]:
    """The words with "chỉ" put back to "chi" where a party cell is meant."""
    out = list(words)
    for i, w in enumerate(out[:-1]):
        if w.lower() not in ("chỉ", "chỉ,"):
            continue
        nxt = out[i + 1]
        after = out[i + 2] if i + 2 < len(out) else ""
        cell = nxt in _CELL_NEXT and not (nxt == "bộ" and after.startswith("đội"))
        if cell or (w.endswith(",") and nxt == "đảng" and after.startswith("bộ")):
            out[i] = ("C" if w[0] == "C" else "c") + "hi" + w[3:]
    return out
