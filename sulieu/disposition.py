"""``Content-Disposition`` for downloads, as RFC 6266 / RFC 5987 write it.

An original's file name comes from whoever uploaded it and may hold anything, newlines and quotes
included: a raw newline in a header makes the server refuse the response, so that original could
never be downloaded. The plain ``filename`` is an ASCII stand-in with control characters, quotes and
backslashes replaced; ``filename*`` carries the real name percent-encoded in UTF-8.
"""

from __future__ import annotations

import unicodedata
import urllib.parse

_REPLACE = {'"': "_", "\\": "_", "/": "_", "?": "_", "%": "_", ";": "_"}


def _ascii_fallback(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    out = []
    for ch in folded:
        if unicodedata.combining(ch):
            continue
        if ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(" ")
        elif ord(ch) > 0x7E:
            out.append("_")
        else:
            out.append(_REPLACE.get(ch, ch))
    return " ".join("".join(out).split()) or "tep"


def content_disposition(name: str, *, inline: bool = False) -> str:
    """The header value for a file called ``name`` (any Unicode, any control characters)."""
    clean = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in name).strip() or "tep"
    kind = "inline" if inline else "attachment"
    quoted = urllib.parse.quote(clean, safe="")
    return f"{kind}; filename=\"{_ascii_fallback(clean)}\"; filename*=UTF-8''{quoted}"
