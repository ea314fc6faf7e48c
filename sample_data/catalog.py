"""All sample documents, their citations expanded, and the printed layout every renderer shares."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sample_data import book, docs_central, docs_haiphong, docs_hanoi, docs_hungyen
from sample_data.bodies import EXTERNAL
from sample_data.spec import CitationTruth, Doc, Target, date_line, expand, make_symbol, number_line

PROVINCE_FOLDERS = {None: "trung-uong", "Hải Phòng": "hai-phong", "Hưng Yên": "hung-yen", "Hà Nội": "ha-noi"}
EXTENSIONS = {
    "pdf": "pdf",
    "docx": "docx",
    "txt": "txt",
    "md": "md",
    "html": "html",
    "jpeg": "jpg",
    "png": "png",
    "tiff": "tif",
    "scan-pdf": "pdf",
}


@dataclass
class Prepared:
    """A document ready to render: citations written out, header columns laid out."""

    doc: Doc
    subject: str
    blocks: list[str]
    citations: list[CitationTruth]
    left: list[str]  # left header column (issuing body, star, number)
    left_note: str | None  # "V/v ..." under the number (công văn)
    right: list[str]  # right header column (Party or national title)
    date_line: str
    title: list[str]  # centred type name and subject lines
    recipients: list[str]

    @property
    def rel_path(self) -> str:
        d = self.doc
        return f"{d.access}/{PROVINCE_FOLDERS[d.body.province]}/{d.key}.{EXTENSIONS[d.fmt]}"

    @property
    def is_scan(self) -> bool:
        return self.doc.fmt in ("jpeg", "png", "tiff", "scan-pdf")


def all_docs() -> list[Doc]:
    docs = [
        *docs_central.documents(),
        *docs_haiphong.documents(),
        *docs_hungyen.documents(),
        *docs_hanoi.documents(),
        *book.documents(),
    ]
    keys = [d.key for d in docs]
    dupes = {k for k in keys if keys.count(k) > 1}
    if dupes:
        raise ValueError(f"duplicate sample keys: {sorted(dupes)}")
    return docs


def targets(docs: list[Doc]) -> dict[str, Target]:
    out: dict[str, Target] = {}
    for d in docs:
        y, m, day = d.date
        sym = d.symbol
        if d.doc_type is None or sym is None or m is None or day is None:
            continue  # drafts, undated and books cannot be cited by number and date
        out[d.key] = Target(d.doc_type, d.type_code, d.number or "", sym, (y, m, day), d.organ, d.key, True)
    for e in EXTERNAL.values():
        out[e.key] = Target(e.doc_type, e.type_code, e.number, e.symbol, e.date, e.organ, e.key, False, e.label)
    return out


def _capital(s: str) -> str:
    return s[:1].upper() + s[1:]


def prepare(doc: Doc, tmap: dict[str, Target]) -> Prepared:
    found: dict[str, CitationTruth] = {}
    subject = expand(doc.subject, tmap, found)
    blocks = [expand(b, tmap, found) for b in doc.blocks]
    if doc.book:
        blocks = [expand(b, tmap, found) for b in doc.book.blocks]
    b = doc.body
    is_cv = doc.doc_type == "Công văn"
    if b.system == "party":
        left = [*b.header, "*", number_line(doc)]
        right = ["ĐẢNG CỘNG SẢN VIỆT NAM"]
    else:
        left = [*b.header, number_line(doc)]
        right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    title: list[str] = []
    if not is_cv and doc.doc_type:
        title.append(doc.doc_type.upper())
        state_qd = b.system == "state" and doc.doc_type == "Quyết định"
        if not state_qd:
            title.extend(doc.title_lines)
        title.append(_capital(subject) if b.system == "state" else subject)
        if state_qd:
            title.extend(doc.title_lines)
    return Prepared(
        doc=doc,
        subject=subject,
        blocks=blocks,
        citations=list(found.values()),
        left=left,
        left_note=subject if is_cv else None,
        right=right,
        date_line=date_line(doc),
        title=title,
        recipients=list(doc.recipients),
    )


@lru_cache(maxsize=1)
def prepared_all() -> tuple[Prepared, ...]:
    docs = all_docs()
    tmap = targets(docs)
    return tuple(prepare(d, tmap) for d in docs)


_MARK = re.compile(r"^(## |### |#c |#preface |#part |#chapter |#section )")


def strip_marker(block: str) -> str:
    text = _MARK.sub("", block)
    return text.replace("|", " - ") if block.startswith(("#part ", "#chapter ")) else text


def symbol_as_printed(doc: Doc) -> str | None:
    return doc.symbol_written or make_symbol(doc.body, doc.type_code, doc.number, blank=True)
