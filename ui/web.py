"""Template environment and the one render helper every UI page goes through."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from sulieu.symbols import normalize_symbol
from ui import i18n
from ui.dates import format_date_vi

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"

templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
env = templates.env
env.trim_blocks = True
env.lstrip_blocks = True
env.filters["date_vi"] = format_date_vi
env.filters["symbol"] = normalize_symbol  # "Số 193 -KH/QU" as printed -> "193-KH/QU"
env.filters["level_vi"] = lambda v: i18n.label(i18n.LEVELS, v)
env.filters["access_vi"] = lambda v: i18n.label(i18n.ACCESS, v)
env.filters["relation_vi"] = lambda v: i18n.label(i18n.RELATIONS, v)
env.filters["source_vi"] = lambda v: i18n.label(i18n.PAGE_SOURCES, v)
env.filters["role_vi"] = lambda v: i18n.label(i18n.ROLES, v)
env.filters["type_vi"] = i18n.type_name
env.filters["number_vi"] = lambda n: f"{n:,}".replace(",", ".") if isinstance(n, int) else n
env.globals["FIELDS"] = i18n.FIELDS
env.globals["FACETS"] = i18n.FACETS
env.globals["SORTS"] = i18n.SORTS
env.globals["LEVELS"] = i18n.LEVELS

_STATIC_VERSION = str(int(max((p.stat().st_mtime for p in STATIC_DIR.glob("*")), default=0)))
env.globals["static_version"] = _STATIC_VERSION


def qs(params: dict[str, Any] | list[tuple[str, Any]], **changes: Any) -> str:
    """Query string from params with some keys replaced (None removes the key)."""
    items = list(params.items()) if isinstance(params, dict) else list(params)
    out: list[tuple[str, str]] = []
    for k, v in items:
        if k in changes:
            continue
        if isinstance(v, (list, tuple)):
            out.extend((k, str(x)) for x in v if x not in (None, ""))
        elif v not in (None, ""):
            out.append((k, str(v)))
    for k, v in changes.items():
        if isinstance(v, (list, tuple)):
            out.extend((k, str(x)) for x in v if x not in (None, ""))
        elif v not in (None, ""):
            out.append((k, str(v)))
    return urlencode(out)


env.globals["qs"] = qs


def _csrf(request: Request) -> str:
    from search_api.auth import csrf_token

    return csrf_token(request)


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    *,
    user: Any = None,
    active: str | None = None,
    status_code: int = 200,
    title: str | None = None,
) -> HTMLResponse:
    """Render a page with the things every page needs (user, CSRF token, active nav item)."""
    t0 = getattr(request.state, "ui_t0", None) or time.perf_counter()
    ctx: dict[str, Any] = {
        "request": request,
        "user": user,
        "is_editor": bool(user and getattr(user, "role", None) in ("editor", "admin")),
        "csrf_token": _csrf(request),
        "active": active,
        "title": title,
    }
    ctx.update(context or {})
    response = templates.TemplateResponse(request, template, ctx, status_code=status_code)
    response.headers["Server-Timing"] = f"render;dur={(time.perf_counter() - t0) * 1000:.1f}"
    return response
