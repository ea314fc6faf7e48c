"""Collections and saved searches over real HTTP: who sees which item, exports, new documents, Atom feeds."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import bagit
import feedparser

from search_api.state import app_state
from tests.support.archive_builder import MARKERS, make_pdf


def _new_collection(client, name: str = "Nguồn biên soạn") -> str:
    r = client.post("/api/collections", json={"name": name, "description": "Biên soạn tập 2001-2020"})
    assert r.status_code == 201, r.text
    return r.json()["id"]


def _add(client, cid: str, doc_id: str, status: int = 201, **extra):
    r = client.post(f"/api/collections/{cid}/items", json={"doc_id": doc_id, **extra})
    assert r.status_code == status, r.text
    return r.json()


def test_shared_collection_shows_a_restricted_item_only_as_not_permitted(env, tmp_path: Path):
    ids = env.ids
    owner, reader, anon = env.client("cleared"), env.client("reader"), env.client()
    cid = _new_collection(owner)
    _add(owner, cid, ids["restricted"], note="Nghị quyết mật: dùng cho chương III")
    _add(owner, cid, ids["public"], page=1, note="Trích đoạn trang 1")
    assert reader.get(f"/api/collections/{cid}").status_code == 404  # private: not even its existence
    unknown = reader.get("/api/collections/0123456789abcdef")
    assert unknown.status_code == 404

    r = owner.patch(f"/api/collections/{cid}", json={"visibility": "shared", "shared_with": ["reader"]})
    assert r.status_code == 200 and r.json()["shared_with"] == ["reader"]
    seen = reader.get(f"/api/collections/{cid}")
    assert seen.status_code == 200
    items = seen.json()["items"]
    assert [(i["hidden"], i["label"]) for i in items] == [(True, "không có quyền xem"), (False, None)]
    assert items[1]["document"]["id"] == ids["public"] and items[1]["note"] == "Trích đoạn trang 1"
    for leak in (ids["restricted"], MARKERS["restricted"], "Quận ủy Gia Lâm", "Nghị quyết mật", "5-NQ/QU"):
        assert leak not in seen.text, leak
    assert seen.json()["can_edit"] is False and seen.json()["shared_with"] == []
    assert [c["id"] for c in reader.get("/api/collections").json()["shared"]] == [cid]
    assert anon.get(f"/api/collections/{cid}").status_code == 404
    # read-only for the people it is shared with
    assert reader.post(f"/api/collections/{cid}/items", json={"doc_id": ids["public"]}).status_code == 403
    assert reader.delete(f"/api/collections/{cid}").status_code == 403

    # exports as the reader: nothing of the restricted item, the bag holds the public document only
    bib = reader.get(f"/api/collections/{cid}/export?format=citations").text
    assert "5-NQ/QU" not in bib and "193-KH/QU" in bib and "1 mục không có quyền xem" in bib
    rows = list(csv.reader(io.StringIO(reader.get(f"/api/collections/{cid}/export?format=csv").text.lstrip("\ufeff"))))
    assert [r[1] for r in rows[1:]][0] == "không có quyền xem" and "193-KH/QU" in rows[2][1]
    assert rows[2][rows[0].index("cap")] == "Huyện/Quận ủy" and rows[1][rows[0].index("cap")] == ""
    z = reader.get(f"/api/collections/{cid}/export?format=bagit")
    assert z.status_code == 200
    zipfile.ZipFile(io.BytesIO(z.content)).extractall(tmp_path / "x")
    bag = bagit.Bag(str(next((tmp_path / "x").iterdir())))
    bag.validate()
    records = [p for p in bag.payload_files() if p.startswith("data/records/")]
    assert [Path(p).stem for p in records] == [ids["public"]]
    # the owner with clearance sees both; after unsharing the reader sees nothing
    assert [i["hidden"] for i in owner.get(f"/api/collections/{cid}").json()["items"]] == [False, False]
    owner.patch(f"/api/collections/{cid}", json={"visibility": "private"})
    assert reader.get(f"/api/collections/{cid}").status_code == 404


def test_a_document_the_owner_may_not_see_cannot_be_added(env):
    reader = env.client("reader")
    cid = _new_collection(reader)
    hidden = _add(reader, cid, env.ids["restricted"], status=404)
    unknown = _add(reader, cid, "0123456789abcdef", status=404)
    assert hidden["error"]["code"] == unknown["error"]["code"] == "not_found"
    assert hidden["error"]["message"].replace(env.ids["restricted"], "X") == unknown["error"]["message"].replace(
        "0123456789abcdef", "X")
    assert _add(reader, cid, env.ids["public"], page=99, status=400)["error"]["code"] == "invalid_input"
    _add(reader, cid, env.ids["public"])
    assert _add(reader, cid, env.ids["public"], status=400)["error"]["message"] == "Tài liệu này đã có trong bộ sưu tập."


def test_an_item_becomes_hidden_when_its_document_is_restricted_later(env):
    reader, admin = env.client("reader"), env.client("admin")
    cid = _new_collection(reader)
    _add(reader, cid, env.ids["internal"], note="báo cáo nội bộ")
    assert reader.get(f"/api/collections/{cid}").json()["items"][0]["hidden"] is False
    r = admin.post(f"/api/documents/{env.ids['internal']}/corrections", json={"changes": {"access": "restricted"}})
    assert r.status_code == 200, r.text
    body = reader.get(f"/api/collections/{cid}")
    assert body.json()["items"][0]["hidden"] is True and "báo cáo nội bộ" not in body.text


def test_a_saved_search_reports_new_documents_after_an_upload_and_feeds_them(env):
    reader, editor, anon = env.client("reader"), env.client("editor"), env.client()
    saved = reader.post("/api/saved-searches", json={"name": "Kế hoạch mới về mộc bản", "q": "mocbanxyz"}).json()
    assert (saved["total"], saved["new_count"]) == (0, 0)
    pdf = make_pdf([["KẾ HOẠCH", "Số 77-KH/HU", "về sưu tầm mộc bản mocbanxyz của Đảng bộ huyện"]])
    job = editor.post("/api/uploads", files=[("files", ("kh77.pdf", pdf, "application/pdf"))]).json()
    done = app_state(env.app).jobs.wait(job["id"], timeout=120)
    assert done.status == "done", done.public()
    new_id = done.public()["files"][0]["doc_id"]

    listed = reader.get("/api/saved-searches").json()["data"][0]
    assert (listed["total"], listed["new_count"]) == (1, 1) and listed["new"][0]["id"] == new_id
    assert "?key=" in listed["feed_url"]
    feed_path = listed["feed_url"].replace("http://testserver", "")
    parsed = feedparser.parse(anon.get(feed_path).content)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.title == "Sử liệu · Kế hoạch mới về mộc bản"
    assert [e.link for e in parsed.entries] == [f"http://testserver/doc/{new_id}"]
    assert "mộc bản" in parsed.entries[0].title

    seen = reader.post(f"/api/saved-searches/{saved['id']}/seen").json()
    assert seen["new_count"] == 1  # what was new before this visit
    assert reader.get("/api/saved-searches").json()["data"][0]["new_count"] == 0


def test_feed_keys_and_public_feeds(env):
    reader, anon, admin = env.client("reader"), env.client(), env.client("admin")
    q = f"{MARKERS['public']} OR {MARKERS['internal']}"
    saved = reader.post("/api/saved-searches", json={"name": "hai mức", "q": q}).json()
    assert saved["total"] == 2
    base = f"/api/saved-searches/{saved['id']}/feed.atom"
    key = saved["feed_url"].split("?key=")[1]
    with_key = feedparser.parse(anon.get(f"{base}?key={key}").content)
    assert sorted(e.link.rsplit("/", 1)[1] for e in with_key.entries) == sorted([env.ids["public"], env.ids["internal"]])
    missing = anon.get(base)
    wrong = anon.get(f"{base}?key=sai-khoa")
    assert missing.status_code == wrong.status_code == 404 and missing.json() == wrong.json()
    # public: no key needed, but only public documents
    reader.patch(f"/api/saved-searches/{saved['id']}", json={"public": True})
    public = feedparser.parse(anon.get(base).content)
    assert [e.link.rsplit("/", 1)[1] for e in public.entries] == [env.ids["public"]]
    assert env.ids["internal"] not in anon.get(base).text  # the query itself is public by the owner's choice
    # a renewed key retires the old one; a disabled owner's key reads nothing
    renewed = reader.patch(f"/api/saved-searches/{saved['id']}", json={"public": False, "renew_feed_key": True}).json()
    assert anon.get(f"{base}?key={key}").status_code == 404
    new_key = renewed["feed_url"].split("?key=")[1]
    assert anon.get(f"{base}?key={new_key}").status_code == 200
    assert admin.patch("/api/users/reader", json={"disabled": True}).status_code == 200
    assert anon.get(f"{base}?key={new_key}").status_code == 404


def test_saved_search_input_errors_are_clear(env):
    reader = env.client("reader")
    r = reader.post("/api/saved-searches", json={"q": "x", "filters": {"bogus": 1}})
    assert r.status_code == 422 and "bogus" in r.text
    r = reader.post("/api/saved-searches", json={"q": "x", "filters": {"year": ["năm"]}})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_input"
    assert env.client().post("/api/saved-searches", json={"q": "x"}).status_code == 401
    other = env.client("editor").post("/api/saved-searches", json={"q": "x"}).json()
    assert reader.delete(f"/api/saved-searches/{other['id']}").status_code == 404


def test_a_search_saved_without_a_name_is_named_for_what_it_is(env):
    reader = env.client("reader")
    everything = reader.post("/api/saved-searches", json={})
    assert everything.status_code == 201 and everything.json()["name"] == "Toàn bộ kho"
    assert everything.json()["total"] == 2  # what the reader may see: the public and the internal document
    by_filter = reader.post("/api/saved-searches", json={"filters": {"year": [2023]}}).json()
    assert by_filter["name"] == "Bộ lọc đã lưu" and by_filter["filters"] == {"year": [2023]}
    assert reader.post("/api/saved-searches", json={"q": "congkhaixyz"}).json()["name"] == "congkhaixyz"
