"""A fixed, deterministic corpus for the search tests: 50 articles and 20 documents.

The same rows on SQLite and PostgreSQL (dates are fixed, wording comes from a seeded
generator), so the same queries must return the same sets on both.
"""

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from documents.models import Document
from documents.services import save_document
from news.models import Article
from news.services import save_article

from .factories import make_category

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SUBJECTS = [
    "Hội nghị sơ kết công tác xây dựng Đảng",
    "Đấu tranh phản bác các quan điểm sai trái",
    "Xây dựng nông thôn mới nâng cao",
    "Chuyển đổi số trong cơ quan nhà nước",
    "Phòng, chống dịch bệnh trên đàn gia súc",
    "Đường giao thông nông thôn được nâng cấp",
    "Học tập và làm theo tư tưởng, đạo đức Hồ Chí Minh",
    "Thu hoạch lúa Đông Xuân đạt năng suất cao",
    "Tuyên truyền pháp luật cho đồng bào Khmer",
    "Đảm bảo an ninh trật tự dịp Tết Nguyên đán",
]
PLACES = ["xã Đa Lộc", "xã Hòa Lợi", "thị trấn Châu Thành", "xã Song Lộc", "xã Lương Hòa"]
SENTENCES = [
    "Ủy ban nhân dân {place} đã triển khai kế hoạch năm {year}.",
    "Cán bộ, đảng viên {place} tích cực tham gia phong trào thi đua.",
    "Người dân {place} phấn khởi đón nhận kết quả đạt được.",
    "Ban Thường vụ Huyện ủy chỉ đạo quyết liệt việc thực hiện nghị quyết.",
    "Công tác đấu tranh phản bác thông tin xấu, độc trên không gian mạng được chú trọng.",
    "Hệ thống đèn chiếu sáng và đường bê tông được đầu tư mới.",
]
HIDDEN_STATES = ["draft", "pending", "future", "expired"]
BASE = datetime(2024, 6, 30, 8, 0, tzinfo=TZ)


def make_search_corpus():
    """Returns (articles, documents); articles 0..39 are public, 40..49 hidden in 4 ways."""
    rng = random.Random(35)
    categories = [make_category(name=n) for n in ("Tin tức - Sự kiện", "Kinh tế", "Văn hóa")]
    articles = []
    for i in range(50):
        subject = SUBJECTS[i % len(SUBJECTS)]
        place = PLACES[rng.randrange(len(PLACES))]
        published_at = BASE - timedelta(days=23 * i + rng.randrange(5))
        body = " ".join(
            f"<p>{rng.choice(SENTENCES).format(place=place, year=published_at.year)}</p>"
            for _ in range(3)
        )
        fields = {
            "title": f"{subject} tại {place}",
            "lead": f"Sáng {published_at:%d/%m/%Y}, {place} tổ chức hoạt động.",
            "body": body,
            "category": categories[i % 3],
            "status": Article.Status.PUBLISHED,
            "published_at": published_at,
        }
        if i >= 40:
            state = HIDDEN_STATES[i % 4]
            fields["title"] = f"{subject} tại {place} bí mật {state}"
            if state in ("draft", "pending"):
                fields["status"] = state
            elif state == "future":
                fields["published_at"] = datetime(2099, 1, 1, tzinfo=TZ)
            else:
                fields["expires_at"] = published_at + timedelta(days=1)
        articles.append(save_article(Article(author_line="Phóng viên", **fields)))
    documents = []
    kinds = [
        ("NQ/TW", Document.Type.RESOLUTION, "Bộ Chính trị"),
        ("KL/TW", Document.Type.CONCLUSION, "Ban Bí thư"),
        ("CT/TU", Document.Type.DIRECTIVE, "Ban Thường vụ Tỉnh ủy"),
        ("QĐ-UBND", Document.Type.DECISION, "Ủy ban nhân dân huyện"),
    ]
    for i in range(20):
        suffix, doc_type, body = kinds[i % 4]
        number = 10 + i * 7
        symbol = f"{number}/{suffix}" if "-" in suffix else f"{number}-{suffix}"
        documents.append(
            save_document(
                Document(
                    symbol=symbol,
                    doc_type=doc_type,
                    issuing_body=body,
                    issued_on=date(2015 + i % 10, 1 + i % 12, 1 + i),
                    title=f"Về {SUBJECTS[(i * 3) % len(SUBJECTS)].lower()}",
                )
            )
        )
    return articles, documents
