"""Metadata corrections: a layer of their own that re-extraction never overwrites."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from pydantic import ValidationError

from search_api.auth import User, role_at_least
from search_api.deps import Audit, Editor, Store
from search_api.documents import doc_detail, load_visible, write_then_refresh
from search_api.errors import responses
from search_api.routers.documents import DocId
from search_api.schemas import CorrectionIn, CorrectionPublic, CorrectionsPublic, DocDetail
from sulieu.errors import AccessDenied, InputError
from sulieu.model import ACCESS_LEVELS, CORRECTABLE_FIELDS, Correction, DocumentMetadata, Record
from sulieu.store import ArchiveStore, atomic_write_json

router = APIRouter(prefix="/api/documents/{doc_id}/corrections", tags=["corrections"])

MAX_TEXT = 2000
MAX_LIST = 200
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _check_date(value: str) -> None:
    m = _DATE.match(value)
    if not m:
        raise InputError("Ngày phải có dạng YYYY, YYYY-MM hoặc YYYY-MM-DD.", detail=value[:40])
    y, mo, d = m.group(1), m.group(2), m.group(3)
    try:
        date(int(y), int(mo or 1), int(d or 1))
    except ValueError:
        raise InputError(f"Ngày {value} không tồn tại.") from None


def _check_value(field: str, value: Any, user: User) -> Any:
    if field not in CORRECTABLE_FIELDS:
        raise InputError(f"Không sửa được trường {field[:60]!r}; các trường sửa được: "
                         f"{', '.join(sorted(CORRECTABLE_FIELDS))}.")
    if field == "access":
        if not role_at_least(user, "admin"):
            raise AccessDenied("Chỉ quản trị viên được đổi mức truy cập của tài liệu.")
        if value not in ACCESS_LEVELS:
            raise InputError(f"Mức truy cập phải là một trong {', '.join(ACCESS_LEVELS)}.")
        return value
    if value is None:
        return None
    want = CORRECTABLE_FIELDS[field]
    if not isinstance(value, want) or isinstance(value, bool):
        kinds = {str: "chuỗi", list: "danh sách", dict: "đối tượng"}
        raise InputError(f"Trường {field} phải là {kinds.get(want, want.__name__)}.")
    if isinstance(value, str):
        value = value.strip()
        if len(value) > MAX_TEXT:
            raise InputError(f"Trường {field} dài quá {MAX_TEXT} ký tự.")
        if field == "date" and value:
            _check_date(value)
    elif isinstance(value, list):
        if len(value) > MAX_LIST or any(not isinstance(v, str) or len(v) > MAX_TEXT for v in value):
            raise InputError(f"Trường {field} phải là danh sách tối đa {MAX_LIST} chuỗi.")
    elif len(json.dumps(value, ensure_ascii=False)) > MAX_TEXT:
        raise InputError(f"Trường {field} quá lớn.")
    return value


def validate_changes(record: Record, existing: list[Correction], changes: dict[str, Any], user: User,
                     note: str | None) -> list[Correction]:
    new = [Correction(field=f, value=_check_value(f, v, user), by=user.name, note=note) for f, v in changes.items()]
    from sulieu.model import effective_metadata

    data = effective_metadata(record, existing).model_dump()
    for c in new:
        if c.field in data:
            data[c.field] = c.value
    try:
        DocumentMetadata.model_validate(data)
    except ValidationError as e:
        err = e.errors()[0]
        raise InputError(f"Giá trị không hợp lệ cho trường {'.'.join(str(x) for x in err['loc'])}.",
                         detail=str(err.get("msg"))) from None
    return new


def _write(store: ArchiveStore, doc_id: str, corrections: list[Correction]) -> None:
    """All corrections of one request in one atomic write (the layer file of sulieu.store)."""
    atomic_write_json(store.corrections_path(doc_id), [c.model_dump(mode="json") for c in corrections])


@router.get("", response_model=CorrectionsPublic, summary="Lịch sử hiệu chỉnh", responses=responses(401, 403, 404, 422))
def list_corrections(doc_id: DocId, store: Store, user: Editor) -> CorrectionsPublic:
    _, corrections, _ = load_visible(store, doc_id, user)
    data = [CorrectionPublic(**c.model_dump()) for c in sorted(corrections, key=lambda c: c.at, reverse=True)]
    return CorrectionsPublic(data=data, count=len(data))


@router.post("", response_model=DocDetail, summary="Hiệu chỉnh siêu dữ liệu (mức truy cập: quản trị viên)",
             responses=responses(400, 401, 403, 404, 422))
def add_corrections(doc_id: DocId, body: CorrectionIn, request: Request, store: Store, user: Editor,
                    audit: Audit) -> DocDetail:
    state = request.app.state
    with state.write_lock:
        record, existing, _ = load_visible(store, doc_id, user)
        new = validate_changes(record, existing, body.changes, user, body.note)
        write_then_refresh(state, [doc_id], lambda: _write(store, doc_id, existing + new),
                           lambda: _write(store, doc_id, existing))
        audit.record(user.name, "correct", doc_id, {"changes": {c.field: c.value for c in new}, "note": body.note})
        record = store.read_record(doc_id)
        corrections = store.read_corrections(doc_id)
    from sulieu.model import effective_access

    return doc_detail(record, corrections, effective_access(record, corrections))
