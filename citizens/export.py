"""The drafting unit's export of comments on its drafts (xlsx, openpyxl)."""

import io

from django.utils import timezone
from openpyxl import Workbook

from .models import Inquiry

HEADER = ["Dự thảo", "Số tiếp nhận", "Nhận lúc", "Tiêu đề", "Nội dung", "Họ và tên",
          "Thư điện tử", "Điện thoại"]  # fmt: skip


def _cell(value):
    """Plain text, never a formula: a comment starting with "=" is text to Excel too."""
    value = str(value or "")
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def comments_workbook(consultations):
    book = Workbook()
    sheet = book.active
    sheet.title = "Góp ý"
    sheet.append(HEADER)
    comments = Inquiry.objects.filter(consultation__in=consultations).select_related("consultation")
    for c in comments.order_by("consultation_id", "received_at"):
        received = timezone.localtime(c.received_at).strftime("%d/%m/%Y %H:%M")
        sheet.append([_cell(v) for v in (c.consultation.title, c.number, received, c.subject,
                                         c.text, c.name, c.email, c.phone)])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
