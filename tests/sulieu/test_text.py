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


def _reference_analysis(text: str) -> tuple[str, str, str, str]:
    """The plain definition of the index views (what ``analyze`` computed before issue 19)."""
    text = normalize_text(text)
    sylls = list(syllables(text))
    breaks, prev = [], 0
    for s in sylls:
        breaks.append(any(c in ".,;:!?()[]{}\"“”'‘’\n/|–—-…*" for c in text[prev : s.start]))
        prev = s.end
    keys = [s.exact for s in sylls]
    bigram = " ".join(f"{keys[i]}_{keys[i + 1]}" for i in range(len(keys) - 1) if not breaks[i + 1])
    return " ".join(keys), " ".join(s.fold for s in sylls), bigram, fold(bigram)


def test_analyze_gives_the_reference_terms_on_random_text() -> None:
    """Random text over Vietnamese letters (precomposed and decomposed), the i/y variants, odd letters a
    case-mapping or fold could treat specially (İ, Σ, ß, Ð, ư before y), digits, '_' and punctuation."""
    import random
    import unicodedata

    pieces = ["lý", "LÍ", "quý", "qưy", "Hoà", "hòa", "Đảng", "đy", "Ð", "İ", "ΣΑΣ", "ß", "Kỹ", "kĩ", "ươ", "a_b",
              "215-KH/TU", "2023", " ", "  ", ", ", ".\n", "(", "…", "—", "\u00a0", "\u200b", "x\u0301", "y\u0323",
              "Nghị quyết", "ngày", "’", "*", "ĐẢNG ỦY", "ǅ", "ﬁ"]  # fmt: skip
    rng = random.Random(19)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        if rng.random() < 0.2:
            text = unicodedata.normalize("NFD", text)
        a = analyze(text)
        assert (a.exact, a.fold, a.bigram, a.bigram_fold) == _reference_analysis(text), repr(text)
