"""One successful real-HTTP call per operation of the OpenAPI schema, and proof the table is complete."""

from __future__ import annotations

import csv
import io
import re
import zipfile

from PIL import Image

from search_api.state import app_state
from sulieu.citation_format import format_citation
from sulieu.model import DocumentMetadata, Signer
from tests.search_api.conftest import PASSWORD
from tests.support.archive_builder import make_pdf


def test_every_operation_answers(env):
    ids = env.ids
    pub, internal = ids["public"], ids["internal"]
    admin, editor, reader, anon = env.client("admin"), env.client("editor"), env.client("reader"), env.client()
    seen: set[tuple[str, str]] = set()
    schema_ops = {(m.upper(), p) for p, item in env.app.openapi()["paths"].items() for m in item}
    patterns = [(m, p, re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", p) + "$")) for m, p in schema_ops]

    def call(client, method: str, template: str, status: int = 200, **kw):
        r = client.request(method, template.format(id=pub, internal=internal, **kw.pop("fmt", {})), **kw)
        assert r.status_code == status, (method, template, r.text[:500])
        path = r.request.url.path
        seen.update((m, p) for m, p, rx in patterns if m == method and rx.match(path))
        return r

    # search, browse, export, look-up
    body = call(anon, "GET", "/api/search?q=Đảng bộ&doc_type=Kế hoạch&year=2023&sort=date_desc").json()
    assert body["total"] == 1 and body["hits"][0]["snippets"]
    assert call(anon, "GET", "/api/browse?by=year").json()["values"] == [{"value": "2023", "count": 1}]
    rows = list(csv.DictReader(io.StringIO(call(reader, "GET", "/api/export?format=csv").text.lstrip("\ufeff"))))
    assert {r["id"] for r in rows} == {pub, internal}
    assert call(reader, "GET", "/api/export?format=ris").text.count("ER  - ") == 2
    ris = call(anon, "GET", "/api/documents/{id}/reference?format=ris").text
    assert "TI  - Kế hoạch 193-KH/QU congkhaixyz" in ris
    oai = call(anon, "GET", "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc").text
    assert f"oai:sulieu.local:{pub}</identifier>" in oai and internal not in oai
    oai = call(reader, "POST", "/oai", content=f"verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:sulieu.local:{internal}",
               headers={"Content-Type": "application/x-www-form-urlencoded"}).text
    assert "<dc:title>Chỉ thị 12-CT/QU noiboxyz</dc:title>" in oai
    assert call(anon, "GET", "/api/lookup?symbol=số 193/KH-QU").json()["data"][0]["id"] == pub
    # documents, pages, citations
    doc = call(anon, "GET", "/api/documents/{id}").json()
    assert doc["citation"] == "Kế hoạch số 193-KH/QU ngày 03/11/2023 của Ban Thường vụ Quận ủy Long Biên"
    assert call(anon, "GET", "/api/documents").json()["count"] == 1
    r = call(anon, "GET", "/api/documents/{id}/original")
    assert r.content.startswith(b"%PDF-") and "public-193-KH_QU.pdf" in r.headers["content-disposition"]
    page = call(anon, "GET", "/api/documents/{id}/pages/1").json()
    assert "congkhaixyz" in page["text"] and page["page_count"] == 1
    img = call(reader, "GET", "/api/documents/{internal}/pages/1/image")
    assert img.headers["content-type"] == "image/png" and img.content.startswith(b"\x89PNG")
    r = call(anon, "GET", "/api/documents/{id}/pages/1/image")
    assert r.content.startswith(b"\x89PNG")
    assert call(anon, "GET", "/api/documents/{id}/pages/1/thumbnail").content.startswith(b"\xff\xd8")
    words = call(reader, "GET", "/api/documents/{internal}/pages/1/words?q=dang bo&all_words=true").json()
    assert [w["text"] for w in words["hits"]] == ["Đảng", "bộ"] and words["width"] == 800
    assert words["hits"][0]["x0"] == 40
    cites = call(reader, "GET", "/api/documents/{id}/citations").json()
    assert {c["symbol"] for c in cites["cites"]} == {"12-CT/QU", "5-NQ/QU", "20-CT/TW"}
    assert call(anon, "GET", "/api/citations/missing").json()["count"] >= 1
    # corrections, delete, restore
    call(editor, "POST", "/api/documents/{id}/corrections", json={"changes": {"subject": "về công tác tuyên truyền"}})
    assert call(editor, "GET", "/api/documents/{id}/corrections").json()["count"] == 1
    call(editor, "DELETE", "/api/documents/{id}")
    call(editor, "POST", "/api/documents/{id}/restore")
    # uploads and jobs
    job = call(editor, "POST", "/api/uploads", 202,
               files=[("files", ("kh.pdf", make_pdf([["KẾ HOẠCH", "Số 9-KH/HU", "nội dung"]]), "application/pdf"))]).json()
    done = app_state(env.app).jobs.wait(job["id"], timeout=120)
    assert done.status == "done", done.public()
    assert call(editor, "GET", "/api/jobs/{job}", fmt={"job": job["id"]}).json()["status"] == "done"
    assert call(editor, "GET", "/api/jobs").json()["count"] == 1
    r = call(editor, "POST", "/api/jobs/{job}/cancel", 400, fmt={"job": job["id"]})  # finished: nothing to cancel
    assert "đã kết thúc" in r.json()["error"]["message"]
    # sessions, users, tokens, audit
    c = env.client()
    login = call(c, "POST", "/api/auth/login", json={"name": "admin", "password": PASSWORD}).json()
    assert call(c, "GET", "/api/auth/me").json()["csrf_token"] == login["csrf_token"]
    call(c, "POST", "/api/auth/logout", headers={"X-CSRF-Token": login["csrf_token"]})
    assert call(admin, "GET", "/api/users").json()["count"] == 4
    call(admin, "POST", "/api/users", 201, json={"name": "minh", "role": "reader", "password": "mat-khau-moi"})
    assert call(admin, "PATCH", "/api/users/{name}", fmt={"name": "minh"}, json={"role": "editor"}).json()["role"] == "editor"
    call(admin, "DELETE", "/api/users/{name}", fmt={"name": "minh"})
    tok = call(reader, "POST", "/api/tokens", 201, json={"label": "thử"}).json()
    assert call(reader, "GET", "/api/tokens").json()["count"] == 2
    call(reader, "DELETE", "/api/tokens/{tid}", fmt={"tid": tok["id"]})
    actions = {e["action"] for e in call(admin, "GET", "/api/audit?limit=100").json()["data"]}
    assert {"correct", "delete", "restore", "upload", "login", "user_add", "token_create"} <= actions
    # workspace: a collection (ordered, annotated, public with a hidden item), its exports, a saved search
    col = call(reader, "POST", "/api/collections", 201, json={"name": "Tư liệu Long Biên"}).json()
    cid = {"cid": col["id"]}
    call(reader, "POST", "/api/collections/{cid}/items", 201, fmt=cid, json={"doc_id": internal, "note": "nội bộ"})
    detail = call(reader, "POST", "/api/collections/{cid}/items", 201, fmt=cid, json={"doc_id": pub, "page": 1}).json()
    assert [i["document"]["id"] for i in detail["items"]] == [internal, pub]
    moved = call(reader, "PATCH", "/api/collections/{cid}/items/{item}", fmt={**cid, "item": detail["items"][1]["id"]},
                 json={"position": 1}).json()
    assert [i["document"]["id"] for i in moved["items"]] == [pub, internal]
    call(reader, "PATCH", "/api/collections/{cid}", fmt=cid, json={"visibility": "public"})
    as_anon = call(anon, "GET", "/api/collections/{cid}", fmt=cid)
    assert [i["hidden"] for i in as_anon.json()["items"]] == [False, True] and internal not in as_anon.text
    assert "nội bộ" not in as_anon.text
    assert [c["id"] for c in call(anon, "GET", "/api/collections").json()["public"]] == [col["id"]]
    bib = call(anon, "GET", "/api/collections/{cid}/export?format=citations", fmt=cid).text
    assert bib.splitlines()[2] == f"1. {doc['citation']}, tr. 1." and "1 mục không có quyền xem" in bib
    rows = list(csv.reader(io.StringIO(call(reader, "GET", "/api/collections/{cid}/export?format=csv", fmt=cid).text.lstrip("\ufeff"))))
    assert [r[1] for r in rows[1:]] == [doc["citation"], format_citation(app_state(env.app).catalog.get(internal).metadata)]
    bag = call(anon, "GET", "/api/collections/{cid}/export?format=bagit", fmt=cid)
    assert bag.content.startswith(b"PK") and bag.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(bag.content)) as z:  # the bag carries the archive's authority records
        names = [n for n in z.namelist() if n.endswith("/data/authority.json")]
        assert len(names) == 1 and "Quận ủy Long Biên" in z.read(names[0]).decode("utf-8")
    after = call(reader, "DELETE", "/api/collections/{cid}/items/{item}", fmt={**cid, "item": moved["items"][0]["id"]}).json()
    assert [i["document"]["id"] for i in after["items"]] == [internal]
    call(reader, "DELETE", "/api/collections/{cid}", 204, fmt=cid)
    saved = call(reader, "POST", "/api/saved-searches", 201, json={"q": "congkhaixyz", "name": "Long Biên"}).json()
    sid = {"sid": saved["id"]}
    assert saved["total"] == 1 and saved["new_count"] == 0
    assert [s["id"] for s in call(reader, "GET", "/api/saved-searches").json()["data"]] == [saved["id"]]
    assert call(reader, "POST", "/api/saved-searches/{sid}/seen", fmt=sid).json()["new_count"] == 0
    assert call(reader, "PATCH", "/api/saved-searches/{sid}", fmt=sid, json={"name": "LB"}).json()["name"] == "LB"
    feed = call(anon, "GET", saved["feed_url"].replace("http://testserver", "").replace(saved["id"], "{sid}"), fmt=sid)
    assert feed.headers["content-type"].startswith("application/atom+xml") and f"/doc/{pub}" in feed.text
    call(reader, "DELETE", "/api/saved-searches/{sid}", 204, fmt=sid)
    # authority records: every issuer has one; an editor adds an old name, and co_quan: finds it by that name
    recs = call(anon, "GET", "/api/authority?q=long bien").json()["data"]
    lb = next(r for r in recs if r["names"][0]["name"] == "Quận ủy Long Biên")
    assert lb["end"] == "2025-06-30" and lb["successors"]  # no district level since July 2025
    assert isinstance(call(anon, "GET", "/api/authority/ambiguous").json()["data"], list)
    page = call(anon, "GET", "/api/authority/{rid}", fmt={"rid": lb["id"]}).json()
    assert pub in [d["id"] for d in page["documents"]] and any(e["event"] == "dissolution" for e in page["timeline"])
    assert call(anon, "GET", "/api/search?q=co_quan:\"Thị ủy Long Biên\"").json()["total"] == 0
    names = [{"name": "Thị ủy Long Biên", "end": "2003"}, {"name": "Quận ủy Long Biên", "start": "2003"}]
    edited = call(editor, "PATCH", "/api/authority/{rid}", fmt={"rid": lb["id"]}, json={"names": names}).json()
    assert edited["edited_by"] == "editor" and edited["names"][0]["name"] == "Thị ủy Long Biên"
    assert [h["id"] for h in call(anon, "GET", "/api/search?q=co_quan:\"Thị ủy Long Biên\"").json()["hits"]] == [pub]
    new = call(editor, "POST", "/api/authority", 201, json={"names": [{"name": "Huyện ủy Gia Lâm cũ"}],
                                                            "successors": [{"target": lb["id"], "event": "split"}]})
    assert new.json()["successors"][0]["target"] == lb["id"]
    # near-duplicates: an editor says two documents differ; the pair is kept, neither is a copy
    assert call(reader, "GET", "/api/documents/{id}/duplicates").json()["count"] == 0
    pair = call(editor, "POST", "/api/documents/{id}/duplicates", json={"other": internal, "decision": "different"}).json()
    assert pair["status"] == "rejected" and pair["decided_by"] == "editor"
    assert [p["status"] for p in call(reader, "GET", "/api/documents/{id}/duplicates").json()["data"]] == ["rejected"]
    assert call(anon, "GET", "/api/documents/{id}/duplicates").json()["count"] == 0  # the internal one is hidden
    actions = {e["action"] for e in call(admin, "GET", "/api/audit?limit=100").json()["data"]}
    assert {"authority_update", "authority_create", "duplicate_decide"} <= actions
    # IIIF: image service, manifest, content search, collections
    assert call(anon, "GET", "/iiif/3/{id}-1", 303, follow_redirects=False).headers["location"].endswith("/info.json")
    info = call(anon, "GET", "/iiif/3/{id}-1/info.json").json()
    jpg = call(anon, "GET", "/iiif/3/{id}-1/full/100,/0/default.jpg")
    assert Image.open(io.BytesIO(jpg.content)).size == (100, round(100 * info["height"] / info["width"]))
    manifest = call(anon, "GET", "/iiif/{id}/manifest").json()
    assert manifest["items"][0]["items"][0]["items"][0]["body"]["service"][0]["id"] == info["id"]
    hits = call(anon, "GET", "/iiif/{id}/search/1?q=congkhaixyz").json()
    assert [h["match"] for h in hits["hits"]] == ["congkhaixyz"]
    assert len(call(anon, "GET", "/iiif/{id}/search/2?q=congkhaixyz").json()["items"]) == 1
    assert len(call(reader, "GET", "/iiif/collection/top").json()["items"]) == 2
    issuers = call(reader, "GET", "/iiif/collection/issuers").json()["items"]
    assert [i["label"]["vi"][0] for i in issuers] == ["Huyện ủy (1 tài liệu)", "Quận ủy Long Biên (2 tài liệu)"]  # + upload
    years = call(reader, "GET", "/iiif/collection/years").json()["items"]
    assert [i["label"]["vi"][0] for i in years] == ["Năm 2023 (2 tài liệu)"]
    assert len(call(reader, "GET", "/iiif/collection/issuer/{name}", fmt={"name": "Quận ủy Long Biên"}).json()["items"]) == 2
    assert len(call(anon, "GET", "/iiif/collection/year/{year}", fmt={"year": 2023}).json()["items"]) == 1
    # health and version
    health = call(anon, "GET", "/health").json()
    assert health["engine"]["ok"] and health["archive"]["ok"] and "ok" in health["ocr"]
    assert call(anon, "GET", "/api/version").json()["engine"] == "tantivy"
    assert schema_ops == seen, (schema_ops - seen, seen - schema_ops)


def test_openapi_has_examples_and_error_shape(shared_env):
    schema = shared_env.client().get("/openapi.json").json()
    for path, item in schema["paths"].items():
        for method, op in item.items():
            assert op.get("summary"), (method, path)
            errors = [s for s in op["responses"] if s.startswith(("4", "5"))]
            assert errors, (method, path)
    assert "examples" in schema["components"]["schemas"]["DocPublic"]
    assert "examples" in schema["components"]["schemas"]["CorrectionIn"]


def test_citation_format():
    md = DocumentMetadata(doc_type="Kế hoạch", symbol="193-KH/QU", date="2023-11-03", issuer="Quận ủy Long Biên",
                          signer=Signer(on_behalf_of="BAN THƯỜNG VỤ"))
    assert format_citation(md) == "Kế hoạch số 193-KH/QU ngày 03/11/2023 của Ban Thường vụ Quận ủy Long Biên"
    md = DocumentMetadata(doc_type="Chỉ thị", symbol="20-CT/TW", date="2018-01", issuer="Ban Bí thư",
                          subject="V/v tăng cường công tác")
    assert format_citation(md, with_subject=True) == "Chỉ thị số 20-CT/TW tháng 01/2018 của Ban Bí thư về tăng cường công tác"
    md = DocumentMetadata(doc_type="Nghị định", symbol="30/2020/NĐ-CP", date="2020", issuer="Chính phủ")
    assert format_citation(md) == "Nghị định số 30/2020/NĐ-CP năm 2020 của Chính phủ"
    book = DocumentMetadata(title="Lịch sử Đảng bộ huyện Văn Lâm (2005 - 2020)", issuer="Huyện ủy Văn Lâm",
                            place="Hưng Yên", date="2021")
    assert format_citation(book) == "Lịch sử Đảng bộ huyện Văn Lâm (2005 - 2020), Huyện ủy Văn Lâm, Hưng Yên, 2021"


def test_health_reports_missing_ocr(base_archive, tmp_path):
    from tests.search_api.conftest import make_env

    env = make_env(base_archive, tmp_path / "archive", tesseract_cmd="/nonexistent/tesseract")
    r = env.client().get("/health")
    assert r.status_code == 200  # search still works without OCR
    body = r.json()
    assert body["status"] == "degraded" and body["ocr"]["ok"] is False and "Tesseract" in body["ocr"]["detail"]


def test_engine_failure_is_a_clear_503(shared_env, monkeypatch):
    """Fault injection: the search engine fails; the client gets our error shape, not a stack trace."""
    import search_api.routers.search as search_router
    from sulieu.errors import BackendError

    def down(*a, **k):
        raise BackendError("Bộ máy tìm kiếm không phản hồi.")

    monkeypatch.setattr(search_router, "run_search", down)
    r = shared_env.client().get("/api/search", params={"q": "x"})
    assert r.status_code == 503
    assert r.json() == {"error": {"code": "backend_error", "message": "Bộ máy tìm kiếm không phản hồi.", "detail": None}}
