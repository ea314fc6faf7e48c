"""The conformance suite: written once, run against every backend (Tantivy; Elasticsearch with SULIEU_ES_URL)."""

from __future__ import annotations

import json

import pytest

from search_engine.indexer import build_index_document, reindex, sync
from search_engine.models import IndexDocument, IndexPage, SearchRequest

from .conftest import CORPUS, ids

KIEN_AN, TU_328, CT_20, INTERNAL, DELETED = (r.id for r in CORPUS)


def test_words_must_all_match(search):
    assert ids(search("biên soạn Kiến An")) == [KIEN_AN]
    assert search("biên soạn xyzzy").total == 0


def test_query_without_diacritics_finds_accented_text(search):
    r = search("lich su dang bo kien an")
    assert ids(r)[0] == KIEN_AN
    assert "<mark>" in r.hits[0].snippets[0].html


def test_tone_placement_variants_are_equal(search):
    assert TU_328 in ids(search("hoà bình"))
    assert TU_328 in ids(search("hòa bình"))


def test_exact_diacritics_rank_above_folded(search):
    # "bản" is in TU_328 (signer Bản is not text) ... body: KIEN_AN has "Ban", TU_328 none; use bạn/bản pair
    r = search("bạn đọc", allowed_access=["public", "internal"])
    assert ids(r) == [INTERNAL]
    r = search("kế hoạch")  # exact in both Kế hoạch documents, before anything folded
    assert set(ids(r)[:2]) == {KIEN_AN, TU_328}


def test_exact_beats_folded_homograph(make_backend):
    b = make_backend()
    with b.batch() as bt:
        bt.upsert(IndexDocument(id="b000000000000001", pages=[IndexPage(number=1, text="quyết định về bàn giao")]))
        bt.upsert(IndexDocument(id="b000000000000002", pages=[IndexPage(number=1, text="quyết định về bản giao")]))
    from search_engine.service import search

    r = search(b, SearchRequest(q="bản giao"))
    assert ids(r) == ["b000000000000002", "b000000000000001"]
    assert r.hits[0].score > r.hits[1].score
    r = search(b, SearchRequest(q="ban giao"))
    assert set(ids(r)) == {"b000000000000001", "b000000000000002"}


def test_phrase_negation_or(search):
    assert ids(search('"lịch sử Đảng bộ quận"')) == [KIEN_AN]
    assert KIEN_AN not in ids(search("lịch sử -Kiến"))
    assert TU_328 in ids(search("lịch sử -Kiến"))
    assert set(ids(search('Kiến OR "vẻ vang"'))) == {KIEN_AN, TU_328}


def test_field_type_and_symbol(search):
    assert set(ids(search("loai:KH"))) == {KIEN_AN, TU_328}
    assert set(ids(search('loại:"Kế hoạch"'))) == {KIEN_AN, TU_328}
    assert ids(search("so:193-KH/QU")) == [KIEN_AN]
    assert ids(search("Số: 193/KH-QU")) == [KIEN_AN]
    assert ids(search("so:328")) == [TU_328]


def test_field_issuer_includes_subordinate_bodies(search):
    assert set(ids(search('co_quan:"Thành ủy Hải Phòng"'))) == {KIEN_AN, TU_328}
    assert ids(search('co_quan:"quan uy kien an"')) == [KIEN_AN]
    all_access = ["public", "internal", "restricted"]
    assert INTERNAL in ids(search('co_quan:"Thành ủy Hải Phòng"', allowed_access=all_access))


def test_field_place_signer_citation(search):
    assert ids(search('noi:"Kiến An"')) == [KIEN_AN]
    assert set(ids(search('noi:"Hải Phòng"'))) == {KIEN_AN, TU_328}
    assert ids(search('ky:"Nguyễn Văn Hòa"')) == [KIEN_AN]
    assert ids(search("ky:hoa")) == [KIEN_AN]


