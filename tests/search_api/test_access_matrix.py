"""Every role against every access level, through every read endpoint: nothing leaks.

Each document's text carries a word found nowhere else (``archive_builder.MARKERS``). For each
user we compute what they may see, then check (1) per-document endpoints answer 200 or the same
404 as a missing document, and (2) aggregate endpoints (search totals, facets, snippets, browse,
look-up, lists, citation lists, the missing-documents list, exports) neither count nor mention
anything else: no forbidden marker and no forbidden id appears in any response body.
"""

from __future__ import annotations

import json

import pytest

from search_api.state import app_state
from tests.conftest import drop_engine_index, engine_overrides
from tests.search_api.conftest import make_env
from tests.support.archive_builder import MARKERS

USERS = [None, "reader", "editor", "cleared", "admin"]
LEVELS = {
    None: {"public"},
    "reader": {"public", "internal"},
    "editor": {"public", "internal"},
    "cleared": {"public", "internal", "restricted"},
    "admin": {"public", "internal", "restricted"},
}
EDITORS = {"editor", "cleared", "admin"}
DOC_ENDPOINTS = [
    "/api/documents/{id}",
    "/api/documents/{id}/original",
    "/api/documents/{id}/pages/1",
    "/api/documents/{id}/pages/1/image",
    "/api/documents/{id}/pages/1/thumbnail",
    "/api/documents/{id}/pages/1/words?q=%C4%90%E1%BA%A3ng",
    "/api/documents/{id}/citations",
    "/api/search?q=%C4%91%E1%BA%A3ng&doc_id={id}",
    "/api/documents/{id}/reference?format=ris",
    "/api/documents/{id}/reference?format=csl-json",
    "/api/documents/{id}/reference?format=bibtex",
]
AGGREGATES = [
    "/api/search?q=%C4%90%E1%BA%A3ng",
    "/api/search?q=dang+bo&page_size=100",
    "/api/search",
    "/api/browse?by=issuer",
    "/api/browse?by=year",
    "/api/browse?by=doc_type",
    "/api/documents",
    "/api/lookup?symbol=5-NQ/QU",
    "/api/lookup?symbol=12/CT-QU",
    "/api/citations/missing",
    "/api/export?format=csv",
    "/api/export?format=json",
    "/api/export?format=citations&with_subject=true",
    "/api/export?format=ris",
    "/api/export?format=csl-json",
    "/api/export?format=bibtex",
] + [f"/api/search?q={m}" for m in MARKERS.values()] + [f"/api/export?format=json&q={m}" for m in MARKERS.values()]


@pytest.fixture(scope="module", params=["tantivy", pytest.param("opensearch", marks=pytest.mark.es)])
def shared_env(request, base_archive, tmp_path_factory):
    """The whole matrix on each engine: on OpenSearch the app finds an empty index and fills it from the
    archive (the reindex path), then every count, facet and export must hide exactly what Tantivy hides."""
    e = make_env(base_archive, tmp_path_factory.mktemp(f"matrix-{request.param}") / "archive",
                 **engine_overrides(request.param))
    yield e
    state = app_state(e.app)
    settings = state.settings
    state.jobs.shutdown()
    state.context.close()
    drop_engine_index(settings)


def visible_keys(who: str | None) -> set[str]:
    keys = {k for k in ("public", "internal", "restricted") if k in LEVELS[who]}
    if who in EDITORS:
        keys.add("deleted")  # editors see deleted records (to restore them), never in search
    return keys


def forbidden(who: str | None, ids: dict[str, str], *, include_deleted_doc: bool) -> dict[str, str]:
    """Markers and ids that must not appear in an answer to this user."""
    allowed = visible_keys(who)
    out = {}
    for key in MARKERS:
        if key not in allowed or (key == "deleted" and not include_deleted_doc):
            out[MARKERS[key]] = key
            out[ids[key]] = key
    return out


def _client(shared_env, who):
    return shared_env.client(who)


@pytest.mark.parametrize("who", USERS, ids=lambda w: w or "anonymous")
@pytest.mark.parametrize("key", ["public", "internal", "restricted", "deleted"])
@pytest.mark.parametrize("template", DOC_ENDPOINTS)
def test_document_endpoints(shared_env, who, key, template):
    doc_id = shared_env.ids[key]
    r = _client(shared_env, who).get(template.format(id=doc_id))
    may_see = key in visible_keys(who)
    if template.endswith("/image") or template.endswith("/thumbnail"):
        may_see = may_see and key != "deleted"  # the deleted document is plain text: no image to show
    if may_see:
        assert r.status_code == 200, r.text
    else:
        assert r.status_code == 404, r.text
        body = r.json()
        assert body["error"]["code"] == "not_found"
        assert MARKERS[key] not in r.text
    if r.headers.get("content-type", "").startswith(("application/json", "text/")):
        for bad in forbidden(who, shared_env.ids, include_deleted_doc=(key == "deleted" and may_see)):
            if bad != doc_id:  # a 404 repeats the id the caller typed; that reveals nothing
                assert bad not in r.text, (bad, r.text[:500])


