"""Abuse cases from the security review, each repeated so it cannot come back (issue 13, items 4, 5, 7, 10)."""

from __future__ import annotations

import csv
import io

from search_api.state import app_state
from sulieu.csv_export import safe_cell, write_csv
from sulieu.disposition import content_disposition
from sulieu.store import ArchiveStore
from tests.search_api.conftest import PASSWORD, make_env
from tests.support.archive_builder import MARKERS

FORMULAS = ['=HYPERLINK("http://ke-xau.example","bấm")', "+SUM(A1:A9)", "-2+3", "@cmd", "\tđầu tab"]


def test_safe_cell_guards_every_formula_start_and_leaves_text_alone():
    for f in FORMULAS:
        assert safe_cell(f) == "'" + f
    assert safe_cell("Kế hoạch 215-KH/TU") == "Kế hoạch 215-KH/TU"
    assert safe_cell(None) == "" and safe_cell(12) == "12"
    rows = list(csv.reader(io.StringIO(write_csv(["a"], [[f] for f in FORMULAS]).lstrip("\ufeff"))))
    assert [r[0] for r in rows[1:]] == ["'" + f for f in FORMULAS]


def _csv_cells(body: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(body.decode("utf-8-sig"))) for cell in row]


def test_ui_and_api_csv_exports_neutralise_a_formula_title(env):
    doc = env.ids["public"]
    editor = env.client("editor")
    r = editor.post(f"/api/documents/{doc}/corrections", json={"changes": {"title": FORMULAS[0]}})
    assert r.status_code == 200, r.text
    anon = env.client()
    for url, params in (("/export.csv", {"q": MARKERS["public"]}),
                        ("/api/export", {"q": MARKERS["public"], "format": "csv"})):
        r = anon.get(url, params=params)
        assert r.status_code == 200, (url, r.text)
        cells = _csv_cells(r.content)
        assert "'" + FORMULAS[0] in cells, url
        assert not any(c.startswith(("=", "+", "@")) for c in cells), url


def test_content_disposition_survives_newlines_quotes_and_vietnamese():
    value = content_disposition('Kế hoạch\r\n"số 5".pdf')
    assert "\n" not in value and "\r" not in value
    assert value.startswith('attachment; filename="Ke hoach _so 5_.pdf"; ')
    assert value.endswith("filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20%20%22s%E1%BB%91%205%22.pdf")


def test_original_with_a_newline_in_its_name_downloads(base_archive, tmp_path):
    src_root, ids, _ = base_archive
    import shutil

    shutil.copytree(src_root, tmp_path / "seed")
    store = ArchiveStore(tmp_path / "seed")
    record = store.read_record(ids["public"])
    record.provenance.original_name = "Kế hoạch\nsố 5.pdf"
    store.write_record(record)
    env = make_env((tmp_path / "seed", ids, base_archive[2]), tmp_path / "archive")
    try:
        r = env.client().get(f"/api/documents/{ids['public']}/original")
        assert r.status_code == 200, r.text
        assert r.content == store.original_path(record.provenance.sha256).read_bytes()
        assert "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20s%E1%BB%91%205.pdf" in r.headers["content-disposition"]
    finally:
        app_state(env.app).jobs.shutdown()


def test_health_counts_documents_for_admins_only(env):
    anon = env.client().get("/health").json()
    for part in ("engine", "archive"):
        assert "documents" not in (anon[part].get("info") or {}), anon
    reader = env.client("reader").get("/health").json()
    assert "documents" not in (reader["archive"].get("info") or {})
    admin = env.client("admin").get("/health").json()
    total = sum(1 for _ in ArchiveStore(env.root).iter_ids())
    assert admin["archive"]["info"]["documents"] == total
    assert admin["engine"]["info"]["documents"] >= 1


def test_logout_needs_the_csrf_token_of_its_session(env):
    c = env.client()
    csrf = c.post("/api/auth/login", json={"name": "reader", "password": PASSWORD}).json()["csrf_token"]
    r = c.post("/api/auth/logout")
    assert r.status_code == 403 and "CSRF" in r.json()["error"]["message"]
    assert c.get("/api/auth/me").json()["user"]["name"] == "reader"  # still signed in
    assert c.post("/api/auth/logout", headers={"X-CSRF-Token": csrf}).status_code == 200
    assert c.get("/api/auth/me").json()["user"] is None
    assert env.client().post("/api/auth/logout").status_code == 200  # anonymous: nothing to forge


