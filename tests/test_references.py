"""The recogniser of document references, on real-world strings."""

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from documents.references import describe_symbol, find_references, lookup_key, symbol_kind

# The page of the old site (shared/seeds/000_7612c85a40b0957e.txt), footer included.
SEED = Path(__file__).resolve().parent / "data" / "seed_nq35_page.txt"

D = date
# (text, [(normalised key, date or None), ...]) in reading order.
CASES = [
    # Party form, as the seed writes it
    ("Nghị quyết số 35-NQ/TW ngày 22/10/2018 của Bộ Chính trị", [("35-NQ/TW", D(2018, 10, 22))]),
    ("Kết luận số 53-KL/TW của Ban Bí thư", [("53-KL/TW", None)]),
    ("Chỉ thị số 24-CT/TU, Đề án", [("24-CT/TU", None)]),
    ("Đề án theo Quyết định số 4051-QĐ/TU của", [("4051-QĐ/TU", None)]),
    ("Hướng dẫn số 03-HD/TU của Ban Thường vụ", [("03-HD/TU", None)]),
    ("Quy định số 08-QĐi/TW ngày 25/10/2021", [("08-QĐI/TW", D(2021, 10, 25))]),
    ("Thông báo 263-TB/TU về kết luận", [("263-TB/TU", None)]),
    ("Kế hoạch số 12-KH/HU ngày 01/3/2023", [("12-KH/HU", D(2023, 3, 1))]),
    ("Nghị quyết 05-NQ/ĐU của Đảng ủy xã", [("05-NQ/ĐU", None)]),
    ("Chương trình số 15-CTr/TU", [("15-CTR/TU", None)]),
    ("Kế hoạch 05-KH/BCĐ35 của Ban Chỉ đạo 35", [("05-KH/BCĐ35", None)]),
    # Dash and spacing variants
    ("Nghị quyết số 35–NQ/TW", [("35-NQ/TW", None)]),  # en dash
    ("Nghị quyết số 35—NQ/TW", [("35-NQ/TW", None)]),  # em dash
    ("Nghị quyết số 35 - NQ/TW", [("35-NQ/TW", None)]),
    ("Nghị quyết số 35 – NQ / TW", [("35-NQ/TW", None)]),
    ("Nghị quyết số 35-NQ /TW", [("35-NQ/TW", None)]),
    ("Nghị quyết số 35 NQ/TW", [("35-NQ/TW", None)]),
    ("Nghị quyết số\u00a035-NQ/TW\u00a0ngày 22/10/2018", [("35-NQ/TW", D(2018, 10, 22))]),
    ("Nghị quyết số35-NQ/TW", [("35-NQ/TW", None)]),  # "số" glued to the number
    ("Số: 35-NQ/TW", [("35-NQ/TW", None)]),
    ("NGHỊ QUYẾT SỐ 35-NQ/TW", [("35-NQ/TW", None)]),
    # Decomposed diacritics (copied from Word or a PDF) are normalised to NFC
    (unicodedata.normalize("NFD", "Quyết định số 4051-QĐ/TU"), [("4051-QĐ/TU", None)]),
    # Dates written after the symbol
    ("35-NQ/TW, ngày 22/10/2018", [("35-NQ/TW", D(2018, 10, 22))]),
    ("35-NQ/TW ngày 22-10-2018", [("35-NQ/TW", D(2018, 10, 22))]),
    ("35-NQ/TW ngày 22 tháng 10 năm 2018", [("35-NQ/TW", D(2018, 10, 22))]),
    ("35-NQ/TW (22/10/2018)", [("35-NQ/TW", D(2018, 10, 22))]),
    ("18-NQ/TW ngày 31/02/2017", [("18-NQ/TW", None)]),  # no such day: no date
    ("35-NQ/TW của Bộ Chính trị ngày 22/10/2018", [("35-NQ/TW", None)]),  # too far to be its
    # State form
    ("Quyết định số 4051/QĐ-UBND ngày 5/6/2023", [("4051/QĐ-UBND", D(2023, 6, 5))]),
    ("Nghị định số 42/2022/NĐ-CP của Chính phủ", [("42/2022/NĐ-CP", None)]),
    ("Thông tư 22/2023/TT-BTTTT", [("22/2023/TT-BTTTT", None)]),
    ("Quyết định 17/QĐ-TTg của Thủ tướng", [("17/QĐ-TTG", None)]),
    ("Luật số 86/2015/QH13", [("86/2015/QH13", None)]),
    ("Công văn số 1234/UBND-VX", [("1234/UBND-VX", None)]),
    ("Quyết định số 4051 / QĐ – UBND", [("4051/QĐ-UBND", None)]),
    ("Nghị định 42/2022/NĐ–CP", [("42/2022/NĐ-CP", None)]),
    # Several in one sentence, both forms
    (
        "Nghị quyết 35-NQ/TW, Kết luận 53-KL/TW và Nghị định 42/2022/NĐ-CP",
        [("35-NQ/TW", None), ("53-KL/TW", None), ("42/2022/NĐ-CP", None)],
    ),
    ("(35-NQ/TW)", [("35-NQ/TW", None)]),
    ("theo 35-NQ/TW.", [("35-NQ/TW", None)]),
    # False friends: numbers, dates, phone numbers, addresses, units, ratios
    ("Điện thoại: 02943.872072 - Fax: 02943.872072", []),
    ("ngày 22/10/2018", []),
    ("Số 208, đường 2/9, khóm 2, thị trấn Châu Thành", []),
    ("đường 30/4", []),
    ("Ban Chỉ đạo 35 tỉnh", []),
    ("tỷ lệ 3/4 số hộ", []),
    ("sơ kết 05 năm, đề ra 04 nhóm giải pháp", []),
    ("Quốc lộ 54, tỉnh lộ 911", []),
    ("COVID-19/2020", []),
    ("chauthanh@travinh.gov.vn", []),
    ("mật độ 20 người/km2", []),
    ("từ 7-8/2023", []),
    ("ISO 9001:2015", []),
    ("abc35-NQ/TW", []),  # glued to a word: not a reference
    ("35-NQ/TWX1/", []),  # runs on into something else
]


