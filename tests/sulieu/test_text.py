"""The one normaliser: tone-mark placement, folding, i/y variants, bigrams, offsets."""

import unicodedata

import pytest

from sulieu.text import analyze, exact_key, fold, has_diacritics, normalize_text, query_terms, syllables


@pytest.mark.parametrize(
    ("a", "b"),
    [("hòa", "hoà"), ("thủy", "thuỷ"), ("Ủy", "uỷ"), ("khỏe", "khoẻ"), ("lý", "lí"), ("kỹ", "kĩ"), ("quý", "quí")],
)
def test_tone_placement_and_iy_variants_share_a_key(a: str, b: str) -> None:
    assert exact_key(a) == exact_key(b)


@pytest.mark.parametrize(("a", "b"), [("hoàn", "hoan"), ("đảng", "dang"), ("hòa", "hóa"), ("lịch", "lích")])
def test_different_words_keep_different_exact_keys(a: str, b: str) -> None:
    assert exact_key(a) != exact_key(b)


def test_closed_syllables_are_not_rewritten_in_stored_text() -> None:
    for word in ("hoàn", "ngoài", "huýt"):
        assert normalize_text(word) == unicodedata.normalize("NFC", word)


def test_nfd_input_and_eth_are_normalised() -> None:
    nfd = unicodedata.normalize("NFD", "Đảng bộ")
    assert normalize_text(nfd) == "Đảng bộ"
    assert normalize_text("\u00d0ảng") == "Đảng"
    assert normalize_text("a\u200bb\u00adc") == "abc"


def test_fold_removes_diacritics_and_d_stroke() -> None:
    assert fold("Lịch sử Đảng bộ Kiến An") == "lich su dang bo kien an"


def test_query_without_diacritics_matches_folded_view() -> None:
    doc = analyze("Lịch sử Đảng bộ quận Kiến An")
    assert [s.fold for s in query_terms("lich su dang bo kien an")] == doc.fold.split()[:4] + doc.fold.split()[5:]


def test_bigrams_do_not_cross_punctuation() -> None:
    a = analyze("Thành ủy Hải Phòng. Quận ủy Kiến An")
    pairs = a.bigram.split()
    assert f"{exact_key('Phòng')}_{exact_key('Quận')}" not in pairs
    assert f"{exact_key('Thành')}_{exact_key('ủy')}" in pairs


def test_syllable_offsets_point_into_the_text() -> None:
    text = normalize_text("Số 193-KH/QU ngày 03/11/2023")
    for s in syllables(text):
        assert text[s.start : s.end] == s.text


def test_has_diacritics() -> None:
    assert has_diacritics("Đảng")
    assert not has_diacritics("dang bo")
