"""Thin writers from ``BibRecord`` to the files reference managers import: RIS, CSL-JSON, BibTeX.

Each writer only spells the neutral record in its format; what goes where is decided in
``services.bibliography``. All three are UTF-8 text with Vietnamese kept as written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from services.bibliography import BibRecord

FORMATS = ("ris", "csl-json", "bibtex")
MEDIA_TYPES = {"ris": "application/x-research-info-systems; charset=utf-8",
               "csl-json": "application/vnd.citationstyles.csl+json; charset=utf-8",
               "bibtex": "application/x-bibtex; charset=utf-8"}
EXTENSIONS = {"ris": "ris", "csl-json": "json", "bibtex": "bib"}


# --- RIS -------------------------------------------------------------------------------------
def _ris_line(tag: str, value: object) -> str:
    text = " ".join(str(value).split())  # one line per tag: a newline would start a bogus tag
    return f"{tag}  - {text}"


def _ris_entry(r: BibRecord) -> list[str]:
    lines = [_ris_line("TY", "BOOK" if r.kind == "book" else "GOVDOC"), _ris_line("TI", r.title)]
    lines += [_ris_line("AU", a) for a in r.authors]
    if r.year:
        lines.append(_ris_line("PY", r.year))
        parts = r.date_parts
        lines.append(_ris_line("DA", "/".join(f"{p:02d}" for p in parts) + "/" * (4 - len(parts))))
    optional = (("M3", r.genre), ("M1", r.number), ("CY", r.place), ("AB", r.abstract))
    lines += [_ris_line(tag, v) for tag, v in optional if v]
    lines += [_ris_line("KW", k) for k in r.keywords]
    lines += [_ris_line("LA", r.language), _ris_line("UR", r.url), _ris_line("DB", r.archive),
              _ris_line("AN", r.id), _ris_line("N1", r.citation), "ER  - "]
    return lines


def ris(records: Iterable[BibRecord]) -> str:
    return "".join("\r\n".join(_ris_entry(r)) + "\r\n\r\n" for r in records)


# --- CSL-JSON ---------------------------------------------------------------------------------
def _csl_item(r: BibRecord) -> dict[str, Any]:
    item: dict[str, Any] = {"id": r.id, "type": "book" if r.kind == "book" else "manuscript", "title": r.title,
                            "author": [{"literal": a} for a in r.authors], "language": r.language, "URL": r.url,
                            "archive": r.archive, "note": r.citation}
    if r.date_parts:
        item["issued"] = {"date-parts": [r.date_parts]}
    optional = {"genre": r.genre, "number": r.number, "publisher-place": r.place, "abstract": r.abstract,
                "number-of-pages": r.pages if r.kind == "book" and r.pages else None,
                "keyword": ", ".join(r.keywords) or None}
    item.update({k: v for k, v in optional.items() if v})
    return item


def csl_json(records: Iterable[BibRecord]) -> str:
    return json.dumps([_csl_item(r) for r in records], ensure_ascii=False, indent=2) + "\n"


# --- BibTeX -----------------------------------------------------------------------------------
_BIBTEX_SPECIAL = re.compile(r"([\\{}%&#$_~^])")
_BIBTEX_ESCAPE = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _bibtex_text(value: object) -> str:
    """Braces balanced and LaTeX's special characters escaped; letters (Vietnamese too) as they are."""
    text = " ".join(str(value).split())
    return _BIBTEX_SPECIAL.sub(lambda m: _BIBTEX_ESCAPE.get(m.group(1), "\\" + m.group(1)), text)


def _bibtex_entry(r: BibRecord) -> str:
    fields: list[tuple[str, str]] = [("title", "{" + _bibtex_text(r.title) + "}")]
    # An institution is one name: double braces keep BibTeX from splitting it into given and family names.
    fields += [("author", " and ".join("{" + _bibtex_text(a) + "}" for a in r.authors))] if r.authors else []
    parts = r.date_parts
    if parts:
        fields.append(("year", str(parts[0])))
        fields.append(("date", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))))
    optional = (("type", r.genre), ("number", r.number), ("address", r.place), ("abstract", r.abstract),
                ("keywords", ", ".join(r.keywords)))
    fields += [(k, _bibtex_text(v)) for k, v in optional if v]
    fields += [("language", "vietnamese"), ("url", r.url), ("note", _bibtex_text(r.citation)),
               ("howpublished", _bibtex_text(r.archive))]
    kind = "book" if r.kind == "book" else "misc"
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields)
    return f"@{kind}{{sulieu-{r.id},\n{body}\n}}\n"


def bibtex(records: Iterable[BibRecord]) -> str:
    return "\n".join(_bibtex_entry(r) for r in records)


def write(fmt: str, records: Iterable[BibRecord]) -> str:
    """The file body for ``fmt`` (one of ``FORMATS``)."""
    writers = {"ris": ris, "csl-json": csl_json, "bibtex": bibtex}
    return writers[fmt](records)
