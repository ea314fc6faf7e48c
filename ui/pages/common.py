"""What every UI page module shares: the user, visibility checks, error pages, safe snippets."""

from __future__ import annotations

import html
import re
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from search_api.auth import verify_csrf
from search_api.deps import current_user_or_none
from sulieu.access import User, allowed_access, role_at_least
from sulieu.errors import AccessDenied, SulieuError
from ui.web import render

UserDep = Annotated[User | None, Depends(current_user_or_none)]


def access_for(user: User | None) -> list[str]:
    return allowed_access(user)


def is_editor(user: User | None) -> bool:
    return role_at_least(user, "editor")


def login_redirect(request: Request) -> RedirectResponse:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)


def error_page(request: Request, user: User | None, exc: SulieuError | None = None, *,
               status: int | None = None, message: str | None = None) -> HTMLResponse:
    status = status or (exc.http_status if exc else 500)
    heading = {404: "Không tìm thấy", 403: "Không có quyền truy cập", 401: "Cần đăng nhập",
               400: "Yêu cầu không hợp lệ"}.get(status, "Đã xảy ra lỗi")
    return render(request, "error.html", {"heading": heading, "message": message or (exc.message if exc else ""),
                                          "status": status}, user=user, status_code=status, title=heading)


def check_csrf(request: Request, token: str | None) -> None:
    verify_csrf(request, token)


def require_editor(request: Request, user: User | None) -> HTMLResponse | RedirectResponse | None:
    """None when the user may edit; otherwise the response to send (login, or 403 page)."""
    if user is None:
        return login_redirect(request)
    if not is_editor(user):
        return error_page(request, user, AccessDenied("Chức năng này dành cho biên tập viên."))
    return None


_ALLOWED_TAG = re.compile(r"&lt;(/?)(b|mark|em|strong)&gt;")


def safe_snippet(fragment: str) -> str:
    """Escape a snippet from the engine, keeping only its highlight tags (rendered as <mark>)."""
    escaped = html.escape(html.unescape(fragment or ""), quote=False)
    return _ALLOWED_TAG.sub(lambda m: f"<{m.group(1)}mark>", escaped)


def first(value: Any, default: Any = None) -> Any:
    if isinstance(value, (list, tuple)):
        return value[0] if value else default
    return value if value is not None else default
