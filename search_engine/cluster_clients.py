"""Two thin clients that send ``es_bodies``' request bodies: elasticsearch-py and opensearch-py.

They differ only in how a call is spelled (the Elasticsearch client refuses OpenSearch servers with its
product check, so each engine needs its own library); what is sent is the same. Every failure of either
library becomes ``BackendError`` with a Vietnamese message, which the API answers as a 503.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

from search_engine.es_bodies import SEARCH_TYPE
from sulieu.errors import BackendError, ClusterBusy


class ClusterClient(Protocol):
    engine: str  # "elasticsearch" | "opensearch"
    label: str  # "Elasticsearch" | "OpenSearch": in messages

    def create_index(self, index: str, body: dict[str, Any]) -> None: ...

    def delete_index(self, index: str) -> None: ...

    def stored_meta(self, index: str) -> dict[str, Any] | None:
        """The index mapping's ``_meta``, or None when the index does not exist."""
        ...

    def delete_by_query(self, index: str, body: dict[str, Any]) -> None: ...

    def bulk(self, operations: list[dict[str, Any]]) -> dict[str, Any]:
        """Write without waiting for visibility; ``refresh`` makes a whole batch visible at once."""
        ...

    def refresh(self, index: str) -> None: ...

    def search(self, index: str, body: dict[str, Any]) -> dict[str, Any]: ...

    def count(self, index: str, body: dict[str, Any]) -> int: ...

    def scan(self, index: str, body: dict[str, Any]) -> Iterator[dict[str, Any]]: ...

    def close(self) -> None: ...


def hosts(url: str) -> list[str]:
    """``SULIEU_*_URL`` may list several nodes, comma-separated: the client fails over between them."""
    return [u.strip() for u in url.split(",") if u.strip()]


def check_shards(label: str, res: dict[str, Any]) -> dict[str, Any]:
    """A partial answer is an error, never a silent short list: some shards failed or did not answer."""
    shards = res.get("_shards") or {}
    if shards.get("failed") or (shards and shards.get("successful", 0) < shards.get("total", 0)):
        raise BackendError(
            f"{label} chỉ trả lời được một phần chỉ mục ({shards.get('successful')}/{shards.get('total')} phân mảnh): "
            "kết quả không đầy đủ nên không hiển thị. Vui lòng thử lại sau.",
            detail=str(shards.get("failures", ""))[:500],
        )
    return res


class _ClientBase:
    """What both libraries spell alike; a subclass names its library's client, errors, 404 and scan helper."""

    label = ""
    url = ""
    errors: tuple[type[BaseException], ...] = ()
    not_found: type[BaseException] = LookupError
    client: Any
    scan_helper: Any

    def _call(self, fn: Any, *args: Any, **kw: Any) -> Any:
        try:
            return fn(*args, **kw)
        except self.errors as e:
            status = getattr(e, "status_code", None) or getattr(getattr(e, "meta", None), "status", None)
            if status == 429:
                raise ClusterBusy(f"{self.label} ({self.url}) đang quá tải, hãy thử lại sau.", detail=str(e)[:500]) from e
            raise BackendError(f"{self.label} ({self.url}) báo lỗi hoặc không trả lời.", detail=str(e)[:500]) from e

    def create_index(self, index: str, body: dict[str, Any]) -> None:
        self._call(self.client.indices.create, index=index, body=body)

    def stored_meta(self, index: str) -> dict[str, Any] | None:
        try:
            m = self.client.indices.get_mapping(index=index)
        except self.not_found:
            return None
        except Exception as e:
            raise BackendError(f"Không kết nối được {self.label} tại {self.url}.", detail=str(e)[:500]) from e
        for v in dict(m).values():
            return dict(v.get("mappings", {}).get("_meta", {}))
        return None

    def refresh(self, index: str) -> None:
        self._call(self.client.indices.refresh, index=index)

    def count(self, index: str, body: dict[str, Any]) -> int:
        return int(check_shards(self.label, dict(self._call(self.client.count, index=index, body=body)))["count"])

    def scan(self, index: str, body: dict[str, Any]) -> Iterator[dict[str, Any]]:
        try:
            yield from self.scan_helper(self.client, index=index, query=body, raise_on_error=True)
        except Exception as e:
            raise BackendError(f"{self.label} ({self.url}) báo lỗi hoặc không trả lời.", detail=str(e)[:500]) from e

    def close(self) -> None:
        self.client.close()


class ElasticsearchClient(_ClientBase):
    engine = "elasticsearch"
    label = "Elasticsearch"

    def __init__(self, url: str, timeout: float = 60) -> None:
        from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
        from elasticsearch.helpers import scan

        self.url = url
        self.errors = (ApiError, TransportError)
        self.not_found = NotFoundError
        self.scan_helper = scan
        self.client = Elasticsearch(hosts(url), request_timeout=timeout, retry_on_timeout=True)

    def delete_index(self, index: str) -> None:
        self._call(self.client.indices.delete, index=index, ignore_unavailable=True)

    def delete_by_query(self, index: str, body: dict[str, Any]) -> None:
        self._call(self.client.delete_by_query, index=index, body=body, refresh=True, conflicts="proceed")

    def bulk(self, operations: list[dict[str, Any]]) -> dict[str, Any]:
        return dict(self._call(self.client.bulk, operations=operations))

    def search(self, index: str, body: dict[str, Any]) -> dict[str, Any]:
        res = self._call(
            self.client.search, index=index, body=body, allow_partial_search_results=False, search_type=SEARCH_TYPE
        )
        return check_shards(self.label, dict(res))


class OpenSearchClient(_ClientBase):
    engine = "opensearch"
    label = "OpenSearch"

    def __init__(self, url: str, timeout: float = 60) -> None:
        from opensearchpy import OpenSearch
        from opensearchpy.exceptions import ImproperlyConfigured, NotFoundError, SerializationError, TransportError
        from opensearchpy.helpers import scan

        self.url = url
        self.errors = (TransportError, ImproperlyConfigured, SerializationError)
        self.not_found = NotFoundError
        self.scan_helper = scan
        self.client = OpenSearch(hosts(url), timeout=timeout, retry_on_timeout=True, max_retries=3)

    def delete_index(self, index: str) -> None:
        self._call(self.client.indices.delete, index=index, params={"ignore_unavailable": "true"})

    def delete_by_query(self, index: str, body: dict[str, Any]) -> None:
        params = {"refresh": "true", "conflicts": "proceed"}
        self._call(self.client.delete_by_query, index=index, body=body, params=params)

    def bulk(self, operations: list[dict[str, Any]]) -> dict[str, Any]:
        return dict(self._call(self.client.bulk, body=operations))

    def search(self, index: str, body: dict[str, Any]) -> dict[str, Any]:
        params = {"allow_partial_search_results": "false", "search_type": SEARCH_TYPE}
        return check_shards(self.label, dict(self._call(self.client.search, index=index, body=body, params=params)))
