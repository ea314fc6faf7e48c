"""Elasticsearch request bodies, checked for structure without a server (DESIGN.md §9)."""

from __future__ import annotations

import json

from search_engine._base import SCHEMA_VERSION
from search_engine.es_backend import _ClusterBatch
from search_engine.es_bodies import (
    ANALYZER,
    bulk_actions,
    compile_node,
    index_mappings,
    index_settings,
    pages_body,
    search_body,
)
from search_engine.models import IndexDocument, IndexPage, SearchRequest
from search_engine.plan import INT_FIELDS, KEYWORD_FIELDS, TEXT_FIELDS, WEIGHTS, build_plan
from search_engine.query import parse_query
from sulieu.text import analyze, exact_key


def test_settings_use_a_bare_whitespace_analyzer():
    s = index_settings()
    an = s["analysis"]["analyzer"][ANALYZER]
    assert an == {"type": "custom", "tokenizer": "whitespace", "filter": []}  # terms arrive pre-analysed
    assert s["number_of_shards"] == 1


def test_mappings_cover_every_plan_field_with_schema_version():
    m = index_mappings()
    assert m["_meta"]["schema_version"] == SCHEMA_VERSION
    assert m["dynamic"] == "strict"
    props = m["properties"]
    for f in TEXT_FIELDS:
        assert props[f]["type"] == "text" and props[f]["analyzer"] == ANALYZER
        assert props[f]["index_options"] == "positions"  # phrases
    for f in KEYWORD_FIELDS:
        assert props[f] == {"type": "keyword"}
    for f in INT_FIELDS:
        assert props[f] == {"type": "long"}
    assert props["payload"]["index"] is False


def test_bulk_documents_match_the_mapping_and_our_analyser():
    doc = IndexDocument(
        id="d000000000000001",
        title="Kế hoạch",
        symbol="193-KH/QU",
        symbol_key="193-kh-qu",
        issuer_path=["Quận ủy Kiến An", "Thành ủy Hải Phòng"],
        date="2023-05",
        date_from="2023-05-01",
        date_to="2023-05-31",
        year=2023,
        pages=[IndexPage(number=1, text="Đảng ủy xã"), IndexPage(number=2, text="Thành uỷ")],
    )
    ops = bulk_actions("sulieu", doc)
    assert [o.get("index", {}).get("_id") for o in ops[::2]] == [doc.id, f"{doc.id}:1", f"{doc.id}:2"]
    props = index_mappings()["properties"]
    for src in ops[1::2]:
        assert set(src) <= set(props), set(src) - set(props)  # "dynamic: strict" would reject extras
    d = ops[1]
    assert d["rtype"] == "doc" and d["date_from"] == 20230501 and d["date_to"] == 20230531
    assert "exact" not in d and d["d_exact"] == analyze("Đảng ủy xã").exact + " " + analyze("Thành uỷ").exact
    assert d["issuer_fold"] == "quan uy kien an | thanh uy hai phong"
    assert ops[5]["fold"] == analyze("Thành ủy").fold  # tone placement unified before indexing
    assert "exact" not in ops[5] and "bigram" not in ops[5]  # page entries: folded views only (issue 19)
    json.dumps(ops)  # serialisable as sent


