"""The done-criterion harvest: Sickle, a real OAI-PMH client, walks the sample archive over real HTTP
(uvicorn on loopback, ``tests.ui.live_server``) through resumption tokens, seven records a page.

The sample archive is generated and ingested by the real pipeline (scans left out to keep OCR time
out), then one public and one restricted document are soft-deleted. What each harvester must get is
read from the archive's records independently of the OAI code: anonymous, exactly the public
documents (and the deleted public one as a deleted header); with a token of a cleared user, all of
them. Every page Sickle received validates against the OAI-PMH and Dublin Core schemas.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sickle import Sickle

from sulieu.model import effective_access, effective_metadata
from sulieu.store import ArchiveStore
from tests.search_api.oai_validation import validated
from tests.ui.live_server import live_server

pytestmark = [pytest.mark.integration, pytest.mark.slow]

PAGE_SIZE = 7
REPO = "oai:sulieu.local:"


@dataclass
class Harvestable:
    base: str
    token: str
    titles: dict[str, str]  # id -> effective title, as the archive keeps it
    access: dict[str, str]
    deleted: set[str]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harvestable]:
    from sample_data.generate import generate_sample
    from search_engine import open_backend
    from services.ingest import ingest_paths
    from services.refresh import refresh_archive
    from services.users import UserStore
    from sulieu.model import ACCESS_LEVELS
    from sulieu.settings import Settings

    base = tmp_path_factory.mktemp("oai-harvest")
    src = base / "src"
    generate_sample(src, scans=False)
    settings = Settings(archive=base / "archive", jobs=1)
    for access in ACCESS_LEVELS:
        if (src / access).is_dir():
            summary = ingest_paths([src / access], settings, access=access, jobs=2)
            assert not summary.failed, [(r.name, r.message) for r in summary.failed]
    store = ArchiveStore(settings.archive)
    records = {r.id: r for r in store.iter_records()}
    access = {i: effective_access(r, store.read_corrections(i)) for i, r in records.items()}
    to_delete = [min(i for i, a in access.items() if a == "public"), min(i for i, a in access.items() if a == "restricted")]
    for doc_id in to_delete:
        store.set_deleted(doc_id, True)
    backend = open_backend(settings)
    try:
        refresh_archive(store, backend, to_delete)
    finally:
        backend.close()
    users = UserStore(store.users_db)
    users.add_user("thuhoach", "reader", "mat-khau-thu-hoach-1", clearance="restricted")
    token, _ = users.create_token("thuhoach", "máy thu hoạch OAI")
    titles = {i: effective_metadata(r, store.read_corrections(i)).title or "" for i, r in records.items()}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SULIEU_OAI_PAGE_SIZE", str(PAGE_SIZE))
        with live_server(settings.archive) as url:
            yield Harvestable(url, token, titles, access, set(to_delete))


def _harvest(sickle: Sickle, verb: str) -> tuple[dict[str, object], list[tuple[int, int]], float]:
    """Every item of a list as Sickle yields it; (cursor, completeListSize) of each page; wall time.
    Each page Sickle fetched is validated against the schemas."""
    items: dict[str, object] = {}
    pages: list[tuple[int, int]] = []
    seen_responses: set[int] = set()
    t0 = time.perf_counter()
    iterator = getattr(sickle, verb)(metadataPrefix="oai_dc", ignore_deleted=False)
    for item in iterator:
        header = item.header if verb == "ListRecords" else item
        assert header.identifier not in items, "a record came twice"
        items[header.identifier.removeprefix(REPO)] = item
        response = iterator.oai_response
        if id(response) not in seen_responses:
            seen_responses.add(id(response))
            validated(response.raw.encode("utf-8"))
            token = iterator.resumption_token
            if token is not None and token.cursor is not None:
                pages.append((int(token.cursor), int(token.complete_list_size)))
    return items, pages, time.perf_counter() - t0


def _check_pages(pages: list[tuple[int, int]], total: int) -> None:
    assert total > 2 * PAGE_SIZE  # the sample archive needs several pages at this size
    assert pages == [(i * PAGE_SIZE, total) for i in range(-(-total // PAGE_SIZE))]


def test_anonymous_harvest_gets_exactly_the_public_documents(served: Harvestable) -> None:
    public = {i for i, a in served.access.items() if a == "public"}
    records, pages, seconds = _harvest(Sickle(served.base + "/oai", max_retries=0), "ListRecords")
    assert set(records) == public
    deleted = {i for i, r in records.items() if r.header.deleted}
    assert deleted == public & served.deleted and len(deleted) == 1
    _check_pages(pages, len(public))
    for doc_id, record in records.items():
        if doc_id in deleted:
            assert not hasattr(record, "metadata")  # a deleted record is a header only
            continue
        assert record.metadata["title"] == [served.titles[doc_id]]  # Vietnamese exactly as kept
        assert f"{served.base}/doc/{doc_id}" in record.metadata["identifier"]
        assert record.metadata["rights"][0].startswith("Công khai")
    print(f"\nListRecords, {len(records)} bản ghi, {len(pages)} trang {PAGE_SIZE}: {seconds * 1000:.0f} ms")


def test_a_harvester_with_a_token_gets_the_restricted_documents_too(served: Harvestable) -> None:
    sickle = Sickle(served.base + "/oai", max_retries=0, headers={"Authorization": f"Bearer {served.token}"})
    records, pages, _ = _harvest(sickle, "ListRecords")
    assert set(records) == set(served.access)
    assert {i for i, r in records.items() if r.header.deleted} == served.deleted
    restricted = {i for i, a in served.access.items() if a == "restricted"} - served.deleted
    assert restricted and all(records[i].metadata["rights"][0].startswith("Hạn chế") for i in restricted)
    _check_pages(pages, len(served.access))


def test_list_identifiers_walks_the_same_records(served: Harvestable) -> None:
    public = {i for i, a in served.access.items() if a == "public"}
    headers, pages, _ = _harvest(Sickle(served.base + "/oai", max_retries=0), "ListIdentifiers")
    assert set(headers) == public
    _check_pages(pages, len(public))


def test_get_record_and_identify_through_sickle(served: Harvestable, tmp_path: Path) -> None:
    sickle = Sickle(served.base + "/oai", max_retries=0)
    identify = sickle.Identify()
    assert identify.granularity == "YYYY-MM-DDThh:mm:ssZ" and identify.baseURL == served.base + "/oai"
    doc_id = min(i for i, a in served.access.items() if a == "public" and i not in served.deleted)
    record = sickle.GetRecord(identifier=REPO + doc_id, metadataPrefix="oai_dc")
    assert record.metadata["title"] == [served.titles[doc_id]]
    assert [f.metadataPrefix for f in sickle.ListMetadataFormats()] == ["oai_dc"]
    specs = [s.setSpec for s in sickle.ListSets()]
    assert {"level", "province", "province:hai-phong", "level:commune"} <= set(specs)
