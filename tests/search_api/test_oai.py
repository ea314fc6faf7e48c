"""OAI-PMH 2.0 at /oai on the API test archive (one document per access level and a deleted one):
every answer valid against the published schemas, the protocol's error codes, who sees which record
(lists, counts, deleted headers), resumption tokens, from/until and sets, the Dublin Core mapping."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from search_api.state import app_state
from sulieu.model import Correction
from sulieu.store import ArchiveStore
from tests.search_api.conftest import ApiEnv, Base, make_env
from tests.search_api.oai_validation import NS, validated
from tests.support.archive_builder import MARKERS

REPO = "oai:sulieu.local:"


@pytest.fixture(scope="module")
def oai_env(base_archive: Base, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiEnv]:
    """Read-only; one record per page, so even two records need a resumption token."""
    e = make_env(base_archive, tmp_path_factory.mktemp("oai") / "archive", oai_page_size=1)
    yield e
    app_state(e.app).context.close()


def _get(env: ApiEnv, who: str | None = None, **params: str) -> etree._Element:
    r = env.client(who).get("/oai", params=params)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/xml")
    return validated(r.content)


def _error(root: etree._Element) -> tuple[str | None, dict[str, str]]:
    err = root.find("oai:error", NS)
    request = root.find("oai:request", NS)
    return (err.get("code") if err is not None else None), dict(request.attrib)


def _walk(env: ApiEnv, verb: str, who: str | None = None, **params: str) -> tuple[list[etree._Element], list[tuple]]:
    """Every header of a list, following resumption tokens; also (completeListSize, cursor) of each page."""
    headers, pages = [], []
    root = _get(env, who, verb=verb, **params)
    while True:
        assert _error(root)[0] is None, etree.tostring(root)
        headers += root.findall(f".//oai:{verb}//oai:header", NS)
        token = root.find(f"oai:{verb}/oai:resumptionToken", NS)
        if token is None:
            return headers, pages
        pages.append((token.get("completeListSize"), token.get("cursor"), bool(token.text)))
        if not token.text:
            return headers, pages
        root = _get(env, who, verb=verb, resumptionToken=token.text)


def _ids(headers: list[etree._Element]) -> dict[str, bool]:
    """identifier → deleted?"""
    return {h.findtext("oai:identifier", namespaces=NS).removeprefix(REPO): h.get("status") == "deleted"
            for h in headers}


@pytest.mark.parametrize("params", [
    {"verb": "Identify"}, {"verb": "ListMetadataFormats"}, {"verb": "ListSets"},
    {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}, {"verb": "ListRecords", "metadataPrefix": "oai_dc"},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "level:district"},
    {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2000-01-01", "until": "2100-01-01"},
])
def test_answers_validate_against_the_oai_pmh_and_dublin_core_schemas(oai_env, params) -> None:
    for who in (None, "cleared"):
        root = _get(oai_env, who, **params)
        assert _error(root) == (None, params)
        assert root.find(f"oai:{params['verb']}", NS) is not None


def test_the_validator_refuses_a_broken_answer(oai_env) -> None:
    body = oai_env.client().get("/oai", params={"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}).content
    broken = body.replace(b"<datestamp>", b"<datestamp>gestern", 1)
    with pytest.raises(AssertionError, match="datestamp"):
        validated(broken)
    record = oai_env.client().get("/oai", params={"verb": "GetRecord", "metadataPrefix": "oai_dc",
                                                  "identifier": REPO + oai_env.ids["public"]}).content
    validated(record)
    assert b"<dc:title>" in record
    with pytest.raises(AssertionError, match="titel"):  # Dublin Core inside a record is checked too
        validated(record.replace(b"<dc:title>", b"<dc:titel>", 1).replace(b"</dc:title>", b"</dc:titel>", 1))


@pytest.mark.parametrize(("params", "code"), [
    ({}, "badVerb"), ({"verb": "Harvest"}, "badVerb"),
    ({"verb": "Identify", "metadataPrefix": "oai_dc"}, "badArgument"),
    ({"verb": "ListRecords"}, "badArgument"),
    ({"verb": "GetRecord", "identifier": REPO + "0123456789abcdef"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-13-01"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2020-01-01", "until": "2021-01-01T00:00:00Z"},
     "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2021-01-01", "until": "2020-01-01"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "identifier": REPO + "0123456789abcdef", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
    ({"verb": "GetRecord", "identifier": "oai:elsewhere.org:1", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
    ({"verb": "ListMetadataFormats", "identifier": REPO + "0123456789abcdef"}, "idDoesNotExist"),
    ({"verb": "ListRecords", "resumptionToken": "không-phải-mã"}, "badResumptionToken"),
    ({"verb": "ListSets", "resumptionToken": "x"}, "badResumptionToken"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2099-01-01"}, "noRecordsMatch"),
    ({"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "province:hai-phong"}, "noRecordsMatch"),
])
def test_protocol_errors(oai_env, params, code) -> None:
    got, request_attrs = _error(_get(oai_env, **params))
    assert got == code
    # after badVerb/badArgument the request element carries no arguments (they were not understood)
    assert (request_attrs == {}) == (code in ("badVerb", "badArgument"))


def test_repeated_arguments_are_bad(oai_env) -> None:
    r = oai_env.client().get("/oai?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc")
    assert _error(validated(r.content))[0] == "badArgument"
    r = oai_env.client().get("/oai?verb=Identify&verb=Identify")
    assert _error(validated(r.content))[0] == "badVerb"


def test_post_answers_like_get(oai_env) -> None:
    r = oai_env.client().post("/oai", content="verb=GetRecord&metadataPrefix=oai_dc&identifier="
                              + REPO + oai_env.ids["public"],
                              headers={"Content-Type": "application/x-www-form-urlencoded"})
    root = validated(r.content)
    assert root.findtext(".//dc:title", namespaces=NS) == f"Kế hoạch 193-KH/QU {MARKERS['public']}"


@pytest.mark.parametrize(("who", "live", "deleted"), [
    (None, {"public"}, {"deleted"}),
    ("reader", {"public", "internal"}, {"deleted"}),
    ("cleared", {"public", "internal", "restricted"}, {"deleted"}),
])
@pytest.mark.parametrize("verb", ["ListIdentifiers", "ListRecords"])
def test_a_harvester_sees_its_access_levels_only_in_lists_counts_and_records(oai_env, who, live, deleted,
                                                                            verb) -> None:
    ids = oai_env.ids
    headers, pages = _walk(oai_env, verb, who, metadataPrefix="oai_dc")
    assert _ids(headers) == {**{ids[k]: False for k in live}, **{ids[k]: True for k in deleted}}
    n = len(live) + len(deleted)
    # one record a page: every page but the last has a token; the count is the harvester's own
    assert pages == [(str(n), str(i), i < n - 1) for i in range(n)]  # the last token is empty
    for key in {"public", "internal", "restricted"} - live:
        root = _get(oai_env, who, verb="GetRecord", metadataPrefix="oai_dc", identifier=REPO + ids[key])
        assert _error(root)[0] == "idDoesNotExist"
        assert MARKERS[key] not in etree.tostring(root, encoding="unicode")


def test_deleted_records_have_a_header_only(oai_env) -> None:
    root = _get(oai_env, verb="GetRecord", metadataPrefix="oai_dc", identifier=REPO + oai_env.ids["deleted"])
    record = root.find("oai:GetRecord/oai:record", NS)
    assert record.find("oai:header", NS).get("status") == "deleted"
    assert record.find("oai:metadata", NS) is None
    assert MARKERS["deleted"] not in etree.tostring(root, encoding="unicode")


def test_a_resumption_token_is_refused_when_tampered_with_or_used_at_another_access_level(oai_env) -> None:
    root = _get(oai_env, "cleared", verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = root.findtext("oai:ListIdentifiers/oai:resumptionToken", namespaces=NS)
    assert token
    assert _error(_get(oai_env, "cleared", verb="ListIdentifiers", resumptionToken=token))[0] is None
    assert _error(_get(oai_env, "cleared", verb="ListRecords", resumptionToken=token))[0] == "badResumptionToken"
    assert _error(_get(oai_env, None, verb="ListIdentifiers", resumptionToken=token))[0] == "badResumptionToken"
    tampered = token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB")
    assert _error(_get(oai_env, "cleared", verb="ListIdentifiers", resumptionToken=tampered))[0] == \
        "badResumptionToken"


def test_sets_list_only_what_the_harvester_may_see_and_select_records(oai_env) -> None:
    specs = [s.findtext("oai:setSpec", namespaces=NS) for s in _get(oai_env, verb="ListSets").iterfind(".//oai:set", NS)]
    assert specs == ["level", "province", "level:district", "province:ha-noi"]
    for spec in ("level", "level:district", "province:ha-noi"):
        headers, _ = _walk(oai_env, "ListIdentifiers", "reader", metadataPrefix="oai_dc", set=spec)
        assert _ids(headers) == {oai_env.ids["public"]: False, oai_env.ids["internal"]: False,
                                 oai_env.ids["deleted"]: True}
        assert all(spec in [s.text for s in h.findall("oai:setSpec", NS)] or
                   any(s.text.startswith(spec + ":") for s in h.findall("oai:setSpec", NS)) for h in headers)


def test_dublin_core_of_a_document(oai_env) -> None:
    ids = oai_env.ids

    def dc(who: str | None) -> dict[str, list[str]]:
        root = _get(oai_env, who, verb="GetRecord", metadataPrefix="oai_dc", identifier=REPO + ids["public"])
        out: dict[str, list[str]] = {}
        for el in root.find(".//oai_dc:dc", NS):
            out.setdefault(etree.QName(el).localname, []).append(el.text)
        return out

    anon = dc(None)
    assert anon["title"] == [f"Kế hoạch 193-KH/QU {MARKERS['public']}"]
    assert anon["creator"] == ["Quận ủy Long Biên"]
    assert anon["date"] == ["2023-11-03"]
    assert anon["type"] == ["Kế hoạch", "Text"]
    assert anon["identifier"] == ["193-KH/QU", f"http://testserver/doc/{ids['public']}"]
    assert anon["coverage"] == ["Hà Nội"]
    assert anon["language"] == ["vi"] and anon["rights"][0].startswith("Công khai")
    # the cited internal directive is named as written for the public, linked for a reader who may open it
    assert "Chỉ thị số 12-CT/QU ngày 10/05/2023" in anon["relation"]
    assert all(ids["internal"] not in r for r in anon["relation"])
    assert f"http://testserver/doc/{ids['internal']}" in dc("reader")["relation"]
    restricted = _get(oai_env, "cleared", verb="GetRecord", metadataPrefix="oai_dc",
                      identifier=REPO + ids["restricted"])
    assert restricted.findtext(".//dc:rights", namespaces=NS).startswith("Hạn chế")


def test_datestamps_follow_corrections_and_select_by_from_and_until(env: ApiEnv) -> None:
    ids = env.ids
    store = ArchiveStore(env.root)
    when = datetime(2031, 1, 2, 3, 4, 5, 600000, tzinfo=UTC)
    later = {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "from": "2031-01-02"}
    assert _error(_get(env, **later))[0] == "noRecordsMatch"  # the harvest order is now cached...
    store.add_correction(ids["public"], Correction(field="title", value="Kế hoạch đã hiệu chỉnh", by="bientap", at=when))

    def listed(**params: str) -> dict[str, bool]:
        root = _get(env, verb="ListIdentifiers", metadataPrefix="oai_dc", **params)
        return _ids(root.findall(".//oai:header", NS))

    assert listed(**{"from": "2031-01-02"}) == {ids["public"]: False}  # ...and follows the change
    assert listed(**{"from": "2031-01-02T03:04:05Z"}) == {ids["public"]: False}
    assert listed(**{"from": "2031-01-02T03:04:05Z", "until": "2031-01-02T03:04:05Z"}) == {ids["public"]: False}
    assert listed(until="2031-01-01") == {ids["deleted"]: True}
    assert _error(_get(env, verb="ListIdentifiers", metadataPrefix="oai_dc", **{"from": "2031-01-02T03:04:06Z"}))[0] \
        == "noRecordsMatch"
    root = _get(env, verb="GetRecord", metadataPrefix="oai_dc", identifier=REPO + ids["public"])
    assert root.findtext(".//oai:datestamp", namespaces=NS) == "2031-01-02T03:04:05Z"
    assert root.findtext(".//dc:title", namespaces=NS) == "Kế hoạch đã hiệu chỉnh"


def test_identify_declares_what_the_lists_use(oai_env, tmp_path: Path) -> None:
    ident = _get(oai_env, verb="Identify").find("oai:Identify", NS)
    assert ident.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    assert ident.findtext("oai:deletedRecord", namespaces=NS) == "transient"
    assert ident.findtext("oai:baseURL", namespaces=NS) == "http://testserver/oai"
    headers, _ = _walk(oai_env, "ListIdentifiers", "cleared", metadataPrefix="oai_dc")
    stamps = sorted(h.findtext("oai:datestamp", namespaces=NS) for h in headers)
    assert ident.findtext("oai:earliestDatestamp", namespaces=NS) <= stamps[0]
