"""The ``sulieu`` command. Each subcommand lives in its own ``cmd_*.py`` module.

Every module exposes ``add_parser(subparsers)`` (registering its subcommands with
``set_defaults(func=run)``) and ``run(args, settings) -> int``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def build_parser() -> argparse.ArgumentParser:
    import sulieu_cli

    parser = argparse.ArgumentParser(
        prog="sulieu",
        description="Sử liệu: kho lưu trữ số và tìm kiếm tư liệu lịch sử Đảng.",
    )
    parser.add_argument("--archive", type=Path, help="thư mục kho lưu trữ (mặc định: $SULIEU_ARCHIVE hoặc archive_data)")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")
    for mod in sorted(pkgutil.iter_modules(sulieu_cli.__path__), key=lambda m: m.name):
        if mod.name.startswith("cmd_"):
            importlib.import_module(f"sulieu_cli.{mod.name}").add_parser(sub)
    # ``sulieu ingest X --archive DIR`` works as well as ``sulieu --archive DIR ingest X``;
    # SUPPRESS keeps the top-level value when the option is not repeated after the command.
    _add_archive_option(sub)
    return parser


def _add_archive_option(sub: argparse._SubParsersAction) -> None:
    for command in sub.choices.values():
        nested = [a for a in command._actions if isinstance(a, argparse._SubParsersAction)]
        for group in nested:  # ``sulieu user add NAME --archive DIR``
            _add_archive_option(group)
        if not nested:
            command.add_argument("--archive", type=Path, default=argparse.SUPPRESS, help="thư mục kho lưu trữ")


def main(argv: list[str] | None = None) -> int:
    from sulieu.errors import SulieuError
    from sulieu.settings import Settings
    from sulieu.store import keep_files_private

    keep_files_private()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        settings = Settings()
        if args.archive:
            settings = settings.model_copy(update={"archive": args.archive})
        return int(args.func(args, settings) or 0)
    except SulieuError as e:
        print(f"Lỗi: {e.message}", file=sys.stderr)
        if e.detail:
            print(f"  {e.detail}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # ``sulieu search ... | head``: the reader left, nothing is wrong
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
