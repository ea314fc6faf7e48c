"""A book's credits page: "Chủ biên:" and "Biên soạn:" each followed by names, on the same line
("Chủ biên: Nguyễn Văn A") or on the lines under it (one name a line)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.understand.lines import Line

# Folded label -> role. "Ban biên soạn" and "Tham gia biên soạn" are compilers too.
LABEL = re.compile(r"^(?P<label>chi dao noi dung|chu bien|(?:ban |tham gia )?bien soan|bien tap)\s*[:.]?\s*(?P<rest>.*)$")
ROLES = {"chi dao noi dung": "directors", "chu bien": "editor_in_chief", "bien soan": "compilers",
         "ban bien soan": "compilers", "tham gia bien soan": "compilers", "bien tap": "editors"}
MAX_FRONT_PAGES = 4


@dataclass
class Credits:
    roles: dict[str, list[str]] = field(default_factory=dict)
    line: Line | None = None  # where the editor-in-chief is named


def find_credits(nb: list[Line]) -> Credits:
    """The credits of the first pages; later pages (the body) are never read for them."""
    out = Credits()
    role: str | None = None
    for ln in nb:
        if ln.page > MAX_FRONT_PAGES:
            break
        m = LABEL.match(ln.fold)
        if m:
            role = ROLES[m.group("label")]
            rest = ln.text[m.start("rest"):].strip()
            out.roles.setdefault(role, [])
            if rest:
                out.roles[role] += [n.strip() for n in rest.split(",") if n.strip()]
            if role == "editor_in_chief":
                out.line = ln
            continue
        if role and len(ln.text) <= 60 and not ln.text.endswith("."):
            out.roles[role].append(ln.text.strip())
        else:
            role = None
    return out
