"""Issuers named after a citation: whole names, never cut at "và", a comma or a line end."""

from __future__ import annotations

import pytest

from ingest.understand.citations import find_citations


@pytest.mark.parametrize("text, symbol, issuer", [
    ("Thực hiện Thông tư số 12/2024/TT-BGDĐT ngày 10/5/2024 của Bộ Giáo dục và Đào tạo về tuyển sinh.",
     "12/2024/TT-BGDĐT", "Bộ Giáo dục và Đào tạo"),
    ("Căn cứ Quyết định số 5/2020/QĐ-BVHTTDL của Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch, các đơn vị",
     "5/2020/QĐ-BVHTTDL", "Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch"),
    ("Theo Công văn số 88/BTNMT của Bộ Tài nguyên\nvà Môi trường và Ủy ban nhân dân tỉnh",
     "88/BTNMT", "Bộ Tài nguyên và Môi trường"),
    ("Thực hiện Hướng dẫn số 15-HD/BTGDVTW của Ban Tuyên giáo và Dân vận Trung ương về tuyên truyền",
     "15-HD/BTGDVTW", "Ban Tuyên giáo và Dân vận Trung ương"),
    ("Thực hiện Chỉ thị số 20-CT/TW ngày 18/01/2018 của Ban\nBí thư về lịch sử Đảng", "20-CT/TW", "Ban Bí thư"),
    # "và" that joins two bodies still ends the first
    ("Thực hiện Kế hoạch số 328-KH/TU ngày 12/01/2024 của Ban Thường vụ Thành ủy và các văn bản khác",
     "328-KH/TU", "Ban Thường vụ Thành ủy"),
    ("Theo Thông tư số 3/2023/TT-BTC của Bộ Tài chính và Bộ Nội vụ", "3/2023/TT-BTC", "Bộ Tài chính"),
])
def test_the_issuer_is_the_whole_name(text: str, symbol: str, issuer: str) -> None:
    found = {c.symbol: c for c in find_citations([text])}
    assert found[symbol].issuer == issuer
    assert found[symbol].text.endswith(issuer)


@pytest.mark.parametrize("text, issuer", [
    ("Theo Thông tư số 56/2023/TT-BTC ngày 18 tháng 8 năm 2023 của Bộ trưởng Bộ Tài\nchính quy định việc lập",
     "Bộ trưởng Bộ Tài chính"),
    ("Căn cứ Quyết định số 22/2017/QĐ-TTg ngày 22 tháng 6 năm 2017 của Thủ\ntướng Chính phủ về cơ chế",
     "Thủ tướng Chính phủ"),
    ("Theo Thông tư số 27/2018/TT-BLĐTBXH ngày 25/12/2018 của Bộ trưởng Bộ Lao động - Thương binh\nvà Xã hội quy định",
     "Bộ trưởng Bộ Lao động - Thương binh và Xã hội"),
    ("Theo Thông tư số 02/2023/TT-BKHCN ngày 08/5/2023 của Bộ trưởng Bộ Khoa học\nvà Công nghệ hướng dẫn",
     "Bộ trưởng Bộ Khoa học và Công nghệ"),
    ("Căn cứ Quyết định số 1269/QĐ-TTg ngày 02/10/2019 của Thủ tướng\nChính phủ phê duyệt", "Thủ tướng Chính phủ"),
    ("Theo Thông tư số 44/2022/TT-BTC ngày 21/7/2022 của Bộ trưởng Bộ Tài chính quy\nđịnh mức chi", "Bộ trưởng Bộ Tài chính"),
])
def test_a_name_broken_at_a_line_end_is_joined(text: str, issuer: str) -> None:
    (c,) = [c for c in find_citations([text]) if c.issuer]
    assert c.issuer == issuer


@pytest.mark.parametrize("text, issuer", [
    ("Theo Thông tư số 44/2022/TT-BTC của Bộ Tài chính được sửa đổi bởi Thông tư khác", "Bộ Tài chính"),
    ("Căn cứ Nghị quyết số 43/2022/QH15 của Quốc hội thí điểm một số chính sách đặc thù", "Quốc hội"),
    ("Căn cứ Nghị quyết số 10/2021/QH15 của Quốc hội khóa XV thông qua", "Quốc hội khóa XV"),
    ("Căn cứ Nghị quyết số 12-NQ/TU của Ban Thường vụ Thành ủy Hải Phòng về", "Ban Thường vụ Thành ủy Hải Phòng"),
])
def test_the_sentence_going_on_after_a_listed_name_is_not_the_issuer(text: str, issuer: str) -> None:
    (c,) = find_citations([text])[:1]
    assert c.issuer == issuer and c.text.endswith(issuer)
