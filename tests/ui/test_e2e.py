"""End-to-end: real headless Chromium (Debian's chromium through Playwright) against a real uvicorn
server on an archive built by the real ingest pipeline (seeds, a directive, an OCR'd scan).

The story of the issue, in order: search without diacritics, narrow by a facet, open a document,
see the hit marked on the page image, follow a citation to the cited document and back, log in as
editor, upload a scan and find it, correct a field and see it in search. Screenshots of every main
page at 1366x768 and 390x844 go to tests/artifacts/screens/.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.ui.conftest import EDITOR
from tests.ui.live_server import CHROMIUM, live_server
from tests.ui.sample import UPLOAD_KH, write_scan

SCREENS = Path(__file__).resolve().parents[1] / "artifacts" / "screens"
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}

pytestmark = [
    pytest.mark.integration,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="cần Chromium của Debian tại /usr/bin/chromium (apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def server(built_archive: Path, tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("e2e") / "archive"
    shutil.copytree(built_archive, root)
    with live_server(root) as base:
        yield base


def shot(page, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=False)


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_story(server: str, browser, tmp_path: Path) -> None:
    ctx = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    page = ctx.new_page()
    page.set_default_timeout(30_000)

    # 1. Search without diacritics finds the accented seeds.
    page.goto(server + "/")
    shot(page, "01-home-1366")
    page.fill("#q", "lich su dang bo")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"\?q=lich\+su\+dang\+bo"))
    heading = page.inner_text("#results-heading")
    total = int(re.search(r"(\d+) kết quả", heading).group(1))
    assert total >= 3, heading
    assert page.locator(".result mark").count() > 0
    shot(page, "02-results-1366")

    # 2. Narrow by a facet: the count shown next to the value is the new total.
    link = page.locator(".facet a").filter(has_text="Kế hoạch").first
    want = int(link.locator(".count").inner_text())
    assert 0 < want < total
    link.click()
    page.wait_for_url(re.compile(r"doc_type="))
    assert re.search(rf"\b{want} kết quả", page.inner_text("#results-heading"))
    assert page.locator(".chip").count() == 1
    shot(page, "03-facet-1366")

    # 3. Open the scanned notice found by words typed without diacritics.
    page.goto(server + "/?q=phong+chong+thien+tai")
    first = page.locator(".result h2 a").first
    assert "45-TB/HU" in page.locator(".result").first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/doc/[0-9a-f]+\?q="))

    # 4. The hit is marked on the page image, from OCR word boxes.
    img = page.locator("[data-page-image] img")
    img.wait_for()
    page.wait_for_function("document.querySelector('[data-page-image] img').naturalWidth > 0")
    boxes = page.locator("[data-page-image] .hitbox")
    assert boxes.count() >= 2
    box = boxes.first.bounding_box()
    frame = page.locator("[data-page-image]").bounding_box()
    assert box and frame and box["width"] > 5 and frame["x"] <= box["x"] <= frame["x"] + frame["width"]
    assert page.locator(".page-text mark").count() >= 2
    shot(page, "04-document-scan-1366")

    # 5. Follow a citation to the cited document, and back through "Văn bản dẫn chiếu đến".
    page.goto(server + "/?q=so%3A193-KH%2FQU")
    page.locator(".result h2 a").first.click()
    page.wait_for_url(re.compile(r"/doc/"))
    source_url = page.url.split("#")[0].split("?")[0]
    cites = page.locator("section[aria-labelledby=cites-heading] li")
    assert cites.filter(has_text="chưa có trong kho").count() >= 1  # cited but missing, marked
    target = page.locator("section[aria-labelledby=cites-heading] a").filter(has_text="20-CT/TW").first
    shot(page, "05-document-citations-1366")
    target.click()
    page.wait_for_url(re.compile(r"/doc/[0-9a-f]+\?tu=[^#]*$"))  # the search context travels along
    assert "20-CT/TW" in page.inner_text("article header")
    assert "so:193-KH/QU" in unquote(page.locator("a.back-to-results").get_attribute("href") or "")
    source_path = source_url.removeprefix(server)
    back = page.locator(f"section[aria-labelledby=citedby-heading] a[href^='{source_path}?']")
    assert back.count() == 1
    shot(page, "05b-cited-document-1366")
    back.click()
    page.wait_for_url(re.compile(re.escape(source_url) + r"\?tu="))
    assert "193" in page.inner_text("article header")

    # Copy the citation (clipboard permission granted to this origin).
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page.click("[data-copy-target]")
    page.wait_for_function("document.querySelector('[data-copy-status]').textContent.length > 0")
    assert page.evaluate("navigator.clipboard.readText()") == page.inner_text("#citation-text")

    # 6. Log in as editor.
    page.click("text=Đăng nhập")
    page.fill("#name", EDITOR[0])
    page.fill("#password", EDITOR[1])
    shot(page, "06-login-1366")
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(source_url)
    assert EDITOR[0] in page.inner_text(".user-box")

    # 7. Upload a scan: per-file progress and result, then find it by search.
    scan = write_scan(tmp_path / "ke-hoach-77-KH-DU.png", UPLOAD_KH,
                      signature=["T/M ĐẢNG ỦY", "BÍ THƯ", "Trần Văn Mẫu"])
    page.click("text=Tải lên")
    page.wait_for_url(server + "/upload")
    page.set_input_files("#files", str(scan))
    page.click("form[data-upload] button[type=submit]")
    item = page.locator("#upload-results li").first
    item.wait_for()
    page.wait_for_selector("#upload-results li[data-done]", timeout=180_000)
    assert item.get_attribute("data-done") == "ingested", item.inner_text()
    shot(page, "07-upload-1366")
    page.goto(server + "/?q=nha+van+hoa+thon")
    result = page.locator(".result").first
    assert "77-KH" in result.inner_text(), result.inner_text()
    result.locator("h2 a").click()
    page.wait_for_url(re.compile(r"/doc/"))
    doc_url = page.url.split("?")[0]

    # 8. Correct a field and see it in search.
    page.goto(doc_url + "/edit")
    shot(page, "08-edit-1366")
    page.fill("#f-subject", "Xây dựng nhà văn hóa thôn kiểu mẫu, kiểm chứng giao diện")
    page.fill("#f-note", "Kiểm thử đầu cuối")
    page.click("form[action$='/edit'] button[type=submit]")
    page.wait_for_url(re.compile(r"saved=1"))
    row = page.locator("table.meta tr").filter(has_text="Trích yếu")
    assert "kiểm chứng giao diện" in row.inner_text() and "đã hiệu chỉnh" in row.inner_text()
    page.goto(server + "/?q=kiem+chung+giao+dien")
    assert "kiểm chứng giao diện" in page.locator(".result").first.inner_text()

    # Remaining main pages at desktop size.
    for name, url in (("09-issuers", "/browse/issuers"), ("10-years", "/browse/years"),
                      ("11-missing", "/missing"), ("12-review", "/review")):
        page.goto(server + url)
        assert page.locator("h1").count() == 1
        shot(page, f"{name}-1366")
        assert no_horizontal_scroll(page), url
    ctx.close()


def test_phone_layout(server: str, browser) -> None:
    ctx = browser.new_context(viewport=PHONE, locale="vi-VN", is_mobile=True, has_touch=True)
    page = ctx.new_page()
    page.goto(server + "/?q=lich+su+dang+bo")
    doc = page.locator(".result h2 a").first.get_attribute("href")
    for name, url in (("01-home", "/"), ("02-results", "/?q=lich+su+dang+bo"), ("04-document", doc),
                      ("09-issuers", "/browse/issuers"), ("10-years", "/browse/years"),
                      ("11-missing", "/missing"), ("06-login", "/login")):
        page.goto(server + url)
        shot(page, f"{name}-390")
        assert no_horizontal_scroll(page), f"{url} scrolls sideways at 390 px"
    page.goto(server + "/login")
    page.fill("#name", EDITOR[0])
    page.fill("#password", EDITOR[1])
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_url(server + "/")
    for name, url in (("07-upload", "/upload"), ("08-edit", doc.split("?")[0] + "/edit"), ("12-review", "/review")):
        page.goto(server + url)
        shot(page, f"{name}-390")
        assert no_horizontal_scroll(page), f"{url} scrolls sideways at 390 px"
    ctx.close()


def test_search_and_reading_work_without_javascript(server: str, browser) -> None:
    ctx = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = ctx.new_page()
    page.goto(server + "/")
    page.fill("#q", "phong chong thien tai")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_url(re.compile(r"\?q="))
    page.locator(".result h2 a").first.click()
    page.wait_for_url(re.compile(r"/doc/"))
    assert page.locator("[data-page-image] .hitbox").count() >= 2  # drawn by CSS, no script
    assert page.locator("[data-copy-target]").is_hidden()  # the copy button needs JS; the text is there
    assert page.inner_text("#citation-text")
    page.fill("#q-inside", "de bien")
    page.click("form[aria-label='Tìm trong tài liệu này'] button")
    page.wait_for_url(re.compile(r"q=de\+bien"))
    assert "Có ở 1 trang" in page.inner_text("section[aria-labelledby=inside-heading]")
    ctx.close()


def test_keyboard_skip_link_and_focus(server: str, browser) -> None:
    ctx = browser.new_context(viewport=DESKTOP)
    page = ctx.new_page()
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    # Every image has alt text, every form control a label.
    page.goto(server + "/?q=phong+chong+thien+tai")
    page.locator(".result h2 a").first.click()
    page.wait_for_url(re.compile(r"/doc/"))
    assert page.evaluate("[...document.images].every(i => i.alt && i.alt.length > 10)")
    unlabelled = page.evaluate("""[...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.name)""")
    assert unlabelled == []
    ctx.close()
