"""The sample's ground truth (``manifest.json``): every file with its expected metadata and citations.

Conventions other helpers' tests can rely on:

* ``symbol`` is canonical (``52-BC/ĐU``); ``symbol_written`` is the exact printed form
  (``52 -BC/ĐU``, ``/UBND-VX`` for a draft whose number was left blank: then ``number`` is null).
* ``date`` is ISO and may be partial: ``2023`` when day and month were left blank.
* ``issuer`` is the full name of the body named in the header (``Quận ủy Lê Chân``; ``Ban Tuyên giáo
  Trung ương`` for a header printing ``BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG`` / ``BAN TUYÊN GIÁO``), with
  the printed lines in ``issuer_header``; ``organ`` is who decided it as
  others cite it (``Ban Thường vụ Quận ủy``, ``Ban Bí thư``).
* ``subject`` is the trích yếu as printed, with its ``V/v`` for a công văn.
* Signer fields are as printed (upper case): ``authority`` ``T/M``/``K/T``/``T/L``/``TM.``/``TL.``,
  ``on_behalf_of`` the rest of that line, ``position`` the line above the name.
* ``citations`` lists each cited document once; ``text``/``symbol`` are its first mention, ``date``
  and ``issuer`` the first ones written in any mention (null when never written), ``mentions``
  the number of mentions. ``in_sample`` says whether the target is another file of the sample
  (``target_path``).
* ``search`` maps a few phrases to the files whose text contains them (folded), a floor for
  search tests: a phrase query must find at least these.
* ``missing`` is the expected cited-but-missing list: outside documents ranked by the number of
  sample files citing them (ties by key); ``symbols_written`` shows every spelling used
  (``2517-KL/HVCTQG`` and ``2517-HVCTQG`` are the same document).
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, Field

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1


class ExpectedSigner(BaseModel):
    authority: str | None = None
    on_behalf_of: str | None = None
    position: str | None = None
    name: str | None = None
    lines: list[str] = Field(default_factory=list)


class ExpectedCitation(BaseModel):
    text: str
    relation: str
    doc_type: str
    doc_type_code: str | None
    number: str | None
    symbol: str | None
    date: str | None
    issuer: str | None
    target: str
    in_sample: bool
    target_path: str | None = None
    mentions: int = 1


class ExpectedHeading(BaseModel):
    level: int
    kind: str  # Lời nói đầu, Phần, Chương, Mục
    label: str | None = None  # "PHẦN THỨ NHẤT", "CHƯƠNG I"
    title: str
    page: int
    printed_page: str | None


class ExpectedMetadata(BaseModel):
    system: str
    level: str
    province: str | None
    issuer: str
    issuer_header: list[str] = Field(default_factory=list)  # the issuing-body lines as printed, top to bottom
    issuer_parent: str | None
    issuer_code: str
    organ: str
    doc_type: str | None
    doc_type_code: str | None
    number: str | None
    symbol: str | None
    symbol_written: str | None
    symbol_key: str | None
    date: str
    place: str
    subject: str
    title: str | None = None
    signer: ExpectedSigner | None = None
    recipients: list[str] = Field(default_factory=list)
    distribution: list[str] = Field(default_factory=list)
    period: list[int] | None = None
    draft: bool = False
    header: bool = True  # False: the file starts at the place-date line, no issuing-body header


class SampleFile(BaseModel):
    key: str
    path: str  # relative to the sample folder, with "/" separators
    access: str
    format: str  # pdf, docx, txt, md, html, jpeg, png, tiff, scan-pdf
    kind: str  # directive, book, scan
    topics: list[str]
    pages: int | None = None  # pages in the file when it has pages (PDF, TIFF, images)
    printed_pages: list[str | None] | None = None
    headings: list[ExpectedHeading] = Field(default_factory=list)
    ground_truth: str | None = None  # scans: the text drawn on the pages, pages separated by form feeds
    sha256: str
    size: int
    expected: ExpectedMetadata
    citations: list[ExpectedCitation] = Field(default_factory=list)


class MissingDoc(BaseModel):
    key: str
    doc_type: str
    symbol: str
    symbols_written: list[str]
    date: str
    issuer: str
    count: int  # distinct sample files citing it
    cited_by: list[str]


class SampleManifest(BaseModel):
    version: int = MANIFEST_VERSION
    root: str = "."
    files: list[SampleFile]
    missing: list[MissingDoc] = Field(default_factory=list)
    # phrase -> keys of the files whose text contains it (diacritics folded, case and spacing ignored)
    search: dict[str, list[str]] = Field(default_factory=dict)

    def by_key(self, key: str) -> SampleFile:
        for f in self.files:
            if f.key == key:
                return f
        raise KeyError(key)

    def by_path(self, path: str) -> SampleFile:
        for f in self.files:
            if f.path == path:
                return f
        raise KeyError(path)

    def paths(self, access: str | None = None) -> list[str]:
        return [f.path for f in self.files if access is None or f.access == access]

    def to_json(self) -> str:
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=1, sort_keys=False) + "\n"

    def write(self, out_dir: Path) -> Path:
        path = Path(out_dir) / MANIFEST_NAME
        path.write_text(self.to_json(), encoding="utf-8")
        return path


def load_manifest(out_dir: Path) -> SampleManifest:
    """Read ``manifest.json`` from a generated sample folder."""
    return SampleManifest.model_validate_json((Path(out_dir) / MANIFEST_NAME).read_text(encoding="utf-8"))
