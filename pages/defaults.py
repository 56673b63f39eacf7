"""The pages every site starts with (the law asks for them); created once, then edited freely."""

from django.db import DEFAULT_DB_ALIAS

UPDATING = "<p>Ban Biên tập đang cập nhật nội dung trang này.</p>"

ABOUT = (
    "<h2>Chức năng, nhiệm vụ</h2>" + UPDATING
    + "<h2>Cơ cấu tổ chức</h2>" + UPDATING
    + "<h2>Lãnh đạo</h2>" + UPDATING
)  # fmt: skip

MAP = "<p>Bản đồ hành chính của địa phương. Dùng các nút phóng to, thu nhỏ để xem chi tiết.</p>"

CONTACT = (
    "<p>Mọi ý kiến đóng góp, thông tin cần trao đổi với Ban Biên tập xin gửi về địa chỉ dưới "
    "đây.</p>"
)

PRIVACY = """\
<p>Trang thông tin điện tử này tôn trọng quyền riêng tư của người đọc. Dữ liệu cá nhân được xử lý \
theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và các văn bản hướng dẫn thi hành. Trang này nói \
rõ trang web thu thập gì, để làm gì và không thu thập gì.</p>
<h2>Thống kê truy cập</h2>
<p>Khối "Thống kê truy cập" đếm hai con số: <strong>lượt xem trang</strong> (mỗi lần một trang \
được mở) và <strong>lượt truy cập</strong> (một lượt bắt đầu khi bạn mở trang đầu tiên, hoặc mở \
lại sau 30 phút không xem trang nào). Để biết hai lần xem trang có thuộc cùng một lượt truy cập \
hay không mà không cần nhận diện bạn, máy chủ tính một mã băm có khóa (keyed hash) từ địa chỉ IP \
và chuỗi nhận dạng trình duyệt (User-Agent) của bạn, cùng một khóa ngẫu nhiên đổi mới mỗi ngày.</p>
<ul>
<li>Không dùng cookie, không tạo phiên làm việc cho người đọc.</li>
<li>Không lưu địa chỉ IP, không lưu chuỗi User-Agent: chỉ lưu mã băm và các con số tổng hợp \
(đang trực tuyến, hôm nay, trong tuần, tất cả, lượt xem của từng bài viết).</li>
<li>Khóa ngẫu nhiên của mỗi ngày bị hủy sau hai ngày; từ đó mã băm cũ không thể dò ngược ra địa \
chỉ IP của bất kỳ ai, kể cả với người quản trị trang.</li>
</ul>
<h2>Đăng nhập của Ban Biên tập</h2>
<p>Khi có người đăng nhập sai vào trang quản trị, hệ thống lưu tên đăng nhập và địa chỉ IP của \
lần đăng nhập sai, chỉ để tạm khóa đăng nhập sau 5 lần sai liên tiếp. Dữ liệu này bị xóa khi hết \
thời gian khóa (15 phút), chậm nhất sau một ngày. Không lưu chuỗi User-Agent; lần đăng nhập \
thành công không được ghi lại.</p>
<h2>Nhật ký hệ thống và sao lưu</h2>
<p>Nhật ký của ứng dụng không ghi địa chỉ IP hay chuỗi User-Agent. Để phát hiện và ngăn chặn tấn \
công, nhật ký truy cập của máy chủ web ghi địa chỉ IP, thời điểm, trang được mở và chuỗi \
User-Agent của mỗi yêu cầu; nhật ký này tự xóa sau 14 ngày. Bản sao lưu dữ liệu của trang được \
giữ 14 ngày rồi xóa.</p>
<h2>Không có mã của bên thứ ba</h2>
<p>Trang không nhúng quảng cáo, công cụ theo dõi hay mã chia sẻ của bên thứ ba. Các nút chia sẻ \
Facebook và Zalo là đường dẫn thông thường: trình duyệt chỉ mở trang của mạng xã hội đó khi bạn \
bấm vào.</p>
<h2>Cỡ chữ</h2>
<p>Cỡ chữ bạn chọn bằng các nút A-, A, A+ được lưu trong bộ nhớ của trình duyệt trên máy bạn \
(localStorage) và không gửi về máy chủ.</p>
<h2>Thông tin bạn gửi cho chúng tôi</h2>
<p>Khi bạn gửi thư điện tử hoặc gọi điện cho Ban Biên tập, thông tin của bạn chỉ được dùng để \
trả lời bạn và không cung cấp cho bên thứ ba, trừ trường hợp pháp luật quy định.</p>
<h2>Hỏi đáp, góp ý, phản ánh, kiến nghị</h2>
<p>Khi bạn gửi câu hỏi, góp ý, phản ánh, kiến nghị hoặc góp ý dự thảo qua trang này:</p>
<ul>
<li>Họ tên, thư điện tử, điện thoại và tệp đính kèm chỉ được xử lý khi bạn đánh dấu ô đồng ý \
"xử lý và trả lời" (ô này không được đánh dấu sẵn); chỉ cán bộ được giao xử lý của đơn vị xem \
được. Góp ý và góp ý dự thảo có thể gửi không kèm thông tin liên hệ.</li>
<li>Câu hỏi chỉ được công khai trong mục Hỏi đáp khi bạn đồng ý riêng, và chỉ kèm tên viết tắt \
bạn chọn. Mỗi sự đồng ý được lưu cùng nội dung bạn đã đồng ý và thời điểm đồng ý.</li>
<li>Ảnh gửi kèm được xóa thông tin vị trí; tệp đính kèm không nằm trong thư mục công khai của \
trang.</li>
<li>Sau một thời gian kể từ khi ý kiến được trả lời hoặc đóng (mặc định 365 ngày), họ tên, liên \
hệ và tệp đính kèm được xóa; câu hỏi đã công khai được giữ lại với tên viết tắt.</li>
<li>Bạn có thể xem trả lời, rút lại sự đồng ý, tải về hoặc yêu cầu xóa dữ liệu của mình bất cứ \
lúc nào qua đường dẫn trong thư xác nhận hoặc trang xác nhận.</li>
<li>Để chống thư rác, trang giữ một mã băm có khóa của dải địa chỉ mạng (không phải địa chỉ IP) \
trong thời gian ngắn; không dùng dịch vụ xác minh của bên thứ ba.</li>
<li>Đánh giá "Thông tin này có hữu ích không?" là ẩn danh: không lưu địa chỉ IP, không dùng \
cookie.</li>
</ul>
<h2>Quyền của bạn</h2>
<p>Theo Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15, bạn có quyền được biết về việc xử lý dữ \
liệu cá nhân của mình, yêu cầu xem, chỉnh sửa hoặc xóa dữ liệu đó. Mọi yêu cầu xin gửi về địa \
chỉ ở trang Liên hệ.</p>
"""

