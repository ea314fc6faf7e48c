"""``sulieu serve``: run the web UI and JSON API with uvicorn."""

from __future__ import annotations

import argparse

from sulieu.settings import Settings


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("serve", help="chạy máy chủ web (giao diện và API)",
                              description="Chạy giao diện web và API JSON của Sử liệu.")
    p.add_argument("--host", help="địa chỉ lắng nghe (mặc định: $SULIEU_HOST hoặc 127.0.0.1)")
    p.add_argument("--port", type=int, help="cổng (mặc định: $SULIEU_PORT hoặc 8000)")
    p.add_argument("--reload", action="store_true", help="tự nạp lại khi mã nguồn thay đổi (khi phát triển)")
    p.set_defaults(func=run)


def app_from_env():  # uvicorn factory for --reload (settings come from SULIEU_* variables)
    from search_api.app import create_app

    return create_app(Settings())


def run(args: argparse.Namespace, settings: Settings) -> int:
    import os

    import uvicorn

    host = args.host or settings.host
    port = args.port or settings.port
    print(f"Sử liệu: http://{host}:{port}/  ·  API: http://{host}:{port}/docs  ·  kho: {settings.archive}")
    if args.reload:
        # The reloader imports the app in a fresh process: pass the archive through the environment.
        os.environ["SULIEU_ARCHIVE"] = str(settings.archive)
        uvicorn.run("sulieu_cli.cmd_serve:app_from_env", factory=True, host=host, port=port, reload=True)
        return 0
    from search_api.app import create_app

    uvicorn.run(create_app(settings), host=host, port=port, proxy_headers=False)
    return 0
