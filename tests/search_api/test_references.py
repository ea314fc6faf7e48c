"""RIS, CSL-JSON and BibTeX over HTTP for one document, a search result and a collection, read back by
rispy, json + citeproc-py's reader and bibtexparser; and the access rule: a document the caller may not
see is a 404 in every format and never inside a search-result or collection export."""

from __future__ import annotations

import json

import bibtexparser
import pytest
import rispy

from tests.support.archive_builder import MARKERS

FORMATS = ("ris", "csl-json", "bibtex")


def _ids_in(fmt: str, body: str) -> list[str]:
    """The document ids a real parser finds in an export."""
    if fmt == "ris":
        return [e["accession_number"] for e in rispy.loads(body)]
    if fmt == "csl-json":
        return [i["id"] for i in json.loads(body)]
    library = bibtexparser.parse_string(body)
    assert not library.failed_blocks
    return [e.key.removeprefix("sulieu-") for e in library.entries]


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_document_in_each_format_with_vietnamese_intact(shared_env, fmt: str) -> None:
    doc_id = shared_env.ids["public"]
    r = shared_env.client().get(f"/api/documents/{doc_id}/reference", params={"format": fmt})
    assert r.status_code == 200, r.text
    assert "charset=utf-8" in r.headers["content-type"]
    assert r.headers["content-disposition"].startswith("attachment;")
    assert _ids_in(fmt, r.text) == [doc_id]
    if fmt == "ris":
        entry = rispy.loads(r.text)[0]
        assert entry["title"] == f"Kế hoạch 193-KH/QU {MARKERS['public']}"
        assert entry["authors"] == ["Quận ủy Long Biên"]
        assert entry["notes"] == ["Kế hoạch số 193-KH/QU ngày 03/11/2023 của Ban Thường vụ Quận ủy Long Biên"]
        assert entry["urls"] == [f"http://testserver/doc/{doc_id}"]
    elif fmt == "csl-json":
        item = json.loads(r.text)[0]
        assert item["author"] == [{"literal": "Quận ủy Long Biên"}] and item["number"] == "193-KH/QU"
        assert item["issued"] == {"date-parts": [[2023, 11, 3]]} and item["publisher-place"] == "Hà Nội"
    else:
        entry = bibtexparser.parse_string(r.text).entries[0]
        assert entry["author"] == "{Quận ủy Long Biên}" and entry["address"] == "Hà Nội"


@pytest.mark.parametrize("fmt", FORMATS)
def test_hidden_documents_are_404_in_every_format(shared_env, fmt: str) -> None:
    ids = shared_env.ids
    unknown = shared_env.client().get("/api/documents/0123456789abcdef/reference", params={"format": fmt})
    assert unknown.status_code == 404
    cases = [(None, "internal"), (None, "restricted"), (None, "deleted"), ("reader", "restricted"),
             ("reader", "deleted")]
    for who, key in cases:
        r = shared_env.client(who).get(f"/api/documents/{ids[key]}/reference", params={"format": fmt})
        assert r.status_code == 404, (who, key)
        assert r.json()["error"]["message"] == unknown.json()["error"]["message"].replace("0123456789abcdef", ids[key])
        assert MARKERS[key] not in r.text
    assert shared_env.client("cleared").get(f"/api/documents/{ids['restricted']}/reference",
                                            params={"format": fmt}).status_code == 200


@pytest.mark.parametrize("fmt", FORMATS)
def test_search_result_export_holds_only_what_the_caller_may_see(shared_env, fmt: str) -> None:
    ids = shared_env.ids
    expected = {None: {"public"}, "reader": {"public", "internal"}, "cleared": {"public", "internal", "restricted"}}
    for who, keys in expected.items():
        r = shared_env.client(who).get("/api/export", params={"format": fmt, "q": "Đảng bộ"})
        assert r.status_code == 200, r.text
        assert set(_ids_in(fmt, r.text)) == {ids[k] for k in keys}, who
        for key, marker in MARKERS.items():
            assert (marker in r.text) == (key in keys), (who, key)


@pytest.mark.parametrize("fmt", FORMATS)
def test_collection_export_leaves_out_items_the_viewer_may_not_see(env, fmt: str) -> None:
    ids = env.ids
    owner, anon = env.client("cleared"), env.client()
    cid = owner.post("/api/collections", json={"name": "Nguồn chương III"}).json()["id"]
    for key in ("restricted", "public", "internal"):
        assert owner.post(f"/api/collections/{cid}/items", json={"doc_id": ids[key]}).status_code == 201
    assert owner.patch(f"/api/collections/{cid}", json={"visibility": "public"}).status_code == 200

    mine = owner.get(f"/api/collections/{cid}/export", params={"format": fmt})
    assert _ids_in(fmt, mine.text) == [ids["restricted"], ids["public"], ids["internal"]]  # the collection's order
    seen = anon.get(f"/api/collections/{cid}/export", params={"format": fmt})
    assert seen.status_code == 200
    assert _ids_in(fmt, seen.text) == [ids["public"]]
    for leak in (ids["restricted"], ids["internal"], MARKERS["restricted"], MARKERS["internal"], "5-NQ/QU"):
        assert leak not in seen.text, leak
