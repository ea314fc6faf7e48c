"""Snippets are cut by our code from stored text, identical on both engines."""

from __future__ import annotations

from search_engine.highlight import match_spans, matching_words, snippet
from search_engine.query import parse_query
from sulieu.text import syllables


def terms(q: str):
    return parse_query(q).positive_text_terms()


def test_accent_free_query_highlights_accented_words():
    html = snippet("Lịch sử Đảng bộ quận Kiến An", terms("lich su dang bo"))
    assert html == "<mark>Lịch</mark> <mark>sử</mark> <mark>Đảng</mark> <mark>bộ</mark> quận Kiến An"


def test_an_accented_word_marks_its_exact_form_only():
    assert [(s, e) for s, e, _ in match_spans("bản giao và bàn giao", terms("bản"))] == [(0, 3)]
    assert len(match_spans("bản giao và bàn giao", terms("ban"))) == 2  # typed without diacritics: every form
    assert match_spans("ưu tiên đẩy nhanh tiến độ", terms("tiến độ")) == [(18, 22, 1.0), (23, 25, 1.0)]
    assert [s for s, *_ in match_spans("phổ biến, biên bản", terms("biên"))] == [10]


def test_a_symbol_is_one_unit():
    text = "Kế hoạch 215-KH/TU, tư liệu, 09-CT/TU"
    assert [text[s:e] for s, e, _ in match_spans(text, terms("215-KH/TU"))] == ["215-KH/TU"]
    words = text.replace(",", "").split()
    assert [words[i] for i in matching_words(words, terms("215-KH/TU"))] == ["215-KH/TU"]
    assert matching_words(["215-", "KH/TU", "tư"], terms("215-KH/TU")) == [0, 1]  # split over two boxes


def test_phrase_and_tone_placement():
    html = snippet("Thành uỷ Hải Phòng; thành ủy khác", terms('"Thành ủy Hải Phòng"'))
    assert html.startswith("<mark>Thành uỷ Hải Phòng</mark>;")


def test_window_goes_to_the_densest_cluster_and_escapes():
    text = "mở đầu " * 100 + "<b>lịch sử</b> Đảng bộ " + "kết thúc " * 100
    html = snippet(text, terms("lịch sử Đảng"))
    assert "&lt;b&gt;<mark>lịch</mark> <mark>sử</mark>&lt;/b&gt; <mark>Đảng</mark>" in html
    assert html.startswith("…") and html.endswith("…")
    assert len(html) < 600


def test_no_match_gives_the_start_of_the_page():
    assert snippet("Trang đầu <i>x</i>", []) == "Trang đầu &lt;i&gt;x&lt;/i&gt;"


def test_spans_use_the_normaliser_syllables():
    text = "Ủy ban 193-KH/QU ngày 02/5/2023"
    spans = match_spans(text, terms("193-KH/QU"))
    starts = {s.start for s in syllables(text)}
    assert spans and all(s in starts for s, _, _ in spans)


def _reference(text, ts):
    """Single words only, straight from sulieu.text.syllables (the index's own tokenisation): a word
    typed with diacritics matches its exact form, one typed without them every form."""
    exact = {k for t in ts if t.accented for k in t.exact}
    folded = {k for t in ts if not t.accented for k in t.fold}
    return [(s.start, s.end) for s in syllables(text) if s.fold in folded or s.exact in exact]


def test_fast_matcher_equals_the_normaliser_on_real_text(shared_dir):
    import json

    path = shared_dir / "corpus" / "vbpl_central_2025" / "documents.jsonl"
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()[:40]]
    for q in ["quy định chuyên gia", "quy dinh chuyen gia", "hoà bình lý luận", "Đảng ủy thủy lợi"]:
        ts = terms(q)
        for r in rows:
            text = r["text"][:6000]
            assert [(s, e) for s, e, _ in match_spans(text, ts)] == _reference(text, ts)
