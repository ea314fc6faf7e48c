"""Login sessions, users (admin), API tokens and the audit log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response

from search_api.auth import (
    CSRF_HEADER,
    client_address,
    csrf_token,
    end_session,
    start_session,
    verify_csrf,
)
from search_api.deps import Admin, Audit, CurrentUser, Reader, Users, current_user_or_none
from search_api.errors import responses
from services.login import authenticate
from services.schemas import (
    AuditEventPublic,
    AuditPublic,
    LoginIn,
    LoginOut,
    MePublic,
    MessagePublic,
    TokenCreated,
    TokenIn,
    TokenPublic,
    TokensPublic,
    UserIn,
    UserPublic,
    UsersPublic,
    UserUpdate,
)
from services.users import UserRow
from sulieu.access import allowed_access
from sulieu.errors import InputError

router = APIRouter(prefix="/api", tags=["users"])

UserName = Annotated[str, Path(max_length=64, pattern=r"^[a-z0-9._@-]+$", examples=["lan"])]
TokenId = Annotated[str, Path(max_length=64, pattern=r"^[0-9a-f]+$", examples=["9a1b2c3d4e5f"])]


def _public(row: UserRow) -> UserPublic:
    return UserPublic(name=row.name, role=row.role, clearance=row.clearance, disabled=row.disabled,
                      created_at=row.created_at)


@router.post("/auth/login", response_model=LoginOut, summary="Đăng nhập (đặt cookie phiên)",
             responses=responses(401, 422, 429))
def login(body: LoginIn, request: Request, response: Response, users: Users, audit: Audit) -> LoginOut:
    user = authenticate(users, body.name, body.password, client=client_address(request), audit=audit)
    token = start_session(response, user, request)
    audit.record(user.name, "login", None)
    return LoginOut(user=_public(users.get_user(user.name)), csrf_token=token)


@router.post("/auth/logout", response_model=MessagePublic, summary="Đăng xuất")
def logout(request: Request, response: Response) -> MessagePublic:
    user = current_user_or_none(request)
    if user is not None and user.via == "session":  # a cookie-authenticated write: another site cannot end it
        verify_csrf(request, request.headers.get(CSRF_HEADER))
    end_session(request, response)
    return MessagePublic(message="Đã đăng xuất.")


@router.get("/auth/me", response_model=MePublic, summary="Người dùng hiện tại và mức được xem",
            responses=responses(401))
def me(request: Request, user: CurrentUser, users: Users) -> MePublic:
    row = users.get_user(user.name) if user else None
    return MePublic(user=_public(row) if row else None, allowed_access=allowed_access(user),
                    csrf_token=csrf_token(request) if user and user.via == "session" else None)


@router.get("/users", response_model=UsersPublic, summary="Danh sách người dùng", responses=responses(401, 403))
def list_users(users: Users, _: Admin) -> UsersPublic:
    rows = users.list_users()
    return UsersPublic(data=[_public(r) for r in rows], count=len(rows))


@router.post("/users", response_model=UserPublic, status_code=201, summary="Thêm người dùng",
             responses=responses(400, 401, 403, 422))
def add_user(body: UserIn, users: Users, admin: Admin, audit: Audit) -> UserPublic:
    row = users.add_user(body.name, body.role, body.password, clearance=body.clearance)
    audit.record(admin.name, "user_add", row.name, {"role": row.role, "clearance": row.clearance})
    return _public(row)


@router.patch("/users/{name}", response_model=UserPublic, summary="Sửa vai trò, mật khẩu, khóa tài khoản",
              responses=responses(400, 401, 403, 404, 422))
def update_user(name: UserName, body: UserUpdate, users: Users, admin: Admin, audit: Audit) -> UserPublic:
    if name == admin.name and (body.disabled or (body.role and body.role != "admin")):
        raise InputError("Không thể tự khóa hoặc tự hạ quyền tài khoản quản trị của chính mình.")
    clearance: str | None | bool = False if body.clearance is None else (
        None if body.clearance == "none" else body.clearance)
    row = users.update_user(name, role=body.role, password=body.password, clearance=clearance,
                            disabled=body.disabled)
    audit.record(admin.name, "user_update", name, {
        "role": body.role, "clearance": body.clearance, "disabled": body.disabled,
        "password_changed": body.password is not None})
    return _public(row)


@router.delete("/users/{name}", response_model=MessagePublic, summary="Xóa người dùng",
               responses=responses(400, 401, 403, 404, 422))
def delete_user(name: UserName, users: Users, admin: Admin, audit: Audit) -> MessagePublic:
    if name == admin.name:
        raise InputError("Không thể tự xóa tài khoản của chính mình.")
    users.delete_user(name)
    audit.record(admin.name, "user_delete", name)
    return MessagePublic(message=f"Đã xóa người dùng {name}.")


@router.get("/tokens", response_model=TokensPublic, summary="Mã truy cập (token) của bạn",
            responses=responses(401, 403))
def list_tokens(users: Users, user: Reader) -> TokensPublic:
    rows = users.list_tokens(user.name)
    return TokensPublic(data=[TokenPublic(**r.__dict__) for r in rows], count=len(rows))


@router.post("/tokens", response_model=TokenCreated, status_code=201, summary="Tạo mã truy cập cho script",
             responses=responses(401, 403, 422))
def create_token(body: TokenIn, users: Users, user: Reader, audit: Audit) -> TokenCreated:
    secret, row = users.create_token(user.name, body.label, days=body.days)
    audit.record(user.name, "token_create", row.id, {"label": body.label, "days": body.days})
    return TokenCreated(**row.__dict__, token=secret)


@router.delete("/tokens/{token_id}", response_model=MessagePublic, summary="Thu hồi mã truy cập",
               responses=responses(401, 403, 404, 422))
def revoke_token(token_id: TokenId, users: Users, user: Reader, audit: Audit) -> MessagePublic:
    users.revoke_token(token_id, None if user.role == "admin" else user.name)
    audit.record(user.name, "token_revoke", token_id)
    return MessagePublic(message="Đã thu hồi mã truy cập.")


@router.get("/audit", response_model=AuditPublic, summary="Nhật ký ghi (ai, làm gì, khi nào)",
            responses=responses(401, 403, 422))
def audit_log(
    audit: Audit, _: Admin,
    target: Annotated[str | None, Query(max_length=200)] = None,
    user: Annotated[str | None, Query(max_length=64)] = None,
    action: Annotated[str | None, Query(max_length=64)] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> AuditPublic:
    events, total = audit.list(target=target, user=user, action=action, limit=limit, offset=offset)
    return AuditPublic(data=[AuditEventPublic(**e.__dict__) for e in events], count=total)