def test_citation_field(make_backend, store):
    from sulieu.model import Citation

    rec = store.read_record(KIEN_AN)
    rec.citations = [Citation(text="Chỉ thị số 20-CT/TW", symbol="20-CT/TW", symbol_key="20-ct-tw")]
    store.write_record(rec)
    b = make_backend()
    reindex(store, b)
    from search_engine.service import search

    assert ids(search(b, SearchRequest(q="trich_dan:20/CT-TW"))) == [KIEN_AN]
    assert ids(search(b, SearchRequest(q="trich_dan:99-CT/TW"))) == []


def test_year_and_date_ranges(search):
    assert set(ids(search("nam:2023..2024"))) == {KIEN_AN, TU_328}
    assert ids(search("nam:..2019")) == [CT_20]
    assert ids(search("ngay:2024-01-01..2024-01-31")) == [TU_328]
    assert ids(search("ngay:2018-06-15")) == [CT_20]  # a year-only date spans the whole year
    assert ids(search("ngay:12/01/2024")) == [TU_328]
    assert set(ids(search("", date_from="2023-01-01", date_to="2024-12-31"))) == {KIEN_AN, TU_328}


@pytest.mark.parametrize("spelling", ["193-KH/QU", "193-kh/qu", "193/KH-QU", "193 KH QU", "Số: 193-KH/QU", "so 193 kh qu"])
def test_symbol_in_any_spelling_comes_first(search, spelling):
    assert ids(search(spelling))[0] == KIEN_AN


def test_symbol_cited_elsewhere_still_ranks_its_document_first(search):
    r = search("20-CT/TW")
    assert ids(r)[0] == CT_20
    assert KIEN_AN in ids(r)  # the document citing it also matches, below


def test_access_filter_inside_engine(search, filled):
    r = search("bảo vệ bí mật")
    assert r.total == 0 and r.hits == []
    assert all(v.value != "Báo cáo" for v in r.facets["doc_type"])
    r_all = search("", allowed_access=["public"])
    assert INTERNAL not in ids(search("", allowed_access=["public"], page_size=100))
    assert sum(v.count for v in r_all.facets["doc_type"]) == r_all.total == 3
    r = search("bảo vệ bí mật", allowed_access=["public", "internal"])
    assert ids(r) == [INTERNAL]
    assert filled.get(INTERNAL, ["public"]) is None
    assert filled.get(INTERNAL, ["internal"]).title == "Báo cáo bảo mật"
    assert filled.count(SearchRequest(q="", allowed_access=[])) == 0


def test_deleted_hidden_unless_asked(search):
    assert DELETED not in ids(search("kỷ niệm"))
    assert DELETED in ids(search("kỷ niệm", include_deleted=True))


def test_facets_count_documents(search):
    r = search("")
    assert r.total == 3
    facets = {k: {v.value: v.count for v in vs} for k, vs in r.facets.items()}
    assert facets["doc_type"] == {"Kế hoạch": 2, "Chỉ thị": 1}
    assert facets["year"] == {"2023": 1, "2024": 1, "2018": 1}
    assert facets["level"] == {"district": 1, "province": 1, "central": 1}
    assert facets["issuer"]["Thành ủy Hải Phòng"] == 2  # its own plan and the Quận ủy under it (issuer_path)
    r = search("", doc_type=["Kế hoạch"], year=[2024])
    assert ids(r) == [TU_328]
    assert search("", facets=False).facets["doc_type"] == []


def test_sort_and_pagination(search):
    assert ids(search("", sort="date_desc", page_size=10)) == [TU_328, KIEN_AN, CT_20]
    assert ids(search("", sort="date_asc")) == [CT_20, KIEN_AN, TU_328]
    p1 = search("", sort="date_desc", page_size=2, page=1)
    p2 = search("", sort="date_desc", page_size=2, page=2)
    assert ids(p1) == [TU_328, KIEN_AN] and ids(p2) == [CT_20]
    assert p1.total == p2.total == 3
    assert search("", page=5).hits == []


