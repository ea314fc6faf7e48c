"""``sulieu import``: bring a BagIt package into the archive, all or nothing.

1. Validate everything before writing anything: the bag itself (bagit, sha256 manifest), the
   layout of its payload, every record (JSON, schema version not newer than ours, structure,
   its original present with the sha256 the record names, every page file present), every
   corrections and provenance file. Any problem: ``BagInvalid`` listing all of them, archive
   untouched.
2. Write originals, page files, corrections, provenance, and records last, each atomically;
   a failure part way (a full disk) undoes what this import wrote, so no document is half in.
3. Refresh the citation graph and the index for the documents that changed.

Ids, access levels, citations and timestamps are kept because records are copied byte for
byte. A document already in the archive keeps its local record; corrections from the bag
that the archive lacks are added. Importing the same bag twice therefore changes nothing.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import bagit

from ingest.preservation.fixity import FutureSchema, load_corrections_raw, load_record_raw, page_files
from ingest.preservation.provenance import events_path
from sulieu import __version__
from sulieu.authority import read_authority
from sulieu.errors import ArchiveError, InputError, SulieuError
from sulieu.model import RECORD_SCHEMA_VERSION, Correction, Record, utcnow
from sulieu.store import ARCHIVE_FORMAT, ArchiveStore, atomic_write_bytes, sha256_file, valid_id

log = logging.getLogger(__name__)
_SHA_CHARS = frozenset("0123456789abcdef")
MAX_LISTED = 50


class BagInvalid(InputError):
    """The package is not a valid Sử liệu bag; ``problems`` lists every reason (Vietnamese)."""

    code = "invalid_bag"
    http_status = 422

    def __init__(self, message: str, problems: list[str]) -> None:
        shown = problems[:MAX_LISTED]
        more = len(problems) - len(shown)
        detail = "\n".join(f"- {p}" for p in shown) + (f"\n- … và {more} lỗi khác" if more > 0 else "")
        super().__init__(message, detail=detail)
        self.problems = problems


@dataclass
class BagDocument:
    id: str
    record_raw: bytes
    record: Record
    original: Path
    pages: list[tuple[str, Path]] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    corrections_raw: bytes | None = None
    events: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class BagPlan:
    path: Path
    info: dict[str, Any]
    documents: dict[str, BagDocument]
    payload_bytes: int = 0


@dataclass
class ImportSummary:
    path: str
    documents: int = 0
    imported: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_local: list[str] = field(default_factory=list)
    corrections_added: dict[str, int] = field(default_factory=dict)
    index_refreshed: bool = False
    index_message: str | None = None
    seconds: float = 0.0

    @property
    def changed_ids(self) -> list[str]:
        return sorted(set(self.imported) | set(self.corrections_added))

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "changed_ids": self.changed_ids}


# --- validation ----------------------------------------------------------------------------


def _explain_bag_error(e: bagit.BagError) -> list[str]:
    details = getattr(e, "details", None) or []
    out = []
    for d in details:
        if isinstance(d, bagit.ChecksumMismatch):
            out.append(f"Sai mã băm {d.algorithm}: {d.path} (manifest {d.expected[:16]}…, thực tế {d.found[:16]}…)")
        elif isinstance(d, bagit.FileMissing):
            out.append(f"Thiếu tệp ghi trong manifest: {d.path}")
        elif isinstance(d, bagit.UnexpectedFile):
            out.append(f"Tệp không có trong manifest: {d.path}")
        else:
            out.append(str(d))
    if not out:
        out.append(f"Gói BagIt không hợp lệ: {e}")
    return out


def _bag_problems(bag: bagit.Bag) -> list[str]:
    """bagit's own validation, with every detail (its Payload-Oxum shortcut reports none)."""
    try:
        bag.validate(processes=1)
        return []
    except bagit.BagValidationError as e:
        problems = _explain_bag_error(e) if e.details else []
    except bagit.BagError as e:
        return _explain_bag_error(e)
    if problems:
        return problems
    # Payload-Oxum failed first: find the files behind it ourselves.
    only_manifest, only_fs = bag.compare_manifests_with_fs()
    problems = [f"Thiếu tệp ghi trong manifest: {p}" for p in sorted(only_manifest)]
    problems += [f"Tệp không có trong manifest: {p}" for p in sorted(only_fs)]
    for rel, hashes in sorted(bag.entries.items()):
        full = Path(bag.path) / rel
        if "sha256" in hashes and full.is_file():
            if sha256_file(full) != hashes["sha256"].lower():
                problems.append(f"Sai mã băm sha256: {rel}")
    return problems or ["Payload-Oxum trong bag-info.txt không khớp với nội dung gói"]


