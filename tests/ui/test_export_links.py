"""The RIS, CSL-JSON and BibTeX links of the document page, the search results page and the collection
page, followed as a browser would and read back by rispy, json and bibtexparser: each link gives what
its page shows (the same document, the same results with their filters, the collection's visible items)."""

from __future__ import annotations

import html as htmllib
import json
import re
from pathlib import Path

import bibtexparser
import pytest
import rispy

from services.collections import CollectionStore
from sulieu.access import User
from tests.support.handmade import build
from tests.ui.conftest import Client

FORMATS = ("ris", "csl-json", "bibtex")


@pytest.fixture(scope="module")
def hm(tmp_path_factory: pytest.TempPathFactory):
    from search_api.app import create_app
    from sulieu.settings import Settings

    root = tmp_path_factory.mktemp("links") / "archive"
    ids = build(root)
    app = create_app(Settings(archive=root))
    client = Client(app)
    yield client, ids, root
    client.close()


def _links(page: str) -> dict[str, str]:
    """format -> href of each reference-manager link on a page."""
    found = {}
    for href in re.findall(r'href="([^"]+)"', page):
        href = htmllib.unescape(href)
        m = re.search(r"[?&]format=(ris|csl-json|bibtex)(&|$)", href)
        if m:
            found[m.group(1)] = href
    return found


def _ids(fmt: str, body: str) -> list[str]:
    if fmt == "ris":
        return [e["accession_number"] for e in rispy.loads(body)]
    if fmt == "csl-json":
        return [i["id"] for i in json.loads(body)]
    return [e.key.removeprefix("sulieu-") for e in bibtexparser.parse_string(body).entries]


def test_document_page_offers_its_own_reference_files(hm) -> None:
    client, ids, _ = hm
    page = client.get(f"/doc/{ids['book']}").text
    assert "Tải cho Zotero, EndNote, Mendeley" in page and 'id="citation-text"' in page  # the citation stays
    links = _links(page)
    assert sorted(links) == sorted(FORMATS)
    for fmt, href in links.items():
        r = client.get(href)
        assert r.status_code == 200 and _ids(fmt, r.text) == [ids["book"]]
    ris = rispy.loads(client.get(links["ris"]).text)[0]
    assert ris["type_of_reference"] == "BOOK" and ris["title"] == "Lịch sử Đảng bộ xã An Lư (1930 - 2020)"


@pytest.mark.parametrize("params", [{"q": "Đảng"}, {"q": "", "level": "district"}])
def test_search_page_links_export_the_results_it_shows(hm, params) -> None:
    client, ids, _ = hm
    page = client.get("/", params=params).text
    shown = set(re.findall(r'<li class="result">.*?href="/doc/([0-9a-f]{16})', page, re.S))
    assert shown
    links = _links(page)
    assert sorted(links) == sorted(FORMATS)
    for fmt, href in links.items():
        r = client.get(href)
        assert r.status_code == 200, r.text
        assert set(_ids(fmt, r.text)) == shown
        assert ids["internal"] not in r.text


def test_collection_page_links_export_only_the_visible_items(hm, tmp_path: Path) -> None:
    client, ids, root = hm
    store = CollectionStore(root / "workspace.sqlite")
    owner = User("bientap", "editor")
    c = store.create(owner, "Nguồn biên soạn chương II")
    for key in ("internal", "book", "ct20"):
        store.add_item(c.id, owner, ids[key])
    store.update(c.id, owner, visibility="public")
    page = client.get(f"/collections/{c.id}").text
    links = _links(page)
    assert sorted(links) == sorted(FORMATS)
    for fmt, href in links.items():
        r = client.get(href)
        assert r.status_code == 200
        assert _ids(fmt, r.text) == [ids["book"], ids["ct20"]]
