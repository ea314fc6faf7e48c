"""One JSON error shape for every failure the API returns.

    {"error": {"code": "not_found", "message": "<Vietnamese>", "detail": null}}

Our own exceptions (``sulieu.errors``) carry their code and HTTP status; FastAPI's validation
errors, Starlette's 404/405 and anything unexpected are mapped here, at the boundary, so a
client never sees another shape (nor a stack trace).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from sulieu.errors import SulieuError

log = logging.getLogger("sulieu.api")

_HTTP_MESSAGES: dict[int, tuple[str, str]] = {
    400: ("bad_request", "Yêu cầu không hợp lệ."),
    401: ("unauthorized", "Cần đăng nhập hoặc mã truy cập (token)."),
    403: ("forbidden", "Bạn không có quyền thực hiện thao tác này."),
    404: ("not_found", "Không tìm thấy địa chỉ này."),
    405: ("method_not_allowed", "Phương thức HTTP không được hỗ trợ cho địa chỉ này."),
    406: ("not_acceptable", "Không có định dạng phản hồi phù hợp."),
    413: ("too_large", "Dữ liệu gửi lên quá lớn."),
    415: ("unsupported_media_type", "Kiểu dữ liệu gửi lên không được hỗ trợ."),
    422: ("invalid_input", "Dữ liệu gửi lên không hợp lệ."),
    429: ("too_many_requests", "Quá nhiều yêu cầu, hãy thử lại sau."),
}


class ErrorInfo(BaseModel):
    code: str
    message: str
    detail: Any = None


class ErrorBody(BaseModel):
    """Shape of every error response."""

    error: ErrorInfo


def error_response(status: int, code: str, message: str, detail: Any = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(
        {"error": {"code": code, "message": message, "detail": detail}}, status_code=status, headers=headers
    )


def _field_path(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(parts) or (str(loc[0]) if loc else "")


_KIND_VI = {"query": "tham số", "path": "đường dẫn", "body": "nội dung", "header": "tiêu đề", "cookie": "cookie"}


def validation_detail(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for e in errors[:20]:
        loc = tuple(e.get("loc", ()))
        out.append({"field": _field_path(loc), "in": loc[0] if loc else None, "type": e.get("type"),
                    "message": str(e.get("msg", ""))})
    return out


def _validation_message(errors: list[dict[str, Any]]) -> str:
    if not errors:
        return "Dữ liệu gửi lên không hợp lệ."
    first = errors[0]
    loc = tuple(first.get("loc", ()))
    kind = _KIND_VI.get(str(loc[0]) if loc else "", "giá trị")
    field = _field_path(loc)
    if first.get("type") == "missing":
        return f"Thiếu {kind} bắt buộc: {field}."
    return f"Giá trị {kind} không hợp lệ: {field}."


def _html_renderer(request: Request) -> Any:
    """The UI's error page renderer, for a browser asking for a page outside /api (the UI may set
    ``AppState.html_error = fn(request, status, code, message) -> Response``); None means JSON."""
    state = getattr(request.app.state, "sulieu", None)
    renderer = state.html_error if state is not None else None
    if renderer is None:
        return None
    path = request.url.path
    if path.startswith("/api/") or path in ("/health", "/openapi.json", "/docs", "/redoc"):
        return None
    if "text/html" not in request.headers.get("accept", ""):
        return None
    return renderer


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(SulieuError)
    async def _sulieu(_: Request, exc: SulieuError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.http_status == 401 else None
        if exc.http_status >= 500:
            log.warning("%s: %s (%s)", exc.code, exc.message, exc.detail)
        return error_response(exc.http_status, exc.code, exc.message, exc.detail, headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        return error_response(422, "invalid_input", _validation_message(errors), validation_detail(errors))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Any:
        html = _html_renderer(request)
        if html is not None:
            code, message = _HTTP_MESSAGES.get(exc.status_code, ("http_error", "Lỗi yêu cầu HTTP."))
            return html(request, exc.status_code, code, message)
        code, message = _HTTP_MESSAGES.get(exc.status_code, ("http_error", "Lỗi yêu cầu HTTP."))
        if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
            code, message = "invalid_input", "Nội dung yêu cầu không đọc được (JSON hỏng hoặc sai mã hóa UTF-8)."
        detail = exc.detail if isinstance(exc.detail, str | dict | list) and exc.detail != message else None
        if isinstance(detail, str) and detail in ("Not Found", "Method Not Allowed"):
            detail = None
        return error_response(exc.status_code, code, message, detail, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return error_response(500, "internal", "Lỗi hệ thống không mong đợi; đã ghi lại để kiểm tra.",
                              type(exc).__name__)


# Documented error responses for OpenAPI (every route may answer with these).
def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    out: dict[int | str, dict[str, Any]] = {}
    for s in statuses:
        code, message = _HTTP_MESSAGES.get(s, ("error", "Lỗi."))
        out[s] = {
            "model": ErrorBody,
            "description": message,
            "content": {"application/json": {"example": {"error": {"code": code, "message": message,
                                                                   "detail": None}}}},
        }
    return out
