"""Bad input gets a clear 4xx in the one error shape, never a 500, and writes nothing."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest

from search_api.state import app_state


def _png_header_bomb(width: int, height: int) -> bytes:
    """A tiny PNG whose header announces a huge image (a decompression bomb's calling card)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + chunk(b"IEND", b"")


def _docx_bomb(unpacked_mb: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b" " * (unpacked_mb * 1024 * 1024) + b"</w:document>")
    return buf.getvalue()


def assert_error(r, status: int, code: str | None = None) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "detail"}
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code, body
    return body


@pytest.mark.parametrize("path,status", [
    ("/api/documents/0000000000000000", 404),
    ("/api/documents/not-an-id", 404),
    ("/api/documents/..%2F..%2Fetc%2Fpasswd", 404),
    ("/api/documents/../../etc/passwd", 404),
    ("/api/documents/%2e%2e", 404),
    ("/api/documents/" + "a" * 65, 422),
    ("/api/documents/0000000000000000/original", 404),
    ("/api/documents/0000000000000000/pages/1/image", 404),
    ("/api/jobs/zzz", 401),
    ("/api/no/such/route", 404),
])
def test_unknown_and_malicious_ids(shared_env, path, status):
    assert_error(shared_env.client().get(path), status)


def test_method_not_allowed_uses_error_shape(shared_env):
    assert_error(shared_env.client().put("/api/search"), 405, "method_not_allowed")


@pytest.mark.parametrize("params,status", [
    ({"page": -1}, 422),
    ({"page": 0}, 422),
    ({"page": 10**12}, 422),
    ({"page_size": 0}, 422),
    ({"page_size": 100000}, 422),
    ({"page": 101, "page_size": 100}, 422),  # deeper than the first 10,000 results
    ({"year": "abc"}, 422),
    ({"date_from": "yesterday"}, 422),
    ({"sort": "random"}, 422),
    ({"doc_id": "../x"}, 422),
    ({"q": "a " * 1500}, 400),  # thousands of terms
    ({"q": "x" * 5000}, 422),
    ({"q": '"unclosed phrase'}, 400),
    ({"q": "nam:20xx"}, 400),
])
def test_bad_search_parameters(shared_env, params, status):
    body = assert_error(shared_env.client().get("/api/search", params=params), status)
    assert body["error"]["message"][0].isupper()


def test_many_filter_values_refused(shared_env):
    params = [("issuer", f"cơ quan {i}") for i in range(200)]
    assert_error(shared_env.client().get("/api/search", params=params), 422)


@pytest.mark.parametrize("url,status", [
    ("/api/documents/{id}/pages/2", 404),
    ("/api/documents/{id}/pages/0", 422),
    ("/api/documents/{id}/pages/-3", 422),
    ("/api/documents/{id}/pages/99999999999", 422),
    ("/api/documents/{id}/pages/x/image", 422),
    ("/api/documents/{id}/pages/5/thumbnail", 404),
    ("/api/documents/{id}/pages/1/words?q=" + "%22" * 3, 400),
])
def test_page_numbers_out_of_range(shared_env, url, status):
    body = assert_error(shared_env.client().get(url.format(id=shared_env.ids["public"])), status)
    if status == 404:
        assert "trang" in body["error"]["message"]


def test_validation_error_message_is_vietnamese(shared_env):
    body = assert_error(shared_env.client().get("/api/search", params={"page": "x"}), 422, "invalid_input")
    assert body["error"]["message"].startswith("Giá trị tham số không hợp lệ: page")
    assert body["error"]["detail"][0]["field"] == "page"


def test_bad_json_bodies(env):
    c = env.client("admin")
    doc = env.ids["public"]
    assert_error(c.post(f"/api/documents/{doc}/corrections", content=b"{not json",
                        headers={"Content-Type": "application/json"}), 422)
    assert_error(c.post(f"/api/documents/{doc}/corrections", json=[1, 2]), 422)
    assert_error(c.post("/api/auth/login", json={"name": "x" * 5000, "password": "y"}), 422)


# --- uploads -----------------------------------------------------------------------------------
def _gif() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (40, 30), 200).save(buf, "GIF")
    return buf.getvalue()


def _staging_empty(env) -> bool:
    d = app_state(env.app).store.uploads_dir
    return not d.exists() or not any(d.iterdir())


def _upload(client, files, data=None):
    return client.post("/api/uploads", files=files, data=data or {})


