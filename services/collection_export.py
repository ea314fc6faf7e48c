"""A collection as files: a Vietnamese bibliography, a CSV, a BagIt package (zip) of the originals.

Every export is built from one ``CollectionView``, the collection as the requesting user may see it
now, so an item the user may not see is never in it (the bibliography and CSV say how many were
left out, as the collection page does; the bag holds only visible documents).
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

from services.collections import HIDDEN_LABEL, CollectionView
from services.preservation import export_bag
from sulieu.citation_format import format_citation
from sulieu.csv_export import write_csv
from sulieu.level_names import level_label
from sulieu.store import ArchiveStore

CSV_HEADER = ("stt", "trich_dan", "loai", "so_ky_hieu", "ngay", "co_quan_ban_hanh", "cap", "tieu_de", "trang",
              "ghi_chu", "duong_dan")


def _page_suffix(page: int) -> str:
    return f", tr. {page}" if page else ""


def bibliography(view: CollectionView) -> str:
    """Numbered citations in the collection's order, the note of each item indented below it."""
    c = view.collection
    lines = [f"DANH MỤC TÀI LIỆU: {c.name}", ""]
    n = 0
    for item in view.items:
        if item.doc is None:
            continue
        n += 1
        lines.append(f"{n}. {format_citation(item.doc.metadata)}{_page_suffix(item.item.page)}.")
        if item.item.note:
            lines.extend(f"   {ln}" for ln in item.item.note.splitlines())
    hidden = sum(1 for i in view.items if i.hidden)
    if hidden:
        lines += ["", f"({hidden} mục {HIDDEN_LABEL}, không liệt kê.)"]
    return "\n".join(lines) + "\n"


def csv_text(view: CollectionView, base_url: str) -> str:
    rows: list[list[object]] = []
    for pos, item in enumerate(view.items, 1):
        if item.doc is None:
            rows.append([pos, HIDDEN_LABEL, "", "", "", "", "", "", "", "", ""])
            continue
        md = item.doc.metadata
        page = item.item.page
        url = f"{base_url}/doc/{item.doc.id}" + (f"?p={page}" if page else "")
        rows.append([pos, format_citation(md), md.doc_type or "", md.symbol or "", md.date or "", md.issuer or "",
                     level_label(md.level, md.system), md.title or "", page or "", item.item.note, url])
    return write_csv(CSV_HEADER, rows)


def bag_zip(store: ArchiveStore, view: CollectionView) -> Path:
    """A zip of a BagIt package with the visible documents of the collection, in a new private temporary
    folder outside the archive (a bag may not be written inside it); the caller removes the folder."""
    ids = [d.id for d in view.visible_docs]
    tmp = Path(tempfile.mkdtemp(prefix="sulieu-collection-"))
    bag = tmp / "bag"
    export_bag(store, bag, doc_ids=ids, query=f"bộ sưu tập «{view.collection.name}»")
    target = tmp / "bag.zip"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(bag.rglob("*")):
            if f.is_file():
                z.write(f, Path(f"bo-suu-tap-{view.collection.id}") / f.relative_to(bag))
    shutil.rmtree(bag, ignore_errors=True)
    return target