def test_best_pages_grouped_with_numbered_snippets(search):
    r = search("Ban Tuyên giáo")
    hit = r.hits[0]
    assert hit.id == KIEN_AN
    assert hit.pages[0].page == 3
    assert hit.snippets[0].page == 3
    assert "<mark>Tuyên</mark>" in hit.snippets[0].html


def test_search_inside_one_document(search):
    r = search("Quận ủy", doc_id=KIEN_AN)
    assert ids(r) == [KIEN_AN]
    assert {p.page for p in r.hits[0].pages} >= {1, 2, 3}
    assert {s.page for s in r.hits[0].snippets} >= {1, 2, 3}
    assert search("Quận ủy", doc_id=TU_328).total == 0


def test_more_like_this(search):
    r = search("", more_like=KIEN_AN)
    assert KIEN_AN not in ids(r)
    assert ids(r)[0] == CT_20  # shares "biên soạn lịch sử đảng bộ"
    from sulieu.errors import NotFound

    with pytest.raises(NotFound):
        search("", more_like=INTERNAL)  # not visible to a public reader


def test_snippets_escape_html(search):
    r = search("kỷ niệm thành lập", include_deleted=True)
    html = next(h for h in r.hits if h.id == DELETED).snippets[0].html
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_batch_discards_on_error_and_upsert_replaces(backend):
    doc = IndexDocument(id="c000000000000001", pages=[IndexPage(number=1, text="trang một"), IndexPage(number=2, text="trang hai")])
    with backend.batch() as b:
        b.upsert(doc)
    with pytest.raises(RuntimeError):
        with backend.batch() as b:
            b.upsert(IndexDocument(id="c000000000000002", pages=[IndexPage(number=1, text="không được lưu")]))
            raise RuntimeError("boom")
    assert backend.ids() == {"c000000000000001"}
    from search_engine.service import search

    assert search(backend, SearchRequest(q="lưu")).total == 0
    with backend.batch() as b:
        b.upsert(doc.model_copy(update={"pages": [IndexPage(number=1, text="trang mới")]}))
    got = backend.get("c000000000000001", ["public"])
    assert [p.text for p in got.pages] == ["trang mới"]
    assert search(backend, SearchRequest(q="hai")).total == 0
    with backend.batch() as b:
        b.delete("c000000000000001")
    assert backend.ids() == set()


def test_sync_follows_the_archive(backend, store):
    reindex(store, backend)
    assert backend.ids() == {r.id for r in CORPUS}
    store.root.joinpath("records", KIEN_AN[:2], f"{KIEN_AN}.json").unlink()
    sync(store, backend, [KIEN_AN])
    assert KIEN_AN not in backend.ids()


def test_get_roundtrip(filled):
    doc = filled.get(KIEN_AN, ["public"])
    expected = build_index_document(CORPUS[0], [], None)
    assert doc.model_dump() == expected.model_dump()


def test_result_json_shape(search):
    data = json.loads(search("lịch sử").model_dump_json())
    assert {"total", "hits", "facets"} <= data.keys()
    assert set(data["facets"]) >= {"doc_type", "issuer", "level", "province", "place", "year"}
    hit = data["hits"][0]
    assert {"id", "title", "doc_type", "symbol", "issuer", "date", "score", "snippets"} <= hit.keys()
    assert {"page", "html"} <= hit["snippets"][0].keys()
    assert {"value", "count"} <= data["facets"]["doc_type"][0].keys()


def test_filter_lists_take_any_of_their_values(search):
    assert set(ids(search("", year=[2018, 2024]))) == {CT_20, TU_328}
    assert set(ids(search("", level=["central", "district"]))) == {CT_20, KIEN_AN}
    assert set(ids(search("", issuer=["Ban Bí thư", "Thành ủy Hải Phòng"]))) == {CT_20, TU_328, KIEN_AN}
    assert ids(search("", place=["Kiến An"])) == [KIEN_AN]
    assert search("", needs_review=True).total == 0
    assert search("", needs_review=False).total == 3