@pytest.mark.parametrize("name,content,ctype,status,code", [
    ("virus.pdf", b"MZ\x90\x00" + b"\x00" * 2000, "application/pdf", 415, "unsupported_format"),
    ("scan.png", b"\x00\x01\x02\x03" * 100, "image/png", 415, "unsupported_format"),
    ("archive.pdf", b"\x1f\x8b\x08\x00" + b"\x00" * 100, "application/pdf", 415, "unsupported_format"),
    ("empty.txt", b"", "text/plain", 415, "unsupported_format"),
    ("bomb.png", _png_header_bomb(30000, 30000), "image/png", 413, "too_large"),
    ("bomb.docx", _docx_bomb(25), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     413, "too_large"),
    ("notes.zip", None, "application/zip", 415, "unsupported_format"),
    ("broken.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "image/png", 422, "corrupt_file"),
    ("anh.gif", _gif(), "image/gif", 415, "unsupported_format"),  # ingest refuses GIF: so does the door
])
def test_upload_rejects_by_content(env, name, content, ctype, status, code):
    if content is None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("a.txt", "xin chào")
        content = buf.getvalue()
    before = set(app_state(env.app).store.iter_ids())
    ok_file = ("ok.txt", "Văn bản hợp lệ về Đảng bộ".encode(), "text/plain")
    r = _upload(env.client("editor"), [("files", ok_file), ("files", (name, content, ctype))])
    body = assert_error(r, status, code)
    assert name in body["error"]["message"]
    assert _staging_empty(env)  # all or nothing: the good file was not kept either
    assert set(app_state(env.app).store.iter_ids()) == before
    assert app_state(env.app).jobs.list() == []


def test_oversized_upload_is_cut_off(env):
    # env has max_upload_mb=1
    big = b"Dang bo " * (200 * 1024)  # 1.6 MB of text
    r = _upload(env.client("editor"), [("files", ("big.txt", big, "text/plain"))])
    assert_error(r, 413, "too_large")
    assert _staging_empty(env)


def test_upload_needs_editor_and_multipart(env):
    f = [("files", ("a.txt", b"xin chao", "text/plain"))]
    assert_error(_upload(env.client(), f), 401)
    assert_error(_upload(env.client("reader"), f), 403)
    assert_error(env.client("editor").post("/api/uploads", json={"files": []}), 415)
    assert_error(env.client("editor").post("/api/uploads", data={"access": "public"},
                                            files=[("other", ("", b"", "text/plain"))]), 400)
    assert_error(_upload(env.client("editor"), f, {"access": "secret"}), 400)
    assert_error(_upload(env.client("editor"), f, {"access": "restricted"}), 403)
    assert _staging_empty(env)


def test_truncated_multipart_body(env):
    body = b"--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n\r\nxin chao"
    r = env.client("editor").post("/api/uploads", content=body,
                                  headers={"Content-Type": "multipart/form-data; boundary=XyZ"})
    assert "cắt ngang" in assert_error(r, 400, "invalid_input")["error"]["message"]
    assert _staging_empty(env)


def test_browsers_get_the_ui_error_page_outside_the_api(env):
    from fastapi.responses import HTMLResponse

    app_state(env.app).html_error = lambda request, status, code, message: HTMLResponse(
        f"<h1>{message}</h1>", status_code=status)
    c = env.client()
    r = c.get("/khong-co-trang-nay", headers={"Accept": "text/html"})
    assert r.status_code == 404 and r.text == "<h1>Không tìm thấy địa chỉ này.</h1>"
    assert_error(c.get("/api/khong-co", headers={"Accept": "text/html"}), 404, "not_found")
    assert_error(c.get("/khong-co-trang-nay", headers={"Accept": "application/json"}), 404, "not_found")


def test_page_limits_refuse_an_upload_at_once(base_archive, tmp_path):
    """A PDF with more pages than allowed (a 50,000-page PDF of 7.9 MB used to be accepted and would
    have held the upload worker for about 21 hours) is a 413 before any work, and nothing is kept."""
    from tests.search_api.conftest import make_env
    from tests.support.archive_builder import make_pdf

    env = make_env(base_archive, tmp_path / "archive", max_pages_per_file=3, max_pages_per_job=4)
    try:
        editor = env.client("editor")
        five = make_pdf([[f"Trang {i}"] for i in range(5)])
        body = assert_error(_upload(editor, [("files", ("dai.pdf", five, "application/pdf"))]), 413, "too_large")
        assert "dai.pdf" in body["error"]["message"] and "5 trang" in body["error"]["message"]
        three = make_pdf([[f"Trang {i}"] for i in range(3)])
        files = [("files", ("mot.pdf", three, "application/pdf")), ("files", ("hai.pdf", make_pdf([["x"], ["y"]]),
                                                                               "application/pdf"))]
        body = assert_error(_upload(editor, files), 413, "too_large")
        assert "5 trang" in body["error"]["message"] and "4" in body["error"]["message"]
        assert _staging_empty(env) and app_state(env.app).jobs.list() == []
        r = _upload(editor, [("files", ("vua.pdf", three, "application/pdf"))])
        assert r.status_code == 202, r.text
        assert app_state(env.app).jobs.wait(r.json()["id"], 120).status == "done"
    finally:
        app_state(env.app).jobs.shutdown()
        app_state(env.app).context.close()
