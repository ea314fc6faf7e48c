"""Shared wording of the sample: standard sections by topic, worded for the issuing level.

Block markers used by every renderer: ``## `` a bold section heading (``I. MỤC ĐÍCH, YÊU CẦU``),
``### `` a bold sub-heading (``1. Công tác lãnh đạo``), ``#c `` a centred bold line
(``QUYẾT ĐỊNH:``), ``- `` a dash item; anything else is a body paragraph.

Topics: ``ls`` nghiên cứu, biên soạn, tuyên truyền lịch sử Đảng; ``kn`` kỷ niệm Ngày thành lập
Đảng; ``hcm`` học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; ``cds`` chuyển đổi
số, số hóa tài liệu lưu trữ.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Ctx:
    """How a level names itself and its subordinates in the text."""

    unit: str  # "quận", "huyện", "tỉnh", "thành phố", "xã", "phường"
    unit_name: str  # "quận Lê Chân"
    committee: str  # "Quận ủy"
    lower: str  # "các chi, đảng bộ cơ sở"
    deadline: str = "15/12"

    @property
    def btv(self) -> str:
        return f"Ban Thường vụ {self.committee}"

    @property
    def btg(self) -> str:
        return f"Ban Tuyên giáo {self.committee}"

    @property
    def vp(self) -> str:
        return f"Văn phòng {self.committee}"

    @property
    def ub(self) -> str:
        return f"Ủy ban nhân dân {self.unit}"


def purpose(ctx: Ctx, topic: str, heading: str = "I. MỤC ĐÍCH, YÊU CẦU") -> list[str]:
    common_last = (
        f"- Việc triển khai phải gắn với nhiệm vụ chính trị của {ctx.unit_name}, thiết thực, "
        "tiết kiệm, tránh hình thức; phân công rõ người, rõ việc, rõ thời gian hoàn thành."
    )
    items = {
        "ls": [
            "- Quán triệt sâu sắc vị trí, ý nghĩa của công tác nghiên cứu, biên soạn, tuyên truyền, giáo dục "
            "lịch sử Đảng và lịch sử đảng bộ địa phương; nâng cao trách nhiệm của cấp ủy, tổ chức đảng và "
            "người đứng đầu đối với nhiệm vụ này.",
            f"- Nâng cao chất lượng các công trình lịch sử đảng bộ trên địa bàn {ctx.unit}; bảo đảm tính khoa học, "
            "chân thực, khách quan của sử liệu; phát huy giá trị của các cuốn sách đã xuất bản trong giáo dục "
            "truyền thống cho cán bộ, đảng viên và Nhân dân, nhất là thế hệ trẻ.",
        ],
        "kn": [
            "- Tổ chức các hoạt động kỷ niệm trang trọng, thiết thực, tạo khí thế phấn khởi, niềm tin của cán bộ, "
            "đảng viên và Nhân dân vào sự lãnh đạo của Đảng.",
            "- Qua các hoạt động kỷ niệm, giáo dục sâu sắc truyền thống vẻ vang của Đảng, của Đảng bộ và Nhân dân "
            f"{ctx.unit_name}; củng cố khối đại đoàn kết toàn dân, tạo động lực thi đua hoàn thành thắng lợi "
            "các chỉ tiêu nghị quyết đại hội đảng bộ các cấp.",
        ],
        "hcm": [
            "- Tiếp tục đưa việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh trở thành việc làm "
            "tự giác, thường xuyên của mỗi cán bộ, đảng viên, gắn với xây dựng, chỉnh đốn Đảng.",
            "- Phát huy vai trò nêu gương của cán bộ, đảng viên, trước hết là người đứng đầu; kịp thời phát hiện, "
            "biểu dương, nhân rộng các tập thể, cá nhân điển hình.",
        ],
        "cds": [
            "- Từng bước hình thành kho tài liệu lưu trữ điện tử của cấp ủy, bảo quản an toàn tài liệu gốc, "
            "phục vụ hiệu quả công tác nghiên cứu, biên soạn lịch sử Đảng và công tác lãnh đạo, chỉ đạo.",
            "- Bảo đảm an toàn, an ninh thông tin; tài liệu được khai thác đúng đối tượng, đúng mức độ tiếp cận, "
            "không để lộ, lọt bí mật của Đảng và Nhà nước.",
        ],
    }[topic]
    return [f"## {heading}", *items, common_last]


def contents(ctx: Ctx, topic: str, heading: str = "II. NỘI DUNG") -> list[str]:
    if topic == "ls":
        return [
            f"## {heading}",
            "### 1. Rà soát, đánh giá thực trạng công tác lịch sử Đảng",
            f"Rà soát toàn bộ các công trình lịch sử đảng bộ, lịch sử truyền thống đã xuất bản trên địa bàn {ctx.unit}; "
            "xác định những công trình cần tái bản, bổ sung và những đơn vị chưa có lịch sử đảng bộ để xây dựng lộ trình "
            "biên soạn, hoàn thành trước Đại hội Đảng bộ các cấp nhiệm kỳ 2025 - 2030.",
            "### 2. Sưu tầm, bổ sung và số hóa tư liệu",
            "Tổ chức sưu tầm tài liệu, hiện vật, hồi ký, lời kể của nhân chứng lịch sử; chú trọng khai thác tài liệu tại "
            "kho lưu trữ của cấp ủy, của gia đình có công với cách mạng. Từng bước số hóa tư liệu đã sưu tầm, xây dựng "
            "cơ sở dữ liệu dùng chung phục vụ nghiên cứu, tra cứu.",
            "### 3. Nâng cao chất lượng biên soạn",
            "Lựa chọn người biên soạn am hiểu lịch sử địa phương; thực hiện đúng quy trình sưu tầm, biên soạn, hội thảo, "
            "thẩm định, xuất bản. Bản thảo phải được lấy ý kiến các đồng chí nguyên lãnh đạo qua các thời kỳ và nhân chứng "
            "lịch sử trước khi trình cấp ủy cho ý kiến.",
            "### 4. Đổi mới nội dung, hình thức tuyên truyền, giáo dục",
            "Đưa nội dung lịch sử đảng bộ địa phương vào sinh hoạt chi bộ, chương trình bồi dưỡng lý luận chính trị và "
            "giờ học lịch sử địa phương ở các trường học; tổ chức cuộc thi tìm hiểu, tọa đàm, triển lãm ảnh tư liệu; "
            "tăng cường tuyên truyền trên cổng thông tin điện tử, mạng xã hội và hệ thống truyền thanh cơ sở.",
        ]
    if topic == "kn":
        return [
            f"## {heading}",
            "### 1. Nội dung tuyên truyền",
            "- Sự ra đời của Đảng Cộng sản Việt Nam ngày 03/02/1930, bước ngoặt vĩ đại của cách mạng Việt Nam; công lao "
            "của lãnh tụ Nguyễn Ái Quốc - Hồ Chí Minh trong chuẩn bị về chính trị, tư tưởng và tổ chức cho việc thành lập Đảng.",
            "- Truyền thống vẻ vang và những thắng lợi to lớn của cách mạng Việt Nam dưới sự lãnh đạo của Đảng qua 95 năm; "
            "những thành tựu có ý nghĩa lịch sử của gần 40 năm đổi mới.",
            f"- Truyền thống cách mạng của Đảng bộ và Nhân dân {ctx.unit_name}; kết quả thực hiện nghị quyết đại hội đảng bộ "
            "nhiệm kỳ 2020 - 2025; gương điển hình trong học tập và làm theo Bác.",
            "- Đấu tranh phản bác các quan điểm sai trái, thù địch, xuyên tạc lịch sử, phủ nhận vai trò lãnh đạo của Đảng.",
            "### 2. Hình thức tuyên truyền",
            "- Tuyên truyền trực quan bằng cờ Đảng, cờ Tổ quốc, pa-nô, băng rôn tại trụ sở cơ quan, nơi công cộng và các "
            "tuyến đường chính, thời gian từ ngày 20/01/2025 đến hết ngày 10/02/2025.",
            "- Tuyên truyền trên báo chí, cổng thông tin điện tử, trang mạng xã hội của các cơ quan, đơn vị và hệ thống "
            "truyền thanh cơ sở; đăng tải tài liệu tuyên truyền, phóng sự, ảnh tư liệu.",
            "- Tổ chức gặp mặt, trao Huy hiệu Đảng đợt 03/02/2025; thăm, tặng quà các đồng chí lão thành cách mạng, "
            "gia đình chính sách; tổ chức các hoạt động văn hóa, văn nghệ, thể thao chào mừng.",
            "### 3. Khẩu hiệu tuyên truyền",
            "- Nhiệt liệt chào mừng kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2025)!",
            "- Đảng Cộng sản Việt Nam quang vinh muôn năm!",
            "- Chủ tịch Hồ Chí Minh vĩ đại sống mãi trong sự nghiệp của chúng ta!",
        ]
    if topic == "hcm":
        return [
            f"## {heading}",
            "### 1. Học tập chuyên đề",
            "Tổ chức học tập chuyên đề năm theo hướng dẫn của cấp trên; mỗi cán bộ, đảng viên xây dựng kế hoạch làm theo "
            "gắn với chức trách, nhiệm vụ được giao và đưa vào kiểm điểm, đánh giá cuối năm.",
            "### 2. Làm theo bằng việc làm cụ thể",
            "Mỗi cấp ủy, cơ quan, đơn vị đăng ký ít nhất một nội dung đột phá, một việc làm cụ thể để làm theo Bác; "
            "người đứng đầu phải nêu gương, nói đi đôi với làm.",
            "### 3. Nhân rộng điển hình",
            "Phát hiện, bồi dưỡng, biểu dương các tập thể, cá nhân tiêu biểu; lựa chọn gương điển hình để biểu dương "
            "vào dịp kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh (19/5) và tuyên truyền trên các phương tiện thông tin.",
        ]
    if topic == "cds":
        return [
            f"## {heading}",
            "### 1. Chỉnh lý, xác định tài liệu ưu tiên số hóa",
            "Hoàn thành chỉnh lý tài liệu tồn đọng; lập danh mục tài liệu có giá trị lịch sử được số hóa trước, nhất là "
            "văn kiện đại hội, nghị quyết, chỉ thị, kết luận, biên bản hội nghị cấp ủy qua các thời kỳ.",
            "### 2. Số hóa theo đúng quy trình",
            "Quét ảnh tài liệu với độ phân giải tối thiểu 300 dpi; nhận dạng ký tự; nhập thông tin đầu vào gồm số, ký "
            "hiệu, ngày tháng, trích yếu, cơ quan ban hành; kiểm tra chất lượng bản số hóa và trả tài liệu gốc về kho an toàn.",
            "### 3. Xây dựng cơ sở dữ liệu và khai thác",
            "Xây dựng cơ sở dữ liệu tài liệu lưu trữ cho phép tìm kiếm toàn văn, phân quyền khai thác theo mức độ tiếp "
            "cận; kết nối phục vụ nghiên cứu, biên soạn lịch sử đảng bộ và giải quyết công việc hằng ngày.",
        ]
    raise ValueError(topic)


def organisation(ctx: Ctx, topic: str, heading: str = "III. TỔ CHỨC THỰC HIỆN") -> list[str]:
    lead = "Ban Tuyên giáo" if topic in ("ls", "kn", "hcm") else "Văn phòng"
    lead_full = ctx.btg if lead == "Ban Tuyên giáo" else ctx.vp
    return [
        f"## {heading}",
        f"1. {lead_full} chủ trì, phối hợp với các cơ quan liên quan tham mưu giúp {ctx.btv} triển khai "
        "Kế hoạch; hướng dẫn, theo dõi, đôn đốc, định kỳ tổng hợp kết quả báo cáo.",
        f"2. {ctx.ub} chỉ đạo các cơ quan chuyên môn phối hợp thực hiện; bố trí kinh phí hằng năm theo quy định.",
        f"3. Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội {ctx.unit} tuyên truyền, vận động đoàn viên, hội viên "
        "tích cực tham gia.",
        f"4. {ctx.lower[:1].upper()}{ctx.lower[1:]} căn cứ Kế hoạch này xây dựng kế hoạch thực hiện phù hợp với tình hình thực tế; "
        f"báo cáo kết quả về {ctx.committee} (qua {lead_full}) trước ngày {ctx.deadline} hằng năm.",
    ]


def report_results(ctx: Ctx, topic: str, figures: tuple[int, int, int, int, int], period: str) -> list[str]:
    """Results section of a report; ``figures`` are the report's own (fictional) numbers."""
    meetings, attendees, cells_done, cells_all, items = figures
    what = {
        "ls": f"sưu tầm, bổ sung được {items} tư liệu, ảnh, hiện vật phục vụ biên soạn lịch sử đảng bộ",
        "kn": f"treo {items} băng rôn, pa-nô tuyên truyền kỷ niệm Ngày thành lập Đảng",
        "hcm": f"đăng ký {items} việc làm cụ thể làm theo Bác",
        "cds": f"số hóa {items} hồ sơ tài liệu lưu trữ của cấp ủy",
    }[topic]
    return [
        f"## I. KẾT QUẢ THỰC HIỆN {period.upper()}",
        "### 1. Công tác lãnh đạo, chỉ đạo",
        f"Ngay sau khi nhận được văn bản chỉ đạo của cấp trên, {ctx.btv} đã ban hành kế hoạch triển khai, phân công "
        "nhiệm vụ cụ thể cho các đồng chí cấp ủy viên phụ trách; đưa nội dung thực hiện vào chương trình kiểm tra, "
        "giám sát hằng năm.",
        "### 2. Kết quả cụ thể",
        f"- Đã tổ chức {meetings} hội nghị quán triệt, triển khai với {attendees} lượt cán bộ, đảng viên tham dự.",
        f"- Có {cells_done}/{cells_all} chi bộ đưa nội dung vào sinh hoạt chuyên đề; {what}.",
        "- Phối hợp với nhà trường tổ chức các buổi nói chuyện truyền thống cho học sinh; duy trì chuyên mục trên "
        "hệ thống truyền thanh cơ sở.",
        "## II. HẠN CHẾ, NGUYÊN NHÂN",
        "Một số chi bộ chưa thực sự quan tâm, nội dung sinh hoạt chuyên đề còn đơn điệu. Việc sưu tầm tư liệu gặp "
        "khó khăn do nhiều nhân chứng lịch sử tuổi cao, sức yếu; tài liệu lưu trữ giai đoạn trước năm 2000 còn thất lạc; "
        "cán bộ làm công tác này chủ yếu kiêm nhiệm, kinh phí còn hạn chế.",
        "## III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
        "- Tiếp tục quán triệt, thực hiện nghiêm túc các văn bản chỉ đạo của cấp trên; khắc phục những hạn chế đã chỉ ra.",
        "- Đẩy mạnh sưu tầm, số hóa tư liệu; đổi mới hình thức sinh hoạt chuyên đề; biểu dương kịp thời những tập thể, "
        "cá nhân làm tốt.",
    ]
