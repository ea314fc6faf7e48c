"""Query parameters shared by search, browse and export."""

from __future__ import annotations

import calendar
import re
from typing import Annotated, Literal

from fastapi import Query
from pydantic import Field, StringConstraints

from sulieu.access import User, role_at_least
from sulieu.errors import AccessDenied, InputError
from sulieu.store import valid_id

MAX_PAGE = 100  # with page_size <= 100: at most the first 10,000 results, refused beyond (not slowed down)
MAX_DEPTH = 10_000
MAX_FILTER_VALUES = 50
DOC_ID_PATTERN = r"^[0-9a-f]{8,64}$"
PERIOD_PATTERN = r"^\d{4}((\.\.|[-–])(\d{4})?)?$|^\.\.\d{4}$"
DATE_PATTERN = r"^[1-9]\d{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"

Q = Annotated[str, Query(max_length=4000, description="Câu truy vấn (ngôn ngữ tìm kiếm: từ, \"cụm từ\", -loại trừ, "
                                                       "OR, loai:, so:, co_quan:, noi:, nam:, ngay:, ky:, trich_dan:).",
                         examples=["chỉ thị 20-CT/TW", "lich su dang bo nam:2020..2023"])]
FilterValue = Annotated[str, StringConstraints(max_length=300)]
Year = Annotated[int, Field(ge=1000, le=9999)]


class Filters:
    """Filter parameters as one dependency (lists may repeat: ?issuer=A&issuer=B)."""

    def __init__(
        self,
        doc_type: Annotated[list[FilterValue], Query(max_length=MAX_FILTER_VALUES, description="Loại văn bản (mã hoặc tên).",
                                             examples=[["KH"]])] = [],  # noqa: B006 - FastAPI copies defaults
        issuer: Annotated[list[FilterValue], Query(max_length=MAX_FILTER_VALUES, description="Cơ quan ban hành.")] = [],  # noqa: B006
        level: Annotated[list[Literal["central", "province", "district", "commune"]],
                         Query(max_length=4, description="Cấp ban hành.")] = [],  # noqa: B006
        place: Annotated[list[FilterValue], Query(max_length=MAX_FILTER_VALUES, description="Địa danh.")] = [],  # noqa: B006
        province: Annotated[list[FilterValue], Query(max_length=MAX_FILTER_VALUES,
                                                     description="Tỉnh, thành phố (gồm mọi nơi trong đó).")] = [],  # noqa: B006
        year: Annotated[list[Year], Query(max_length=MAX_FILTER_VALUES, description="Năm ban hành.",
                                         examples=[[2023]])] = [],  # noqa: B006
        date_from: Annotated[str | None, Query(pattern=DATE_PATTERN, description="Từ ngày (YYYY[-MM[-DD]]).")] = None,
        date_to: Annotated[str | None, Query(pattern=DATE_PATTERN, description="Đến ngày (YYYY[-MM[-DD]]).")] = None,
        period: Annotated[str | None, Query(pattern=PERIOD_PATTERN, description="Giai đoạn của chương sách, giao với các năm "
                                            "này (1945..1954, 1945-1954, 1954), như giai_doan: trong câu truy vấn.",
                                            examples=["1945..1954"])] = None,
        needs_review: Annotated[bool | None, Query(description="Chỉ tài liệu có trang OCR cần rà soát.")] = None,
        lineage: Annotated[bool, Query(description="Cơ quan (issuer, co_quan:) kể cả tiền thân và kế tục "
                                                   "(hồ sơ cơ quan ban hành).")] = False,
        show_copies: Annotated[bool, Query(description="Hiện cả bản trùng (bản sao của tài liệu khác).")] = False,
    ) -> None:
        self.values = dict(doc_type=doc_type, issuer=issuer, level=level, place=place, province=province, year=year,
                           date_from=clamp_day(date_from), date_to=clamp_day(date_to), period=ordered_period(period),
                           needs_review=needs_review, lineage=lineage, show_copies=show_copies)


def ordered_period(value: str | None) -> str | None:
    """``period=1954..1945`` is read as 1945..1954, as a reversed date_from/date_to is no error either: every
    value the parameter's pattern admits is a valid request (the query language's giai_doan:1954..1945 is one)."""
    if not value:
        return None
    m = re.fullmatch(r"(\d{4})(?:\.\.|[-–])(\d{4})", value)
    if m and int(m.group(1)) > int(m.group(2)):
        return f"{m.group(2)}..{m.group(1)}"
    return value


def clamp_day(value: str | None) -> str | None:
    """``2023-02-30`` → ``2023-02-28``: a range bound past the end of a month means its last day."""
    if value is None or len(value) != 10:
        return value
    y, m, d = int(value[:4]), int(value[5:7]), int(value[8:10])
    return f"{value[:8]}{min(d, calendar.monthrange(y, m)[1]):02d}"


def check_depth(page: int, page_size: int) -> None:
    if page * page_size > MAX_DEPTH:
        raise InputError(f"Trang kết quả quá xa: chỉ xem được {MAX_DEPTH} kết quả đầu; hãy thu hẹp tìm kiếm.")


def check_doc_id(doc_id: str | None) -> None:
    if doc_id is not None and not valid_id(doc_id):
        raise InputError(f"Mã tài liệu không hợp lệ: {doc_id[:64]!r}.")


def check_include_deleted(user: User | None, include_deleted: bool) -> None:
    if include_deleted and not role_at_least(user, "editor"):
        raise AccessDenied("Chỉ biên tập viên hoặc quản trị viên xem được tài liệu đã xóa.")
