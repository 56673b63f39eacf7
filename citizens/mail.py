"""E-mails to the person: the receipt, the answer, a refusal. Each carries the person's link
(their message, withdrawal, erasure, export), and nothing of their data but the number: what the
mail system logs or keeps holds no name and no text."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from . import rights

SIGNATURE = "\n\n--\n{site}\nThư này được gửi tự động; xin đừng trả lời thư này."


def link(inquiry, request):
    path = reverse("citizens:mine", args=[rights.token_for(inquiry)])
    if request is not None:
        return request.build_absolute_uri(path)
    return f"{settings.SITE_URL or 'http://' + inquiry.site.domain}{path}"


def _send(inquiry, subject, body, request):
    site_name = inquiry.site.profile.site_name
    send_mail(
        f"[{inquiry.number}] {subject}",
        body + SIGNATURE.format(site=site_name),
        settings.DEFAULT_FROM_EMAIL,
        [inquiry.email],
    )


def _rights_lines(inquiry, request):
    return (
        f"\n\nXem ý kiến, câu trả lời, rút lại sự đồng ý, xoá hoặc tải dữ liệu của bạn:\n"
        f"{link(inquiry, request)}"
    )


def receipt(inquiry, request=None):
    body = (
        f"Kính gửi Quý ông/bà,\n\nCơ quan đã nhận ý kiến của Quý ông/bà "
        f"({inquiry.get_kind_display()}), số tiếp nhận {inquiry.number}, lúc "
        f"{timezone.localtime(inquiry.received_at):%H:%M ngày %d/%m/%Y}.\n"
        f"Hạn trả lời: ngày {inquiry.due_on:%d/%m/%Y}." + _rights_lines(inquiry, request)
    )
    _send(inquiry, "Đã nhận ý kiến", body, request)


def answered(inquiry, request=None):
    body = (
        f"Kính gửi Quý ông/bà,\n\nÝ kiến số {inquiry.number} đã được trả lời. Xin mời đọc câu "
        f"trả lời tại đường dẫn dưới đây." + _rights_lines(inquiry, request)
    )
    _send(inquiry, "Đã có trả lời", body, request)


def declined(inquiry, request=None):
    body = (
        f"Kính gửi Quý ông/bà,\n\nÝ kiến số {inquiry.number} không được tiếp nhận xử lý. Lý do "
        f"được ghi tại đường dẫn dưới đây." + _rights_lines(inquiry, request)
    )
    _send(inquiry, "Không tiếp nhận ý kiến", body, request)