def test_order_does_not_depend_on_insertion_order(make_backend):
    from search_engine.service import search

    docs = [
        IndexDocument(id=f"e{i:015x}", date="2024-01-01", pages=[IndexPage(number=1, text="cùng một nội dung")])
        for i in range(12)
    ]
    orders = []
    for seq in (docs, list(reversed(docs))):
        b = make_backend()
        with b.batch() as bt:
            for d in seq:
                bt.upsert(d)
        orders.append(
            [
                ids(search(b, SearchRequest(q=q, sort=s, page=p, page_size=5)))
                for q in ("", "nội dung")
                for s in ("relevance", "date_desc", "date_asc")
                for p in (1, 2, 3)
            ]
        )
    assert orders[0] == orders[1]
    assert len({i for page in orders[0][:3] for i in page}) == 12  # pages do not overlap


def test_open_date_ranges_leave_out_undated_documents(make_backend):
    from search_engine.service import search

    b = make_backend()
    with b.batch() as bt:
        bt.upsert(IndexDocument(id="f000000000000001", pages=[IndexPage(number=1, text="không ngày")]))
        bt.upsert(
            IndexDocument(
                id="f000000000000002",
                date="1999",
                year=1999,
                date_from="1999-01-01",
                date_to="1999-12-31",
                pages=[IndexPage(number=1, text="có ngày")],
            )
        )
    for q, kw in [("nam:..2000", {}), ("ngay:..2000-01-01", {}), ("", {"date_to": "2000-01-01"})]:
        assert ids(search(b, SearchRequest(q=q, **kw))) == ["f000000000000002"], q
    assert search(b, SearchRequest(q="")).total == 2


def test_best_pages_of_every_hit_even_when_one_document_has_many_better_pages(make_backend, tmp_path):
    """A 300-page book full of the words must not crowd the one matching page of a short letter."""
    from search_engine.service import search
    from sulieu.store import ArchiveStore

    from .conftest import make_record

    store = ArchiveStore(tmp_path / "kho").init()
    book = [f"Trang {i}: lịch sử Đảng bộ, lịch sử Đảng bộ, lịch sử Đảng bộ huyện." for i in range(300)]
    store.write_record(make_record("b000000000000001", book, title="Lịch sử Đảng bộ huyện"))
    filler = " ".join(["các cơ quan, đơn vị phối hợp thực hiện"] * 40)  # a long page: a low score
    letter = ["Kính gửi các chi bộ.", f"Đề nghị gửi tư liệu lịch sử Đảng bộ về Văn phòng. {filler}", "Nơi nhận."]
    store.write_record(make_record("b000000000000002", letter, title="Công văn gửi tư liệu"))
    b = make_backend()
    reindex(store, b)
    r = search(b, SearchRequest(q="lịch sử Đảng bộ"))
    by_id = {h.id: h for h in r.hits}
    assert set(by_id) == {"b000000000000001", "b000000000000002"}
    assert by_id["b000000000000002"].pages[0].page == 2
    assert by_id["b000000000000002"].snippets[0].page == 2
    assert len(by_id["b000000000000001"].pages) >= 2


@pytest.mark.parametrize(
    "q",
    [
        "lịch sử Đảng bộ",
        "lich su dang bo",
        '"lịch sử Đảng bộ" -Kiến',
        "hòa OR Kiến",
        "biên soạn lịch sử Đảng bộ quận Kiến An giai đoạn",  # long: scored OR
        "Kiến An loai:KH nam:2020..2024",
        "193-KH/QU",
        'co_quan:"Thành ủy Hải Phòng" tuyên truyền',
        "Đảng -tuyên",
    ],
)
def test_counting_query_matches_the_same_documents(filled, q):
    """Facets are counted with ``match_only`` (no bonuses, no exact views): same documents, less work."""
    from search_engine.plan import match_only

    plan = filled._plan(SearchRequest(q=q, allowed_access=["public", "internal"]))
    n = filled._count(plan.doc_query)
    assert n > 0, q
    assert filled._count(match_only(plan.doc_query)) == n, q


