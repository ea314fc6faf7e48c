"""Header column split on synthetic word positions; Markdown stripping rules."""

from __future__ import annotations

from ingest.convert_layout import Word, header_columns, layout_text, splice_header
from ingest.convert_markdown import strip_markdown

W, H = 595.0, 842.0


def _line(y: float, *parts: tuple[float, str]) -> list[Word]:
    """Words of one row: (x of the first word, text); words 6 pt per letter, 4 pt gaps."""
    out = []
    for x, text in parts:
        for token in text.split():
            w = 6.0 * len(token)
            out.append(Word(token, x, y, x + w, y + 12))
            x += w + 4
    return out


def _page() -> list[Word]:
    return (
        _line(20, (40, "CÔNG BÁO/Số 12/Ngày 3-1-2024"), (540, "7"))  # running header: one two-sided row
        + _line(60, (50, "ĐẢNG BỘ TỈNH"), (330, "ĐẢNG CỘNG SẢN VIỆT NAM"))
        + _line(75, (55, "TỈNH ỦY"))
        + _line(90, (60, "*"))
        + _line(105, (50, "Số 45-CT/TU"), (340, "Hưng Yên, ngày 2 tháng 1 năm 2024"))
        + _line(140, (262, "CHỈ THỊ"))  # centred type name ends the header
        + _line(170, (40, "Về tăng cường công tác giáo dục lịch sử Đảng trong cán bộ đảng viên"))
    )


def test_header_found_and_ordered():
    text, reordered = layout_text(_page(), W, H)
    assert reordered
    assert text.split("\n") == [
        "CÔNG BÁO/Số 12/Ngày 3-1-2024 7",
        "ĐẢNG BỘ TỈNH", "TỈNH ỦY", "*", "Số 45-CT/TU",
        "ĐẢNG CỘNG SẢN VIỆT NAM", "Hưng Yên, ngày 2 tháng 1 năm 2024",
        "CHỈ THỊ",
        "Về tăng cường công tác giáo dục lịch sử Đảng trong cán bộ đảng viên",
    ]


def test_no_header_on_single_column_page():
    words = _line(60, (40, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"))
    words += _line(75, (40, "Theo đề nghị của Trưởng Ban Tuyên giáo Tỉnh ủy về việc biên soạn"))
    assert header_columns(words, W, H) is None
    text, reordered = layout_text(words, W, H)
    assert not reordered and text.count("\n") == 1


def test_splice_keeps_engine_text_outside_header():
    words = _page()
    # The engine's text: rows interleaved, body line broken differently than by position.
    raw_parts, rebuilt = [], []
    pos = 0
    for w in words:
        raw_parts.append(w.text + " ")
        rebuilt.append(w._replace(start=pos))
        pos += len(w.text) + 1
    raw = "".join(raw_parts)
    found = header_columns(rebuilt, W, H)
    assert found is not None
    text = splice_header(raw, rebuilt, *found)
    assert text.startswith("CÔNG BÁO/Số 12/Ngày 3-1-2024 7\nĐẢNG BỘ TỈNH\nTỈNH ỦY\n*\nSố 45-CT/TU\nĐẢNG CỘNG SẢN")
    assert text.endswith("CHỈ THỊ Về tăng cường công tác giáo dục lịch sử Đảng trong cán bộ đảng viên ")


def test_markdown_rules():
    src = (
        "## THÔNG BÁO\n**QUẬN ỦY\nKIẾN AN**\n*\n- Kính gửi:*\n * mục một\n + mục hai\n"
        "Trên đây là \"*Lịch sử Đảng bộ*\", 2 * 3 = 6\n[Cổng](https://x.vn) <https://y.vn>\n---\n"
        "| TT | Nội dung |\n|---|---|\n| 1 | Sưu tầm |\n\\*ghi chú\\*"
    )
    assert strip_markdown(src).split("\n") == [
        "THÔNG BÁO", "QUẬN ỦY", "KIẾN AN", "*", "Kính gửi:", "- mục một", "- mục hai",
        "Trên đây là \"Lịch sử Đảng bộ\", 2 * 3 = 6", "Cổng https://y.vn", "",
        "| TT | Nội dung |", "", "| 1 | Sưu tầm |", "*ghi chú*",
    ]


def test_footnote_stars_and_rules_are_not_markdown():
    from ingest.convert_markdown import looks_like_markdown

    assert not looks_like_markdown("CHÍNH PHỦ\n*******\nSố: 274/2025\n(**) Cán bộ đo đạc ký\n(***) Người sử dụng đất")
    assert looks_like_markdown("**ĐẢNG BỘ TP HẢI PHÒNG\nQUẬN ỦY KIẾN AN**\n*")
