"""Last step of ingest: store the original, the page files and the record, in that order.

The record is written last and atomically, so a document exists in the archive only once
everything it points to is on disk; a crash before that leaves no record, and the next
attempt simply writes the same content-addressed files again.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from haystack import component, default_from_dict, default_to_dict

from ingest.convert_io import is_inside
from ingest.types import ConvertedDoc, PageDraft
from sulieu import __version__
from sulieu.errors import EmptyDocument
from sulieu.model import DocumentMetadata, Page, Provenance, Record
from sulieu.store import ArchiveStore, atomic_write_bytes, doc_id_for

EXTRACTION_VERSION = "1"


def _move_into(store: ArchiveStore, staged: str | None, target: Path) -> str | None:
    """Move a staged file under pages/<id>/ and return its path relative to the archive."""
    if not staged:
        return None
    src = Path(staged)
    if not src.exists():
        return None
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(src, target)
    except OSError:  # staged on another file system
        shutil.copyfile(src, target)
        src.unlink(missing_ok=True)
    return target.relative_to(store.root).as_posix()


def _page_record(store: ArchiveStore, doc_id: str, draft: PageDraft) -> Page:
    pages_dir = store.pages_dir(doc_id)
    stem = f"{draft.number:04d}"
    image = None
    if draft.image_file:
        image = _move_into(store, draft.image_file, pages_dir / f"{stem}{Path(draft.image_file).suffix or '.jpg'}")
    thumb_src = getattr(draft, "thumbnail_file", None)
    thumbnail = None
    if thumb_src:
        thumbnail = _move_into(store, thumb_src, pages_dir / f"{stem}.thumb{Path(thumb_src).suffix or '.jpg'}")
    words = None
    if draft.words_file:
        words = _move_into(store, draft.words_file, pages_dir / f"{stem}.words.json")
    elif draft.words:
        target = pages_dir / f"{stem}.words.json"
        atomic_write_bytes(
            target, json.dumps([w.model_dump() for w in draft.words], ensure_ascii=False).encode("utf-8")
        )
        words = target.relative_to(store.root).as_posix()
    return Page(
        number=draft.number,
        text=draft.text,
        source=draft.source,
        printed_number=draft.printed_number,
        marks=draft.marks,
        width=draft.width,
        height=draft.height,
        image=image,
        thumbnail=thumbnail,
        words=words,
        confidence=draft.confidence,
        needs_review=draft.needs_review,
        ocr=draft.ocr,
        note=draft.note,
    )


@component
class ArchiveWriter:
    """Writes a converted, understood document into the archive folder."""

    def __init__(self, *, archive: str | None = None) -> None:
        # The archive is normally given per run, so a saved pipeline works with any archive.
        self.archive = archive

    def to_dict(self) -> dict[str, Any]:
        return default_to_dict(self, archive=self.archive)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArchiveWriter:
        return default_from_dict(cls, data)

    @component.output_types(doc_id=str, status=str, pages=int)
    def run(self, document: ConvertedDoc, access: str = "public", user: str = "cli",
            archive: str | None = None) -> dict[str, Any]:
        root = archive or self.archive
        if not root:
            raise ValueError("ArchiveWriter needs an archive folder")
        store = ArchiveStore(root).init()
        doc_id = doc_id_for(document.source.sha256)
        with store.writer_lock():  # decide "new or duplicate" and write it as one step (two runs at once)
            if store.has_record(doc_id):
                _discard_staged(store, document)
                return {"doc_id": doc_id, "status": "duplicate", "pages": len(document.pages)}
            pages = _store_new(store, doc_id, document, access, user)
        return {"doc_id": doc_id, "status": "ingested", "pages": pages}


def _discard_staged(store: ArchiveStore, document: ConvertedDoc) -> None:
    """What was staged for a copy already in the archive is not needed."""
    tmp = store.tmp_dir
    for p in document.pages:
        for staged in (p.image_file, p.thumbnail_file, p.words_file):
            if is_inside(staged, tmp):
                Path(staged).unlink(missing_ok=True)
    if is_inside(document.source.path, tmp):  # a book's bundle, built by the image converter
        Path(document.source.path).unlink(missing_ok=True)


def _store_new(store: ArchiveStore, doc_id: str, document: ConvertedDoc, access: str, user: str) -> int:
    """Original, pages and record of a new document; returns its page count."""
    src = document.source
    if not document.pages:
        raise EmptyDocument(f"Tệp {src.original_name} không có trang nào.")
    store.put_original(Path(src.path), src.sha256)
    pages = [_page_record(store, doc_id, p) for p in document.pages]
    record = Record(
        id=doc_id,
        access=access,
        provenance=Provenance(
            original_name=src.original_name,
            source_path=str(src.path),
            mime=src.mime,
            size=src.size,
            sha256=src.sha256,
            ingested_by=user,
            software_version=__version__,
            extractors={"sulieu": __version__, **document.extractors},
        ),
        pages=pages,
        metadata=document.metadata or DocumentMetadata(),
        citations=document.citations,
        structure=document.structure,
        contents=document.contents,
        extraction_version=EXTRACTION_VERSION,
    )
    store.write_record(record)
    if is_inside(src.path, store.tmp_dir):  # the archive now holds its own copy of a staged bundle
        Path(src.path).unlink(missing_ok=True)
    return len(pages)
