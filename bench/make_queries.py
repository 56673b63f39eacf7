"""Writes bench/queries.txt: 1,000 distinct searches a reader of a district portal types.

What people look for on such a site: a programme ("nông thôn mới", "chuyển đổi số"), a commune,
an office, a document by its name or symbol ("nghị quyết 35", "35-NQ/TW", "chi thi 24"), a
person, a word of the report, often with a year. Half are typed without diacritics, some in
capitals, as readers do. Deterministic (seed 15); the file is committed so that every run and
every machine sends the same searches. `python bench/make_queries.py` writes it again.
"""

import random
import sys
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from demo import text  # noqa: E402

OUT = Path(__file__).resolve().parent / "queries.txt"
COUNT = 1000

REPORT = [
    "nghị quyết 35", "Nghị quyết số 35-NQ/TW", "35-NQ/TW", "bảo vệ nền tảng tư tưởng",
    "nền tảng tư tưởng của Đảng", "đấu tranh phản bác", "quan điểm sai trái thù địch",
    "Kết luận 53-KL/TW", "Chỉ thị 24-CT/TU", "Quyết định 4051-QĐ/TU", "Hướng dẫn 03-HD/TU",
    "Bộ Chính trị khóa XII", "Ban Chỉ đạo 35", "sơ kết 05 năm", "Huyện ủy Châu Thành",
    "Nguyễn Minh Thuy", "Phan Thanh Đoàn", "Trần Văn Điều", "Phan Thưa", "mạng xã hội",
    "thông tin xấu độc", "Ban Tuyên giáo Huyện ủy",
]  # fmt: skip
SERVICES = [
    "tuyển dụng viên chức", "lịch tiếp công dân", "thủ tục hành chính", "dịch vụ công trực tuyến",
    "học bổng", "bảo hiểm xã hội", "thẻ bảo hiểm y tế", "hộ nghèo", "hộ cận nghèo", "dừa sáp",
    "giá lúa", "lũ lụt", "xâm nhập mặn", "sạt lở", "tiêm chủng", "sốt xuất huyết", "tuyển quân",
    "nghĩa vụ quân sự", "đất đai", "cấp giấy chứng nhận quyền sử dụng đất", "đền bù giải tỏa",
    "đường giao thông nông thôn", "nước sạch", "điện", "chợ", "trường học", "khen thưởng",
    "kỷ luật", "bầu cử", "đại hội Đảng bộ", "mặt trận tổ quốc", "hội nông dân", "đoàn thanh niên",
    "phụ nữ", "cựu chiến binh", "người có công", "thương binh liệt sĩ", "Tết", "lễ hội Ok Om Bok",
    "đồng bào Khmer", "chùa Khmer", "du lịch", "văn hóa", "thể thao", "bóng đá", "y tế",
]  # fmt: skip
DOCUMENT_TYPES = ["nghị quyết", "chỉ thị", "kết luận", "kế hoạch", "quyết định", "thông báo"]
YEARS = [str(y) for y in range(2015, 2027)]


def fold(phrase):
    phrase = phrase.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", phrase)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def commune(rng):
    name = rng.choice(text.COMMUNES)
    return name if rng.random() < 0.5 else name.split(" ", 1)[1]  # "xã An Hiệp" or "An Hiệp"


def candidates(rng):
    """Endless plausible searches, in the shapes readers give them."""
    topics = text.TOPICS
    while True:
        shape = rng.randrange(11)
        if shape == 0:
            yield rng.choice(topics)
        elif shape == 1:
            yield f"{rng.choice(topics)} {commune(rng)}"
        elif shape == 2:
            yield f"{rng.choice(topics)} {rng.choice(YEARS)}"
        elif shape == 3:
            yield commune(rng)
        elif shape == 4:
            yield rng.choice(text.BODIES)
        elif shape == 5:
            yield f"{rng.choice(text.EVENTS)} {rng.choice(topics)}"
        elif shape == 6:
            yield f"{rng.choice(DOCUMENT_TYPES)} {rng.randint(1, 60)}"
        elif shape == 7:
            code = rng.choice(["NQ", "CT", "KL", "KH"])
            yield f"{1000 + rng.randrange(200)}-{code}/HU"  # the demo library's symbols
        elif shape == 8:
            yield rng.choice(REPORT)
        elif shape == 9:
            yield f"{rng.choice(SERVICES)} {commune(rng) if rng.random() < 0.4 else ''}".strip()
        else:
            person = rng.choice(text.PEOPLE).split(",")[0].removeprefix("đồng chí ")
            yield person.removeprefix("bà ").removeprefix("ông ")


def queries():
    rng = random.Random(15)  # noqa: S311 - a benchmark's fixed load, not a secret
    seen, out = set(), []
    for phrase in candidates(rng):
        style = rng.random()
        if style < 0.5:
            phrase = fold(phrase).lower()  # typed without diacritics
        elif style < 0.55:
            phrase = phrase.upper()
        if phrase not in seen:
            seen.add(phrase)
            out.append(phrase)
        if len(out) == COUNT:
            return out


if __name__ == "__main__":
    OUT.write_text("\n".join(queries()) + "\n", encoding="utf-8")
    print(f"Wrote {COUNT} queries to {OUT}")