def _int_tag(info: dict[str, Any], key: str) -> int | None:
    v = info.get(key)
    if isinstance(v, list):
        v = v[0]
    try:
        return int(v) if v is not None else None
    except (TypeError, ValueError):
        return None


@dataclass
class _PayloadLayout:
    """The bag's payload files sorted by the archive folder each belongs in."""

    root: Path
    originals: dict[str, Path] = field(default_factory=dict)
    records: dict[str, Path] = field(default_factory=dict)
    corrections: dict[str, Path] = field(default_factory=dict)
    events: dict[str, Path] = field(default_factory=dict)
    pages: dict[str, list[str]] = field(default_factory=dict)
    total: int = 0


def validate_bag(bag_path: Path | str) -> BagPlan:
    """Check a bag completely without touching any archive; raises ``BagInvalid`` with every problem."""
    path = Path(bag_path)
    name = path.name or str(path)
    bag = _open_bag(path, name)
    problems = _bag_level_problems(bag)
    layout = _sort_payload(bag, problems)
    docs = _load_documents(bag, layout, problems)
    problems += _leftover_problems(bag, layout, docs)
    if problems:
        raise BagInvalid(f"Gói {name} không hợp lệ ({len(problems)} lỗi); chưa nhập gì, kho không thay đổi.", problems)
    return BagPlan(path=layout.root, info=dict(bag.info), documents=docs, payload_bytes=layout.total)


def _open_bag(path: Path, name: str) -> bagit.Bag:
    """The bag at ``path``; a missing folder or an unreadable bag stops validation at once."""
    if not path.is_dir():
        raise BagInvalid(f"Không tìm thấy gói {path} (cần một thư mục BagIt đã giải nén); chưa nhập gì.", [f"{path} không phải thư mục"])
    try:
        return bagit.Bag(str(path))
    except bagit.BagError as e:
        raise BagInvalid(f"{name} không phải gói BagIt hợp lệ; chưa nhập gì.", _explain_bag_error(e)) from None


def _bag_level_problems(bag: bagit.Bag) -> list[str]:
    """Problems of the bag as a whole: manifest algorithm, fetch.txt, versions newer than ours, fixity."""
    problems: list[str] = []
    if "sha256" not in bag.algorithms:
        problems.append(f"Gói không có manifest sha256 (chỉ có: {', '.join(bag.algorithms) or 'không có'})")
    try:
        if list(bag.fetch_entries()):
            problems.append("Gói dùng fetch.txt (tải tệp từ mạng): không hỗ trợ, cần gói đầy đủ")
    except bagit.BagError as e:
        problems.append(str(e))
    schema = _int_tag(bag.info, "Sulieu-Record-Schema")
    if schema is not None and schema > RECORD_SCHEMA_VERSION:
        problems.append(
            f"Gói được tạo bởi phiên bản Sử liệu mới hơn (lược đồ hồ sơ {schema} > {RECORD_SCHEMA_VERSION}); hãy nâng cấp"
        )
    fmt = _int_tag(bag.info, "Sulieu-Archive-Format")
    if fmt is not None and fmt > ARCHIVE_FORMAT:
        problems.append(f"Định dạng kho trong gói ({fmt}) mới hơn phiên bản này ({ARCHIVE_FORMAT})")
    problems += _bag_problems(bag)
    return problems


