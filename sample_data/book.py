"""A local Party history book excerpt: "Lịch sử Đảng bộ huyện Văn Lâm (2005 - 2020)" (fictional text)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from sample_data.bodies import VL_HU
from sample_data.spec import BookSpec, Doc

_BLOCKS = [
    "#preface LỜI NÓI ĐẦU",
    "Văn Lâm là huyện nằm ở phía Bắc tỉnh Hưng Yên, cửa ngõ phía Đông của Thủ đô Hà Nội, có Quốc lộ 5 và tuyến đường "
    "sắt Hà Nội - Hải Phòng chạy qua. Trải qua các thời kỳ cách mạng, Đảng bộ và Nhân dân Văn Lâm luôn phát huy truyền "
    "thống yêu nước, đoàn kết, cần cù, sáng tạo, góp phần cùng Đảng bộ và Nhân dân trong tỉnh viết nên những trang sử vẻ vang.",
    "Giai đoạn 2005 - 2020 là thời kỳ Văn Lâm có nhiều đổi thay sâu sắc. Từ một huyện thuần nông, Văn Lâm trở thành một "
    "trong những địa phương có tốc độ công nghiệp hóa nhanh nhất của tỉnh; các khu công nghiệp, cụm công nghiệp hình "
    "thành, thu hút hàng vạn lao động; diện mạo nông thôn từng bước khang trang, đời sống Nhân dân được nâng lên rõ rệt.",
    "Thực hiện chủ trương của Ban Thường vụ Tỉnh ủy về nghiên cứu, biên soạn lịch sử đảng bộ địa phương, Ban Chấp hành "
    "Đảng bộ huyện chỉ đạo biên soạn cuốn sách \u201cLịch sử Đảng bộ huyện Văn Lâm (2005 - 2020)\u201d, tiếp nối các tập "
    "lịch sử đã xuất bản. Cuốn sách phản ánh quá trình Đảng bộ huyện lãnh đạo thực hiện ba nhiệm kỳ đại hội, những thành "
    "tựu, hạn chế và bài học kinh nghiệm rút ra.",
    "Trong quá trình biên soạn, Ban Biên soạn nhận được sự giúp đỡ của Ban Tuyên giáo Tỉnh ủy, Lưu trữ Tỉnh ủy, các "
    "đồng chí nguyên lãnh đạo huyện qua các thời kỳ và nhiều nhân chứng lịch sử. Do tư liệu còn phân tán, thời gian có "
    "hạn, cuốn sách khó tránh khỏi thiếu sót; Ban Biên soạn mong nhận được ý kiến đóng góp của bạn đọc để lần tái bản "
    "được hoàn chỉnh hơn.",
    "BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN VĂN LÂM",
    "#part PHẦN THỨ NHẤT|ĐẢNG BỘ HUYỆN VĂN LÂM LÃNH ĐẠO ĐẨY MẠNH CÔNG NGHIỆP HÓA, XÂY DỰNG NÔNG THÔN MỚI (2005 - 2015)",
    "#chapter CHƯƠNG I|LÃNH ĐẠO PHÁT TRIỂN CÔNG NGHIỆP, CHUYỂN DỊCH CƠ CẤU KINH TẾ (2005 - 2010)",
    "#section I. BỐI CẢNH VÀ CHỦ TRƯƠNG CỦA ĐẢNG BỘ HUYỆN",
    "Bước vào giai đoạn 2005 - 2010, Văn Lâm có nhiều thuận lợi: vị trí địa lý gần Thủ đô, hạ tầng giao thông được "
    "đầu tư, tỉnh có chủ trương ưu tiên phát triển công nghiệp dọc Quốc lộ 5. Bên cạnh đó, huyện cũng đứng trước không "
    "ít khó khăn: diện tích đất nông nghiệp thu hẹp nhanh, một bộ phận nông dân mất đất sản xuất, hạ tầng nông thôn còn "
    "thấp kém, ô nhiễm môi trường tại một số làng nghề có chiều hướng gia tăng.",
    "Đại hội đại biểu Đảng bộ huyện lần thứ XVII, nhiệm kỳ 2005 - 2010, họp trong ba ngày, xác định mục tiêu tổng quát: "
    "phát huy sức mạnh đoàn kết toàn Đảng bộ, khai thác tiềm năng, lợi thế, đẩy mạnh công nghiệp hóa, hiện đại hóa, "
    "chuyển dịch mạnh cơ cấu kinh tế theo hướng công nghiệp, dịch vụ; giải quyết việc làm cho người lao động, nâng cao đời "
    "sống vật chất, tinh thần của Nhân dân. Đại hội đề ra chỉ tiêu tốc độ tăng trưởng giá trị sản xuất bình quân 16 - 17% "
    "mỗi năm, tỷ trọng công nghiệp - xây dựng đến năm 2010 đạt trên 70%.",
    "#section II. LÃNH ĐẠO PHÁT TRIỂN CÁC KHU CÔNG NGHIỆP",
    "Thực hiện nghị quyết đại hội, Ban Thường vụ Huyện ủy ban hành chương trình hành động về phát triển công nghiệp, thành "
    "lập ban chỉ đạo giải phóng mặt bằng do đồng chí Bí thư Huyện ủy làm trưởng ban. Cấp ủy các xã có dự án được giao "
    "trách nhiệm trực tiếp vận động Nhân dân, công khai phương án bồi thường, hỗ trợ và tái định cư. Nhờ làm tốt công tác "
    "dân vận, trong 5 năm huyện bàn giao hơn 600 ha mặt bằng cho các dự án mà không để xảy ra điểm nóng.",
    "Đến năm 2010, trên địa bàn huyện có 128 doanh nghiệp đi vào hoạt động, thu hút trên 25.000 lao động, trong đó hơn "
    "một nửa là lao động địa phương. Giá trị sản xuất công nghiệp năm 2010 gấp 3,2 lần năm 2005. Cơ cấu kinh tế chuyển dịch "
    "rõ nét: công nghiệp - xây dựng chiếm 72,4%, dịch vụ 17,1%, nông nghiệp 10,5%.",
    "#section III. CHĂM LO ĐỜI SỐNG NHÂN DÂN VÀ XÂY DỰNG ĐẢNG",
    "Song song với phát triển công nghiệp, Đảng bộ huyện quan tâm đào tạo nghề, chuyển đổi việc làm cho nông dân; khuyến "
    "khích phát triển dịch vụ nhà trọ, ăn uống, vận tải phục vụ khu công nghiệp. Tỷ lệ hộ nghèo giảm từ 9,8% năm 2005 "
    "xuống còn 4,1% năm 2010. Công tác xây dựng Đảng được chú trọng; các tổ chức cơ sở đảng trong doanh nghiệp ngoài nhà "
    "nước bước đầu được thành lập, đến năm 2010 có 11 chi bộ doanh nghiệp với 163 đảng viên.",
    "#chapter CHƯƠNG II|LÃNH ĐẠO XÂY DỰNG NÔNG THÔN MỚI, PHÁT TRIỂN KINH TẾ - XÃ HỘI (2010 - 2015)",
    "#section I. CHỦ TRƯƠNG CỦA ĐẠI HỘI ĐẢNG BỘ HUYỆN LẦN THỨ XVIII",
    "Đại hội đại biểu Đảng bộ huyện lần thứ XVIII, nhiệm kỳ 2010 - 2015, tiếp tục xác định công nghiệp là động lực, đồng "
    "thời đặt nhiệm vụ xây dựng nông thôn mới là nhiệm vụ trọng tâm, thường xuyên. Ban Chấp hành Đảng bộ huyện ban hành "
    "nghị quyết chuyên đề về xây dựng nông thôn mới giai đoạn 2011 - 2015, phân công mỗi đồng chí Ủy viên Ban Thường vụ "
    "phụ trách một xã điểm.",
    "#section II. PHONG TRÀO XÂY DỰNG NÔNG THÔN MỚI",
    "Phong trào được Nhân dân hưởng ứng sâu rộng. Nhiều hộ gia đình tự nguyện hiến đất mở rộng đường làng, ngõ xóm; các "
    "thôn tổ chức ngày thứ bảy tình nguyện làm đường, nạo vét kênh mương. Trong 5 năm, toàn huyện huy động trên 420 tỷ "
    "đồng cho xây dựng nông thôn mới, trong đó đóng góp của Nhân dân và doanh nghiệp chiếm gần 40%. Đến năm 2015, có 4 xã "
    "đạt chuẩn nông thôn mới, các xã còn lại đạt từ 12 đến 17 tiêu chí.",
    "Sản xuất nông nghiệp chuyển mạnh sang hàng hóa. Các vùng trồng rau an toàn, cây ăn quả, chăn nuôi tập trung xa khu "
    "dân cư được hình thành; giá trị thu được trên một héc-ta canh tác năm 2015 đạt 142 triệu đồng, tăng gần gấp đôi so "
    "với năm 2010.",
    "#section III. GIÁO DỤC, VĂN HÓA VÀ CÔNG TÁC LỊCH SỬ ĐẢNG",
    "Sự nghiệp giáo dục có bước phát triển; 100% trường mầm non, tiểu học, trung học cơ sở được kiên cố hóa. Phong trào "
    "toàn dân đoàn kết xây dựng đời sống văn hóa đạt kết quả tốt. Ban Thường vụ Huyện ủy chỉ đạo biên soạn lịch sử đảng "
    "bộ các xã; đến năm 2015 có 9/11 xã, thị trấn xuất bản lịch sử đảng bộ, góp phần giáo dục truyền thống cho thế hệ trẻ.",
    "#part PHẦN THỨ HAI|ĐẢNG BỘ HUYỆN VĂN LÂM LÃNH ĐẠO PHÁT TRIỂN NHANH VÀ BỀN VỮNG (2015 - 2020)",
    "#chapter CHƯƠNG III|XÂY DỰNG HUYỆN ĐẠT CHUẨN NÔNG THÔN MỚI, PHÁT TRIỂN ĐÔ THỊ (2015 - 2020)",
    "#section I. NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ HUYỆN LẦN THỨ XIX",
    "Đại hội đại biểu Đảng bộ huyện lần thứ XIX, nhiệm kỳ 2015 - 2020, đề ra mục tiêu xây dựng Văn Lâm đạt chuẩn huyện "
    "nông thôn mới, phát triển đô thị Như Quỳnh theo hướng văn minh, hiện đại. Đại hội xác định ba khâu đột phá: cải cách "
    "hành chính; phát triển hạ tầng kết nối; đào tạo nguồn nhân lực cho công nghiệp và dịch vụ.",
    "#section II. KẾT QUẢ NỔI BẬT",
    "Nhiệm kỳ 2015 - 2020, tốc độ tăng giá trị sản xuất bình quân đạt 11,6% mỗi năm; thu ngân sách trên địa bàn năm "
    "2020 đạt hơn 2.300 tỷ đồng. Năm 2019, 100% số xã đạt chuẩn nông thôn mới; năm 2020 huyện được công nhận đạt chuẩn "
    "nông thôn mới. Hạ tầng đô thị thị trấn Như Quỳnh được đầu tư đồng bộ; nhiều tuyến đường liên xã được mở rộng.",
    "Công tác xây dựng Đảng có nhiều chuyển biến. Đảng bộ huyện thực hiện nghiêm túc các nghị quyết của Trung ương về xây "
    "dựng, chỉnh đốn Đảng, gắn với học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh. Tỷ lệ tổ chức cơ sở đảng "
    "hoàn thành tốt nhiệm vụ trở lên hằng năm đạt trên 85%; công tác phát triển đảng viên trong doanh nghiệp đạt kết quả tích cực.",
    "#section III. MỘT SỐ BÀI HỌC KINH NGHIỆM",
    "Một là, luôn nắm vững đường lối của Đảng, vận dụng sáng tạo vào điều kiện cụ thể của huyện, xác định đúng khâu đột "
    "phá cho từng nhiệm kỳ. Hai là, làm tốt công tác dân vận, công khai, minh bạch trong giải phóng mặt bằng và xây dựng "
    "nông thôn mới, để Nhân dân là chủ thể. Ba là, chăm lo xây dựng Đảng bộ trong sạch, vững mạnh, phát huy vai trò nêu "
    "gương của cán bộ, đảng viên. Bốn là, gắn phát triển kinh tế với bảo vệ môi trường, giữ gìn bản sắc văn hóa và giáo "
    "dục truyền thống lịch sử cho thế hệ trẻ.",
]


def documents() -> list[Doc]:
    book = BookSpec(
        title="Lịch sử Đảng bộ huyện Văn Lâm (2005 - 2020)",
        period=(2005, 2020),
        front=(
            "BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN VĂN LÂM",
            "",
            "",
            "LỊCH SỬ",
            "ĐẢNG BỘ HUYỆN VĂN LÂM",
            "(2005 - 2020)",
            "",
            "",
            "(Trích)",
            "",
            "",
            "",
            "Văn Lâm - 2023",
        ),
        blocks=_BLOCKS,
        first_printed=5,
    )
    return [
        Doc(
            key="vl-book-lsdb",
            body=VL_HU,
            doc_type="Sách",
            type_code=None,
            number=None,
            date=(2023, None, None),
            subject="Lịch sử Đảng bộ huyện Văn Lâm (2005 - 2020)",
            organ="Ban Chấp hành Đảng bộ huyện Văn Lâm",
            topics=("ls",),
            fmt="pdf",
            blocks=[],
            signer=(),
            book=book,
        )
    ]


# --- generated local-history books (scanned-book tests and bench/book_bench.py) --------------
# Each seed gives another district, periods, chapter count, title wrapping, credits layout, where the
# contents page sits and where footnotes fall, so rules are measured on many layouts, never one.

_DISTRICTS = (
    ("Văn Giang", "Hưng Yên"), ("Tiên Lãng", "Hải Phòng"), ("Gia Lâm", "Hà Nội"), ("Kim Động", "Hưng Yên"),
    ("Thủy Nguyên", "Hải Phòng"), ("Đông Anh", "Hà Nội"), ("Ân Thi", "Hưng Yên"), ("Vĩnh Bảo", "Hải Phòng"),
)
_PUBLISHERS = (("NHÀ XUẤT BẢN CHÍNH TRỊ QUỐC GIA SỰ THẬT", "HÀ NỘI"), ("NHÀ XUẤT BẢN HỒNG ĐỨC", "HÀ NỘI"),
               ("NHÀ XUẤT BẢN HẢI PHÒNG", "HẢI PHÒNG"), ("NHÀ XUẤT BẢN LAO ĐỘNG", "HÀ NỘI"))
_NAMES = ("Nguyễn Văn Thành", "Trần Thị Minh Hằng", "Lê Quang Huy", "Phạm Đức Toàn", "Vũ Thị Lan", "Đỗ Mạnh Hùng",
          "Hoàng Văn Nam", "Bùi Thị Thu Hà", "Đặng Quốc Việt", "Ngô Thị Hồng", "Trịnh Văn Long", "Phan Minh Tuấn")
# (first year, last year, title words): consecutive eras of a district's Party history.
_ERAS = (
    (1930, 1945, "ĐẢNG BỘ HUYỆN RA ĐỜI, LÃNH ĐẠO NHÂN DÂN ĐẤU TRANH GIÀNH CHÍNH QUYỀN"),
    (1945, 1954, "LÃNH ĐẠO NHÂN DÂN XÂY DỰNG VÀ BẢO VỆ CHÍNH QUYỀN, KHÁNG CHIẾN CHỐNG THỰC DÂN PHÁP"),
    (1954, 1975, "LÃNH ĐẠO XÂY DỰNG CHỦ NGHĨA XÃ HỘI, CHI VIỆN CHO TIỀN TUYẾN MIỀN NAM"),
    (1975, 1986, "KHẮC PHỤC HẬU QUẢ CHIẾN TRANH, KHÔI PHỤC VÀ PHÁT TRIỂN KINH TẾ"),
    (1986, 2000, "THỰC HIỆN CÔNG CUỘC ĐỔI MỚI, ỔN ĐỊNH VÀ PHÁT TRIỂN KINH TẾ - XÃ HỘI"),
    (2000, 2020, "ĐẨY MẠNH CÔNG NGHIỆP HÓA, HIỆN ĐẠI HÓA, XÂY DỰNG NÔNG THÔN MỚI"),
)
_SECTIONS = ("BỐI CẢNH LỊCH SỬ VÀ CHỦ TRƯƠNG CỦA ĐẢNG BỘ", "LÃNH ĐẠO PHÁT TRIỂN KINH TẾ", "XÂY DỰNG ĐẢNG VÀ HỆ THỐNG "
             "CHÍNH TRỊ", "CÔNG TÁC QUÂN SỰ ĐỊA PHƯƠNG", "VĂN HÓA, XÃ HỘI VÀ ĐỜI SỐNG NHÂN DÂN")
_SENTENCES = (
    "Trong hoàn cảnh đó, Đảng bộ huyện đã chủ động bám sát thực tiễn, đề ra chủ trương phù hợp với điều kiện địa phương.",
    "Các chi bộ ở cơ sở được củng cố, nhiều quần chúng ưu tú được kết nạp vào Đảng, phong trào cách mạng lan rộng.",
    "Nhân dân trong huyện hăng hái tham gia sản xuất, đóng góp sức người, sức của cho sự nghiệp chung của cả nước.",
    "Ban Chấp hành Đảng bộ huyện tổ chức nhiều hội nghị chuyên đề để kiểm điểm, rút kinh nghiệm lãnh đạo.",
    "Hệ thống thủy lợi được tu bổ, diện tích cấy lúa hai vụ tăng nhanh, năng suất bình quân năm sau cao hơn năm trước.",
    "Công tác giáo dục truyền thống được chú trọng, góp phần củng cố niềm tin của Nhân dân vào sự lãnh đạo của Đảng.",
    "Lực lượng dân quân, tự vệ được huấn luyện thường xuyên, sẵn sàng chiến đấu bảo vệ quê hương.",
    "Những kết quả đạt được là nền tảng để Đảng bộ bước vào giai đoạn phát triển mới với nhiều thuận lợi hơn.",
)


@dataclass(frozen=True)
class Chapter:
    label: str  # "Chương II"
    title_lines: tuple[str, ...]  # as printed, the period on the last line or its own
    period: tuple[int, int]
    sections: tuple[str, ...]  # "I. BỐI CẢNH ..."
    paragraphs: tuple[tuple[str, ...], ...]  # per section
    footnotes: tuple[tuple[int, str], ...]  # (section index, footnote text without its number)

    @property
    def title(self) -> str:
        """The whole title, the period included: what a reader of the heading sees."""
        return " ".join(self.title_lines)


@dataclass(frozen=True)
class GeneratedBook:
    body: str  # "BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN VĂN GIANG"
    title_lines: tuple[str, ...]  # "LỊCH SỬ", "ĐẢNG BỘ HUYỆN VĂN GIANG", "(1930 - 2020)"
    running_title: str  # "LỊCH SỬ ĐẢNG BỘ HUYỆN VĂN GIANG"
    period: tuple[int, int]
    publisher: str
    place: str
    year: int
    credits: tuple[tuple[str, tuple[str, ...]], ...]  # ("Chủ biên", ("Nguyễn Văn Thành",)) ...
    credits_inline: bool  # "Chủ biên: X" on one line, else the label over the names
    chapters: tuple[Chapter, ...]
    first_printed: int  # printed number of the first body page
    contents_last: bool  # MỤC LỤC after the body (as many local-history books print it)
    chapter_caps: bool  # "CHƯƠNG I" rather than "Chương I"

    @property
    def title(self) -> str:
        return " ".join(self.title_lines)


def _wrap_title(words: list[str], lines: int) -> list[str]:
    per = -(-len(words) // lines)
    return [" ".join(words[i : i + per]) for i in range(0, len(words), per)]


def _chapter(rnd: random.Random, n: int, era: tuple[int, int, str], district: str, doc_no: int) -> Chapter:
    a, b, words = era
    n_lines = rnd.choice((1, 2, 2, 3))
    title = _wrap_title(words.split(), n_lines)
    period = f"({a} - {b})"
    if rnd.random() < 0.5:
        title[-1] = f"{title[-1]} {period}"
    else:
        title.append(period)
    picks = rnd.sample(_SECTIONS, rnd.choice((2, 3)))
    sections = tuple(f"{_roman(i + 1)}. {s}" for i, s in enumerate(picks))
    paragraphs = tuple(tuple(" ".join(rnd.sample(_SENTENCES, 3)) for _ in range(rnd.choice((2, 3))))
                       for _ in sections)
    code, kind = rnd.choice((("NQ", "Nghị quyết"), ("CT", "Chỉ thị"), ("KH", "Kế hoạch")))
    year = rnd.randint(a, b)
    note = (f"{kind} số {doc_no:02d}-{code}/HU ngày {rnd.randint(1, 28)}/{rnd.randint(1, 12)}/{year} của Ban Thường vụ "
            f"Huyện ủy {district}, lưu tại Kho Lưu trữ Huyện ủy, phông số {rnd.randint(1, 40)}.")
    footnotes = ((rnd.randrange(len(sections)), note),)
    return Chapter(f"Chương {_roman(n)}", tuple(title), (a, b), sections, paragraphs, footnotes)


def _roman(n: int) -> str:
    return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")[n - 1]


def generated_book(seed: int, chapters: int | None = None) -> GeneratedBook:
    """A fictional local Party history book, laid out differently for each ``seed``."""
    rnd = random.Random(seed)
    district, _province = _DISTRICTS[seed % len(_DISTRICTS)]
    n = chapters or rnd.choice((2, 3))
    first = rnd.randrange(0, len(_ERAS) - n + 1)
    eras = _ERAS[first : first + n]
    period = (eras[0][0], eras[-1][1])
    chs = tuple(_chapter(rnd, i + 1, era, district, rnd.randint(1, 99)) for i, era in enumerate(eras))
    name = f"ĐẢNG BỘ HUYỆN {district.upper()}"
    title_lines = ("LỊCH SỬ", name, f"({period[0]} - {period[1]})")
    publisher, place = rnd.choice(_PUBLISHERS)
    names = rnd.sample(_NAMES, 6)
    credits = (("Chỉ đạo nội dung", ("BAN THƯỜNG VỤ HUYỆN ỦY " + district.upper(),)), ("Chủ biên", (names[0],)),
               ("Biên soạn", tuple(names[1:4])), ("Biên tập", tuple(names[4:6])))
    return GeneratedBook(
        body=f"BAN CHẤP HÀNH {name}", title_lines=title_lines, running_title=f"LỊCH SỬ {name}", period=period,
        publisher=publisher, place=place, year=rnd.choice((2021, 2022, 2023, 2024)), credits=credits,
        credits_inline=rnd.random() < 0.5, chapters=chs, first_printed=rnd.choice((5, 7, 9)),
        contents_last=rnd.random() < 0.4, chapter_caps=rnd.random() < 0.4,
    )
