"""IIIF over HTTP: image requests give the pixel sizes asked for, bad ones a 400 in our error shape,
manifests and collections validate against the IIIF Presentation 3 rules (our own schema of the spec's
MUST sentences, always; the IIIF community's schema too where it can be downloaded) and carry only what the
caller may see, content search boxes are the stored word boxes."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from search_api.state import app_state
from services.iiif_image import MAX_AREA
from tests.search_api.conftest import ApiEnv, Base, make_env
from tests.support import archive_builder
from tests.support.downloads import presentation3_schema
from tests.support.iiif_archive import PAGE_SIZE, build_book, word_boxes


@pytest.fixture(scope="module")
def iiif(base_archive: Base, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ApiEnv, str]]:
    """The API archive plus the scanned book, indexed."""
    src, ids, tokens = base_archive
    staged = tmp_path_factory.mktemp("iiif-src") / "archive"
    shutil.copytree(src, staged)
    book = build_book(staged)
    archive_builder.index(staged)
    e = make_env((staged, ids, tokens), tmp_path_factory.mktemp("iiif") / "archive")
    yield e, book
    app_state(e.app).jobs.shutdown()
    app_state(e.app).context.close()


def _img(r) -> Image.Image:
    assert r.status_code == 200, r.text[:300]
    return Image.open(io.BytesIO(r.content))


@pytest.mark.parametrize(("region", "size", "rotation", "want"), [
    ("full", "max", "0", PAGE_SIZE),
    ("full", "500,", "0", (500, 700)),
    ("full", ",350", "0", (250, 350)),
    ("full", "pct:10", "0", (100, 140)),
    ("full", "!300,300", "0", (214, 300)),
    ("full", "300,100", "0", (300, 100)),
    ("100,200,300,400", "max", "0", (300, 400)),
    ("pct:50,50,50,50", "max", "0", (500, 700)),
    ("square", "max", "0", (1000, 1000)),
    ("900,1300,500,500", "max", "0", (100, 100)),  # clipped at the image edge
    ("100,200,300,400", "max", "90", (400, 300)),
    ("full", "500,", "270", (700, 500)),
    ("full", "500,", "!180", (500, 700)),
    ("0,0,100,50", "^200,", "0", (200, 100)),
])
def test_image_sizes(iiif, region: str, size: str, rotation: str, want: tuple[int, int]) -> None:
    e, book = iiif
    img = _img(e.client().get(f"/iiif/3/{book}-1/{region}/{size}/{rotation}/default.jpg"))
    assert img.size == want
    assert img.format == "JPEG"


def test_formats_qualities_and_pixels(iiif) -> None:
    e, book = iiif
    c = e.client()
    png = _img(c.get(f"/iiif/3/{book}-1/full/200,/0/gray.png"))
    assert (png.format, png.mode) == ("PNG", "L")
    bitonal = _img(c.get(f"/iiif/3/{book}-1/full/200,/0/bitonal.png"))
    assert set(bitonal.convert("L").getdata()) <= {0, 255}
    assert _img(c.get(f"/iiif/3/{book}-1/full/200,/0/color.webp")).format == "WEBP"
    # the region really is the part asked for: a word's box holds dark ink, the margin none
    box = word_boxes(e.root, book, 1)[0]
    word = _img(c.get(f"/iiif/3/{book}-1/{int(box.x0)},{int(box.y0)},{int(box.x1 - box.x0)},"
                      f"{int(box.y1 - box.y0)}/max/0/gray.png"))
    margin = _img(c.get(f"/iiif/3/{book}-1/0,0,60,60/max/0/gray.png"))
    assert min(word.getdata()) < 60 and min(margin.getdata()) > 200
    # mirroring flips left and right: the ink of a left-aligned line moves to the right half
    line = f"{int(box.x0)},{int(box.y0)},{PAGE_SIZE[0] - int(box.x0)},{int(box.y1 - box.y0)}"
    plain = _img(c.get(f"/iiif/3/{book}-1/{line}/max/0/gray.png"))
    flipped = _img(c.get(f"/iiif/3/{book}-1/{line}/max/!0/gray.png"))
    assert plain.getpixel((5, plain.height // 2)) == flipped.getpixel((flipped.width - 6, flipped.height // 2))


def test_info_json_and_caching(iiif) -> None:
    e, book = iiif
    c = e.client()
    r = c.get(f"/iiif/3/{book}-2/info.json")
    assert r.status_code == 200
    info = r.json()
    assert info["id"] == f"http://testserver/iiif/3/{book}-2"
    assert (info["type"], info["profile"], info["width"], info["height"]) == ("ImageService3", "level1", *PAGE_SIZE)
    assert info["maxArea"] == MAX_AREA and info["sizes"][-1] == {"width": 1000, "height": 1400}
    assert r.headers["access-control-allow-origin"] == "*"
    assert r.headers["cache-control"].startswith("public")
    assert c.get(f"/iiif/3/{book}-2", follow_redirects=False).headers["location"].endswith(f"{book}-2/info.json")
    ld = c.get(f"/iiif/3/{book}-2/info.json", headers={"Accept": "application/ld+json"})
    assert ld.headers["content-type"] == 'application/ld+json;profile="http://iiif.io/api/image/3/context.json"'
    assert r.headers["content-type"] == "application/json" and "Accept" in ld.headers["vary"]
    assert ld.headers["link"] == '<http://iiif.io/api/image/3/level1.json>;rel="profile"'
    manifest = c.get(f"/iiif/{book}/manifest", headers={"Accept": "application/ld+json"})
    assert manifest.headers["content-type"].endswith('profile="http://iiif.io/api/presentation/3/context.json"')
    first = c.get(f"/iiif/3/{book}-2/full/100,/0/default.jpg")
    assert first.headers["etag"] and first.headers["cache-control"] == "public, max-age=86400"
    again = c.get(f"/iiif/3/{book}-2/full/100,/0/default.jpg", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and not again.content
    other = c.get(f"/iiif/3/{book}-2/full/101,/0/default.jpg", headers={"If-None-Match": first.headers["etag"]})
    assert other.status_code == 200


@pytest.mark.parametrize(("path", "part"), [
    ("full/max/0/default.gif", "format"),
    ("full/max/0/fancy.jpg", "quality"),
    ("full/max/45/default.jpg", "rotation"),
    ("full/max/abc/default.jpg", "rotation"),
    ("full/abc/0/default.jpg", "size"),
    ("full/0,/0/default.jpg", "size"),
    ("full/2000,/0/default.jpg", "size"),  # larger than the region without ^
    ("full/pct:150/0/default.jpg", "size"),
    ("full/^9000,/0/default.jpg", "size"),  # over the limits even with ^
    ("full/^!6000,6000/0/default.jpg", "size"),  # 6000 x 8400 > 6000 high
    ("1,2,3/max/0/default.jpg", "region"),
    ("0,0,0,10/max/0/default.jpg", "region"),
    ("5000,0,10,10/max/0/default.jpg", "region"),
    ("pct:x/max/0/default.jpg", "region"),
])
def test_bad_parameters_are_a_clear_400(iiif, path: str, part: str) -> None:
    e, book = iiif
    r = e.client().get(f"/iiif/3/{book}-1/{path}")
    assert r.status_code == 400, r.text
    err = r.json()["error"]
    assert err["code"] == "invalid_input" and f"IIIF {part}" in err["message"]


def test_upscaling_is_bounded_by_the_announced_limits(iiif) -> None:
    e, book = iiif
    img = _img(e.client().get(f"/iiif/3/{book}-1/full/^max/0/default.jpg"))
    assert img.width * img.height <= MAX_AREA and img.height <= 6000 and img.width > PAGE_SIZE[0]


def test_hidden_and_unknown_pages_are_404(iiif) -> None:
    e, book = iiif
    anon, reader, admin = e.client(), e.client("reader"), e.client("admin")
    internal, restricted, deleted = e.ids["internal"], e.ids["restricted"], e.ids["deleted"]
    for url in (f"/iiif/3/{internal}-1/info.json", f"/iiif/3/{internal}-1/full/max/0/default.jpg",
                f"/iiif/{internal}/manifest", f"/iiif/{internal}/search/1?q=chỉ", f"/iiif/{internal}/search/2?q=chỉ"):
        r = anon.get(url)
        assert r.status_code == 404 and r.json()["error"]["code"] == "not_found", url
        assert reader.get(url).status_code == 200, url
    unknown = "0123456789abcdef"
    for who, doc in ((reader, restricted), (admin, deleted), (anon, unknown)):
        bodies = {who.get(f"/iiif/3/{doc}-1/info.json").json()["error"]["message"].replace(doc, "X"),
                  who.get(f"/iiif/3/{unknown}-1/info.json").json()["error"]["message"].replace(unknown, "X")}
        assert len(bodies) == 1  # hidden and unknown answer alike
    assert admin.get(f"/iiif/{restricted}/manifest").status_code == 200
    assert anon.get(f"/iiif/3/{book}-9/info.json").status_code == 404
    assert anon.get(f"/iiif/3/{book}/info.json").status_code == 404
    assert anon.get(f"/iiif/{e.ids['deleted']}/manifest").status_code == 404
    r = reader.get(f"/iiif/3/{internal}-1/info.json")
    assert r.headers["cache-control"].startswith("private")


OWN_SCHEMA = Path(__file__).parent / "schemas" / "iiif_presentation3.schema.json"
SEEN: list[dict] = []  # every manifest and collection validated here, checked again by the official schema


def _errors(schema: dict, data: dict) -> list[str]:
    import jsonschema

    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(data), key=lambda err: list(err.path))
    return [f"{list(err.path)}: {err.message}" for err in errors[:10]]


def _validate(data: dict) -> None:
    """Against our schema always (it needs no network); remembered for the official-schema test."""
    errors = _errors(json.loads(OWN_SCHEMA.read_text(encoding="utf-8")), data)
    assert not errors, "\n".join(errors)
    SEEN.append(data)


@pytest.mark.parametrize("broken", [
    lambda m: m.pop("items"),
    lambda m: m.update(items=[]),
    lambda m: m.update(label="Lịch sử"),
    lambda m: m.update(label={"vi": "Lịch sử"}),
    lambda m: m["items"][0].pop("width"),
    lambda m: m["items"][0].update(height=0),
    lambda m: m["items"][0]["items"][0]["items"][0].update(motivation="commenting"),
    lambda m: m["items"][0]["items"][0]["items"][0]["body"]["service"][0].update(profile="level9"),
    lambda m: m.update(rights="Công khai"),
    lambda m: m.update({"@context": "http://iiif.io/api/presentation/2/context.json"}),
    lambda m: m["metadata"][0].pop("value"),
    lambda m: m["structures"][0].update(items=[{"id": "trang-1", "type": "Canvas"}]),
    lambda m: m.update(navDate="2015"),
    lambda m: m.update(behavior=["two-up"]),
])
def test_our_schema_rejects_what_the_spec_forbids(iiif, broken) -> None:
    """The schema is only worth something if it fails: each spec violation below must be caught."""
    import copy

    e, book = iiif
    m = copy.deepcopy(e.client().get(f"/iiif/{book}/manifest").json())
    broken(m)
    assert _errors(json.loads(OWN_SCHEMA.read_text(encoding="utf-8")), m)


def test_manifest_of_a_book(iiif) -> None:
    e, book = iiif
    m = e.client().get(f"/iiif/{book}/manifest").json()
    _validate(m)
    assert m["label"] == {"vi": ["Lịch sử Đảng bộ xã ven biển"]}
    meta = {p["label"]["vi"][0]: p["value"]["vi"][0] for p in m["metadata"]}
    assert meta["Cơ quan ban hành"] == "Đảng ủy xã Lập Lễ" and meta["Mức truy cập"] == "Công khai"
    assert m["rights"] == "http://rightsstatements.org/vocab/CNE/1.0/"
    assert "Lịch sử Đảng bộ xã ven biển" in m["requiredStatement"]["value"]["vi"][0]
    assert m["seeAlso"][0]["id"] == f"http://testserver/api/documents/{book}"
    assert [c["label"]["vi"][0] for c in m["items"]] == ["Trang 1 (số in 5)", "Trang 2 (số in 6)", "Trang 3 (số in 7)"]
    assert all((c["width"], c["height"]) == PAGE_SIZE for c in m["items"])
    body = m["items"][0]["items"][0]["items"][0]["body"]
    assert body["service"][0]["id"] == f"http://testserver/iiif/3/{book}-1"
    services = {s["type"]: s for s in m["service"]}
    assert services["SearchService1"]["id"] == f"http://testserver/iiif/{book}/search/1"
    assert services["SearchService1"]["profile"] == "http://iiif.io/api/search/1/search"
    ch1, ch2 = m["structures"]
    canvas = f"http://testserver/iiif/{book}/canvas"
    assert ch1["label"]["vi"] == ["Chương I: Làng ven biển"]
    assert [i["id"] for i in ch1["items"]] == [f"{canvas}/1"]
    assert ch2["items"][0] == {"id": f"{canvas}/2", "type": "Canvas"}
    assert ch2["items"][1]["type"] == "Range" and ch2["items"][1]["items"] == [{"id": f"{canvas}/3", "type": "Canvas"}]
    # the same manifest read through the API record it points to
    assert e.client().get(m["seeAlso"][0]["id"]).json()["page_count"] == 3


def test_manifest_of_pdf_and_access_levels(iiif) -> None:
    e, _ = iiif
    m = e.client().get(f"/iiif/{e.ids['public']}/manifest").json()
    _validate(m)
    info = e.client().get(m["items"][0]["items"][0]["items"][0]["body"]["service"][0]["id"] + "/info.json").json()
    # this record does not know its page size: the canvas is the page rendered at 150 dpi
    assert (m["items"][0]["width"], m["items"][0]["height"]) == (info["width"], info["height"]) == (1241, 1754)
    internal = e.client("reader").get(f"/iiif/{e.ids['internal']}/manifest").json()
    _validate(internal)
    assert internal["rights"] == "http://rightsstatements.org/vocab/InC/1.0/"
    assert "nội bộ" in internal["requiredStatement"]["value"]["vi"][0]
    text_doc = e.client("admin").get(f"/iiif/{e.ids['deleted']}/manifest")
    assert text_doc.status_code == 404


def _manifest_ids(c, url: str) -> set[str]:
    return {i["id"].split("/iiif/")[1].split("/")[0] for i in c.get(url).json()["items"]}


def test_collections_hold_only_what_the_caller_may_see(iiif) -> None:
    e, book = iiif
    anon, reader, admin = e.client(), e.client("reader"), e.client("admin")
    for c in (anon, reader, admin):
        for url in ("/iiif/collection/top", "/iiif/collection/issuers", "/iiif/collection/years"):
            _validate(c.get(url).json())
    issuers = {i["label"]["vi"][0] for i in anon.get("/iiif/collection/issuers").json()["items"]}
    assert issuers == {"Quận ủy Long Biên (1 tài liệu)", "Đảng ủy xã Lập Lễ (1 tài liệu)"}
    seen_by_reader = {i["label"]["vi"][0] for i in reader.get("/iiif/collection/issuers").json()["items"]}
    assert "Quận ủy Long Biên (2 tài liệu)" in seen_by_reader and not any("Gia Lâm" in s for s in seen_by_reader)
    admin_issuers = {i["label"]["vi"][0] for i in admin.get("/iiif/collection/issuers").json()["items"]}
    assert "Quận ủy Gia Lâm (1 tài liệu)" in admin_issuers and not any("Hoàn Kiếm" in s for s in admin_issuers)
    long_bien = "/iiif/collection/issuer/Qu%E1%BA%ADn%20%E1%BB%A7y%20Long%20Bi%C3%AAn"
    _validate(anon.get(long_bien).json())
    assert _manifest_ids(anon, long_bien) == {e.ids["public"]}
    assert _manifest_ids(reader, long_bien) == {e.ids["public"], e.ids["internal"]}
    gia_lam = "/iiif/collection/issuer/Qu%E1%BA%ADn%20%E1%BB%A7y%20Gia%20L%C3%A2m"
    assert anon.get(gia_lam).status_code == 404 and reader.get(gia_lam).status_code == 404
    assert _manifest_ids(admin, gia_lam) == {e.ids["restricted"]}
    assert anon.get("/iiif/collection/year/2022").status_code == 404  # only the restricted resolution
    assert _manifest_ids(admin, "/iiif/collection/year/2022") == {e.ids["restricted"]}
    assert _manifest_ids(anon, "/iiif/collection/year/2015") == {book}
    years = {i["label"]["vi"][0] for i in anon.get("/iiif/collection/years").json()["items"]}
    assert years == {"Năm 2015 (1 tài liệu)", "Năm 2023 (1 tài liệu)"}
    assert anon.get("/iiif/collection/top").json()["summary"] == {"vi": ["2 tài liệu có ảnh trang"]}
    assert admin.get("/iiif/collection/top").json()["summary"] == {"vi": ["4 tài liệu có ảnh trang"]}


def _xywh(target: str) -> tuple[int, ...]:
    return tuple(int(v) for v in target.split("#xywh=")[1].split(","))


def _box(w) -> tuple[int, ...]:
    return (round(w.x0), round(w.y0), round(w.x1) - round(w.x0), round(w.y1) - round(w.y0))


def test_content_search_1_targets_the_word_boxes(iiif) -> None:
    e, book = iiif
    r = e.client().get(f"/iiif/{book}/search/1", params={"q": "đê"})
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "*"
    res = r.json()
    assert res["@type"] == "sc:AnnotationList" and res["within"]["total"] == 2
    canvas = f"http://testserver/iiif/{book}/canvas"
    found = {(a["on"].split("#")[0], _xywh(a["on"]), a["resource"]["chars"]) for a in res["resources"]}
    p1, p3 = word_boxes(e.root, book, 1), word_boxes(e.root, book, 3)
    assert found == {(f"{canvas}/1", _box(p1[9]), "đê"), (f"{canvas}/3", _box(p3[4]), "đê")}
    hit = next(h for h in res["hits"] if h["annotations"][0].startswith(f"http://testserver/iiif/{book}/search/1/hit/3/"))
    assert (hit["before"], hit["match"], hit["after"]) == ("Mục 1 tu bổ ", "đê", " biển sau bão năm 2005")
    ids = {a["@id"] for a in res["resources"]}
    assert {i for h in res["hits"] for i in h["annotations"]} == ids


def test_content_search_phrase_and_version_2(iiif) -> None:
    e, book = iiif
    res = e.client().get(f"/iiif/{book}/search/1", params={"q": '"đê biển"', "motivation": "painting"}).json()
    assert [h["match"] for h in res["hits"]] == ["đê biển"] and len(res["hits"][0]["annotations"]) == 2
    assert res["within"]["ignored"] == ["motivation"]
    v2 = e.client().get(f"/iiif/{book}/search/2", params={"q": "de"}).json()  # without diacritics: every form
    assert v2["type"] == "AnnotationPage" and v2["partOf"]["total"] == 2
    p3 = word_boxes(e.root, book, 3)
    assert _xywh(v2["items"][-1]["target"]) == _box(p3[4]) and v2["items"][-1]["motivation"] == "highlighting"
    quote = v2["annotations"][0]["items"][-1]["target"][0]["selector"][0]
    assert (quote["exact"], quote["suffix"]) == ("đê", "biển sau bão năm 2005")
    assert e.client().get(f"/iiif/{book}/search/1", params={"q": "khôngcótừnày"}).json()["resources"] == []
    bad = e.client().get(f"/iiif/{book}/search/1", params={"q": '"đê'})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "query_syntax"
    assert e.client().get(f"/iiif/{book}/search/1", params={"q": " "}).status_code == 400
    assert "next" not in res  # two annotations: one result page, and no page after it
    beyond = e.client().get(f"/iiif/{book}/search/1", params={"q": "đê", "page": 1})
    assert beyond.status_code == 400 and "trang kết quả 1" in beyond.json()["error"]["message"]


def test_content_search_on_a_pdf_text_layer(iiif) -> None:
    """PDF pages: boxes come from the text layer (PDF points), scaled to the canvas (here the rendered
    page, as the record does not know the page size): the first line of the page, at the left margin."""
    e, _ = iiif
    doc = e.ids["public"]
    res = e.client().get(f"/iiif/{doc}/search/1", params={"q": "Long Biên"}).json()
    assert [h["match"] for h in res["hits"]] == ["Long Biên"]
    assert all(a["on"].startswith(f"http://testserver/iiif/{doc}/canvas/1#xywh=") for a in res["resources"])
    x, y, w, h = _xywh(res["resources"][0]["on"])
    scale = 150 / 72  # fpdf's A4 page with a 1 cm margin and 8 mm lines, rendered at 150 dpi
    assert abs(y - 10 * 72 / 25.4 * scale) < 30 and 0 < h < 40 and x > 100


def test_hidden_document_search_says_nothing(iiif, tmp_path: Path) -> None:
    e, _ = iiif
    r = e.client("reader").get(f"/iiif/{e.ids['restricted']}/search/1", params={"q": archive_builder.MARKERS["restricted"]})
    assert r.status_code == 404 and archive_builder.MARKERS["restricted"] not in r.text


def test_document_page_links_its_manifest_for_drag_and_drop(iiif) -> None:
    """The web page of a document links its manifest the IIIF drag-and-drop way (``?manifest=``)."""
    import html
    import re
    from urllib.parse import parse_qs, urlsplit

    e, book = iiif
    c = e.client()
    page = c.get(f"/doc/{book}")
    assert page.status_code == 200
    m = re.search(r'<a class="iiif-link" href="([^"]+)"', page.text)
    assert m, "no IIIF link on the document page"
    href = html.unescape(m.group(1))
    parts = urlsplit(href)
    assert parse_qs(parts.query)["manifest"] == [f"http://testserver/iiif/{book}/manifest"]
    assert c.get(href).json()["id"] == f"http://testserver/iiif/{book}/manifest"  # the link itself opens it too
    text_only = e.client("admin").get(f"/doc/{e.ids['deleted']}")
    assert text_only.status_code == 200 and 'class="iiif-link"' not in text_only.text


def test_everything_also_validates_against_the_official_schema() -> None:
    """The IIIF community's JSON schema cannot be shipped (no licence) and is fetched from GitHub: it skips
    where GitHub is out of reach. Runs last in this file, over every document the other tests validated."""
    assert SEEN, "the manifest tests above did not run"
    schema = presentation3_schema()
    for data in SEEN:
        errors = _errors(schema, data)
        assert not errors, f"{data['id']}:\n" + "\n".join(errors)
