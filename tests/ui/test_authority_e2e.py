"""End-to-end in real headless Chromium: an editor gives a district committee an old name and a search by
that name finds its documents; the successor option on a merged province (Hải Phòng took in Hải Dương in
July 2025) brings in the absorbed province's documents; a scan of a directive held born-digital too is
shown as its copy, one hit in search, until the editor says the two differ."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ui.live_server import CHROMIUM, live_server
from tests.ui.sample import write_scan, write_text

pytestmark = [
    pytest.mark.integration,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="cần Chromium của Debian tại /usr/bin/chromium (apt-get install chromium)"),
]

EDITOR = ("hosocq", "mat-khau-ho-so-2025")
KIEN_AN = """ĐẢNG BỘ TP HẢI PHÒNG
QUẬN ỦY KIẾN AN
*
Số 31-KH/QU

ĐẢNG CỘNG SẢN VIỆT NAM
Kiến An, ngày 12 tháng 4 năm 2021

KẾ HOẠCH

biên soạn lịch sử truyền thống các phường kiếnanxyz

Các chi bộ, đảng bộ phường sưu tầm tư liệu, nhân chứng phục vụ biên soạn lịch sử truyền thống.
"""
GIA_LOC = """ĐẢNG BỘ TỈNH HẢI DƯƠNG
HUYỆN ỦY GIA LỘC
*
Số 15-KH/HU

ĐẢNG CỘNG SẢN VIỆT NAM
Gia Lộc, ngày 20 tháng 5 năm 2019

KẾ HOẠCH

tổ chức hội thảo khoa học về lịch sử Đảng bộ huyện gialocxyz

Ban Tuyên giáo Huyện ủy chủ trì, phối hợp các xã chuẩn bị tham luận và tư liệu trưng bày.
"""
HUNG_YEN = """ĐẢNG BỘ TỈNH HƯNG YÊN
HUYỆN ỦY KHOÁI CHÂU
*
Số 22-KH/HU

ĐẢNG CỘNG SẢN VIỆT NAM
Khoái Châu, ngày 03 tháng 6 năm 2020

KẾ HOẠCH

sưu tầm hiện vật lịch sử Đảng bộ huyện khoaichauxyz

Các đảng ủy xã rà soát, sưu tầm hiện vật và tư liệu gốc, lập danh mục gửi Ban Tuyên giáo Huyện ủy.
"""


def _cli(root: Path, *args: str, stdin: str | None = None) -> None:
    done = subprocess.run([sys.executable, "-m", "sulieu_cli", "--archive", str(root), *args], input=stdin, text=True,
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("authority-e2e")
    src = base / "src"
    write_text(src / "ka-31.txt", KIEN_AN)
    write_text(src / "gl-15.txt", GIA_LOC)
    write_text(src / "kc-22.txt", HUNG_YEN)
    write_scan(src / "ka-31-ban-quet.png", KIEN_AN, signature=["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Trần Văn Quét"])
    root = base / "archive"
    _cli(root, "ingest", str(src), "--no-progress", "--jobs", "1")
    _cli(root, "user", "add", EDITOR[0], "--role", "editor", "--password-stdin", stdin=EDITOR[1] + "\n")
    return root


def _login(browser, base: str):
    ctx = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    page = ctx.new_page()
    page.set_default_timeout(30_000)
    page.goto(base + "/login")
    page.fill("#name", EDITOR[0])
    page.fill("#password", EDITOR[1])
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(re.compile(r"/$|/\?"))
    return ctx, page


def _titles(page) -> list[str]:
    return [t.strip() for t in page.locator(".result h2 a").all_inner_texts()]


def test_old_name_successor_option_and_copies(archive: Path, browser) -> None:
    with live_server(archive) as base:
        ctx, page = _login(browser, base)
        # every issuer has a record; Quận ủy Kiến An ended with the district level, its wards took over
        page.goto(base + "/co-quan?q=kien an")
        page.locator("a", has_text="Quận ủy Kiến An").first.click()
        assert "2025" in page.inner_text(".existence")
        assert "Đảng ủy phường Kiến An" in page.inner_text(".successors")
        assert "31-KH/QU ngày 12/04/2021" in page.inner_text(".body-docs")
        # the editor records an earlier name of the body
        page.click("a:has-text('Sửa hồ sơ')")
        page.fill("#names", "Thị ủy Kiến An | 1960 | 1994\nQuận ủy Kiến An | 1994")
        page.click("form.edit-authority button[type=submit]")
        page.wait_for_url(re.compile(r"saved=1"))
        assert "Thị ủy Kiến An" in page.inner_text("ul.names")
        audit = page.request.get(base + "/api/authority/quan-uy-kien-an-hai-phong").json()
        assert audit["record"]["edited_by"] == EDITOR[0]

        # a search by the old name finds the body's documents (one hit: the scan is a copy)
        page.goto(base + "/?q=" + 'co_quan:"Thị ủy Kiến An"')
        titles = _titles(page)
        assert len(titles) == 1 and "kiếnanxyz" in page.inner_text(".result-list")

        # a merged province: Hải Phòng alone, then with its predecessor Hải Dương
        page.goto(base + "/?issuer=Thành ủy Hải Phòng")
        assert "gialocxyz" not in page.inner_text("main")
        page.click("a.lineage-link")
        page.wait_for_url(re.compile(r"lineage=1"))
        text = page.inner_text(".result-list")
        assert "gialocxyz" in text and "kiếnanxyz" in text and "khoaichauxyz" not in text
        assert "Tỉnh ủy Hải Dương" in page.inner_text(".lineage-hint")

        # the issuer tree links each body to its record; the absorbed province's page tells its merger
        page.goto(base + "/browse/issuers")
        page.click("a.record-link[aria-label='Hồ sơ Tỉnh ủy Hải Dương']")
        assert "Thành ủy Hải Phòng" in page.inner_text(".successors")
        assert "Hợp nhất" in page.inner_text("ol.timeline") and "01/07/2025" in page.inner_text("ol.timeline")
        assert "31-KH/QU" not in page.inner_text(".body-docs") and "15-KH/HU" in page.inner_text(".body-docs")

        # the document page: the body as named then, and what it is now
        page.goto(base + "/?issuer=Thành ủy Hải Phòng&lineage=1")
        page.locator(".result h2 a", has_text="hội thảo").first.click()
        assert "Huyện ủy Gia Lộc" in page.inner_text(".issuing-body")
        assert "Nay:" in page.inner_text(".issuing-body") and "Đảng ủy xã" in page.inner_text(".body-now")

        # the scan and the born-digital copy: shown on both pages; the editor says they differ, then both list
        page.goto(base + "/?q=kienanxyz")
        assert len(_titles(page)) == 1
        page.locator(".result h2 a").first.click()
        assert "Bản trùng" in page.inner_text("#ban-trung")
        page.click("#ban-trung button[value=different]")
        page.wait_for_url(re.compile(r"#ban-trung$"))
        assert "Không phải bản trùng" in page.inner_text("#ban-trung")
        page.goto(base + "/?q=kienanxyz")
        assert len(_titles(page)) == 2
        shots = Path(__file__).resolve().parents[1] / "artifacts" / "screens"
        shots.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shots / "authority.png"))
        ctx.close()
