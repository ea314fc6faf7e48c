"""Markdown markup out, document text in: the seeds are Markdown renderings of paper documents.

Keeps what belongs to the document: the lone ``*`` under the issuing body, the ``- ``
dashes of Vietnamese lists (``Nơi nhận: - Như trên,``). Drops what Markdown added:
``**bold**``, ``*italic*``, ``## headings``, link targets, table rules.
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M)
_BOLD = re.compile(r"\*\*|__(?=\S)|(?<=\S)__")
_EMPH_OPEN = re.compile(r"(?<![\w*\\])\*(?=[^\s*])")
_EMPH_CLOSE = re.compile(r"(?<=[^\s*\\])\*(?![\w*])")
_BULLET = re.compile(r"^[ \t]*[*+][ \t]+", re.M)
_DASH_BULLET = re.compile(r"^[ \t]+-[ \t]+", re.M)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$", re.M)
_HR = re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$", re.M)
# A list dash before a block label is a rendering artefact ("- Kính gửi:*").
_LABEL_DASH = re.compile(r"^- (?=(Kính gửi|Nơi nhận)\s*:)", re.M)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")


# Paired strong emphasis around words; a rule of asterisks ("*******") under a header is not one.
_STRONG_PAIR = re.compile(r"(?<!\S)\*\*(?=\w)[^*]{0,400}?(?<=[^\s*])\*\*(?![\w*])")


def looks_like_markdown(text: str) -> bool:
    return bool(_STRONG_PAIR.search(text) or re.search(r"^#{1,6} ", text, re.M) or _LINK.search(text))


def strip_markdown(text: str) -> str:
    text = _HEADING.sub(r"\1", text)
    text = _TABLE_RULE.sub("", text)
    text = _HR.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _BULLET.sub("- ", text)
    text = _DASH_BULLET.sub("- ", text)
    text = _BOLD.sub("", text)
    text = _EMPH_OPEN.sub("", text)
    text = _EMPH_CLOSE.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    text = _LABEL_DASH.sub("", text)
    lines = [ln.rstrip() for ln in text.split("\n")]
    return "\n".join(lines)
