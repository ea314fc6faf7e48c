"""OAI-PMH 2.0 at ``/oai`` (GET, or POST with a form body), for aggregators and library harvesters.

Thin over ``services.oai``: the harvester's access levels come from the same bearer token as the rest
of the API (none means public documents only); a bad token is the API's 401, not a silent downgrade.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from search_api.deps import Allowed, Cat, SettingsDep
from search_api.state import app_state
from services.oai import Repository, respond

router = APIRouter(tags=["oai"])

XML_CONTENT: dict[int | str, dict[str, Any]] = {200: {"description": "Phản hồi OAI-PMH (lỗi giao thức cũng là HTTP 200)",
                     "content": {"text/xml": {}}}}
MAX_FORM_BYTES = 64 * 1024


def _answer(request: Request, args: dict[str, list[str]], catalog: Cat, allowed: Allowed,
            settings: SettingsDep) -> Response:
    repo = Repository(catalog=catalog, graph=app_state(request).graph.get(), allowed=allowed, base_url=str(request.base_url).rstrip("/"),
                      repository_id=settings.oai_repository_id, admin_email=settings.oai_admin_email,
                      secret=app_state(request).users.secret, page_size=settings.oai_page_size)
    return Response(respond(repo, args), media_type="text/xml; charset=utf-8",
                    headers={"Cache-Control": "private, no-cache"})


@router.get("/oai", summary="OAI-PMH 2.0 (Identify, ListRecords, GetRecord...)", responses=XML_CONTENT)
def oai_get(request: Request, catalog: Cat, allowed: Allowed, settings: SettingsDep) -> Response:
    args: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        args.setdefault(key, []).append(value)
    return _answer(request, args, catalog, allowed, settings)


@router.post("/oai", summary="OAI-PMH 2.0 qua POST (application/x-www-form-urlencoded)", responses=XML_CONTENT)
async def oai_post(request: Request, catalog: Cat, allowed: Allowed, settings: SettingsDep) -> Response:
    body = (await request.body())[:MAX_FORM_BYTES].decode("utf-8", errors="replace")
    args = parse_qs(body, keep_blank_values=True)
    return await run_in_threadpool(_answer, request, args, catalog, allowed, settings)
