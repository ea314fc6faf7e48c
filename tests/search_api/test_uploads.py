"""Upload → background ingest job (the lead's real pipeline) → per-file results → searchable."""

from __future__ import annotations

import time

from tests.support.archive_builder import make_pdf


def _wait(client, job_id: str, timeout: float = 120.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        r = client.get(f"/api/jobs/{job_id}")
        assert r.status_code == 200, r.text
        job = r.json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not finish in {timeout}s")


def test_upload_many_files_with_progress_and_results(env):
    editor = env.client("editor")
    pdf = make_pdf([["KẾ HOẠCH", "Số 45-KH/HU", "về tổ chức hoạt động tải lên thử nghiệm uploadpdfxyz"]])
    text = "THÔNG BÁO\nSố 7-TB/HU\nNội dung thông báo tải lên uploadtxtxyz của Đảng bộ huyện.\n".encode()
    fake_pdf = b"%PDF-1.4\n" + b"\x00garbage" * 50  # passes the door, fails inside the pipeline
    files = [("files", ("kế hoạch 45.pdf", pdf, "application/octet-stream")),
             ("files", ("thong-bao.txt", text, "text/plain")),
             ("files", ("hỏng.pdf", fake_pdf, "application/pdf"))]
    r = editor.post("/api/uploads", files=files, data={"access": "internal"})
    assert r.status_code == 202, r.text
    assert r.headers["location"] == f"/api/jobs/{r.json()['id']}"
    job = _wait(editor, r.json()["id"])
    assert job["status"] == "done", job
    assert job["total"] == 3 and job["done"] == 3
    by_name = {f["name"]: f for f in job["files"]}
    assert by_name["kế hoạch 45.pdf"]["status"] == "ingested", by_name
    assert by_name["thong-bao.txt"]["status"] == "ingested", by_name
    assert by_name["hỏng.pdf"]["status"] == "failed" and by_name["hỏng.pdf"]["message"]
    new_id = by_name["thong-bao.txt"]["doc_id"]
    # internal: the reader finds it, an anonymous visitor does not
    assert env.client("reader").get("/api/search", params={"q": "uploadtxtxyz"}).json()["total"] == 1
    assert env.client().get("/api/search", params={"q": "uploadtxtxyz"}).json()["total"] == 0
    assert env.client().get(f"/api/documents/{new_id}").status_code == 404
    doc = env.client("reader").get(f"/api/documents/{new_id}").json()
    assert doc["original_name"] == "thong-bao.txt" and doc["access"] == "internal"
    assert not any((env.root / "tmp" / "uploads").iterdir())  # staging cleaned up
    events = env.client("admin").get("/api/audit", params={"action": "upload"}).json()["data"]
    assert events and events[0]["user"] == "editor" and new_id in events[0]["detail"]["ingested"]
    # the same file again is reported as a duplicate, not stored twice
    r = editor.post("/api/uploads", files=[("files", ("again.txt", text, "text/plain"))])
    job2 = _wait(editor, r.json()["id"])
    assert job2["files"][0]["status"] == "duplicate" and job2["files"][0]["doc_id"] == new_id
    # jobs are private to their owner (admins see all)
    assert env.client("cleared").get(f"/api/jobs/{job['id']}").status_code == 404
    assert env.client("admin").get(f"/api/jobs/{job['id']}").status_code == 200
    assert {j["id"] for j in editor.get("/api/jobs").json()["data"]} == {job["id"], job2["id"]}
