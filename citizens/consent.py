"""The consent texts, one per purpose (Luật 91/2025/QH15 Điều 9; Nghị định 356/2025/NĐ-CP Điều
5, 6): each box is unticked, stands beside the text it agrees to, and what is stored is the
text's version (the wording itself is kept once per version in ConsentText).

Changing a wording here means giving it a new version: consents already given keep pointing at
the wording they agreed to.
"""

from .models import Consent, ConsentText

PROCESS = "xu-ly"
PUBLISH = "cong-khai"

TEXTS = {
    PROCESS: (
        "2026-11",
        "Tôi đồng ý để cơ quan xử lý họ tên, thông tin liên hệ, nội dung và tệp đính kèm tôi "
        "gửi, chỉ nhằm tiếp nhận, xem xét và trả lời ý kiến này. Dữ liệu chỉ cán bộ được giao "
        "xử lý được xem, không chuyển cho bên thứ ba, được xoá hoặc ẩn danh sau thời hạn lưu "
        "giữ; tôi có thể rút lại sự đồng ý và yêu cầu xoá dữ liệu bất cứ lúc nào qua đường "
        "dẫn trong thư xác nhận.",
    ),
    PUBLISH: (
        "2026-11",
        "Tôi đồng ý để cơ quan công khai câu hỏi này cùng câu trả lời trong mục Hỏi đáp, chỉ "
        "kèm tên viết tắt tôi chọn (không kèm họ tên, thư điện tử, điện thoại). Tôi có thể "
        "rút lại sự đồng ý này; khi đó câu hỏi được gỡ khỏi mục Hỏi đáp.",
    ),
}
LABELS = {PROCESS: "Xử lý và trả lời", PUBLISH: "Công khai câu hỏi"}


def text_of(purpose):
    return TEXTS[purpose][1]


def record(inquiry, purposes, at):
    """Store one consent per purpose given, each pointing at the version it agreed to."""
    for purpose in purposes:
        version, wording = TEXTS[purpose]
        text, _ = ConsentText.objects.get_or_create(
            purpose=purpose, version=version, defaults={"text": wording}
        )
        Consent.objects.create(inquiry=inquiry, text=text, given_at=at)


def active(inquiry, purpose):
    return inquiry.consents.filter(text__purpose=purpose, withdrawn_at__isnull=True).exists()


def withdraw(inquiry, purposes, at):
    return inquiry.consents.filter(text__purpose__in=purposes, withdrawn_at__isnull=True).update(
        withdrawn_at=at
    )