def test_concurrent_logins_hash_at_most_two_at_a_time_and_excess_gets_429(env):
    """40 logins at once used to run 40 Argon2 hashes of 64 MiB each together (2.57 GB)."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    from services.login import login_guard
    from services.login_guard import HASH_SLOTS, LoginGuard

    users = app_state(env.app).users
    users.__dict__["_login_guard"] = LoginGuard(hash_wait_s=0.3)
    running, peak, lock = [0], [0], threading.Lock()
    real_verify = users.verify_password

    def counted(name: str, password: str):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        try:
            return real_verify(name, password)
        finally:
            with lock:
                running[0] -= 1

    users.verify_password = counted
    assert login_guard(users) is users.__dict__["_login_guard"]

    def attempt(i: int) -> int:
        c = env.client()
        return c.post("/api/auth/login", json={"name": f"ngau-nhien-{i}", "password": "sai-mat-khau"}).status_code

    with ThreadPoolExecutor(max_workers=40) as pool:
        codes = list(pool.map(attempt, range(40)))
    assert peak[0] <= HASH_SLOTS, peak
    assert set(codes) <= {401, 429} and 429 in codes and 401 in codes, codes
    r = env.client().post("/api/auth/login", json={"name": "reader", "password": PASSWORD})
    assert r.status_code == 200  # once the flood is over, the right password works


def test_scores_are_hidden_from_callers_who_cannot_see_every_document(shared_env):
    """Term statistics include hidden documents, so a raw score would tell an anonymous visitor that
    restricted documents hold the word (item 4): only callers who see every level get scores."""
    q = {"q": MARKERS["public"]}
    for who in (None, "reader", "editor"):
        body = shared_env.client(who).get("/api/search", params=q).json()
        assert body["hits"], who
        assert all(h["score"] is None and all(p["score"] is None for p in h["pages"]) for h in body["hits"]), who
    body = shared_env.client("admin").get("/api/search", params=q).json()
    assert body["hits"] and all(isinstance(h["score"], float) and h["score"] > 0 for h in body["hits"])


def test_a_hidden_document_answers_like_an_unknown_id_in_time_too(env):
    """Item 4: access is decided from the catalogue before the record is read, so a hidden 500-page
    document's 404 costs what an unknown id's does (it used to take 12.2 ms against 3.5 ms)."""
    import statistics
    import time

    from sulieu.model import Page

    store = app_state(env.app).store
    hidden = env.ids["restricted"]
    rec = store.read_record(hidden)
    rec.pages = [Page(number=i, text=("Đảng bộ tỉnh lãnh đạo thực hiện nghị quyết " * 60), source="text")
                 for i in range(1, 501)]
    store.write_record(rec)  # about 1.5 MB of record to read if the check came after loading it
    unknown = "0123456789abcdef"
    anon = env.client()
    first_hidden, first_unknown = anon.get(f"/api/documents/{hidden}"), anon.get(f"/api/documents/{unknown}")
    assert first_hidden.status_code == first_unknown.status_code == 404
    assert first_hidden.json()["error"]["code"] == first_unknown.json()["error"]["code"]

    def median_ms(doc_id: str) -> float:
        times = []
        for _ in range(25):
            t0 = time.perf_counter()
            assert anon.get(f"/api/documents/{doc_id}").status_code == 404
            times.append((time.perf_counter() - t0) * 1000)
        return statistics.median(times)

    medians = {}
    for _ in range(2):  # interleaved rounds: a noisy neighbour hits both alike
        medians.setdefault("hidden", []).append(median_ms(hidden))
        medians.setdefault("unknown", []).append(median_ms(unknown))
    hidden_ms, unknown_ms = min(medians["hidden"]), min(medians["unknown"])
    print(f"404 median: hidden {hidden_ms:.2f} ms, unknown {unknown_ms:.2f} ms")
    assert hidden_ms < unknown_ms * 1.5 + 0.5
