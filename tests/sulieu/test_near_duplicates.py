"""Near-duplicate rules: a noisy copy is found with or without its header, two committees' plans that share
a symbol never merge, and editors' decisions survive re-detection."""

from __future__ import annotations

from sulieu.near_duplicates import DocKey, DuplicatePair, DuplicatesFile, find_pairs, merge_detected

TEXT = ("Ban Thường vụ Quận ủy đề nghị các chi bộ, đảng bộ trực thuộc tổ chức sưu tầm tư liệu, hiện vật về lịch sử "
        "Đảng bộ quận giai đoạn 1930 đến 2020; mỗi chi bộ cử một đồng chí phụ trách, lập danh mục và gửi về Ban "
        "Tuyên giáo trước ngày 30 tháng 6. Văn phòng Quận ủy tổng hợp, báo cáo Thường trực Quận ủy kết quả thực hiện.")
OTHER = ("Ủy ban Kiểm tra Huyện ủy kiểm tra việc chấp hành quy định về kê khai tài sản của cán bộ thuộc diện quản lý; "
         "các đảng ủy xã báo cáo danh sách trước ngày 15 tháng 9 và chịu trách nhiệm về số liệu đã báo cáo.")


def _key(doc_id: str, text: str, symbol: str | None = "31-KH/QU", date: str | None = "2021-04-12",
         issuer: str | None = "quan uy kien an", born: bool = True) -> DocKey:
    return DocKey(doc_id, symbol and symbol.lower(), date, issuer, text, born, "2024-01-01T00:00:00+00:00")


def _scan(text: str) -> str:  # what OCR makes of it: accents lost, words split and joined, a few letters wrong
    return text.replace("ủ", "u").replace("ộ", "o").replace("Đảng bộ", "Dang bo").replace("chi bộ", "chibo") \
        .replace("tư liệu", "tư 1iệu").replace("trực thuộc", "trực thu ộc")


def test_a_scan_of_a_born_digital_document_is_its_copy_with_or_without_its_header() -> None:
    pairs = find_pairs([_key("aaaa0001", TEXT), _key("bbbb0002", _scan(TEXT), born=False),
                        _key("cccc0003", _scan(TEXT), symbol=None, date=None, born=False),
                        _key("dddd0004", OTHER, symbol="12-KH/HU", issuer="huyen uy vinh bao")])
    found = {(p.a, p.b): p for p in pairs}
    assert set(found) == {("aaaa0001", "bbbb0002"), ("aaaa0001", "cccc0003"), ("bbbb0002", "cccc0003")}
    assert found[("aaaa0001", "bbbb0002")].reason == "key" and found[("aaaa0001", "cccc0003")].reason == "text"
    assert found[("aaaa0001", "bbbb0002")].original == "aaaa0001"  # born-digital kept in results
    assert DuplicatesFile(pairs=pairs).copies() == {"bbbb0002", "cccc0003"}


def test_two_committees_numbering_alike_never_merge_even_with_one_template() -> None:
    twin = TEXT.replace("Quận ủy", "Huyện ủy").replace("quận", "huyện")
    assert find_pairs([_key("aaaa0001", TEXT), _key("eeee0005", twin, issuer="huyen uy an lao")]) == []
    assert find_pairs([_key("aaaa0001", TEXT), _key("ffff0006", OTHER)]) == []  # same symbol, date, issuer; other text


def test_an_editors_decision_outlives_detection() -> None:
    detected = find_pairs([_key("aaaa0001", TEXT), _key("bbbb0002", _scan(TEXT), born=False)])
    rejected = DuplicatePair(a="aaaa0001", b="bbbb0002", reason="key", status="rejected", decided_by="bientap")
    merged = merge_detected(DuplicatesFile(pairs=[rejected]), detected, {"aaaa0001", "bbbb0002"})
    assert [p.status for p in merged.pairs] == ["rejected"] and merged.copies() == frozenset()
    assert merge_detected(DuplicatesFile(pairs=[rejected]), [], {"aaaa0001"}).pairs == []  # bbbb0002 deleted
