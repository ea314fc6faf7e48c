"""Login and logout forms (sessions and CSRF come from ``search_api.auth``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from search_api.auth import client_address, end_session, start_session
from search_api.state import app_state
from services.login import authenticate
from services.users import WRONG_LOGIN
from sulieu.errors import AccessDenied, SulieuError
from ui.pages.common import UserDep, check_csrf, error_page
from ui.web import render

router = APIRouter()


def safe_next(target: str | None) -> str:
    """Only local paths: never an open redirect to another site."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, user: UserDep, next: str | None = None) -> HTMLResponse:
    return render(request, "login.html", {"next": safe_next(next), "name": "", "error": None}, user=user,
                  title="Đăng nhập")


@router.post("/login", response_class=HTMLResponse)
def login_submit(
    request: Request,
    user: UserDep,
    name: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
):
    target = safe_next(next)
    try:
        check_csrf(request, csrf_token)
    except AccessDenied as e:
        return render(request, "login.html", {"next": target, "name": name, "error": e.message}, user=None,
                      status_code=403, title="Đăng nhập")
    audit = app_state(request).audit
    try:
        who = authenticate(app_state(request).users, name.strip().lower(), password, client=client_address(request),
                           audit=audit)
    except SulieuError as e:
        message = "Tên đăng nhập hoặc mật khẩu không đúng." if e.message == WRONG_LOGIN else e.message
        return render(request, "login.html", {"next": target, "name": name, "error": message},
                      user=None, status_code=e.http_status, title="Đăng nhập")
    response = RedirectResponse(target, status_code=303)
    start_session(response, who, request)
    if audit is not None:
        audit.record(who.name, "login", None, {"via": "ui"})
    return response


@router.post("/logout")
def logout(request: Request, user: UserDep, csrf_token: Annotated[str, Form()] = ""):
    try:
        check_csrf(request, csrf_token)
    except AccessDenied as e:
        return error_page(request, user, e)
    response = RedirectResponse("/", status_code=303)
    end_session(request, response)
    return response
