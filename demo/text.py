"""Plausible Vietnamese news text of a district portal, from a seeded random generator."""

COMMUNES = [
    "xã An Hiệp", "xã An Khánh", "xã An Phước", "xã Giao Long", "xã Hữu Định", "xã Phú An Hòa",
    "xã Phú Đức", "xã Phú Túc", "xã Quới Sơn", "xã Sơn Hòa", "xã Tam Phước", "xã Tân Phú",
    "xã Tân Thạch", "xã Thành Triệu", "xã Tiên Long", "xã Tiên Thủy", "thị trấn Châu Thành",
]  # fmt: skip
BODIES = [
    "Huyện ủy Châu Thành", "Ủy ban nhân dân huyện", "Ủy ban Mặt trận Tổ quốc Việt Nam huyện",
    "Ban Tuyên giáo Huyện ủy", "Hội Nông dân huyện", "Huyện đoàn Châu Thành",
    "Hội Liên hiệp Phụ nữ huyện", "Phòng Giáo dục và Đào tạo huyện", "Trung tâm Y tế huyện",
    "Phòng Nông nghiệp và Phát triển nông thôn huyện", "Ban Chỉ huy Quân sự huyện", "Công an huyện",
]  # fmt: skip
EVENTS = [
    "tổ chức hội nghị sơ kết", "tổng kết công tác", "ra quân thực hiện", "triển khai kế hoạch",
    "tổ chức lễ phát động", "kiểm tra, giám sát việc thực hiện", "tập huấn nghiệp vụ về",
    "trao tặng quà cho hộ nghèo nhân dịp", "tọa đàm về", "họp mặt kỷ niệm",
]  # fmt: skip
TOPICS = [
    "xây dựng nông thôn mới nâng cao", "chuyển đổi số", "cải cách hành chính",
    "phòng, chống thiên tai và tìm kiếm cứu nạn", "bảo vệ nền tảng tư tưởng của Đảng",
    "phát triển kinh tế tập thể", "vệ sinh an toàn thực phẩm", "phòng, chống dịch bệnh",
    "an toàn giao thông", "xây dựng Đảng và hệ thống chính trị", "bảo hiểm y tế toàn dân",
    "phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa", "chăm sóc người có công",
    "sản xuất dừa hữu cơ", "chương trình mỗi xã một sản phẩm (OCOP)", "khuyến học, khuyến tài",
]  # fmt: skip
PEOPLE = [
    "đồng chí Nguyễn Văn Hùng, Bí thư Huyện ủy", "đồng chí Trần Thị Mai, Phó Bí thư Thường trực",
    "đồng chí Lê Minh Tâm, Chủ tịch UBND huyện", "đồng chí Phạm Thanh Sơn, Trưởng Ban Tuyên giáo",
    "bà Võ Thị Hồng, Chủ tịch Hội Liên hiệp Phụ nữ huyện", "ông Huỳnh Văn Lợi, Chủ tịch UBND xã",
]  # fmt: skip
SENTENCES = [
    "Tham dự có {person} cùng đại diện lãnh đạo các ban, ngành, đoàn thể huyện.",
    "Trong năm qua, {commune} đã tập trung lãnh đạo thực hiện tốt công tác {topic}.",
    "Kết quả, toàn huyện có {n} hộ được hỗ trợ, vượt {p}% so với kế hoạch đề ra.",
    "Phát biểu chỉ đạo, {person} đề nghị các cấp ủy tiếp tục quán triệt sâu sắc {doc}.",
    "Bên cạnh kết quả đạt được, công tác {topic} vẫn còn một số hạn chế cần khắc phục.",
    "Dịp này, {body} đã khen thưởng {k} tập thể và {n} cá nhân có thành tích xuất sắc.",
    "Người dân {commune} phấn khởi khi con đường mới được đưa vào sử dụng trước mùa mưa bão.",
    "Thời gian tới, huyện tiếp tục đẩy mạnh tuyên truyền để người dân hiểu và cùng tham gia.",
    "Theo báo cáo, tổng kinh phí thực hiện là {n} triệu đồng, trong đó nhân dân đóng góp {p}%.",
    "Các đại biểu đã thảo luận, đóng góp nhiều ý kiến thiết thực cho nhiệm vụ năm {year}.",
]  # fmt: skip


def title(rng):
    subject = rng.choice(BODIES + COMMUNES)
    return f"{subject[0].upper()}{subject[1:]} {rng.choice(EVENTS)} {rng.choice(TOPICS)}"


def paragraph(rng, doc_phrase, year):
    sentences = []
    for _ in range(rng.randint(3, 5)):
        template = rng.choice(SENTENCES)
        sentences.append(
            template.format(
                person=rng.choice(PEOPLE),
                commune=rng.choice(COMMUNES),
                topic=rng.choice(TOPICS),
                body=rng.choice(BODIES),
                doc=doc_phrase or "các chủ trương của Đảng",
                n=rng.randint(12, 980),
                k=rng.randint(3, 40),
                p=rng.randint(5, 60),
                year=year,
            )  # fmt: skip
        )
    return " ".join(sentences)
