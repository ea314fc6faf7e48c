"""Render tests: every page through the real app (httpx ASGITransport), on a hand-made archive
indexed by the real Tantivy backend, with its real citation graph."""

from __future__ import annotations

import csv
import io
import json
import re
import time
from pathlib import Path

import pytest

from tests.support.handmade import build
from tests.ui.conftest import Client, csrf_from, login

EDITOR = ("bientap", "mat-khau-bien-tap-2024")
ADMIN = ("quantri", "mat-khau-quan-tri-2024")


@pytest.fixture(scope="module")
def hm_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from services.users import UserStore

    root = tmp_path_factory.mktemp("hm") / "archive"
    build(root)
    users = UserStore(root / "users.sqlite")
    users.add_user(EDITOR[0], "editor", EDITOR[1])
    users.add_user(ADMIN[0], "admin", ADMIN[1])
    return root


@pytest.fixture(scope="module")
def ids(hm_root: Path) -> dict[str, str]:
    return json.loads((hm_root / "handmade.json").read_text())


@pytest.fixture(scope="module")
def hm_app(hm_root: Path):
    from search_api.app import create_app
    from sulieu.settings import Settings

    return create_app(Settings(archive=hm_root))


@pytest.fixture
def c(hm_app):
    client = Client(hm_app)
    yield client
    client.close()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- search ---------------------------------------------------------------------------------

def test_home_lists_archive_with_facets_and_syntax_examples(c, ids):
    r = c.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    html = r.text
    assert '<html lang="vi">' in html
    assert 'role="search"' in html and '<main id="main"' in html and 'class="skip-link"' in html
    assert "Toàn bộ kho: 5 tài liệu" in html  # the internal report is not counted for anonymous visitors
    assert "so:328-KH/TU" in html and "trich_dan:20-CT/TW" in html  # query syntax examples
    for label in ("Loại văn bản", "Cơ quan ban hành", "Cấp", "Năm"):
        assert f">{label}</h3>" in html
    assert "Báo cáo kiểm điểm chi bộ" not in html


def test_search_without_diacritics_finds_accented_text_with_snippet_and_page(c, ids):
    html = c.get("/", params={"q": "phong chong thien tai"}).text
    assert "1 kết quả" in text_of(html)
    assert f'href="/doc/{ids["scan"]}?q=phong+chong+thien+tai&amp;p=1&amp;tu=q%3Dphong%2Bchong%2Bthien%2Btai#trang"' in html
    assert "Trang 1</a>" in html and "<mark>" in html  # highlighted snippet with its page number
    assert "Số 45-TB/HU" in html and "Huyện ủy Thủy Nguyên" in html and "09/08/2022" in html


def test_facet_counts_narrow_the_results(c, ids):
    html = c.get("/", params={"q": "lich su"}).text
    m = re.search(r'href="([^"]*level=district[^"]*)"[^>]*><span>Huyện/Quận ủy</span><span class="count">(\d+)', html)
    assert m, "district facet link with a count"
    count = int(m.group(2))
    narrowed = c.get(m.group(1).replace("&amp;", "&")).text
    assert f"{count} kết quả" in text_of(narrowed)
    assert 'aria-current="true"' in narrowed  # the selected value is marked
    assert "Cấp: Huyện/Quận ủy" in narrowed  # a chip to remove it


def test_date_range_and_sort_by_date(c, ids):
    html = c.get("/", params={"date_from": "2020-01-01", "date_to": "2022-12-31", "sort": "date_asc"}).text
    titles = re.findall(r'<h2><a href="/doc/([0-9a-f]+)', html)
    assert titles == [ids["tu"], ids["book"], ids["scan"]]  # 2020-05-04, 2021, 2022-08-09
    assert "Thời gian: 01/01/2020 – 31/12/2022" in html


def test_bad_date_is_a_clear_message_not_an_error_page(c):
    r = c.get("/", params={"date_from": "31-02-abc"})
    assert r.status_code == 200
    assert "Ngày bắt đầu “31-02-abc” không hợp lệ" in r.text


def test_query_syntax_error_is_shown_in_vietnamese(c):
    r = c.get("/", params={"q": '"chưa đóng'})
    assert r.status_code == 200
    assert "dấu ngoặc kép" in r.text


def test_empty_result_suggests_without_diacritics_and_without_filter(c, ids):
    # Diacritics typed wrongly ("thiến") match nothing exactly; without diacritics they do.
    html = c.get("/", params={"q": "thiến tại", "level": "central"}).text
    assert "Không tìm thấy tài liệu phù hợp" in html
    assert "Bỏ dấu và mọi bộ lọc: “thien tai”" in html
    assert re.search(r"\((\d+) kết quả\)", html)


