"""Issuing bodies of the sample and the outside documents it cites.

Real bodies and places (Ban Bí thư, Thành ủy Hải Phòng, huyện Khoái Châu ...) with fictional
documents. Dates stay before the 2025 reorganisation (Ban Tuyên giáo, district level) so every
body printed here still existed on the day its document is dated.
"""

from __future__ import annotations

from sample_data.spec import Body, Ext

HP, HY, HN = "Hải Phòng", "Hưng Yên", "Hà Nội"

# --- central -------------------------------------------------------------------------------
TW = Body("Ban Chấp hành Trung ương", ("BAN CHẤP HÀNH TRUNG ƯƠNG",), "TW", "party", "central", None, "Hà Nội")
BTGTW = Body(
    "Ban Tuyên giáo Trung ương",
    ("BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG", "BAN TUYÊN GIÁO"),
    "BTGTW",
    "party",
    "central",
    None,
    "Hà Nội",
    parent="Ban Chấp hành Trung ương Đảng",
)

# --- Hải Phòng -----------------------------------------------------------------------------
HP_TU = Body("Thành ủy Hải Phòng", ("THÀNH ỦY HẢI PHÒNG",), "TU", "party", "province", HP, "Hải Phòng")
HP_BTG = Body(
    "Ban Tuyên giáo Thành ủy Hải Phòng",
    ("THÀNH ỦY HẢI PHÒNG", "BAN TUYÊN GIÁO"),
    "BTGTU",
    "party",
    "province",
    HP,
    "Hải Phòng",
    parent="Thành ủy Hải Phòng",
)
HP_UB = Body(
    "Ủy ban nhân dân thành phố Hải Phòng",
    ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ HẢI PHÒNG"),
    "UBND",
    "state",
    "province",
    HP,
    "Hải Phòng",
    unit_suffix="VX",
)
LC_QU = Body(
    "Quận ủy Lê Chân",
    ("ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "QUẬN ỦY LÊ CHÂN"),
    "QU",
    "party",
    "district",
    HP,
    "Lê Chân",
    parent="Đảng bộ thành phố Hải Phòng",
)
LC_UB = Body(
    "Ủy ban nhân dân quận Lê Chân",
    ("ỦY BAN NHÂN DÂN", "QUẬN LÊ CHÂN"),
    "UBND",
    "state",
    "district",
    HP,
    "Lê Chân",
    unit_suffix="VX",
)
VN_DU = Body(
    "Đảng ủy phường Vĩnh Niệm",
    ("ĐẢNG BỘ QUẬN LÊ CHÂN", "ĐẢNG ỦY PHƯỜNG VĨNH NIỆM"),
    "ĐU",
    "party",
    "commune",
    HP,
    "Vĩnh Niệm",
    parent="Đảng bộ quận Lê Chân",
)
HK_DU = Body(
    "Đảng ủy phường Hàng Kênh",
    ("ĐẢNG BỘ QUẬN LÊ CHÂN", "ĐẢNG ỦY PHƯỜNG HÀNG KÊNH"),
    "ĐU",
    "party",
    "commune",
    HP,
    "Hàng Kênh",
    parent="Đảng bộ quận Lê Chân",
)
NN_DU = Body(
    "Đảng ủy phường Niệm Nghĩa",
    ("ĐẢNG BỘ QUẬN LÊ CHÂN", "ĐẢNG ỦY PHƯỜNG NIỆM NGHĨA"),
    "ĐU",
    "party",
    "commune",
    HP,
    "Niệm Nghĩa",
    parent="Đảng bộ quận Lê Chân",
)
VB_HU = Body(
    "Huyện ủy Vĩnh Bảo",
    ("ĐẢNG BỘ THÀNH PHỐ HẢI PHÒNG", "HUYỆN ỦY VĨNH BẢO"),
    "HU",
    "party",
    "district",
    HP,
    "Vĩnh Bảo",
    parent="Đảng bộ thành phố Hải Phòng",
)
VB_BTG = Body(
    "Ban Tuyên giáo Huyện ủy Vĩnh Bảo",
    ("HUYỆN ỦY VĨNH BẢO", "BAN TUYÊN GIÁO"),
    "BTGHU",
    "party",
    "district",
    HP,
    "Vĩnh Bảo",
    parent="Huyện ủy Vĩnh Bảo",
)
CA_DU = Body(
    "Đảng ủy xã Cổ Am",
    ("ĐẢNG BỘ HUYỆN VĨNH BẢO", "ĐẢNG ỦY XÃ CỔ AM"),
    "ĐU",
    "party",
    "commune",
    HP,
    "Cổ Am",
    parent="Đảng bộ huyện Vĩnh Bảo",
)
TD_DU = Body(
    "Đảng ủy xã Tam Đa",
    ("ĐẢNG BỘ HUYỆN VĨNH BẢO", "ĐẢNG ỦY XÃ TAM ĐA"),
    "ĐU",
    "party",
    "commune",
    HP,
    "Tam Đa",
    parent="Đảng bộ huyện Vĩnh Bảo",
)

# --- Hưng Yên ------------------------------------------------------------------------------
HY_TU = Body("Tỉnh ủy Hưng Yên", ("TỈNH ỦY HƯNG YÊN",), "TU", "party", "province", HY, "Hưng Yên")
HY_BTG = Body(
    "Ban Tuyên giáo Tỉnh ủy Hưng Yên",
    ("TỈNH ỦY HƯNG YÊN", "BAN TUYÊN GIÁO"),
    "BTGTU",
    "party",
    "province",
    HY,
    "Hưng Yên",
    parent="Tỉnh ủy Hưng Yên",
)
HY_UB = Body(
    "Ủy ban nhân dân tỉnh Hưng Yên",
    ("ỦY BAN NHÂN DÂN", "TỈNH HƯNG YÊN"),
    "UBND",
    "state",
    "province",
    HY,
    "Hưng Yên",
    unit_suffix="KGVX",
)
KC_HU = Body(
    "Huyện ủy Khoái Châu",
    ("ĐẢNG BỘ TỈNH HƯNG YÊN", "HUYỆN ỦY KHOÁI CHÂU"),
    "HU",
    "party",
    "district",
    HY,
    "Khoái Châu",
    parent="Đảng bộ tỉnh Hưng Yên",
)
DT_DU = Body(
    "Đảng ủy xã Dạ Trạch",
    ("ĐẢNG BỘ HUYỆN KHOÁI CHÂU", "ĐẢNG ỦY XÃ DẠ TRẠCH"),
    "ĐU",
    "party",
    "commune",
    HY,
    "Dạ Trạch",
    parent="Đảng bộ huyện Khoái Châu",
)
BM_DU = Body(
    "Đảng ủy xã Bình Minh",
    ("ĐẢNG BỘ HUYỆN KHOÁI CHÂU", "ĐẢNG ỦY XÃ BÌNH MINH"),
    "ĐU",
    "party",
    "commune",
    HY,
    "Bình Minh",
    parent="Đảng bộ huyện Khoái Châu",
)
VL_HU = Body(
    "Huyện ủy Văn Lâm",
    ("ĐẢNG BỘ TỈNH HƯNG YÊN", "HUYỆN ỦY VĂN LÂM"),
    "HU",
    "party",
    "district",
    HY,
    "Văn Lâm",
    parent="Đảng bộ tỉnh Hưng Yên",
)

# --- Hà Nội ---------------------------------------------------------------------------------
HN_TU = Body("Thành ủy Hà Nội", ("THÀNH ỦY HÀ NỘI",), "TU", "party", "province", HN, "Hà Nội")
HN_BTG = Body(
    "Ban Tuyên giáo Thành ủy Hà Nội",
    ("THÀNH ỦY HÀ NỘI", "BAN TUYÊN GIÁO"),
    "BTGTU",
    "party",
    "province",
    HN,
    "Hà Nội",
    parent="Thành ủy Hà Nội",
)
GL_HU = Body(
    "Huyện ủy Gia Lâm",
    ("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "HUYỆN ỦY GIA LÂM"),
    "HU",
    "party",
    "district",
    HN,
    "Gia Lâm",
    parent="Đảng bộ thành phố Hà Nội",
)
BT_DU = Body(
    "Đảng ủy xã Bát Tràng",
    ("ĐẢNG BỘ HUYỆN GIA LÂM", "ĐẢNG ỦY XÃ BÁT TRÀNG"),
    "ĐU",
    "party",
    "commune",
    HN,
    "Bát Tràng",
    parent="Đảng bộ huyện Gia Lâm",
)

# --- documents cited but not in the sample -------------------------------------------------
# Real, widely cited central documents (only their number, date and issuer are used) and a few
# fictional local ones. The expected cited-but-missing list is computed from these.
EXTERNAL: dict[str, Ext] = {
    e.key: e
    for e in (
        Ext("ext-ct20-tw", "Chỉ thị", "CT", "20", "20-CT/TW", (2018, 1, 18), "Ban Bí thư", "Ban Chấp hành Trung ương"),
        Ext("ext-ct05-tw", "Chỉ thị", "CT", "05", "05-CT/TW", (2016, 5, 15), "Bộ Chính trị", "Ban Chấp hành Trung ương"),
        Ext("ext-kl01-tw", "Kết luận", "KL", "01", "01-KL/TW", (2021, 5, 18), "Bộ Chính trị", "Ban Chấp hành Trung ương"),
        Ext("ext-kl2517-hvctqg", "Kết luận", "KL", "2517", "2517-KL/HVCTQG", (2023, 10, 9),
            "Học viện Chính trị quốc gia Hồ Chí Minh", "Học viện Chính trị quốc gia Hồ Chí Minh"),
        Ext("ext-luat-luutru-2024", "Luật", None, "33", "33/2024/QH15", (2024, 6, 21), "Quốc hội", "Quốc hội",
            label="Luật Lưu trữ"),
        Ext("ext-nd30-2020", "Nghị định", "NĐ", "30", "30/2020/NĐ-CP", (2020, 3, 5), "Chính phủ", "Chính phủ"),
        Ext("ext-hp-ct09-tu", "Chỉ thị", "CT", "09", "09-CT/TU", (2019, 4, 22), "Ban Thường vụ Thành ủy", "Thành ủy Hải Phòng"),
        Ext("ext-vb-kh71-hu", "Kế hoạch", "KH", "71", "71-KH/HU", (2023, 5, 12), "Ban Thường vụ Huyện ủy", "Huyện ủy Vĩnh Bảo"),
        Ext("ext-hy-ct28-tu", "Chỉ thị", "CT", "28", "28-CT/TU", (2019, 9, 5), "Ban Thường vụ Tỉnh ủy", "Tỉnh ủy Hưng Yên"),
        Ext("ext-hn-ct15-tu", "Chỉ thị", "CT", "15", "15-CT/TU", (2022, 11, 24), "Ban Thường vụ Thành ủy", "Thành ủy Hà Nội"),
    )
}
