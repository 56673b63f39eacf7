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
    """Create each required page that is missing; never touch one that exists (post_migrate)."""
    if apps is None:
        from django.apps import apps
    try:
        page_model = apps.get_model("pages", "Page")
    except LookupError:  # migrating backwards, or before pages' first migration
        return
    manager = page_model._default_manager.db_manager(using)
    for kind, slug, title, order, body in DEFAULT_PAGES:
        if not manager.filter(kind=kind).exists():
            slug_taken = manager.filter(slug=slug).exists()
            manager.create(
                kind=kind, slug=f"{slug}-{kind}" if slug_taken else slug, title=title,
                order=order, body=body, is_published=True,
            )  # fmt: skip