def test_the_table_is_big_enough():
    assert len(CASES) >= 40
    assert sum(1 for _, expected in CASES if not expected) >= 10


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_recognises_references(text, expected):
    found = [(ref.key, ref.issued_on) for ref in find_references(text)]
    assert found == expected


def test_offsets_point_at_the_symbol_as_written():
    text = "Theo Nghị quyết số 35 – NQ/TW ngày 22/10/2018, huyện"
    (ref,) = find_references(text)
    assert text[ref.start : ref.end] == "35 – NQ/TW"
    assert ref.symbol == "35-NQ/TW" and ref.kind == "party"


def test_the_seed_yields_exactly_its_five_documents():
    text = SEED.read_text(encoding="utf-8")
    assert "02943.872072" in text and "đường 2/9" in text  # its false friends are there
    keys = {ref.key for ref in find_references(text)}
    assert keys == {"35-NQ/TW", "53-KL/TW", "24-CT/TU", "4051-QĐ/TU", "03-HD/TU"}
    dated = {(ref.key, ref.issued_on) for ref in find_references(text) if ref.issued_on}
    assert dated == {("35-NQ/TW", D(2018, 10, 22))}


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("35-NQ/TW", "35 NQ TW"),
        ("35 nq tw", "35 NQ TW"),
        ("35/nq/tw", "35 NQ TW"),
        ("4051-QĐ/TU", "4051 QD TU"),
        ("4051 qđ tu", "4051 QD TU"),
        ("4051 qd tu", "4051 QD TU"),
        ("42/2022/nđ-cp", "42 2022 ND CP"),
        ("  ", ""),
    ],
)
def test_lookup_key_ignores_how_a_symbol_is_typed(typed, key):
    assert lookup_key(typed) == key


def test_symbol_says_its_kind_type_and_level_only_when_certain():
    assert symbol_kind("35-NQ/TW") == "party"
    assert symbol_kind("4051/QĐ-UBND") == "state"
    assert symbol_kind("hello") is None
    assert describe_symbol("08-QĐi/TW") == {
        "kind": "party",
        "doc_type": "quy-dinh",
        "level": "trung-uong",
    }
    assert describe_symbol("4051-QĐ/TU") == {
        "kind": "party",
        "doc_type": "quyet-dinh",
        "level": "tinh",
    }
    # A UBND may be a province's, a district's or a commune's: no level is guessed.
    assert describe_symbol("4051/QĐ-UBND") == {"kind": "state", "doc_type": "quyet-dinh"}