@pytest.mark.parametrize("who", USERS, ids=lambda w: w or "anonymous")
@pytest.mark.parametrize("url", AGGREGATES)
def test_aggregates_never_leak(shared_env, who, url):
    r = _client(shared_env, who).get(url)
    assert r.status_code == 200, r.text
    text = r.text
    if r.headers["content-type"].startswith("application/json"):
        body = r.json()
        body.pop("query", None)  # the search echoes the query the caller typed
        text = json.dumps(body, ensure_ascii=False)
    for bad, key in forbidden(who, shared_env.ids, include_deleted_doc=False).items():
        assert bad not in text, (key, bad, text[:800])


@pytest.mark.parametrize("who", USERS, ids=lambda w: w or "anonymous")
def test_search_totals_and_facets_count_only_visible(shared_env, who):
    c = _client(shared_env, who)
    ids = shared_env.ids
    want = {ids[k] for k in ("public", "internal", "restricted") if k in LEVELS[who]}
    body = c.get("/api/search", params={"q": "Đảng bộ", "page_size": 100}).json()
    assert {h["id"] for h in body["hits"]} == want
    assert body["total"] == len(want)
    for field, values in body["facets"].items():
        assert all(v["count"] <= len(want) for v in values)
        if field not in ("issuer", "place"):  # those two hold several values per document (scope, province)
            assert sum(v["count"] for v in values) <= len(want)
    issuers = {v["value"] for v in c.get("/api/browse", params={"by": "issuer"}).json()["values"]}
    assert ("Quận ủy Gia Lâm" in issuers) == ("restricted" in LEVELS[who])
    years = {v["value"] for v in c.get("/api/browse", params={"by": "year"}).json()["values"]}
    assert ("2022" in years) == ("restricted" in LEVELS[who])
    for key, marker in MARKERS.items():
        total = c.get("/api/search", params={"q": marker}).json()["total"]
        assert total == (1 if key in LEVELS[who] and key != "deleted" else 0), (key, total)
    listed = {d["id"] for d in c.get("/api/documents").json()["data"]}
    assert listed == want
    assert c.get("/api/lookup", params={"symbol": "5-NQ/QU"}).json()["count"] == int("restricted" in LEVELS[who])


@pytest.mark.parametrize("who", USERS, ids=lambda w: w or "anonymous")
def test_citation_lists_respect_access(shared_env, who):
    c = _client(shared_env, who)
    ids = shared_env.ids
    body = c.get(f"/api/documents/{ids['public']}/citations").json()
    targets = {cit["symbol"]: (cit["target"] or {}).get("id") for cit in body["cites"]}
    assert targets["12-CT/QU"] == (ids["internal"] if "internal" in LEVELS[who] else None)
    assert targets["5-NQ/QU"] == (ids["restricted"] if "restricted" in LEVELS[who] else None)
    assert targets["20-CT/TW"] is None
    citing = {cb["source"]["id"] for cb in body["cited_by"]}
    assert citing == {ids[k] for k in ("internal", "restricted") if k in LEVELS[who]}
    missing = c.get("/api/citations/missing").json()
    symbols = {m["symbol"] for m in missing["data"]}
    assert "20-CT/TW" in symbols
    # 77-QĐ/TU is cited only by the restricted document
    assert ("77-QĐ/TU" in symbols) == ("restricted" in LEVELS[who])
    # a document the user cannot see counts as missing for that user
    assert ("5-NQ/QU" in symbols) == ("restricted" not in LEVELS[who])
    for m in missing["data"]:
        for ref in m["cited_by"]:
            assert ref["id"] in {ids[k] for k in LEVELS[who] if k in ids}


@pytest.mark.parametrize("who", USERS, ids=lambda w: w or "anonymous")
def test_exports_contain_only_visible(shared_env, who):
    c = _client(shared_env, who)
    ids = shared_env.ids
    want = {ids[k] for k in ("public", "internal", "restricted") if k in LEVELS[who]}
    data = c.get("/api/export", params={"format": "json", "limit": 100}).json()
    assert {d["id"] for d in data["data"]} == want
    csv_text = c.get("/api/export", params={"format": "csv"}).text
    assert len(csv_text.strip().splitlines()) == 1 + len(want)
    cites = c.get("/api/export", params={"format": "citations"}).text
    assert ("Nghị quyết số 5-NQ/QU" in cites) == ("restricted" in LEVELS[who])
