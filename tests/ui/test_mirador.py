"""Mirador, a real IIIF viewer, reads our manifest, shows the page, and its search panel draws the hit.

Mirador (npm ``mirador``, pinned in ``tests.support.downloads``) is served by a plain HTTP server on
another port than ours, as a viewer elsewhere on the web would be (so CORS is exercised too). The
search is typed into Mirador's own search panel; Mirador calls our Content Search 1.0 service from the
manifest, moves to the canvas of the hit and paints the hit box. The test checks both what Mirador
holds (the annotation's ``#xywh=`` against the stored word box) and what it drew: the search colour is
set to pure magenta, and the magenta pixels on the screen must cover the word's box, mapped from the
canvas to the screen through Mirador's viewport, and lie on the page image (found by its paper tint).
"""

from __future__ import annotations

import functools
import http.server
import io
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tests.support import archive_builder
from tests.support.downloads import MIRADOR_VERSION, mirador_bundle
from tests.support.iiif_archive import build_book, word_boxes
from tests.ui.live_server import live_server

pytestmark = [pytest.mark.integration, pytest.mark.slow]

PAGE_HTML = """<!doctype html><html><head><meta charset="utf-8"><title>Mirador</title>
<style>html,body{margin:0;height:100%}#m{position:absolute;inset:0}</style></head><body><div id="m"></div>
<script src="mirador.min.js"></script><script>
const hit = {fillStyle: '#ff00ff', globalAlpha: 1};
const viewer = Mirador.viewer({
  id: 'm', windows: [{manifestId: MANIFEST, canvasIndex: 0}],
  window: {allowClose: false, allowMaximize: false, sideBarOpen: false},
  workspaceControlPanel: {enabled: false},
  theme: {palette: {search: {default: hit, hovered: hit, selected: hit}}},
});
window.miradorStore = viewer.store;
</script></body></html>"""


@pytest.fixture(scope="module")
def mirador_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """A folder served on its own port, holding Mirador's bundle."""
    folder = tmp_path_factory.mktemp("mirador-site")
    shutil.copyfile(mirador_bundle(), folder / "mirador.min.js")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield folder, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("mirador-archive") / "archive"
    archive_builder.build(root)
    book = build_book(root)
    archive_builder.index(root)
    return root, book


def _state(page, expr: str):
    return page.evaluate(f"() => {{ const s = window.miradorStore.getState(); return {expr}; }}")


def _wait(page, expr: str, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = _state(page, expr)
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"Mirador never reached: {expr}")


def _screenshot(page, selector: str) -> tuple[Image.Image, dict]:
    el = page.locator(selector).first
    box = el.bounding_box()
    return Image.open(io.BytesIO(el.screenshot())).convert("RGB"), box


def _bbox(img: Image.Image, test) -> tuple[int, int, int, int] | None:
    mask = Image.new("L", img.size)
    mask.putdata([255 if test(p) else 0 for p in img.getdata()])
    return mask.getbbox()


def _paper(p) -> bool:
    return p[0] > 235 and 220 < p[1] < 255 and 185 < p[2] < 235 and p[0] - p[2] > 20


def _magenta(p) -> bool:
    return p[0] > 200 and p[1] < 70 and p[2] > 200


def _on_screen(page, window_id: str, selector: str, box: tuple[float, ...]) -> tuple[float, ...]:
    """Canvas coordinates to pixels of the viewer element, through Mirador's viewport (its centre in
    canvas units and OpenSeadragon's zoom, i.e. element widths per canvas unit)."""
    vp = _state(page, f"s.viewers[{window_id!r}]")
    el = page.locator(selector).first.bounding_box()
    scale = el["width"] * vp["zoom"]
    x0, y0, x1, y1 = box
    return ((x0 - vp["x"]) * scale + el["width"] / 2, (y0 - vp["y"]) * scale + el["height"] / 2,
            (x1 - vp["x"]) * scale + el["width"] / 2, (y1 - vp["y"]) * scale + el["height"] / 2)


def _settled(page, selector: str, test, timeout: float = 30.0) -> tuple[Image.Image, tuple[int, int, int, int]]:
    """The viewer's picture once what ``test`` finds has stopped moving (OpenSeadragon animates)."""
    deadline, last = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        img, _ = _screenshot(page, selector)
        found = _bbox(img, test)
        if found and found == last:
            return img, found
        last = found
        time.sleep(0.5)
    raise AssertionError(f"nothing settled on the screen ({last})")


def test_mirador_shows_the_page_and_draws_the_search_hit(browser, mirador_site, archive) -> None:
    folder, site = mirador_site
    root, book = archive
    with live_server(root) as base:
        manifest = f"{base}/iiif/{book}/manifest"
        (folder / "index.html").write_text(PAGE_HTML.replace("MANIFEST", repr(manifest)), encoding="utf-8")
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{site}/index.html")
        window_id = _wait(page, "Object.keys(s.windows)[0]")
        assert _wait(page, f"s.manifests[{manifest!r}] && s.manifests[{manifest!r}].json && "
                           f"s.manifests[{manifest!r}].json.label.vi[0]") == "Lịch sử Đảng bộ xã ven biển"
        viewer = ".openseadragon-canvas"
        page.wait_for_selector(viewer, timeout=30_000)
        _, paper = _settled(page, viewer, _paper)  # the page image is on the screen
        assert (paper[2] - paper[0]) > 200 and (paper[3] - paper[1]) > 300, paper

        page.get_by_label("Toggle sidebar").first.click()
        page.get_by_role("tab", name="Search").first.click()
        search_box = page.get_by_label("search terms").first
        search_box.fill("bão")
        search_box.press("Enter")
        resources = _wait(page, f"Object.values(s.searches[{window_id!r}] || {{}}).flatMap(w => "
                                "Object.values(w.data || {})).flatMap(d => (d.json && d.json.resources) || [])")
        canvas3 = f"{base}/iiif/{book}/canvas/3"
        boxes = word_boxes(root, book, 3)
        word = boxes[7]
        assert word.text == "bão"
        want = (round(word.x0), round(word.y0), round(word.x1) - round(word.x0), round(word.y1) - round(word.y0))
        assert [r["on"] for r in resources] == [f"{canvas3}#xywh={','.join(map(str, want))}"]
        page.get_by_text("bão", exact=True).first.wait_for(timeout=10_000)  # the hit listed in the panel
        assert _wait(page, f"s.windows[{window_id!r}].canvasId") == canvas3  # Mirador moved to the hit's page

        img, _ = _settled(page, viewer, _magenta)
        drawn = _bbox(img, _magenta)
        assert drawn, "Mirador drew no search hit"
        expected = _on_screen(page, window_id, viewer, (word.x0, word.y0, word.x1, word.y1))
        assert all(abs(d - e) <= 3 for d, e in zip(drawn, expected, strict=True)), (drawn, expected)
        paper = _bbox(img, _paper)  # and the word sits on the page image shown
        assert paper and paper[0] <= drawn[0] and drawn[2] <= paper[2] and paper[1] <= drawn[1], (paper, drawn)
        (Path(__file__).resolve().parents[1] / "artifacts" / "screens").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(__file__).resolve().parents[1] / "artifacts" / "screens" /
                                 f"mirador-{MIRADOR_VERSION}-search.png"))
        assert not errors, errors
        page.close()
