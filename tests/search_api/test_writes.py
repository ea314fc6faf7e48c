"""Corrections, delete/restore, users, tokens, sessions with CSRF, and the audit log, over HTTP."""

from __future__ import annotations

from search_api.state import app_state
from tests.search_api.conftest import PASSWORD


def _search_total(client, q):
    r = client.get("/api/search", params={"q": q})
    assert r.status_code == 200, r.text
    return r.json()["total"]


def test_correction_updates_record_index_and_audit(env):
    editor, anon = env.client("editor"), env.client()
    doc = env.ids["public"]
    r = editor.post(f"/api/documents/{doc}/corrections",
                    json={"changes": {"title": "Kế hoạch hiệu đính chữ quangtrungxyz", "date": "2023-11-04"},
                          "note": "sửa theo bản gốc"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["title"] == "Kế hoạch hiệu đính chữ quangtrungxyz"
    assert body["date"] == "2023-11-04"
    assert sorted(body["corrected_fields"]) == ["date", "title"]
    assert body["citation"] == "Kế hoạch số 193-KH/QU ngày 04/11/2023 của Ban Thường vụ Quận ủy Long Biên"
    # the correction reached the index and the catalogue
    assert _search_total(anon, "quangtrungxyz") == 1
    assert anon.get(f"/api/documents/{doc}").json()["title"].endswith("quangtrungxyz")
    hist = editor.get(f"/api/documents/{doc}/corrections").json()
    assert hist["count"] == 2 and {c["by"] for c in hist["data"]} == {"editor"}
    # the record itself is untouched: corrections are a layer of their own
    rec = app_state(env.app).store.read_record(doc)
    assert not rec.metadata.title.endswith("quangtrungxyz")
    events = env.client("admin").get("/api/audit", params={"target": doc}).json()
    assert events["data"][0]["action"] == "correct" and events["data"][0]["user"] == "editor"
    assert events["data"][0]["detail"]["changes"]["date"] == "2023-11-04"


def test_correction_validation_writes_nothing(env):
    editor = env.client("editor")
    doc = env.ids["public"]
    before = app_state(env.app).store.read_corrections(doc)
    cases = [
        ({"changes": {"nonsense": "x"}}, 400),
        ({"changes": {"date": "2023-02-30"}}, 400),
        ({"changes": {"date": "03/11/2023"}}, 400),
        ({"changes": {"level": "galaxy"}}, 400),
        ({"changes": {"title": 5}}, 400),
        ({"changes": {"recipients": ["a", 3]}}, 400),
        ({"changes": {"title": "ok", "date": "bad"}}, 400),  # one bad field: nothing is written
        ({"changes": {}}, 422),
        ({"changes": {"title": "x"}, "extra": 1}, 422),
        ({"changes": {"access": "public"}}, 403),  # editors may not change access levels
    ]
    for payload, status in cases:
        r = editor.post(f"/api/documents/{doc}/corrections", json=payload)
        assert r.status_code == status, (payload, r.text)
        assert r.json()["error"]["message"]
    assert app_state(env.app).store.read_corrections(doc) == before
    assert env.client("reader").post(f"/api/documents/{doc}/corrections",
                                     json={"changes": {"title": "x"}}).status_code == 403
    assert env.client().post(f"/api/documents/{doc}/corrections", json={"changes": {"title": "x"}}).status_code == 401


def test_admin_changes_access_level(env):
    admin, anon, reader = env.client("admin"), env.client(), env.client("reader")
    doc = env.ids["public"]
    assert _search_total(anon, "congkhaixyz") == 1
    r = admin.post(f"/api/documents/{doc}/corrections", json={"changes": {"access": "restricted"}})
    assert r.status_code == 200 and r.json()["access"] == "restricted"
    assert _search_total(anon, "congkhaixyz") == 0
    assert _search_total(reader, "congkhaixyz") == 0
    assert anon.get(f"/api/documents/{doc}").status_code == 404
    assert anon.get(f"/api/documents/{doc}/pages/1/image").status_code == 404
    assert "congkhaixyz" not in anon.get("/api/export", params={"format": "csv"}).text
    assert _search_total(admin, "congkhaixyz") == 1


def test_delete_and_restore(env):
    editor, anon = env.client("editor"), env.client()
    doc = env.ids["public"]
    r = editor.delete(f"/api/documents/{doc}")
    assert r.status_code == 200 and r.json()["deleted_at"]
    assert anon.get(f"/api/documents/{doc}").status_code == 404
    assert _search_total(anon, "congkhaixyz") == 0
    assert _search_total(editor, "congkhaixyz") == 0
    trash = editor.get("/api/documents", params={"deleted_only": True}).json()
    assert doc in {d["id"] for d in trash["data"]}
    assert anon.get("/api/documents", params={"deleted_only": True}).status_code == 403
    assert app_state(env.app).store.has_record(doc)  # soft: the record and original stay
    r = editor.post(f"/api/documents/{doc}/restore")
    assert r.status_code == 200 and r.json()["deleted_at"] is None
    assert _search_total(anon, "congkhaixyz") == 1
    actions = [e["action"] for e in env.client("admin").get("/api/audit", params={"target": doc}).json()["data"]]
    assert actions == ["restore", "delete"]
    assert env.client("reader").delete(f"/api/documents/{doc}").status_code == 403
    assert anon.delete(f"/api/documents/{doc}").status_code == 401
    # an editor cannot delete what they cannot see (and learns nothing about it)
    r = editor.delete(f"/api/documents/{env.ids['restricted']}")
    assert r.status_code == 404


def test_failed_refresh_undoes_the_write(env, monkeypatch):
    """Fault injection: if re-indexing fails, the deletion is rolled back (no half-done change)."""
    import services.refresh as refresh

    def boom(*a, **k):
        raise RuntimeError("index down")

    monkeypatch.setattr(refresh, "refresh", boom)
    doc = env.ids["public"]
    r = env.client("editor").delete(f"/api/documents/{doc}")
    assert r.status_code == 500 and r.json()["error"]["code"] == "internal"
    assert app_state(env.app).store.read_record(doc).deleted_at is None


def test_login_session_csrf_logout(env):
    c = env.client()
    r = c.post("/api/auth/login", json={"name": "editor", "password": "wrong-password"})
    assert r.status_code == 401 and r.json()["error"]["message"] == "Sai tên đăng nhập hoặc mật khẩu."
    r = c.post("/api/auth/login", json={"name": "nobody", "password": "wrong-password"})
    assert r.status_code == 401 and r.json()["error"]["message"] == "Sai tên đăng nhập hoặc mật khẩu."
    r = c.post("/api/auth/login", json={"name": "editor", "password": PASSWORD})
    assert r.status_code == 200, r.text
    csrf = r.json()["csrf_token"]
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    me = c.get("/api/auth/me").json()
    assert me["user"]["name"] == "editor" and me["allowed_access"] == ["public", "internal"]
    assert _search_total(c, "noiboxyz") == 1
    doc = env.ids["public"]
    # a cookie-authenticated write without the CSRF token is refused, and writes nothing
    r = c.post(f"/api/documents/{doc}/corrections", json={"changes": {"title": "giả mạo"}})
    assert r.status_code == 403 and "CSRF" in r.json()["error"]["message"]
    r = c.post(f"/api/documents/{doc}/corrections", json={"changes": {"title": "giả mạo"}},
               headers={"X-CSRF-Token": "0" * 64})
    assert r.status_code == 403
    assert app_state(env.app).store.read_corrections(doc) == []
    r = c.post(f"/api/documents/{doc}/corrections", json={"changes": {"title": "thật"}},
               headers={"X-CSRF-Token": csrf})
    assert r.status_code == 200
    assert c.post("/api/auth/logout", headers={"X-CSRF-Token": csrf}).status_code == 200
    assert c.get("/api/auth/me").json()["user"] is None


def test_expired_and_forged_sessions(env):
    c = env.client()
    assert c.post("/api/auth/login", json={"name": "reader", "password": PASSWORD}).status_code == 200
    app_state(env.app).users.expire_sessions_of("reader")
    r = c.get("/api/search", params={"q": "x"})
    assert r.status_code == 401 and "hết hạn" in r.json()["error"]["message"]
    c2 = env.client()
    c2.cookies.set("sulieu_session", "forged.value.here")
    r = c2.get("/api/documents")
    assert r.status_code == 401 and r.json()["error"]["code"] == "unauthorized"


def test_tokens_and_invalid_tokens(env):
    reader = env.client("reader")
    r = reader.post("/api/tokens", json={"label": "script", "days": 30})
    assert r.status_code == 201
    token, token_id = r.json()["token"], r.json()["id"]
    c = env.client()
    c.headers["Authorization"] = f"Bearer {token}"
    assert c.get("/api/auth/me").json()["user"]["name"] == "reader"
    assert token_id in {t["id"] for t in reader.get("/api/tokens").json()["data"]}
    assert reader.delete(f"/api/tokens/{token_id}").status_code == 200
    r = c.get("/api/documents")
    assert r.status_code == 401 and "token" in r.json()["error"]["message"]
    for header in ("Bearer sl_nonsense", "Bearer ", "Basic abc", "Bearer " + "x" * 5000):
        r = env.client().get("/api/documents", headers={"Authorization": header})
        assert r.status_code == 401, header
        assert r.json()["error"]["code"] == "unauthorized"


def test_user_admin(env):
    admin, reader = env.client("admin"), env.client("reader")
    assert reader.get("/api/users").status_code == 403
    assert env.client().get("/api/users").status_code == 401
    r = admin.post("/api/users", json={"name": "hoa", "role": "reader", "password": "mot-mat-khau"})
    assert r.status_code == 201 and r.json()["role"] == "reader"
    assert admin.post("/api/users", json={"name": "hoa", "role": "reader", "password": "mot-mat-khau"}).status_code == 400
    assert admin.post("/api/users", json={"name": "x", "role": "god", "password": "mot-mat-khau"}).status_code == 422
    assert admin.post("/api/users", json={"name": "y", "role": "reader", "password": "short"}).status_code == 422
    r = admin.patch("/api/users/hoa", json={"role": "editor", "clearance": "restricted"})
    assert r.status_code == 200 and r.json()["clearance"] == "restricted"
    c = env.client()
    assert c.post("/api/auth/login", json={"name": "hoa", "password": "mot-mat-khau"}).status_code == 200
    assert _search_total(c, "tuyetmatxyz") == 1
    assert admin.patch("/api/users/hoa", json={"disabled": True}).status_code == 200
    assert c.get("/api/documents").status_code == 401  # sessions of a disabled user end at once
    assert admin.patch("/api/users/admin", json={"role": "reader"}).status_code == 400
    assert admin.delete("/api/users/hoa").status_code == 200
    assert admin.delete("/api/users/hoa").status_code == 404
    actions = {e["action"] for e in admin.get("/api/audit").json()["data"]}
    assert {"user_add", "user_update", "user_delete", "login"} <= actions
    # passwords are stored as Argon2id hashes only
    import sqlite3

    db = sqlite3.connect(env.root / "users.sqlite")
    hashes = [h for (h,) in db.execute("SELECT password_hash FROM users")]
    db.close()
    assert hashes and all(h.startswith("$argon2id$") for h in hashes)


def test_password_guessing_is_throttled_per_client_without_locking_out_the_owner(env):
    from fastapi.testclient import TestClient

    from services.login_guard import MAX_PER_NAME_AND_CLIENT

    def client(addr: str) -> TestClient:
        return TestClient(env.app, raise_server_exceptions=False, client=(addr, 50000))  # type: ignore[arg-type]

    attacker, owner = client("10.9.9.9"), client("10.1.1.1")
    for _ in range(MAX_PER_NAME_AND_CLIENT):
        assert attacker.post("/api/auth/login", json={"name": "reader", "password": "doan-sai-1"}).status_code == 401
    r = attacker.post("/api/auth/login", json={"name": "reader", "password": PASSWORD})  # even the right one, for now
    assert r.status_code == 401 and "quá nhiều lần" in r.json()["error"]["message"]
    # the owner, from their own client, is not locked out by someone else's guesses
    assert owner.post("/api/auth/login", json={"name": "reader", "password": PASSWORD}).status_code == 200
    # the lock-out is audited
    actions = [e["action"] for e in env.client("admin").get("/api/audit?limit=50").json()["data"]]
    assert "login_lockout" in actions


def test_a_flood_of_invalid_names_does_not_reopen_guessing(env):
    from fastapi.testclient import TestClient

    from services.login import login_guard
    from services.login_guard import MAX_KEYS, MAX_PER_NAME_AND_CLIENT

    attacker = TestClient(env.app, raise_server_exceptions=False, client=("10.7.7.7", 1))  # type: ignore[arg-type]
    for _ in range(MAX_PER_NAME_AND_CLIENT):
        attacker.post("/api/auth/login", json={"name": "admin", "password": "doan-sai-1"})
    guard = login_guard(app_state(env.app).users)
    for i in range(MAX_KEYS + 1):  # what 10,001 invalid names from many clients did to the old table
        guard.failed(f"!{i}", f"10.8.{i // 250}.{i % 250}", name_valid=False)
    r = attacker.post("/api/auth/login", json={"name": "admin", "password": PASSWORD})
    assert r.status_code == 401 and "quá nhiều lần" in r.json()["error"]["message"]


def test_catalogue_sees_changes_made_by_another_process(env):
    """A correction written straight to the archive (as the CLI would) shows up without a restart."""
    from sulieu.model import Correction
    from sulieu.store import ArchiveStore

    anon = env.client()
    doc = env.ids["public"]
    assert anon.get("/api/lookup", params={"symbol": "194-KH/QU"}).json()["count"] == 0
    ArchiveStore(env.root).add_correction(doc, Correction(field="symbol", value="194-KH/QU", by="cli"))
    found = anon.get("/api/lookup", params={"symbol": "194/KH-QU"}).json()
    assert [d["id"] for d in found["data"]] == [doc] and found["data"][0]["corrected_fields"] == ["symbol"]
    assert anon.get("/api/lookup", params={"symbol": "193-KH/QU"}).json()["count"] == 0
