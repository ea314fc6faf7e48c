"""``sulieu user add|list|set`` and ``sulieu token create|list|revoke``: accounts in <archive>/users.sqlite."""

from __future__ import annotations

import argparse
import getpass
import sys

from sulieu.settings import Settings


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("user", help="quản lý người dùng (reader, editor, admin)",
                              description="Quản lý người dùng của kho.")
    sub = p.add_subparsers(dest="user_command", metavar="LỆNH", required=True)
    add = sub.add_parser("add", help="thêm người dùng")
    add.add_argument("name", metavar="TÊN")
    add.add_argument("--role", required=True, choices=("reader", "editor", "admin"), help="vai trò")
    add.add_argument("--clearance", choices=("restricted",), help="cho phép xem cả tài liệu mật (restricted)")
    add.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ dòng đầu của stdin")
    sub.add_parser("list", help="liệt kê người dùng")
    st = sub.add_parser("set", help="đổi vai trò, mật khẩu hoặc khóa/mở khóa")
    st.add_argument("name", metavar="TÊN")
    st.add_argument("--role", choices=("reader", "editor", "admin"))
    st.add_argument("--password-stdin", action="store_true")
    st.add_argument("--disable", action="store_true")
    st.add_argument("--enable", action="store_true")
    p.set_defaults(func=run)

    t = subparsers.add_parser("token", help="mã truy cập (token) cho script",
                              description="Tạo, liệt kê, thu hồi mã truy cập API.")
    tsub = t.add_subparsers(dest="token_command", metavar="LỆNH", required=True)
    tc = tsub.add_parser("create", help="tạo mã truy cập cho một người dùng (in ra một lần)")
    tc.add_argument("name", metavar="TÊN")
    tc.add_argument("--label", help="ghi chú, ví dụ tên script")
    tc.add_argument("--days", type=int, help="hết hạn sau số ngày này")
    tl = tsub.add_parser("list", help="liệt kê mã truy cập")
    tl.add_argument("name", nargs="?", metavar="TÊN")
    tr = tsub.add_parser("revoke", help="thu hồi một mã truy cập")
    tr.add_argument("token_id", metavar="MÃ")
    t.set_defaults(func=run)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Mật khẩu: ")
    if getpass.getpass("Nhập lại mật khẩu: ") != first:
        from sulieu.errors import InputError

        raise InputError("Hai lần nhập mật khẩu không khớp.")
    return first


def _stores(settings: Settings):
    from services.audit import AuditLog
    from services.users import UserStore
    from sulieu.store import ArchiveStore

    store = ArchiveStore(settings.archive).init()
    return UserStore(store.users_db, session_hours=settings.session_hours), AuditLog(store.audit_db)


def run(args: argparse.Namespace, settings: Settings) -> int:
    users, audit = _stores(settings)
    if args.command == "user":
        if args.user_command == "add":
            row = users.add_user(args.name, args.role, _read_password(args.password_stdin), clearance=args.clearance)
            audit.record("cli", "user_add", row.name, {"role": row.role, "clearance": row.clearance})
            print(f"Đã thêm người dùng {row.name} ({row.role}).")
        elif args.user_command == "list":
            for r in users.list_users():
                extra = " · được xem tài liệu mật" if r.clearance else ""
                state = " · ĐÃ KHÓA" if r.disabled else ""
                print(f"{r.name}\t{r.role}{extra}{state}")
        elif args.user_command == "set":
            password = _read_password(args.password_stdin) if args.password_stdin else None
            disabled = True if args.disable else (False if args.enable else None)
            row = users.update_user(args.name, role=args.role, password=password, disabled=disabled)
            audit.record("cli", "user_update", row.name, {"role": args.role, "disabled": disabled,
                                                          "password_changed": password is not None})
            print(f"Đã cập nhật {row.name} ({row.role}{', đã khóa' if row.disabled else ''}).")
        return 0
    if args.token_command == "create":
        secret, row = users.create_token(args.name, args.label, days=args.days)
        audit.record("cli", "token_create", row.id, {"user": args.name, "label": args.label})
        print(secret)
        print(f"(mã {row.id} của {row.user}; chỉ hiện một lần — dùng: Authorization: Bearer <mã>)", file=sys.stderr)
    elif args.token_command == "list":
        for r in users.list_tokens(args.name):
            print(f"{r.id}\t{r.user}\t{r.label or ''}\t{r.created_at:%Y-%m-%d}\t"
                  f"{'hết hạn ' + r.expires_at.strftime('%Y-%m-%d') if r.expires_at else 'không hết hạn'}")
    elif args.token_command == "revoke":
        users.revoke_token(args.token_id)
        audit.record("cli", "token_revoke", args.token_id)
        print("Đã thu hồi.")
    return 0
