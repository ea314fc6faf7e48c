"""What only the cluster engines have: an index on a server, shaped by settings, that can be stale or away.

Run against the real OpenSearch node of the test run (and Elasticsearch when SULIEU_ES_URL is set).
"""

from __future__ import annotations

import pytest

from search_engine import connect, ensure_index, open_backend
from search_engine.models import SearchRequest
from search_engine.service import search
from sulieu.errors import BackendError, SchemaMismatch
from sulieu.settings import Settings
from tests.conftest import drop_engine_index, engine_overrides

from .conftest import CORPUS

ENGINES = [pytest.param("es", marks=pytest.mark.es), pytest.param("opensearch", marks=pytest.mark.es)]


@pytest.fixture(params=ENGINES)
def settings(request, store):
    s = Settings(archive=store.root, **engine_overrides(request.param))  # type: ignore[arg-type]
    yield s
    drop_engine_index(s)


def _put_schema_version(settings: Settings, version: int) -> None:
    backend = connect(settings)
    raw = backend.client.client  # type: ignore[attr-defined]
    raw.indices.put_mapping(index=settings.es_index, body={"_meta": {"schema_version": version}})
    backend.close()


def test_stale_schema_is_detected_and_ensure_index_rebuilds_from_the_archive(settings, store):
    backend = ensure_index(settings, store)  # a new, empty index beside a filled archive: filled from it
    assert backend.ids() == {r.id for r in CORPUS}
    assert backend.name == ("opensearch" if settings.opensearch_url else "elasticsearch")
    backend.close()
    _put_schema_version(settings, 1)
    with pytest.raises(SchemaMismatch) as e:
        open_backend(settings)
    assert "sulieu reindex" in e.value.message and e.value.http_status == 503
    backend = ensure_index(settings, store)
    assert backend.stored_schema_version() == backend.schema_version
    assert [h.id for h in search(backend, SearchRequest(q="Kiến An")).hits] == [CORPUS[0].id]
    backend.close()


def test_shards_and_replicas_come_from_the_settings(settings, store):
    shaped = settings.model_copy(update={"es_shards": 3, "es_replicas": 0})
    backend = ensure_index(shaped, store)
    raw = backend.client.client  # type: ignore[attr-defined]
    idx = raw.indices.get_settings(index=shaped.es_index)[shaped.es_index]["settings"]["index"]
    assert (idx["number_of_shards"], idx["number_of_replicas"]) == ("3", "0")
    # three shards answer exactly as one: same totals, same first hit
    r = search(backend, SearchRequest(q="lịch sử", allowed_access=["public", "internal"]))
    assert r.total == 3 and r.hits[0].id == CORPUS[0].id
    backend.close()


@pytest.mark.parametrize("key", ["opensearch_url", "es_url"])
def test_an_unreachable_server_is_a_clear_503(store, key):
    with pytest.raises(BackendError) as e:
        open_backend(Settings(archive=store.root, **{key: "http://127.0.0.1:9"}))  # type: ignore[arg-type]
    assert ("OpenSearch" if key == "opensearch_url" else "Elasticsearch") in e.value.message
    assert e.value.http_status == 503


def test_two_cluster_engines_at_once_is_refused():
    with pytest.raises(ValueError, match="Chỉ đặt một"):
        Settings(es_url="http://127.0.0.1:9200", opensearch_url="http://127.0.0.1:9201")