def _sort_payload(bag: bagit.Bag, problems: list[str]) -> _PayloadLayout:
    """Sort every payload file into its archive folder; symlinks and stray files go to ``problems``."""
    layout = _PayloadLayout(root=Path(bag.path))
    payload = {PurePosixPath(k.replace(os.sep, "/")) for k in bag.payload_entries()}
    for p in sorted(payload):
        full = layout.root / p
        parts = p.parts[1:]
        if full.is_symlink():
            problems.append(f"Liên kết tượng trưng không được phép trong gói: {p}")
            continue
        if full.is_file():
            layout.total += full.stat().st_size
        kind = parts[0] if parts else ""
        if kind == "originals" and len(parts) == 3 and len(parts[2]) == 64 and set(parts[2]) <= _SHA_CHARS \
                and parts[1] == parts[2][:2]:
            layout.originals[parts[2]] = full
        elif kind == "records" and len(parts) == 3 and parts[2].endswith(".json") \
                and valid_id(parts[2][:-5]) and parts[1] == parts[2][:2]:
            layout.records[parts[2][:-5]] = full
        elif kind in ("corrections", "provenance") and len(parts) == 2 and parts[1].endswith(".json") \
                and valid_id(parts[1][:-5]):
            (layout.corrections if kind == "corrections" else layout.events)[parts[1][:-5]] = full
        elif kind == "pages" and len(parts) >= 3 and valid_id(parts[1]) and ".." not in parts:
            layout.pages.setdefault(parts[1], []).append("/".join(parts))
        elif kind == "authority.json" and len(parts) == 1:
            try:
                read_authority(full)
            except ArchiveError as e:
                problems.append(f"{p}: {e.message}")
        elif kind == "duplicates.json" and len(parts) == 1:
            pass  # derived and re-detected on import; editors' decisions are merged by the caller
        else:
            problems.append(f"Tệp không thuộc cấu trúc kho Sử liệu: {p}")
    return layout


def _load_documents(bag: bagit.Bag, layout: _PayloadLayout, problems: list[str]) -> dict[str, BagDocument]:
    """Every record that parses and has its original, with its pages, corrections and events."""
    docs: dict[str, BagDocument] = {}
    for doc_id, full in sorted(layout.records.items()):
        try:
            raw = full.read_bytes()
            rec = load_record_raw(raw, expected_id=doc_id)
        except FutureSchema as e:
            problems.append(f"Hồ sơ {doc_id} {e}; hãy nâng cấp Sử liệu trước khi nhập")
            continue
        except (OSError, ValueError) as e:
            problems.append(f"Hồ sơ {doc_id} hỏng: {e}")
            continue
        orig = _check_original(bag, layout, doc_id, rec, problems)
        if orig is None:
            continue
        doc = BagDocument(doc_id, raw, rec, orig)
        _check_pages(doc, layout, problems)
        _load_side_files(doc, layout, problems)
        docs[doc_id] = doc
    return docs


def _check_original(bag: bagit.Bag, layout: _PayloadLayout, doc_id: str, rec: Record,
                    problems: list[str]) -> Path | None:
    """The record's original in the bag, checked against the record's sha256 and size; None if absent."""
    sha = rec.provenance.sha256
    orig = layout.originals.get(sha)
    if orig is None:
        problems.append(f"Hồ sơ {doc_id}: thiếu bản gốc {sha[:16]}… trong gói")
        return None
    hashes = bag.entries.get(os.path.join("data", "originals", sha[:2], sha), {})
    if hashes.get("sha256", sha).lower() != sha:
        problems.append(f"Hồ sơ {doc_id}: sha256 của bản gốc trong manifest khác với hồ sơ")
    if orig.is_file() and orig.stat().st_size != rec.provenance.size:
        problems.append(f"Hồ sơ {doc_id}: bản gốc có {orig.stat().st_size} byte, hồ sơ ghi {rec.provenance.size}")
    return orig


def _check_pages(doc: BagDocument, layout: _PayloadLayout, problems: list[str]) -> None:
    """Every page file the record names must be in the bag under its own folder; attach those found."""
    have = set(layout.pages.get(doc.id, []))
    for rel in page_files(doc.record):
        if not rel.startswith(f"pages/{doc.id}/") or ".." in PurePosixPath(rel).parts:
            problems.append(f"Hồ sơ {doc.id}: đường dẫn trang không hợp lệ {rel}")
        elif rel not in have:
            problems.append(f"Hồ sơ {doc.id}: thiếu tệp trang {rel} trong gói")
    doc.pages = [(rel, layout.root / "data" / rel) for rel in sorted(have)]