DEFAULT_PAGES = [
    # kind, slug, title, order, body
    ("gioi-thieu", "gioi-thieu", "Giới thiệu", 1, ABOUT),
    ("ban-do", "ban-do-hanh-chinh", "Bản đồ hành chính", 2, MAP),
    ("lien-he", "lien-he", "Liên hệ", 3, CONTACT),
    ("bao-mat", "chinh-sach-bao-mat", "Chính sách bảo mật", 4, PRIVACY),
]


def ensure_default_pages(sender=None, using=DEFAULT_DB_ALIAS, apps=None, **kwargs):
    """Give every site each required page it lacks; never touch one that exists (post_migrate:
    a new database, a flushed one, a site added by hand)."""
    if apps is None:
        from django.apps import apps
    try:
        page_model = apps.get_model("pages", "Page")
        site_model = apps.get_model("sites", "Site")
    except LookupError:  # migrating backwards, or before pages' first migration
        return
    manager = page_model._default_manager.db_manager(using)
    if not any(field.name == "site" for field in page_model._meta.fields):
        ensure_site_pages(manager)  # migrated back to before sites: the one site there is
        return
    for site_id in site_model._default_manager.db_manager(using).values_list("pk", flat=True):
        ensure_site_pages(manager.filter(site_id=site_id), site_id=site_id)


def ensure_site_pages(pages, **site):
    """The required pages missing from `pages` (one site's), created with `site` (site_id=...)."""
    kinds = set(pages.values_list("kind", flat=True))
    for kind, slug, title, order, body in DEFAULT_PAGES:
        if kind not in kinds:
            slug_taken = pages.filter(slug=slug).exists()
            pages.create(
                kind=kind, slug=f"{slug}-{kind}" if slug_taken else slug, title=title,
                order=order, body=body, is_published=True, **site,
            )  # fmt: skip
