"""The data subject's rights: the person's link, withdrawal, erasure and export.

Every e-mail carries the person's link (`token_for`), which opens their message's page: its
state, the answer, and the buttons to withdraw consent, erase their data and download it. The
token is an HMAC under SECRET_KEY of a random nonce kept on the row.
"""

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from pagecache.version import bump_on_commit

from . import consent, services
from .models import Inquiry

ERASED = "(đã xoá theo yêu cầu)"


def token_for(inquiry):
    digest = salted_hmac("citizens.rights", inquiry.rights_nonce).hexdigest()[:32]
    return f"{inquiry.pk}-{digest}"


def inquiry_for(token):
    """The inquiry a token opens, or None (a wrong or altered token finds nothing)."""
    pk, _, digest = (token or "").partition("-")
    if not pk.isdigit() or len(digest) != 32:
        return None
    inquiry = Inquiry.objects.filter(pk=int(pk)).select_related("topic").first()
    if inquiry is None or not constant_time_compare(token_for(inquiry), token):
        return None
    return inquiry


def withdraw_publication(inquiry):
    """Consent to publish withdrawn: the question leaves the public section at once."""
    with transaction.atomic():
        consent.withdraw(inquiry, [consent.PUBLISH], timezone.now())
        if inquiry.status == Inquiry.Status.PUBLISHED:
            services.unpublish(inquiry)


def erase(inquiry, *, keep_public=False, at=None):
    """Erase the person's data from every copy the portal keeps of it.

    The row keeps its number, kind, dates and state (the office's statistics), never who
    wrote or what. Its files leave the private storage. Admin log entries name it only by its
    number (Inquiry.__str__) and are rewritten to be sure; inquiries are not versioned
    (django-reversion) nor indexed for search, so no other copy exists. `keep_public`: the
    retention command keeps a published question and answer (published with consent, initials
    only) while everything else goes.
    """
    at = at or timezone.now()
    with transaction.atomic():
        was_public = inquiry.status == Inquiry.Status.PUBLISHED
        keep = keep_public and was_public
        if was_public:  # no cached page may keep what is erased (a kept one shows initials only)
            bump_on_commit([inquiry.site_id])
        if not keep:
            consent.withdraw(inquiry, [consent.PROCESS, consent.PUBLISH], at)
            inquiry.subject, inquiry.text = ERASED, ERASED
            inquiry.answer, inquiry.decline_reason, inquiry.initials = "", "", ""
            inquiry.published_at, inquiry.search_text = None, ""
            if inquiry.status in (
                Inquiry.Status.NEW, Inquiry.Status.ASSIGNED, Inquiry.Status.PUBLISHED
            ):  # fmt: skip
                inquiry.status = (
                    Inquiry.Status.WITHDRAWN
                    if inquiry.status != Inquiry.Status.PUBLISHED
                    else Inquiry.Status.ANSWERED
                )
        inquiry.name, inquiry.email, inquiry.phone = "", "", ""
        inquiry.personal_data_erased_at = at
        inquiry.closed_at = inquiry.closed_at or at
        inquiry.save()
        for attachment in list(inquiry.attachments.all()):
            attachment.file.delete(save=False)
            attachment.delete()
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Inquiry), object_id=str(inquiry.pk)
        ).update(object_repr=inquiry.number)


def export(inquiries):
    """One person's data as JSON-ready data: every message, its consents and answers."""
    items = []
    for inquiry in inquiries:
        items.append({
            "so_tiep_nhan": inquiry.number,
            "loai": inquiry.get_kind_display(),
            "trang_thai": inquiry.get_status_display(),
            "nhan_luc": timezone.localtime(inquiry.received_at).isoformat(),
            "han_tra_loi": inquiry.due_on.isoformat(),
            "chu_de": inquiry.topic.name if inquiry.topic else "",
            "tieu_de": inquiry.subject,
            "noi_dung": inquiry.text,
            "ho_ten": inquiry.name,
            "thu_dien_tu": inquiry.email,
            "dien_thoai": inquiry.phone,
            "ten_viet_tat": inquiry.initials,
            "tra_loi": str(inquiry.answer),
            "tep_dinh_kem": [a.content_type for a in inquiry.attachments.all()],
            "su_dong_y": [
                {
                    "muc_dich": c.text.purpose,
                    "phien_ban": c.text.version,
                    "van_ban": c.text.text,
                    "dong_y_luc": timezone.localtime(c.given_at).isoformat(),
                    "rut_lai_luc": (
                        timezone.localtime(c.withdrawn_at).isoformat() if c.withdrawn_at else None
                    ),
                }
                for c in inquiry.consents.select_related("text")
            ],
        })  # fmt: skip
    return {"du_lieu_ca_nhan": items}