def _load_side_files(doc: BagDocument, layout: _PayloadLayout, problems: list[str]) -> None:
    """Attach the document's corrections layer and provenance events, if the bag has them and they parse."""
    if doc.id in layout.corrections:
        try:
            doc.corrections_raw = layout.corrections[doc.id].read_bytes()
            doc.corrections = load_corrections_raw(doc.corrections_raw)
        except (OSError, ValueError) as e:
            problems.append(f"Lớp hiệu chỉnh của {doc.id} hỏng: {e}")
    if doc.id in layout.events:
        try:
            data = json.loads(layout.events[doc.id].read_text(encoding="utf-8"))
            if not isinstance(data, list) or not all(isinstance(x, dict) and "event" in x for x in data):
                raise ValueError("phải là danh sách sự kiện")
            doc.events = data
        except (OSError, ValueError) as e:
            problems.append(f"Nhật ký nguồn gốc của {doc.id} hỏng: {e}")


def _leftover_problems(bag: bagit.Bag, layout: _PayloadLayout, docs: dict[str, BagDocument]) -> list[str]:
    """Files no record claims, and a document count that disagrees with bag-info.txt."""
    problems: list[str] = []
    used_originals = {doc.record.provenance.sha256 for doc in docs.values()}
    all_parsed = len(docs) == len(layout.records)  # else an "unreferenced" original may belong to a broken record
    for sha in sorted(set(layout.originals) - used_originals):
        if all_parsed:
            problems.append(f"Bản gốc {sha[:16]}… trong gói không thuộc hồ sơ nào")
    for label, found in (("trang", layout.pages), ("hiệu chỉnh", layout.corrections), ("nguồn gốc", layout.events)):
        for doc_id in sorted(set(found) - set(layout.records)):
            problems.append(f"Tệp {label} của {doc_id} không có hồ sơ đi kèm trong gói")
    declared = _int_tag(bag.info, "Sulieu-Documents")
    if declared is not None and declared != len(layout.records):
        problems.append(f"bag-info.txt ghi {declared} tài liệu nhưng gói có {len(layout.records)} hồ sơ")
    return problems


# --- writing -------------------------------------------------------------------------------


def _ckey(c: Correction) -> tuple:
    return (c.field, json.dumps(c.value, sort_keys=True, ensure_ascii=False, default=str), c.by, c.at.isoformat())


def _ekey(e: dict[str, Any]) -> tuple:
    return (e.get("event"), e.get("at"), e.get("by"), e.get("bag"))


class _Journal:
    """What this import wrote (files and the folders made for them), so a failure can undo it all."""

    def __init__(self) -> None:
        self.entries: list[tuple[Path, bytes | None]] = []
        self.new_dirs: list[Path] = []

    def _note_dirs(self, target: Path) -> None:
        missing = []
        d = target.parent
        while not d.exists():
            missing.append(d)
            d = d.parent
        self.new_dirs.extend(missing)  # deepest first

    def write(self, target: Path, data: bytes) -> None:
        self._note_dirs(target)
        old = target.read_bytes() if target.exists() else None
        self.entries.append((target, old))
        atomic_write_bytes(target, data)

    def will_create(self, target: Path) -> None:
        self._note_dirs(target)
        self.entries.append((target, None))

    def rollback(self) -> list[str]:
        failures = []
        for target, old in reversed(self.entries):
            try:
                if old is None:
                    target.unlink(missing_ok=True)
                else:
                    atomic_write_bytes(target, old)
            except OSError as e:
                failures.append(f"{target}: {e.strerror or e}")
        for d in self.new_dirs:
            try:
                d.rmdir()
            except OSError:
                pass
        return failures


