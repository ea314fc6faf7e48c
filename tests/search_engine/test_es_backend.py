"""Bulk writes under load: items a busy node rejects with 429 are sent again, any other item error stops the
batch with its reason. The faults are injected by a client that answers like a node would."""

from __future__ import annotations

from typing import Any

import pytest

from search_engine.es_backend import RETRY_PAUSES, send_bulk
from sulieu.errors import BackendError, ClusterBusy


class BusyNode:
    """Answers each bulk with the statuses given per call (then all 201), keeping what was written."""

    label = "OpenSearch"

    def __init__(self, statuses: list) -> None:
        self.statuses = statuses
        self.calls: list[list[str]] = []
        self.written: dict[str, dict] = {}

    def bulk(self, ops: list[dict[str, Any]]) -> dict[str, Any]:
        plan = self.statuses.pop(0) if self.statuses else {}
        if plan == "breaker":
            self.calls.append([])
            raise ClusterBusy("OpenSearch đang quá tải, hãy thử lại sau.", detail="circuit_breaking_exception")
        ids = [op["index"]["_id"] for op in ops[::2]]
        self.calls.append(ids)
        items = []
        for i, doc_id in enumerate(ids):
            status = plan.get(doc_id, 201)
            if status == 201:
                self.written[doc_id] = ops[2 * i + 1]
                items.append({"index": {"_id": doc_id, "status": 201}})
            else:
                items.append({"index": {"_id": doc_id, "status": status,
                                        "error": {"type": "es_rejected_execution_exception" if status == 429
                                                  else "mapper_parsing_exception", "reason": "x"}}})
        return {"errors": any("error" in next(iter(it.values())) for it in items), "items": items}


def _ops(*ids: str) -> list[dict[str, Any]]:
    return [line for i in ids for line in ({"index": {"_index": "t", "_id": i}}, {"id": i})]


def test_rejected_items_are_sent_again_until_written() -> None:
    node = BusyNode([{"b": 429, "c": 429}, {"c": 429}])
    pauses: list[float] = []
    send_bulk(node, _ops("a", "b", "c"), sleep=pauses.append)  # type: ignore[arg-type]
    assert node.calls == [["a", "b", "c"], ["b", "c"], ["c"]]  # only what was refused goes again
    assert sorted(node.written) == ["a", "b", "c"] and pauses == [0.5, 1.0]


def test_rejections_that_outlast_the_pauses_raise() -> None:
    node = BusyNode([{"b": 429}] * (len(RETRY_PAUSES) + 1))
    with pytest.raises(BackendError) as e:
        send_bulk(node, _ops("a", "b"), sleep=lambda _: None)  # type: ignore[arg-type]
    assert "từ chối" in e.value.message and "es_rejected_execution_exception" in (e.value.detail or "")
    assert len(node.calls) == len(RETRY_PAUSES) + 1


def test_a_bad_document_raises_at_once_with_its_reason() -> None:
    node = BusyNode([{"a": 429, "b": 400}])
    with pytest.raises(BackendError) as e:
        send_bulk(node, _ops("a", "b"), sleep=lambda _: None)  # type: ignore[arg-type]
    assert "mapper_parsing_exception" in (e.value.detail or "") and len(node.calls) == 1


def test_a_request_refused_whole_by_a_circuit_breaker_is_sent_again() -> None:
    node = BusyNode(["breaker", "breaker"])
    pauses: list[float] = []
    send_bulk(node, _ops("a", "b"), sleep=pauses.append)  # type: ignore[arg-type]
    assert sorted(node.written) == ["a", "b"] and pauses == [0.5, 1.0] and len(node.calls) == 3
    always = BusyNode(["breaker"] * (len(RETRY_PAUSES) + 1))
    with pytest.raises(ClusterBusy):
        send_bulk(always, _ops("a"), sleep=lambda _: None)  # type: ignore[arg-type]
    assert not always.written
