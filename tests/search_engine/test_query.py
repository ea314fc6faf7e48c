"""The query language: what parses, and the Vietnamese messages for what does not."""

from __future__ import annotations

import pytest

from search_engine.query import FieldTerm, TextTerm, parse_query
from sulieu.errors import QuerySyntaxError


def items(q: str):
    return [(c.negated, [type(i).__name__ for i in c.items]) for c in parse_query(q).clauses]


def test_words_phrases_negation_or():
    pq = parse_query('lịch sử "Đảng bộ xã" -Kiến chỉ thị OR nghị quyết')
    assert [c.negated for c in pq.clauses] == [False, False, False, True, False, False, False]
    phrase = pq.clauses[2].items[0]
    assert isinstance(phrase, TextTerm) and phrase.phrase and phrase.fold == ("dang", "bo", "xa")
    assert [t.text for t in pq.clauses[5].items] == ["thị", "nghị"]  # OR binds its two neighbours
    assert pq.clauses[0].items[0].accented


def test_tone_placement_and_fold_in_terms():
    a = parse_query("hoà").clauses[0].items[0]
    b = parse_query("hòa").clauses[0].items[0]
    assert a.exact == b.exact and a.fold == ("hoa",)
    assert not parse_query("hoa").clauses[0].items[0].accented


@pytest.mark.parametrize(
    ("q", "field", "check"),
    [
        ("loai:KH", "loai", lambda t: t.key == "kh"),
        ('loại:"Kế hoạch"', "loai", lambda t: t.key == "ke hoach"),
        ("so:193-KH/QU", "so", lambda t: t.key == "193-kh-qu"),
        ("Số: 249/2025/NĐ-CP", "so", lambda t: t.key == "249-2025-nd-cp"),
        ("so:193 -KH/QU", "so", lambda t: t.key == "193-kh-qu"),  # stray space, as printed (DESIGN.md §3)
        ("Số: 04 /2026/TT-BCT", "so", lambda t: t.key == "4-2026-tt-bct"),
        ('co_quan:"Thành ủy Hải Phòng"', "co_quan", lambda t: t.fold == ("thanh", "uy", "hai", "phong")),
        ("noi:Hà_Nội", "noi", lambda t: t.fold == ("ha", "noi")),
        ("nam:2020..2023", "nam", lambda t: (t.lo, t.hi) == (2020, 2023)),
        ("năm:2020", "nam", lambda t: (t.lo, t.hi) == (2020, 2020)),
        ("nam:..2000", "nam", lambda t: (t.lo, t.hi) == (None, 2000)),
        ("ngay:2024-01-01..2024-03-31", "ngay", lambda t: (t.lo, t.hi) == (20240101, 20240331)),
        ("ngày:2024-02", "ngay", lambda t: (t.lo, t.hi) == (20240201, 20240229)),
        ("ngay:12/01/2024", "ngay", lambda t: (t.lo, t.hi) == (20240112, 20240112)),
        ('ky:"Nguyễn Văn A"', "ky", lambda t: t.fold == ("nguyen", "van", "a")),
        ("trich_dan:20-CT/TW", "trich_dan", lambda t: t.key == "20-ct-tw"),
    ],
)
def test_fields(q, field, check):
    (clause,) = parse_query(q).clauses
    term = clause.items[0]
    assert isinstance(term, FieldTerm) and term.field == field and check(term)


@pytest.mark.parametrize(
    ("q", "fragment"),
    [
        ('"lịch sử Đảng', "ngoặc kép"),
        ("nam:2023..2020", "bị ngược"),
        ("nam:20x", "Năm"),
        ("nam:2020..2021..2022", "Khoảng"),
        ("ngay:2024-13-01", "không tồn tại"),
        ("ngay:hôm_qua", "không hợp lệ"),
        ("ngay:2024-03-31..2024-01-01", "bị ngược"),
        ("tacgia:Nam", "Không có trường"),
        ("loai:", "thiếu giá trị"),
        ("nam: 2020", "thiếu giá trị"),
        ("OR lịch sử", "OR"),
        ("lịch sử OR", "OR"),
        ("-lịch -sử", "loại trừ"),
        ("a -b OR c", "OR"),
        (" ".join(["từ"] * 300), "quá nhiều"),
        ("x" * 5000, "quá dài"),
    ],
)
def test_malformed_queries_get_a_clear_message(q, fragment):
    with pytest.raises(QuerySyntaxError) as e:
        parse_query(q)
    assert fragment in e.value.message
    assert e.value.http_status == 400 and e.value.code == "query_syntax"


def test_symbol_keys_for_ranking():
    assert parse_query("193 KH QU").symbol_keys == ["193-kh-qu"]
    assert "20-ct-tw" in parse_query("sơ kết Chỉ thị 20-CT/TW").symbol_keys
    assert parse_query("lịch sử Đảng").symbol_keys == []


def test_stray_space_in_a_symbol_is_not_an_exclusion():
    pq = parse_query("Số 193 -KH/QU")
    assert not any(c.negated for c in pq.clauses)
    assert "193-kh-qu" in pq.symbol_keys


def test_empty_and_punctuation_only():
    assert parse_query("").empty
    assert parse_query("  ... — ").empty
    assert not parse_query("Trả lời: có").empty  # a colon after an unknown word is just text


def test_long_query_leaves_out_words_most_documents_hold():
    from search_engine.models import SearchRequest
    from search_engine.plan import build_plan

    shares = {"cac": 0.95, "cua": 0.9, "va": 0.97, "bien": 0.1, "soan": 0.12, "lich": 0.3, "su": 0.35}
    share = lambda f: shares.get(f, 0.0)  # noqa: E731
    long_q = parse_query("các của và biên soạn lịch sử")
    plan = build_plan(long_q, SearchRequest(), share=share)
    words = {t.fold for t in plan.highlight}
    assert words == {("bien",), ("soan",), ("lich",), ("su",)}
    text = repr(plan.doc_query)
    assert "'cac'" not in text and "'bien'" in text
    assert "và_biên" in text  # the proximity bonus still sees every word
    every_common = build_plan(parse_query("các của và các của và"), SearchRequest(), share=share)
    assert {t.fold for t in every_common.highlight} == {("cac",), ("cua",), ("va",)}  # nothing rare: all kept
    short = build_plan(parse_query("các biên"), SearchRequest(), share=share)  # not long: every word must match
    assert {t.fold for t in short.highlight} == {("cac",), ("bien",)}


@pytest.mark.parametrize("value,want", [("1945..1954", (1945, 1954)), ("1945-1954", (1945, 1954)),
                                        ("1945–1954", (1945, 1954)), ("1954", (1954, 1954)),
                                        ("1975..", (1975, None)), ("..1954", (None, 1954))])
def test_period_values(value, want):
    (item,) = parse_query(f"giai_doan:{value}").clauses[0].items
    assert (item.field, item.lo, item.hi) == ("giai_doan", *want)


@pytest.mark.parametrize("value", ["abc", "1954..1945", "1954-1945", "45..54", "1945..1950..1954", "..", "1945.1954"])
def test_malformed_period_says_why(value):
    with pytest.raises(QuerySyntaxError) as e:
        parse_query(f"giai_doan:{value}")
    assert "Giai đoạn" in e.value.message or "Khoảng" in e.value.message