def _disk_full(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _write_all(store: ArchiveStore, plan: BagPlan, summary: ImportSummary, user: str) -> None:
    journal = _Journal()
    new_docs = [d for d in plan.documents.values() if not store.has_record(d.id)]
    new_ids = {d.id for d in new_docs}
    for d in plan.documents.values():
        if d.id not in new_ids:
            (summary.unchanged if store.record_path(d.id).read_bytes() == d.record_raw else summary.kept_local).append(d.id)
    # Merge plans first (reading local corrections may fail: still nothing written).
    corr_writes: list[tuple[Path, bytes]] = []
    event_writes: list[tuple[Path, bytes]] = []
    now = utcnow().isoformat()
    for d in plan.documents.values():
        local = store.read_corrections(d.id)
        known = {_ckey(c) for c in local}
        extra = [c for c in d.corrections if _ckey(c) not in known]
        if extra:
            summary.corrections_added[d.id] = len(extra)
            target = store.corrections_path(d.id)
            if not local and d.corrections_raw is not None:
                corr_writes.append((target, d.corrections_raw))
            else:
                merged = sorted(local + extra, key=lambda c: c.at)
                corr_writes.append((target, _json_bytes([c.model_dump(mode="json") for c in merged])))
        is_new = d.id in new_ids
        ev_path = events_path(store, d.id)
        local_ev = json.loads(ev_path.read_text(encoding="utf-8")) if ev_path.exists() else []
        seen = {_ekey(e) for e in local_ev}
        add = [e for e in d.events if _ekey(e) not in seen]
        if is_new:
            add.append({"event": "imported", "at": now, "by": user, "bag": plan.path.name,
                        "source": _first(plan.info.get("Internal-Sender-Identifier")),
                        "bagging_date": _first(plan.info.get("Bagging-Date")), "software_version": __version__})
        if add:
            event_writes.append((ev_path, _json_bytes(local_ev + add)))

    need = sum(d.original.stat().st_size for d in new_docs if not store.has_original(d.record.provenance.sha256))
    need += sum(p.stat().st_size for d in new_docs for _, p in d.pages) + sum(len(d.record_raw) for d in new_docs)
    free = shutil.disk_usage(store.root).free
    if need > free:
        raise ArchiveError(f"Không đủ chỗ trống để nhập: cần khoảng {need:,} byte, còn {free:,} byte; kho không thay đổi.")
    try:
        for d in new_docs:
            sha = d.record.provenance.sha256
            if not store.has_original(sha):
                journal.will_create(store.original_path(sha))
                store.put_original(d.original, sha)
            for rel, src in d.pages:
                target = store.resolve_relative(rel)
                data = src.read_bytes()
                if not target.exists() or target.read_bytes() != data:
                    journal.write(target, data)
        for target, data in corr_writes + event_writes:
            journal.write(target, data)
        # Records last: a document exists once its record does.
        for d in new_docs:
            journal.write(store.record_path(d.id), d.record_raw)
            summary.imported.append(d.id)
    except BaseException as e:
        failures = journal.rollback()
        summary.imported.clear()
        left = f" Không hoàn tác được: {'; '.join(failures)}." if failures else " Đã hoàn tác, kho không thay đổi."
        if _disk_full(e):
            raise ArchiveError(f"Hết chỗ trống trên đĩa khi nhập gói.{left}") from e
        if isinstance(e, OSError):
            raise ArchiveError(f"Lỗi ghi khi nhập gói: {e.strerror or e}.{left}") from e
        if isinstance(e, SulieuError):
            raise ArchiveError(f"{e.message}{left}") from e
        raise


def _first(v: Any) -> Any:
    return v[0] if isinstance(v, list) else v


def _json_bytes(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, indent=1, default=str).encode("utf-8")


def check_target(store: ArchiveStore) -> None:
    """Refuse to write an archive into a folder that holds other things."""
    if store.is_foreign():
        raise InputError(f"{store.root} không trống và không phải kho Sử liệu; hãy chọn một thư mục kho hoặc thư mục trống.")


def import_bag(store: ArchiveStore, bag_path: Path | str, *, user: str = "cli") -> ImportSummary:
    """Validate ``bag_path`` completely, then import it into ``store`` (all or nothing). The graph and
    the index are the caller's (``services.preservation.import_bag`` refreshes them).

    Raises ``BagInvalid`` (nothing written) or ``ArchiveError`` (write failed, everything undone).
    """
    t0 = time.perf_counter()
    plan = validate_bag(bag_path)
    summary = ImportSummary(path=str(plan.path), documents=len(plan.documents))
    check_target(store)
    store.init()
    _write_all(store, plan, summary, user)
    summary.seconds = time.perf_counter() - t0
    return summary


__all__ = ["BagDocument", "BagInvalid", "BagPlan", "ImportSummary", "import_bag", "validate_bag"]