# --- issue 14: look-up by type and number, long queries, one issuer scope, facets --------------
def _docs(b, *docs: IndexDocument) -> None:
    with b.batch() as bt:
        for d in docs:
            bt.upsert(d)


def test_type_and_number_without_the_issuer_rank_the_holders_first(make_backend):
    from search_engine.service import search

    b = make_backend()
    text = "Kế hoạch số 215-KH/TU của Ban Thường vụ Thành ủy; kế hoạch 215 được triển khai, kế hoạch 215"
    _docs(b,
          IndexDocument(id="c000000000000001", doc_type="Kế hoạch", doc_type_code="KH", number="215",
                        symbol="215-KH/TU", symbol_key="215-kh-tu", pages=[IndexPage(number=1, text="kỷ niệm")]),
          IndexDocument(id="c000000000000002", doc_type="Kế hoạch", doc_type_code="KH", number="216",
                        symbol="216-KH/TU", symbol_key="216-kh-tu", pages=[IndexPage(number=1, text=text)]),
          IndexDocument(id="c000000000000003", doc_type="Báo cáo", doc_type_code="BC", number="215",
                        symbol="215-BC/TU", symbol_key="215-bc-tu", pages=[IndexPage(number=1, text=text)]))
    for q in ("Kế hoạch 215", "KH 215", "KH215", "kh số 215", "ke hoach so 215"):
        assert ids(search(b, SearchRequest(q=q)))[0] == "c000000000000001", q
    assert ids(search(b, SearchRequest(q="KH215"))) == ["c000000000000001"]


def test_long_query_needs_a_share_of_its_words_and_counts_those_holding_all(make_backend):
    from search_engine.service import search

    b = make_backend()
    words = "alpha beta gamma delta epsilon".split()
    filler = [IndexDocument(id=f"d{i:015d}", pages=[IndexPage(number=1, text=f"khác {i} zeta")]) for i in range(20)]
    _docs(b, *filler,
          IndexDocument(id="e000000000000001", pages=[IndexPage(number=1, text=" ".join(words))]),
          IndexDocument(id="e000000000000002", pages=[IndexPage(number=1, text="alpha beta gamma")]),
          IndexDocument(id="e000000000000003", pages=[IndexPage(number=1, text="alpha")]))
    r = search(b, SearchRequest(q=" ".join(words)))
    assert ids(r)[:2] == ["e000000000000001", "e000000000000002"]
    assert "e000000000000003" not in ids(r)  # one word of five: below the 40 % share
    assert r.all_words == 1
    assert search(b, SearchRequest(q="alpha beta")).all_words is None  # short queries match every word anyway


def test_long_query_leaves_out_a_word_nearly_every_document_holds_alike_on_every_engine(make_backend):
    """Each engine must know how common a word is: OpenSearch, without the shares, matched the long queries
    on every word and counted more (8,548 against Tantivy's 5,872 at 100,000 pages)."""
    from search_engine.service import search

    b = make_backend()
    filler = [IndexDocument(id=f"d{i:015d}", pages=[IndexPage(number=1, text=f"khác {i} zeta")]) for i in range(20)]
    _docs(b, *filler,
          IndexDocument(id="e000000000000001", pages=[IndexPage(number=1, text="zeta alpha beta gamma delta")]),
          IndexDocument(id="e000000000000002", pages=[IndexPage(number=1, text="zeta alpha beta")]),
          IndexDocument(id="e000000000000003", pages=[IndexPage(number=1, text="delta")]))
    r = search(b, SearchRequest(q="zeta alpha beta gamma delta"))
    # "zeta" is in 22 of 23 documents: left out and counted as held, so one more word of five is enough
    assert r.total == 3 and set(ids(r)) == {"e000000000000001", "e000000000000002", "e000000000000003"}
    assert ids(r)[0] == "e000000000000001" and r.all_words == 1