def test_query_body_structure_for_words_fields_and_symbol():
    pq = parse_query('biên soạn "lịch sử" -Kiến co_quan:"Thành ủy Hải Phòng" nam:2020..2023 193-KH/QU')
    req = SearchRequest(q=pq.text, allowed_access=["public", "internal"], doc_type=["Kế hoạch"])
    body = search_body(build_plan(pq, req).doc_query, "relevance", 10, 10, True)
    assert body["from"] == 10 and body["size"] == 10 and body["track_total_hits"] is True
    assert set(body["aggs"]) == {"doc_type", "issuer", "level", "province", "place", "year"}
    top = body["query"]["bool"]
    flt = top["filter"][0]["bool"]["filter"]
    assert {"term": {"rtype": {"value": "doc"}}} in flt
    assert {"terms": {"access": ["public", "internal"]}} in flt
    assert {"term": {"deleted": {"value": 0}}} in flt
    assert {"terms": {"doc_type": ["Kế hoạch"]}} in flt
    neg = top["must_not"][0]["bool"]
    assert neg["should"] == [
        {"term": {"d_exact": {"value": exact_key("Kiến")}}},
        {"term": {"d_fold": {"value": "kien", "boost": WEIGHTS.fold_accented}}},
    ]
    assert neg["minimum_should_match"] == 1
    text = json.dumps(body, ensure_ascii=False)
    pair = analyze("lịch sử").exact.replace(" ", "_")
    assert f'"term": {{"d_bigram": {{"value": "{pair}"}}}}' in text  # a quoted pair goes through the bigram view
    assert '"exact"' not in text and '"fold"' not in text  # documents are searched in their own fields
    assert '"match_phrase": {"issuer_fold": {"query": "thanh uy hai phong"' in text
    three = compile_node(build_plan(parse_query('"Đảng bộ xã"'), SearchRequest()).doc_query)
    assert '"match_phrase": {"d_exact"' in json.dumps(three, ensure_ascii=False)  # order still checked
    assert '"range": {"year": {"gte": 2020, "lte": 2023}}' in text
    assert '"constant_score": {"filter": {"term": {"symbol_key": {"value": "193-kh-qu"}}}, "boost": 1000.0}' in text


def test_sort_pages_and_more_like_bodies():
    req = SearchRequest(sort="date_asc")
    plan = build_plan(parse_query(""), req)
    body = search_body(plan.doc_query, "date_asc", 0, 5, False)
    assert body["sort"][0] == {"date_asc": {"order": "asc"}} and "aggs" not in body
    pb = pages_body(None, "d1", 1)
    assert pb["sort"] == [{"page": {"order": "asc"}}]
    assert {"term": {"id": {"value": "d1"}}} in pb["query"]["bool"]["filter"]
    from search_engine.plan import MoreLike

    mlt = compile_node(MoreLike("fold", "lich su dang"))["more_like_this"]
    assert mlt["fields"] == ["fold"] and mlt["like"] == "lich su dang" and mlt["analyzer"] == ANALYZER


def test_should_only_bool_requires_one_match():
    pq = parse_query(" ".join(["một", "hai", "ba", "bốn", "năm", "sáu"]))  # long query: scored OR
    q = compile_node(build_plan(pq, SearchRequest()).doc_query)
    inner = q["bool"]["must"][0]["bool"]["must"][0]["bool"]
    assert inner["minimum_should_match"] == 3 and len(inner["should"]) == 6  # 40 % of six words


def test_batch_buffers_until_commit():
    b = _ClusterBatch()
    b.upsert(IndexDocument(id="x1"))
    b.delete("x1")
    b.upsert(IndexDocument(id="x2"))
    assert set(b.upserts) == {"x2"} and b.deletes == {"x1"}


def test_unreachable_server_is_a_clear_backend_error():
    import pytest

    from search_engine import open_backend
    from sulieu.errors import BackendError
    from sulieu.settings import Settings

    with pytest.raises(BackendError) as e:
        open_backend(Settings(es_url="http://127.0.0.1:9"))
    assert "Elasticsearch" in e.value.message and e.value.http_status == 503


def test_bulk_requests_are_cut_at_document_boundaries_under_the_size_limit():
    from search_engine.es_bodies import bulk_chunks

    docs = [IndexDocument(id=f"d{i:03d}", pages=[IndexPage(number=1, text="chữ " * 2000)]) for i in range(12)]
    chunks = list(bulk_chunks("ix", docs, max_bytes=120_000))
    assert len(chunks) > 1
    for ops in chunks:
        assert len(ops) % 4 == 0  # whole documents only: record action + body, page action + body
        assert sum(len(json.dumps(o, ensure_ascii=False).encode()) + 1 for o in ops) <= 120_000 or len(ops) == 4
    assert [op["index"]["_id"] for ops in chunks for op in ops[::2]] == [
        x for d in docs for x in (d.id, f"{d.id}:1")
    ]
