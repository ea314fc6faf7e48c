"""End-to-end in real headless Chromium: a compiler builds a collection from search results, annotates,
orders and exports it, saves a search that then reports a document ingested later, and a colleague
opens the shared collection and sees the restricted item only as "không có quyền xem"."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.ui.conftest import READER
from tests.ui.live_server import CHROMIUM, live_server
from tests.ui.sample import write_text

pytestmark = [
    pytest.mark.integration,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="cần Chromium của Debian tại /usr/bin/chromium (apt-get install chromium)"),
]

COMPILER = ("bienso", "mat-khau-bien-soan-2024")
SECRET_MARK = "matkhongduocthayxyz"
SECRET_NQ = f"""ĐẢNG BỘ TP HẢI PHÒNG
QUẬN ỦY KIẾN AN
*
Số 07-NQ/QU

ĐẢNG CỘNG SẢN VIỆT NAM
Kiến An, ngày 10 tháng 3 năm 2021

NGHỊ QUYẾT

về công tác nhân sự đại hội {SECRET_MARK}

Ban Thường vụ Quận ủy thống nhất phương án nhân sự, tài liệu mật, không phổ biến.
"""
LATER_KH = """ĐẢNG BỘ TP HẢI PHÒNG
QUẬN ỦY KIẾN AN
*
Số 88-KH/QU

ĐẢNG CỘNG SẢN VIỆT NAM
Kiến An, ngày 02 tháng 4 năm 2024

KẾ HOẠCH

sưu tầm tư liệu lịch sử Đảng bộ quận

Các chi bộ sưu tầm tư liệu, hiện vật phục vụ biên soạn lịch sử Đảng bộ.
"""


def _cli(root: Path, *args: str, stdin: str | None = None) -> None:
    done = subprocess.run([sys.executable, "-m", "sulieu_cli", "--archive", str(root), *args], input=stdin, text=True,
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def archive(built_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("workspace-e2e")
    root = base / "archive"
    shutil.copytree(built_archive, root)
    _cli(root, "ingest", str(write_text(base / "src" / "nq-07-mat.txt", SECRET_NQ)), "--access", "restricted",
         "--no-progress")
    _cli(root, "user", "add", COMPILER[0], "--role", "editor", "--clearance", "restricted", "--password-stdin",
         stdin=COMPILER[1] + "\n")
    return root


def _login(browser, base: str, who: tuple[str, str]):
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    page.goto(base + "/login")
    page.fill("#name", who[0])
    page.fill("#password", who[1])
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(re.compile(r"/$|/\?"))
    assert who[0] in page.inner_text(".user-box")
    return ctx, page


def _add_first_hit(page, base: str, query: str, collection: str, note: str, new: bool) -> str:
    page.goto(base + "/?q=" + query)
    first = page.locator(".result").first
    title = first.locator("h2 a").inner_text()
    first.locator("a.add-to-collection").click()
    page.wait_for_url(re.compile(r"/collections/add\?doc_id="))
    if new:
        page.select_option("#a-col", "new")
        page.fill("#a-new", collection)
    else:
        page.select_option("#a-col", page.locator("#a-col option", has_text=collection).get_attribute("value"))
    page.fill("#a-note", note)
    page.click("form[action='/collections/add'] button[type=submit]")
    page.wait_for_url(re.compile(r"/collections/[0-9a-f]{16}\?msg=added"))
    return title


def test_collection_saved_search_and_shared_view(archive: Path, browser) -> None:
    with live_server(archive) as base:
        ctx, page = _login(browser, base, COMPILER)
        # build a collection from search results: a public plan, then the restricted resolution
        _add_first_hit(page, base, "lich+su+dang+bo", "Tư liệu biên soạn Kiến An", "Dùng cho chương II", new=True)
        cid = re.search(r"/collections/([0-9a-f]{16})", page.url).group(1)
        _add_first_hit(page, base, SECRET_MARK, "Tư liệu biên soạn Kiến An", "Nhân sự đại hội, chỉ tham khảo",
                       new=False)
        items = page.locator(".collection-item")
        assert items.count() == 2
        assert "07-NQ/QU" in items.nth(1).inner_text()
        assert page.locator("#note-" + items.nth(0).get_attribute("data-item")).input_value() == "Dùng cho chương II"
        # reorder: the resolution first
        items.nth(1).locator("button", has_text="Lên").click()
        page.wait_for_url(re.compile(r"msg=saved"))
        assert "07-NQ/QU" in page.locator(".collection-item").nth(0).inner_text()
        # the bibliography follows that order, numbered, with the notes
        bib = page.request.get(f"{base}/api/collections/{cid}/export?format=citations").text()
        lines = bib.splitlines()
        assert lines[0] == "DANH MỤC TÀI LIỆU: Tư liệu biên soạn Kiến An"
        assert lines[2].startswith("1. Nghị quyết số 07-NQ/QU ngày 10/03/2021") and "Nhân sự đại hội" in lines[3]
        assert lines[4].startswith("2. ") and "Dùng cho chương II" in lines[5]
        # share it with a reader, who has no clearance for restricted documents
        page.check("input[name=visibility][value=shared]")
        page.fill("#s-share", READER[0])
        page.click("form[action$='/settings'] button[type=submit]")
        page.wait_for_url(re.compile(r"msg=saved"))

        # a saved search, then a document arrives that matches it
        page.goto(base + "/?q=suu+tam+tu+lieu")
        page.fill("#save-name", "Sưu tầm tư liệu")
        page.click("form.save-search button[type=submit]")
        page.wait_for_url(re.compile(r"/saved\?msg=search_saved"))
        row = page.locator("tr", has_text="Sưu tầm tư liệu")
        assert row.locator(".new-count").inner_text() == "0"
        _cli(archive, "ingest", str(write_text(archive.parent / "later" / "kh-88.txt", LATER_KH)), "--no-progress")
        # the server's index reader sees another process's commit within about a second (Tantivy watches
        # its meta file): reload until it does, at most 10 s
        deadline = time.monotonic() + 10
        while True:
            page.goto(base + "/saved")
            count = page.locator("tr", has_text="Sưu tầm tư liệu").locator(".new-count").inner_text()
            if count != "0" or time.monotonic() > deadline:
                break
            time.sleep(0.3)
        assert count == "1 mới"
        page.locator("tr", has_text="Sưu tầm tư liệu").locator("a", has_text="Sưu tầm tư liệu").click()
        page.wait_for_url(re.compile(r"/\?q=suu\+tam\+tu\+lieu"))
        assert "88-KH/QU" in page.inner_text(".result-list")
        page.goto(base + "/saved")
        assert page.locator("tr", has_text="Sưu tầm tư liệu").locator(".new-count").inner_text() == "0"
        ctx.close()

        # the colleague: the shared collection, the restricted item without title, symbol or note
        ctx, page = _login(browser, base, READER)
        page.goto(base + "/collections")
        page.locator("a", has_text="Tư liệu biên soạn Kiến An").click()
        page.wait_for_url(re.compile(rf"/collections/{cid}$"))
        items = page.locator(".collection-item")
        assert items.count() == 2
        assert items.nth(0).inner_text().strip() == "không có quyền xem"
        assert "Dùng cho chương II" in items.nth(1).inner_text()
        html = page.content()
        for leak in ("07-NQ/QU", SECRET_MARK, "Nhân sự đại hội"):
            assert leak not in html, leak
        assert page.locator("form[action$='/settings']").count() == 0  # read-only
        page.screenshot(path=str(Path(__file__).resolve().parents[1] / "artifacts" / "screens" / "20-collection-shared-1366.png"))
        ctx.close()