def _scoped(doc_id: str, issuer: str, path: list[str], province: str, place: str, doc_type: str) -> IndexDocument:
    return IndexDocument(id=doc_id, issuer=issuer, issuer_path=path, province=province, place=place,
                         doc_type=doc_type, pages=[IndexPage(number=1, text="văn bản")])


def test_issuer_filter_and_facet_follow_the_scope_and_facets_are_multi_select(make_backend):
    from search_engine.service import search

    b = make_backend()
    hp = "Thành ủy Hải Phòng"
    _docs(b,
          _scoped("f000000000000001", hp, [hp], "Hải Phòng", "Hải Phòng", "Kế hoạch"),
          _scoped("f000000000000002", "Ban Tuyên giáo Thành ủy Hải Phòng",
                  ["Ban Tuyên giáo Thành ủy Hải Phòng", hp], "Hải Phòng", "Hải Phòng", "Hướng dẫn"),
          _scoped("f000000000000003", "Quận ủy Lê Chân", ["Quận ủy Lê Chân", hp], "Hải Phòng", "Lê Chân", "Kế hoạch"),
          _scoped("f000000000000004", "Tỉnh ủy Hưng Yên", ["Tỉnh ủy Hưng Yên"], "Hưng Yên", "Hưng Yên", "Báo cáo"))
    facets = {k: {v.value: v.count for v in vs} for k, vs in search(b, SearchRequest()).facets.items()}
    assert facets["issuer"][hp] == 3 and facets["province"] == {"Hải Phòng": 3, "Hưng Yên": 1}
    assert facets["place"]["Hải Phòng"] == 3  # place or province, as noi: matches
    assert search(b, SearchRequest(issuer=[hp])).total == 3 == search(b, SearchRequest(q=f'co_quan:"{hp}"')).total
    assert search(b, SearchRequest(province=["Hải Phòng"])).total == 3
    r = search(b, SearchRequest(doc_type=["Kế hoạch"]))
    assert r.total == 2
    assert {v.value: v.count for v in r.facets["doc_type"]} == {"Kế hoạch": 2, "Hướng dẫn": 1, "Báo cáo": 1}
    assert {v.value: v.count for v in r.facets["province"]} == {"Hải Phòng": 2}  # other facets: AND
    assert search(b, SearchRequest(doc_type=["Kế hoạch", "Báo cáo"], province=["Hưng Yên"])).total == 1


# --- issue 19: a rebuild's bulk writes --------------------------------------------------------
def test_bulk_commits_at_each_checkpoint_and_a_failure_keeps_only_what_was_committed(make_backend):
    from search_engine.service import search

    b = make_backend()
    first = [IndexDocument(id=f"g{i:015d}", pages=[IndexPage(number=1, text=f"kho lưu trữ {i}")]) for i in range(3)]
    later = IndexDocument(id="g000000000000009", pages=[IndexPage(number=1, text="kho lưu trữ chín")])
    with pytest.raises(RuntimeError):
        with b.bulk() as bulk:
            for d in first:
                bulk.upsert(d)
            bulk.checkpoint()
            assert search(b, SearchRequest(q="kho lưu trữ")).total == 3  # searchable while the bulk goes on
            bulk.upsert(later)
            raise RuntimeError("killed half-way")
    assert b.ids() == {d.id for d in first}  # the uncommitted document is not half there
    with b.batch() as bt:  # the writers were let go: another writer can start at once
        bt.upsert(later)
    assert search(b, SearchRequest(q="kho lưu trữ")).total == 4
