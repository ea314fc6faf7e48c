"""IIIF Presentation API 3.0: a manifest per document, collections per issuer and per year.

Built from what the archive already holds: the effective metadata (corrections applied), the pages
and their sizes, the detected structure of books. Canvas coordinates are those of the page's word
boxes (``Page.width`` x ``Page.height``: image pixels for scans, PDF points for text-layer pages),
so a search hit's ``#xywh=`` is a word box as stored; the image is painted over the whole canvas
and its own pixel size comes from its ``info.json``. Only documents with page images (PDFs and
scans) have a manifest; callers decide visibility (``services.documents.load_visible`` and
``services.catalog.visible``), so a hidden document is never reached here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from services.catalog import DocSummary
from services.iiif_image import source_size
from services.page_images import has_page_images, page_image
from sulieu.chapters import holds
from sulieu.citation_format import format_citation, format_date_vi, issuing_body
from sulieu.errors import NotFound
from sulieu.model import DocumentMetadata, Heading, Page, Record
from sulieu.store import ArchiveStore

CONTEXT = "http://iiif.io/api/presentation/3/context.json"
SEARCH1_CONTEXT = "http://iiif.io/api/search/1/context.json"
SEARCH1_PROFILE = "http://iiif.io/api/search/1/search"
PROVIDER = "Kho Sử liệu"

# rightsstatements.org has no "restricted access" statement: the archive has not evaluated the copyright
# of its public documents (CNE); internal and restricted ones need permission for any use (InC).
RIGHTS = {"public": "http://rightsstatements.org/vocab/CNE/1.0/",
          "internal": "http://rightsstatements.org/vocab/InC/1.0/",
          "restricted": "http://rightsstatements.org/vocab/InC/1.0/"}
USE_NOTE = {
    "public": "Tài liệu công khai. Khi sử dụng, ghi rõ nguồn: {citation}, {provider}.",
    "internal": "Tài liệu lưu hành nội bộ: chỉ người có tài khoản của kho được xem; không phổ biến ra ngoài. "
                "Nguồn: {citation}, {provider}.",
    "restricted": "Tài liệu hạn chế: chỉ người được cấp quyền xem; không sao chép, không phổ biến. "
                  "Nguồn: {citation}, {provider}.",
}
METADATA_FIELDS = (("doc_type", "Loại văn bản"), ("symbol", "Số, ký hiệu"), ("issuer", "Cơ quan ban hành"),
                   ("issuer_parent", "Cơ quan cấp trên"), ("province", "Tỉnh/Thành phố"),
                   ("place", "Địa danh ban hành"), ("date", "Ngày ban hành"), ("subject", "Trích yếu"),
                   ("signer", "Người ký"), ("period", "Giai đoạn"), ("recipients", "Nơi gửi (Kính gửi)"),
                   ("people", "Nhân vật được nhắc"), ("places", "Địa danh được nhắc"))
ACCESS_LABELS = {"public": "Công khai", "internal": "Nội bộ", "restricted": "Hạn chế"}


def vi(*values: str) -> dict[str, list[str]]:
    """A IIIF language map in Vietnamese."""
    return {"vi": [v for v in values if v]}


@dataclass(frozen=True)
class IiifUrls:
    """Every IIIF address of the server, in one place (the router's paths follow these)."""

    base: str

    def manifest(self, doc_id: str) -> str:
        return f"{self.base}/iiif/{doc_id}/manifest"

    def canvas(self, doc_id: str, number: int) -> str:
        return f"{self.base}/iiif/{doc_id}/canvas/{number}"

    def image_service(self, doc_id: str, number: int) -> str:
        return f"{self.base}/iiif/3/{doc_id}-{number}"

    def search(self, doc_id: str, version: int) -> str:
        return f"{self.base}/iiif/{doc_id}/search/{version}"

    def collection(self, kind: str = "top", key: str | None = None) -> str:
        tail = f"/{quote(key, safe='')}" if key is not None else ""
        return f"{self.base}/iiif/collection/{kind}{tail}"

    def record(self, doc_id: str) -> str:
        return f"{self.base}/api/documents/{doc_id}"

    def page(self, doc_id: str) -> str:
        return f"{self.base}/doc/{doc_id}"


def _value(field: str, md: DocumentMetadata) -> str | None:
    raw = getattr(md, field)
    if raw in (None, "", []):
        return None
    if field == "date":
        return (format_date_vi(raw) or raw).removeprefix("ngày ").removeprefix("tháng ").removeprefix("năm ")
    if field == "signer":
        return " · ".join(b for b in (raw.authority, raw.on_behalf_of, raw.position, raw.name) if b) or None
    if field == "period":
        return f"{raw.start}–{raw.end}" if raw.end else str(raw.start)
    if isinstance(raw, list):
        return "; ".join(raw)
    return str(raw)


def metadata_pairs(md: DocumentMetadata, access: str) -> list[dict[str, Any]]:
    pairs = [{"label": vi(label), "value": vi(v)} for field, label in METADATA_FIELDS
             if (v := _value(field, md))]
    pairs.append({"label": vi("Mức truy cập"), "value": vi(ACCESS_LABELS.get(access, access))})
    return pairs


def canvas_size(page: Page) -> tuple[int, int] | None:
    """The canvas of a page is its word-box space; None when the record does not know it."""
    if page.width and page.height:
        return int(page.width), int(page.height)
    return None


def page_size(store: ArchiveStore, record: Record, page: Page, *, max_pixels: int) -> tuple[int, int] | None:
    """Canvas size of a page: from the record, else from the page image itself (a record that lacks
    the size; a PDF page is then rendered, as a viewer would ask for it anyway); None without an image."""
    size = canvas_size(page)
    if size is None:
        try:
            size = source_size(page_image(store, record, page.number, max_pixels=max_pixels).path)
        except NotFound:  # a page left without an image at ingest gets no canvas
            return None
    return size


def page_sizes(store: ArchiveStore, record: Record, *, max_pixels: int) -> dict[int, tuple[int, int]]:
    out = {}
    for p in record.pages:
        size = page_size(store, record, p, max_pixels=max_pixels)
        if size is not None:
            out[p.number] = size
    return out


def page_label(page: Page) -> dict[str, list[str]]:
    printed = f" (số in {page.printed_number})" if page.printed_number else ""
    return vi(f"Trang {page.number}{printed}")


def _service(urls: IiifUrls, doc_id: str, number: int) -> list[dict[str, Any]]:
    return [{"id": urls.image_service(doc_id, number), "type": "ImageService3", "profile": "level1"}]


def canvas(urls: IiifUrls, doc_id: str, page: Page, size: tuple[int, int]) -> dict[str, Any]:
    cid = urls.canvas(doc_id, page.number)
    service = urls.image_service(doc_id, page.number)
    return {
        "id": cid, "type": "Canvas", "label": page_label(page), "width": size[0], "height": size[1],
        "thumbnail": [{"id": f"{service}/full/^!240,240/0/default.jpg", "type": "Image", "format": "image/jpeg",
                       "service": _service(urls, doc_id, page.number)}],
        "items": [{"id": f"{cid}/page", "type": "AnnotationPage", "items": [{
            "id": f"{cid}/image", "type": "Annotation", "motivation": "painting", "target": cid,
            "body": {"id": f"{service}/full/max/0/default.jpg", "type": "Image", "format": "image/jpeg",
                     "service": _service(urls, doc_id, page.number)},
        }]}],
    }


def ranges(urls: IiifUrls, doc_id: str, headings: list[Heading], pages: list[int]) -> list[dict[str, Any]]:
    """Book structure as nested ranges: a heading covers its page up to the page before the next
    heading at its level or above (front matter: of any level, ``sulieu.chapters.holds``); a heading's
    sub-headings become its sub-ranges."""
    known = [h for h in headings if h.page in pages]
    last = pages[-1] if pages else 0
    out: list[dict[str, Any]] = []
    stack: list[tuple[Heading, dict[str, Any]]] = []
    for i, h in enumerate(known):
        end = next((k.page - 1 for k in known[i + 1:] if not holds(h, k)), last)
        end = max(end, h.page)
        r: dict[str, Any] = {"id": f"{urls.manifest(doc_id)}/range/{i + 1}", "type": "Range", "label": vi(h.title),
                             "items": [{"id": urls.canvas(doc_id, n), "type": "Canvas"}
                                       for n in pages if h.page <= n <= end]}
        while stack and not holds(stack[-1][0], h):
            stack.pop()
        if stack:  # the parent keeps its own pages before its first sub-range, then the sub-ranges
            parent = stack[-1][1]
            parent["items"] = [it for it in parent["items"] if it["type"] == "Range"
                               or int(it["id"].rsplit("/", 1)[1]) < h.page] + [r]
        else:
            out.append(r)
        stack.append((h, r))
    return out


def manifest(urls: IiifUrls, record: Record, md: DocumentMetadata, access: str,
             sizes: dict[int, tuple[int, int]]) -> dict[str, Any]:
    """The manifest of one visible document. ``sizes`` gives the canvas size of each page number
    (``canvas_size`` or the page image's own size when the record does not know it)."""
    if not has_page_images(record.provenance.mime):
        raise NotFound("Tài liệu này không có ảnh trang (tài liệu dạng văn bản), nên không có manifest IIIF.")
    doc_id = record.id
    title = md.title or md.subject or record.provenance.original_name
    citation = format_citation(md)
    pages = [p for p in record.pages if p.number in sizes]
    if not pages:  # a manifest must have a canvas: every page image was lost or unreadable at ingest
        raise NotFound("Không trang nào của tài liệu này có ảnh, nên không có manifest IIIF.")
    out: dict[str, Any] = {
        "@context": CONTEXT, "id": urls.manifest(doc_id), "type": "Manifest", "label": vi(title),
        "metadata": metadata_pairs(md, access),
        "rights": RIGHTS.get(access, RIGHTS["restricted"]),
        "requiredStatement": {"label": vi("Điều kiện sử dụng"),
                              "value": vi(USE_NOTE.get(access, USE_NOTE["restricted"]).format(
                                  citation=citation, provider=PROVIDER))},
        "provider": [{"id": f"{urls.base}/", "type": "Agent", "label": vi(PROVIDER),
                      "homepage": [{"id": f"{urls.base}/", "type": "Text", "label": vi(PROVIDER),
                                    "format": "text/html"}]}],
        "homepage": [{"id": urls.page(doc_id), "type": "Text", "label": vi(title), "format": "text/html",
                      "language": ["vi"]}],
        "seeAlso": [{"id": urls.record(doc_id), "type": "Dataset", "label": vi("Hồ sơ tài liệu (JSON)"),
                     "format": "application/json"}],
        "service": [{"@context": SEARCH1_CONTEXT, "id": urls.search(doc_id, 1), "type": "SearchService1",
                     "profile": SEARCH1_PROFILE},
                    {"id": urls.search(doc_id, 2), "type": "SearchService2"}],
        "items": [canvas(urls, doc_id, p, sizes[p.number]) for p in pages],
    }
    if md.subject and md.subject != title:
        out["summary"] = vi(md.subject)
    if md.date and len(md.date) >= 4 and md.date[:4].isdigit():
        y, m, d = (md.date.split("-") + ["01", "01"])[:3]
        out["navDate"] = f"{y}-{m}-{d}T00:00:00Z"
    if pages:
        out["thumbnail"] = out["items"][0]["thumbnail"]
    structures = ranges(urls, doc_id, record.structure, [p.number for p in pages])
    if structures:
        out["structures"] = structures
    return out


def issuer_of(doc: DocSummary) -> str | None:
    """The issuer a collection groups by: the issuer as recorded (corrections applied)."""
    return (doc.metadata.issuer or "").strip() or None


def _manifest_ref(urls: IiifUrls, doc: DocSummary) -> dict[str, Any]:
    md = doc.metadata
    ref: dict[str, Any] = {"id": urls.manifest(doc.id), "type": "Manifest",
                           "label": vi(md.title or md.subject or doc.original_name)}
    cite = format_citation(md)
    if cite:
        ref["summary"] = vi(cite)
    return ref


def _collection(cid: str, label: str, items: list[dict[str, Any]], summary: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"@context": CONTEXT, "id": cid, "type": "Collection", "label": vi(label),
                           "provider": [{"id": cid.split("/iiif/")[0] + "/", "type": "Agent", "label": vi(PROVIDER)}],
                           "items": items}
    if summary:
        out["summary"] = vi(summary)
    return out


def _by_date(docs: list[DocSummary]) -> list[DocSummary]:
    return sorted(docs, key=lambda d: (d.metadata.date or "", d.id))


def with_images(docs: list[DocSummary]) -> list[DocSummary]:
    """Documents that have a manifest (callers pass only visible, undeleted ones)."""
    return [d for d in docs if has_page_images(d.mime) and d.pages > 0]


def top_collection(urls: IiifUrls, docs: list[DocSummary]) -> dict[str, Any]:
    n = len(with_images(docs))
    return _collection(urls.collection(), PROVIDER, [
        {"id": urls.collection("issuers"), "type": "Collection", "label": vi("Theo cơ quan ban hành")},
        {"id": urls.collection("years"), "type": "Collection", "label": vi("Theo năm ban hành")},
    ], summary=f"{n} tài liệu có ảnh trang")


def _groups(docs: list[DocSummary], key: Any) -> dict[Any, list[DocSummary]]:
    groups: dict[Any, list[DocSummary]] = {}
    for d in with_images(docs):
        k = key(d)
        if k is not None:
            groups.setdefault(k, []).append(d)
    return groups


def issuers_collection(urls: IiifUrls, docs: list[DocSummary]) -> dict[str, Any]:
    groups = _groups(docs, issuer_of)
    items = [{"id": urls.collection("issuer", name), "type": "Collection",
              "label": vi(f"{name} ({len(group)} tài liệu)")} for name, group in sorted(groups.items())]
    return _collection(urls.collection("issuers"), "Theo cơ quan ban hành", items)


def years_collection(urls: IiifUrls, docs: list[DocSummary]) -> dict[str, Any]:
    groups = _groups(docs, lambda d: d.metadata.year)
    items = [{"id": urls.collection("year", str(y)), "type": "Collection",
              "label": vi(f"Năm {y} ({len(group)} tài liệu)")} for y, group in sorted(groups.items())]
    return _collection(urls.collection("years"), "Theo năm ban hành", items)


def issuer_collection(urls: IiifUrls, docs: list[DocSummary], name: str) -> dict[str, Any]:
    group = _groups(docs, issuer_of).get(name)
    if not group:
        raise NotFound(f"Không có tài liệu có ảnh nào của {name[:100]!r} (hoặc bạn không có quyền xem).")
    body = issuing_body(group[0].metadata) or name
    return _collection(urls.collection("issuer", name), body,
                       [_manifest_ref(urls, d) for d in _by_date(group)], summary=f"{len(group)} tài liệu")


def year_collection(urls: IiifUrls, docs: list[DocSummary], year: int) -> dict[str, Any]:
    group = _groups(docs, lambda d: d.metadata.year).get(year)
    if not group:
        raise NotFound(f"Không có tài liệu có ảnh nào năm {year} (hoặc bạn không có quyền xem).")
    return _collection(urls.collection("year", str(year)), f"Năm {year}",
                       [_manifest_ref(urls, d) for d in _by_date(group)], summary=f"{len(group)} tài liệu")


__all__ = ["IiifUrls", "manifest", "canvas_size", "page_size", "page_sizes", "top_collection", "issuers_collection", "years_collection",
           "issuer_collection", "year_collection", "with_images", "vi", "RIGHTS", "CONTEXT"]