def test_pagination_links(c):
    html = c.get("/", params={"q": "", "sort": "date_desc"}).text
    assert 'aria-label="Phân trang kết quả"' not in html  # 5 documents, one page
    # page beyond the end says so instead of failing
    assert "Trang này không còn kết quả" in c.get("/", params={"page": "9"}).text


def test_export_csv_and_citation_list(c, ids):
    r = c.get("/export.csv", params={"q": "lich su dang"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Mã tài liệu" and len(rows) > 1
    assert all(row[0] != ids["internal"] for row in rows)
    r = c.get("/export/citations.txt", params={"level": "central"})
    assert r.text.startswith("1. Chỉ thị số 20-CT/TW ngày 18/01/2018 của Ban Bí thư")


# --- document -------------------------------------------------------------------------------

def test_document_page_metadata_text_and_citations(c, ids):
    html = c.get(f"/doc/{ids['qu']}").text
    assert "<h1" in html and "Kế hoạch tuyên truyền cuốn sách lịch sử Đảng bộ quận Long Biên" in html
    assert '<th scope="row">Số, ký hiệu</th><td>193-KH/QU' in html
    assert "Văn bản được dẫn chiếu" in html and "Văn bản dẫn chiếu đến" in html
    # resolved citation links to the archive copy, the other is marked missing
    assert f'href="/doc/{ids["ct20"]}"' in html
    assert "Kế hoạch số 999-KH/TU của Thành ủy" in html and "chưa có trong kho" in html
    assert 'id="citation-text">Kế hoạch số 193-KH/QU ngày 03/11/2023 của Quận ủy Long Biên</p>' in html
    assert "data-copy-target=\"citation-text\"" in html


def test_cited_document_lists_who_cites_it(c, ids):
    html = c.get(f"/doc/{ids['ct20']}").text
    section = html.split("Văn bản dẫn chiếu đến", 1)[1]
    assert f'href="/doc/{ids["qu"]}"' in section


def test_scan_page_marks_hits_on_image_from_word_boxes(c, ids):
    html = c.get(f"/doc/{ids['scan']}", params={"q": "thien tai"}).text
    assert f'src="/api/documents/{ids["scan"]}/pages/1/image"' in html
    boxes = re.findall(r'class="hitbox" data-hit style="left:([\d.]+)%;top:([\d.]+)%', html)
    assert len(boxes) == 4  # "thiên" and "tai" on two lines
    assert all(0 < float(x) < 100 and 0 < float(y) < 100 for x, y in boxes)
    assert '<mark id="hit-0">thiên</mark>' in html  # the text is highlighted too
    assert "cần rà soát" in html and "độ tin cậy OCR 61%" in html
    img = c.get(f"/api/documents/{ids['scan']}/pages/1/image")
    assert img.status_code == 200 and img.headers["content-type"] == "image/png"


def test_search_inside_document_and_page_navigation(c, ids):
    html = c.get(f"/doc/{ids['book']}", params={"q": "chi bo dau tien"}).text
    assert "Có ở 1 trang." in html or "Có ở" in html
    assert "Trang 3/3" in html  # opens at the first page with a hit
    assert "‹ Trang trước" in html and "Trang sau ›" not in html
    html2 = c.get(f"/doc/{ids['book']}", params={"p": "2"}).text
    assert "Trang 2/3" in html2 and "‹ Trang trước" in html2 and "Trang sau ›" in html2
    assert "Trang 1/3" in c.get(f"/doc/{ids['book']}", params={"p": "abc"}).text


def test_book_table_of_contents(c, ids):
    html = c.get(f"/doc/{ids['book']}").text
    assert ">Mục lục</h2>" in html
    assert "Chương II. Chi bộ đầu tiên" in html and "(1946–1954)" in html and "tr. 31" in html
    assert f'href="/doc/{ids["book"]}?p=3#trang"' in html


def test_internal_document_is_hidden_from_anonymous_and_shown_to_editor(c, ids):
    r = c.get(f"/doc/{ids['internal']}")
    assert r.status_code == 404 and "Không tìm thấy" in r.text
    login(c, *EDITOR)
    r = c.get(f"/doc/{ids['internal']}")
    assert r.status_code == 200 and "Báo cáo kiểm điểm chi bộ" in r.text
    assert "Toàn bộ kho: 6 tài liệu" in c.get("/").text


def test_unknown_document_is_a_404_page(c):
    r = c.get("/doc/0123456789abcdef")
    assert r.status_code == 404 and "<h1>Không tìm thấy</h1>" in r.text


# --- citations and browse -------------------------------------------------------------------

def test_missing_documents_page(c, ids):
    html = c.get("/missing").text
    assert "999-KH/TU" in html and f'href="/doc/{ids["qu"]}"' in html
    assert "20-CT/TW" not in text_of(html.split("<tbody>", 1)[1])  # resolved, so not missing


def test_browse_issuer_tree(c, ids):
    html = c.get("/browse/issuers").text
    t = text_of(html)
    assert t.index("Trung ương") < t.index("Tỉnh/Thành ủy") < t.index("Huyện/Quận ủy")
    # Quận ủy Long Biên hangs under Thành ủy Hà Nội; Đảng ủy xã An Lư under Huyện ủy Thủy Nguyên
    hn = html.index(">Thành ủy Hà Nội</a>")
    assert hn < html.index(">Quận ủy Long Biên</a>")
    tn = html.index(">Huyện ủy Thủy Nguyên</a>")
    assert tn < html.index(">Đảng ủy xã An Lư</a>")
    assert "Kiểm điểm" not in html
    assert 'href="/?issuer=Th%C3%A0nh+%E1%BB%A7y+H%C3%A0+N%E1%BB%99i"' in html


def test_browse_years_timeline(c, ids):
    html = c.get("/browse/years").text
    assert "Thập niên 2010" in html and "Thập niên 2020" in html
    assert 'href="/?year=2018&amp;sort=date_asc"' in html
    assert "Chỉ thị số 20-CT/TW ngày 18/01/2018 của Ban Bí thư" in html


# --- auth, editor ---------------------------------------------------------------------------

def test_login_wrong_password_and_csrf(c):
    token = csrf_from(c.get("/login").text)
    r = c.post("/login", data={"name": EDITOR[0], "password": "sai", "csrf_token": token})
    assert r.status_code == 401 and "không đúng" in r.text
    r = c.post("/login", data={"name": EDITOR[0], "password": EDITOR[1], "csrf_token": "gia-mao"})
    assert r.status_code == 403


def test_login_redirect_is_local_only(c):
    token = csrf_from(c.get("/login").text)
    r = c.post("/login", data={"name": EDITOR[0], "password": EDITOR[1], "csrf_token": token,
                               "next": "//evil.example/"})
    assert r.status_code == 303 and r.headers["location"] == "/"


def test_editor_pages_need_login(c, ids):
    for url in ("/upload", "/review", f"/doc/{ids['qu']}/edit"):
        r = c.get(url)
        assert r.status_code == 303 and r.headers["location"].startswith("/login?next=")


def test_review_lists_low_confidence_pages(c, ids):
    login(c, *EDITOR)
    html = c.get("/review").text
    assert f'href="/doc/{ids["scan"]}?p=1#trang"' in html and "(61%)" in html


def test_correction_form_without_csrf_is_refused(c, ids):
    login(c, *EDITOR)
    r = c.post(f"/doc/{ids['tu']}/edit", data={"subject": "x"})
    assert r.status_code == 403


def test_correction_invalid_date_keeps_form(c, ids):
    login(c, *EDITOR)
    form = c.get(f"/doc/{ids['tu']}/edit").text
    token = csrf_from(form)
    r = c.post(f"/doc/{ids['tu']}/edit", data={"csrf_token": token, "date": "2020-13-45"})
    assert r.status_code == 400 and "Ngày “2020-13-45” không có thật" in r.text
    assert 'value="2020-13-45"' in r.text  # what the user typed is kept


def test_logout(c):
    login(c, *EDITOR)
    home = c.get("/").text
    assert "Đăng xuất" in home
    r = c.post("/logout", data={"csrf_token": csrf_from(home.split('action="/logout"', 1)[1])})
    assert r.status_code == 303
    assert "Đăng nhập</a>" in c.get("/").text


def test_static_files(c):
    r = c.get("/static/ui/style.css")
    assert r.status_code == 200 and "text/css" in r.headers["content-type"]
    assert c.get("/static/ui/app.js").status_code == 200
    assert c.get("/static/ui/..%2Fweb.py").status_code == 404


# --- writes (each on its own copy of the archive) -------------------------------------------



@pytest.fixture
def writable(hm_root: Path, tmp_path: Path):
    import shutil

    from search_api.app import create_app
    from sulieu.settings import Settings

    root = tmp_path / "archive"
    shutil.copytree(hm_root, root)
    client = Client(create_app(Settings(archive=root)))
    yield client, root
    client.close()


def test_correction_is_marked_and_found_by_search(writable, ids):
    c, root = writable
    login(c, *EDITOR)
    token = csrf_from(c.get(f"/doc/{ids['tu']}/edit").text)
    r = c.post(f"/doc/{ids['tu']}/edit", data={
        "csrf_token": token, "subject": "Sưu tầm hiện vật bảo tàng truyền thống", "date": "04/05/2021",
        "note": "Sửa theo bản gốc"})
    assert r.status_code == 303 and r.headers["location"] == f"/doc/{ids['tu']}?saved=2"
    html = c.get(r.headers["location"]).text
    assert "Đã lưu 2 hiệu chỉnh" in html
    assert re.search(r"Trích yếu</th><td>Sưu tầm hiện vật bảo tàng truyền thống<span class=\"corrected\"", html)
    assert re.search(r"Ngày ban hành</th><td>04/05/2021<span class=\"corrected\"", html)
    found = c.get("/", params={"q": "hien vat bao tang"}).text
    assert f'/doc/{ids["tu"]}?' in found
    assert "2021" in c.get("/", params={"year": "2021"}).text
    corrections = json.loads((root / "corrections" / f"{ids['tu']}.json").read_text())
    assert {x["field"] for x in corrections} == {"subject", "date"} and corrections[0]["by"] == EDITOR[0]


def test_editor_cannot_change_access_but_admin_can(writable, ids):
    c, _ = writable
    login(c, *EDITOR)
    form = c.get(f"/doc/{ids['tu']}/edit").text
    assert 'name="access"' not in form
    r = c.post(f"/doc/{ids['tu']}/edit", data={"csrf_token": csrf_from(form), "access": "internal"})
    assert r.status_code == 403
    c2 = writable[0]
    c2.cookies.clear()
    login(c2, *ADMIN)
    form = c2.get(f"/doc/{ids['tu']}/edit").text
    r = c2.post(f"/doc/{ids['tu']}/edit", data={"csrf_token": csrf_from(form), "access": "internal"})
    assert r.status_code == 303
    c2.cookies.clear()
    assert c2.get(f"/doc/{ids['tu']}").status_code == 404  # anonymous no longer sees it


def test_issuer_tree_links_dang_bo_names_and_keeps_systems_apart():

    from services.catalog import DocSummary
    from sulieu.model import DocumentMetadata
    from ui.pages.browse import issuer_tree

    def doc(i: int, **md) -> DocSummary:
        return DocSummary(id=f"{i:016x}", access="public", deleted_at=None, metadata=DocumentMetadata(**md),
                          original_name="x.txt", mime="text/plain", size=1, pages=1)

    docs = [
        doc(1, issuer="Tỉnh ủy Hưng Yên", level="province", province="Hưng Yên", system="party"),
        doc(2, issuer="Ủy ban nhân dân tỉnh Hưng Yên", level="province", province="Hưng Yên", system="state"),
        doc(3, issuer="Ủy ban nhân dân tỉnh Hưng Yên", level="province", province="Hưng Yên", system="state"),
        doc(4, issuer="Huyện ủy Khoái Châu", level="district", province="Hưng Yên", system="party",
            issuer_parent="Đảng bộ tỉnh Hưng Yên"),
        doc(5, issuer="Đảng ủy xã Bình Minh", level="commune", province="Hưng Yên", system="party",
            issuer_parent="Đảng bộ huyện Khoái Châu"),
        doc(6, issuer="Huyện ủy Văn Lâm", level="district", province="Hưng Yên", system="party"),
        doc(7, issuer=None),
    ]
    groups, no_issuer = issuer_tree(docs)
    assert no_issuer == 1
    assert [g.name for g in groups] == ["Tỉnh/Thành ủy"]
    by_name = {n.name: n for n in groups[0].children}
    tinh = by_name["Tỉnh ủy Hưng Yên"]
    # the province's people's committee sits under its Party committee (issue 14), listed after the Party bodies
    assert [c.name for c in tinh.children] == ["Huyện ủy Khoái Châu", "Huyện ủy Văn Lâm", "Ủy ban nhân dân tỉnh Hưng Yên"]
    khoai_chau = next(c for c in tinh.children if c.name == "Huyện ủy Khoái Châu")
    assert [c.name for c in khoai_chau.children] == ["Đảng ủy xã Bình Minh"]
    ubnd = next(c for c in tinh.children if c.name == "Ủy ban nhân dân tỉnh Hưng Yên")
    assert tinh.total == 6 and ubnd.children == [] and ubnd.total == 2  # every document under Tỉnh ủy Hưng Yên
    assert ubnd.level_label == "Cấp tỉnh"


UPLOAD_TXT = """QUẬN ỦY LONG BIÊN
*
Số 201-TB/QU
ĐẢNG CỘNG SẢN VIỆT NAM
Long Biên, ngày 02 tháng 12 năm 2023

THÔNG BÁO

về lịch tiếp công dân của Thường trực Quận ủy tại trụ sở mới bên sông Đuống

Thường trực Quận ủy tiếp công dân vào sáng thứ năm hằng tuần.
"""


def _wait_job(c: Client, url: str) -> str:
    import time

    deadline = time.monotonic() + 120
    while True:
        html = c.get(url).text
        if 'http-equiv="refresh"' not in html or time.monotonic() > deadline:
            return html
        time.sleep(0.3)


def test_upload_without_javascript_shows_per_file_results(writable):
    c, root = writable
    login(c, *EDITOR)
    token = csrf_from(c.get("/upload").text)
    files = [("files", ("thong-bao-201.txt", UPLOAD_TXT.encode("utf-8"), "text/plain")),
             ("files", ("hong.pdf", b"%PDF-1.4 not really a pdf", "application/pdf"))]
    r = c.post("/upload", data={"csrf_token": token, "access": "public"}, files=files)
    if r.status_code != 303:  # an upload is all or nothing: a refused file refuses the batch
        assert r.status_code in (400, 415, 422) and "hong.pdf" in r.text
        files = files[:1]
        r = c.post("/upload", data={"csrf_token": token, "access": "public"}, files=files)
    assert r.status_code == 303 and r.headers["location"].startswith("/upload/jobs/")
    html = _wait_job(c, r.headers["location"])
    assert 'data-status="ingested"' in html and "thong-bao-201.txt" in html
    doc_id = re.search(r'href="/doc/([0-9a-f]+)"', html).group(1)
    found = c.get("/", params={"q": "song duong tiep cong dan"}).text
    assert f"/doc/{doc_id}?" in found
    # the same file again is reported as already in the archive
    token = csrf_from(c.get("/upload").text)
    r = c.post("/upload", data={"csrf_token": token}, files=files[:1])
    assert 'data-status="duplicate"' in _wait_job(c, r.headers["location"])


def test_upload_json_for_the_progress_script(writable):
    c, _ = writable
    login(c, *EDITOR)
    token = csrf_from(c.get("/upload").text)
    r = c.post("/upload", data={"csrf_token": token}, headers={"Accept": "application/json"},
               files=[("files", ("tb.txt", UPLOAD_TXT.encode("utf-8"), "text/plain"))])
    assert r.status_code == 202  # at once: the request never waits for the ingest
    body = r.json()
    assert body["poll"] == r.headers["location"] and body["results"][0]["name"] == "tb.txt"
    for _ in range(600):
        body = c.get(body["poll"]).json()
        if body["finished"]:
            break
        time.sleep(0.1)
    assert body["status"] == "done" and body["results"][0]["status"] == "ingested"
    assert body["results"][0]["href"].startswith("/doc/") and body["results"][0]["label"] == "Đã nhập"


def test_upload_refused_without_csrf_or_role(writable):
    c, _ = writable
    r = c.post("/upload", headers={"Accept": "application/json"},
               files=[("files", ("tb.txt", b"x", "text/plain"))])
    assert r.status_code == 403
    login(c, *EDITOR)
    r = c.post("/upload", data={"csrf_token": "sai"}, files=[("files", ("tb.txt", UPLOAD_TXT.encode(), "text/plain"))])
    assert r.status_code == 403 and "CSRF" in r.text


def test_symbol_is_shown_normalised_with_the_printed_form_beside_it():
    from ui.web import env

    macros = env.get_template("_macros.html").module
    html = str(macros.meta_line({"symbol": "Số 193 -KH/QU"}))
    assert "<strong>Số 193-KH/QU</strong>" in html and "(bản in: Số 193 -KH/QU)" in html
    clean = str(macros.meta_line({"symbol": "20-CT/TW"}))
    assert "<strong>Số 20-CT/TW</strong>" in clean and "bản in" not in clean
