"""TCVN3, VNI and CP1258 decoding, on strings encoded here and on well-known legacy spellings."""

from __future__ import annotations

import unicodedata

import pytest

from ingest.legacy_encodings import (
    decode_bytes,
    decode_tcvn3,
    decode_vni,
    encode_tcvn3,
    encode_vni,
    fix_legacy_text,
    vietnamese_score,
)

SENTENCE = (
    "Đảng bộ thành phố Hải Phòng quán triệt nghị quyết, chỉ thị của Trung ương; "
    "ưu tiên đổi mới công tác tuyên truyền lịch sử Đảng, ngày 28 tháng 02 năm 2024"
)
ALL_LOWER = "àáảãạ ăằắẳẵặ âầấẩẫậ đ èéẻẽẹ êềếểễệ ìíỉĩị òóỏõọ ôồốổỗộ ơờớởỡợ ùúủũụ ưừứửữự ỳýỷỹỵ"


def _cp1258_bytes(text: str) -> bytes:
    """CP1258 keeps â ê ô ơ ư ă đ precomposed and writes tones as combining marks."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for ch in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        tone = "".join(c for c in d if c in tones)
        try:
            out.append((ch).encode("cp1258"))
        except UnicodeEncodeError:
            out.append(base.encode("cp1258") + tone.encode("cp1258"))
    return b"".join(out)


def test_tcvn3_known_spelling():
    # How "Cộng hoà xã hội chủ nghĩa Việt Nam" looks in a .VnTime document read as Latin-1.
    assert decode_tcvn3("C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam") == "Cộng hoà xã hội chủ nghĩa Việt Nam"
    assert decode_tcvn3("\xa7\xb6ng") == "Đảng"


def test_vni_known_spelling():
    assert decode_vni("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam") == "Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert decode_vni("ÑAÛNG COÄNG SAÛN VIEÄT NAM") == "ĐẢNG CỘNG SẢN VIỆT NAM"


@pytest.mark.parametrize("text", [SENTENCE, ALL_LOWER])
def test_tcvn3_round_trip(text):
    encoded = encode_tcvn3(text)
    assert encoded != text
    assert all(ord(c) < 256 for c in encoded)
    # Upper-case toned letters have no TCVN3 code (they came from .VnTimeH fonts).
    expected = "".join(c if c in "ĂÂĐÊÔƠƯ" or not unicodedata.normalize("NFD", c)[1:] else c.lower() for c in text)
    assert decode_tcvn3(encoded) == expected


@pytest.mark.parametrize("text", [SENTENCE, ALL_LOWER, ALL_LOWER.upper()])
def test_vni_round_trip(text):
    encoded = encode_vni(text)
    assert all(ord(c) < 256 for c in encoded)
    assert decode_vni(encoded) == text


def test_score_tells_vietnamese_from_garble():
    assert vietnamese_score(SENTENCE) > 0.9
    assert vietnamese_score(encode_tcvn3(SENTENCE)) < 0.5
    assert vietnamese_score(encode_vni(SENTENCE)) < 0.5


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SENTENCE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), "utf-8-sig"),
        (SENTENCE.encode("utf-16"), "utf-16"),
        (SENTENCE.encode("utf-16-le"), "utf-16-le"),
        (_cp1258_bytes(SENTENCE), "cp1258"),
        (encode_tcvn3(SENTENCE).encode("latin-1"), "tcvn3"),
        (encode_vni(SENTENCE).encode("latin-1"), "vni"),
    ],
)
def test_decode_bytes_each_encoding(data, encoding):
    text, detected = decode_bytes(data)
    assert detected == encoding
    if encoding == "tcvn3":
        assert text == decode_tcvn3(encode_tcvn3(SENTENCE))
    else:
        assert text == SENTENCE


def test_fix_legacy_leaves_unicode_alone():
    for text in [SENTENCE, "© 2024 Văn phòng Trung ương «Nhân dân»", "Giá 100 ® (đăng ký)"]:
        assert fix_legacy_text(text) == (text, None)


def test_fix_legacy_mixed_lines():
    text = "ĐẢNG CỘNG SẢN VIỆT NAM\n" + encode_tcvn3("quán triệt nghị quyết của Trung ương")
    fixed, enc = fix_legacy_text(text)
    assert enc == "tcvn3"
    assert fixed == "ĐẢNG CỘNG SẢN VIỆT NAM\nquán triệt nghị quyết của Trung ương"


@pytest.mark.parametrize(
    "line",
    ["Áp lực P (KG) 50 ÷80 80 ÷ 160", "TC = (SĐT × Pt) × (1+i)n × i", "Ö Ö Ö Ö 2 Báo cáo", "£ Phương án"],
)
def test_lone_symbols_in_unicode_text_are_not_legacy_letters(line):
    # Seen in real gazette texts: maths signs and check boxes that TCVN3 would read as letters.
    text = f"Điều 1. Quy định chung\n{line.replace('Báo cáo', 'Bao cao').replace('Phương', 'Phuong')}\n"
    fixed, enc = fix_legacy_text(text)
    assert enc is None and fixed == text


def test_tcvn3_words_pasted_into_unicode_text_are_repaired():
    fixed, enc = fix_legacy_text("QUYẾT ĐỊNH\nV/v: §Ýnh chÝnh QuyÕt ®Þnh sè 29")
    assert enc == "tcvn3"
    assert fixed.endswith("Đính chính Quyết định số 29")
