"""The default "Danh mục thông tin phải công khai" a site starts with (Luật Tiếp cận thông tin
2016 Điều 17 khoản 1, Điều 19; Nghị định 13/2018/NĐ-CP Điều 11). The site's administrator
edits, reorders, adds and removes lines; a site without any line gets this list again on
`migrate` (a list the law requires is never left empty by accident)."""

from django.db import DEFAULT_DB_ALIAS

# (title, legal basis, target): see models.TARGETS for the targets.
DEFAULT_ITEMS = [
    ("Văn bản quy phạm pháp luật; văn bản hành chính có giá trị áp dụng chung",
     "Luật TCTT 2016, Điều 17 khoản 1", "van-ban"),
    ("Thủ tục hành chính, quy trình giải quyết công việc của cơ quan",
     "Luật TCTT 2016, Điều 17 khoản 1", "thu-tuc"),
    ("Chức năng, nhiệm vụ, quyền hạn, cơ cấu tổ chức; thông tin liên hệ của cơ quan",
     "Luật TCTT 2016, Điều 17 khoản 1", "gioi-thieu"),
    ("Lãnh đạo, người phát ngôn và người làm đầu mối cung cấp thông tin",
     "Nghị định 13/2018/NĐ-CP, Điều 11", "lanh-dao"),
    ("Dự toán, tình hình thực hiện, quyết toán ngân sách",
     "Luật TCTT 2016, Điều 17 khoản 1", "cong-khai-ngan-sach"),
    ("Chiến lược, chương trình, dự án, đề án, kế hoạch, quy hoạch phát triển kinh tế - xã hội",
     "Luật TCTT 2016, Điều 17 khoản 1", "cong-khai-quy-hoach-ke-hoach"),
    ("Kế hoạch đầu tư công, danh mục dự án và tình hình thực hiện",
     "Luật TCTT 2016, Điều 17 khoản 1", "cong-khai-dau-tu-cong"),
    ("Kế hoạch lựa chọn nhà thầu, kết quả mua sắm công, đấu thầu",
     "Luật TCTT 2016, Điều 17 khoản 1", "cong-khai-mua-sam-dau-thau"),
    ("Lịch công tác của lãnh đạo", "Luật TCTT 2016, Điều 17", "lich-cong-tac"),
    ("Lịch tiếp công dân, nơi tiếp công dân", "Luật TCTT 2016, Điều 17", "tiep-cong-dan"),
    ("Đầu mối tiếp nhận yêu cầu cung cấp thông tin, địa chỉ gửi yêu cầu, biểu mẫu",
     "Nghị định 13/2018/NĐ-CP, Điều 11", "tiep-can-thong-tin"),
    ("Trả lời câu hỏi, kiến nghị của người dân", "Luật TCTT 2016, Điều 17", "hoi-dap"),
    ("Danh mục thông tin phải công khai (danh mục này)",
     "Luật TCTT 2016, Điều 19", "cong-khai"),
]  # fmt: skip


def ensure_site_items(items, site_id):
    """The default lines, created for one site when `items` (that site's) holds none."""
    if items.exists():
        return 0
    items.bulk_create([
        items.model(site_id=site_id, order=order * 10, title=title, legal_basis=basis,
                    target=target)
        for order, (title, basis, target) in enumerate(DEFAULT_ITEMS, start=1)
    ])  # fmt: skip
    return len(DEFAULT_ITEMS)


def ensure_required_items(sender=None, using=DEFAULT_DB_ALIAS, apps=None, **kwargs):
    """Every site without a list gets the default one: in the data migration (existing sites),
    on post_migrate (a new or flushed database) and from multisite.services.create_site."""
    if apps is None:
        from django.apps import apps
    try:
        item_model = apps.get_model("disclosures", "RequiredItem")
        site_model = apps.get_model("sites", "Site")
    except LookupError:  # migrating backwards
        return
    manager = item_model._default_manager.db_manager(using)
    for site_id in site_model._default_manager.db_manager(using).values_list("pk", flat=True):
        ensure_site_items(manager.filter(site_id=site_id), site_id)
