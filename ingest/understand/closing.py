"""Closing block flattened onto one line (a DOCX table row read cell after cell):
``Nơi nhận: - A, - B, - Lưu VT. K/T TRƯỞNG BAN PHÓ TRƯỞNG BAN Trần Thị Hải Yến`` is put back
into the lines a printed page shows (one bullet per line, authority, position, name), so the
distribution and signature rules read it like any other document."""

from __future__ import annotations

import re

from ingest.understand.lines import fold_same

FLAT = re.compile(r"^(?P<head>N[ơo]i\s+nh[ậa]n\s*:?)\s*(?P<rest>[-–].+)$", re.IGNORECASE)
BULLET_SPLIT = re.compile(r"\s+[-–]\s+(?=\S)")
AUTH = re.compile(r"(?:(?<=\s)|^)(T/M|K/T|T/L|TM\.|KT\.|TL\.|TUQ\.)\s")
# Words that open a position title inside the capitals after an authority.
POSITION_START = {"pho", "chanh", "bi", "chu", "truong", "giam", "uy"}


def _split_signature(tail: str) -> list[str] | None:
    words = tail.split()
    k = len(words)
    while k > 0 and not words[k - 1].isupper():
        k -= 1
    name, caps = " ".join(words[k:]), words[:k]
    if not name or not caps or len(name.split()) < 2:
        return None
    out: list[str] = []
    text = " ".join(caps)
    starts = [m.start() for m in AUTH.finditer(text)] + [len(text)]
    if starts[0] != 0:
        return None
    for a, b in zip(starts, starts[1:], strict=False):
        out.append(text[a:b].strip())
    # the last authority's body may end with the position: "K/T TRƯỞNG BAN PHÓ TRƯỞNG BAN"
    auth, _, body = out[-1].partition(" ")
    bw = body.split()
    for i in range(1, len(bw)):
        if fold_same(bw[i]) in POSITION_START:
            out[-1:] = [f"{auth} {' '.join(bw[:i])}", " ".join(bw[i:])]
            break
    return [*out, name]


def unflatten(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    for ln in lines:
        m = FLAT.match(ln.strip())
        if not m or not BULLET_SPLIT.search(m.group("rest")):
            out.append(ln)
            continue
        items = BULLET_SPLIT.split(m.group("rest").lstrip("-– "))
        sig: list[str] | None = None
        am = AUTH.search(items[-1])
        if am:
            sig = _split_signature(items[-1][am.start() :])
            if sig:
                items[-1] = items[-1][: am.start()].strip()
        out.append(m.group("head"))
        out.extend(f"- {it}" for it in items if it)
        out.extend(sig or [])
    return "\n".join(out)
