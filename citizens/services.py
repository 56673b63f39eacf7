"""The inquiry's way: received (numbered, due date, consent, files, receipt e-mail), assigned,
answered (e-mailed), published, or declined with a reason. Every writer calls these."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import strip_tags

from pagecache.version import bump_on_commit
from search.text import tokens
from workdays.calendar import WorkingCalendar

from . import consent, mail
from .models import Attachment, Inquiry, Kind, ReceiptSequence

Status = Inquiry.Status


def reply_days(kind):
    return settings.CITIZENS_REPLY_WORKING_DAYS.get(kind, settings.REPLY_WORKING_DAYS)


def due_date(kind, received_at):
    return WorkingCalendar().add(timezone.localdate(received_at), reply_days(kind))


def next_number(site, year):
    """The next receipt number of `site` in `year`: `<SITE CODE>-<year>-<000123>`. Called inside
    the transaction that inserts the inquiry: the sequence row stays locked until it commits."""
    rows = ReceiptSequence.objects.filter(site=site, year=year)
    if not rows.update(last=F("last") + 1):
        ReceiptSequence.objects.get_or_create(site=site, year=year)
        rows.update(last=F("last") + 1)
    last = rows.values_list("last", flat=True).get()
    return f"{site.profile.code.upper()}-{year}-{last:06d}"


def submit(site, kind, data, purposes, files=(), consultation=None, request=None):
    """Store one message with its number and consents; e-mail the receipt. Returns the inquiry.

    `files` are (ContentFile, content type) pairs already checked (files.py).
    """
    if kind == Kind.DRAFT_COMMENT and (consultation is None or not consultation.is_open()):
        raise ValidationError("Đã hết hạn góp ý cho dự thảo này.", code="closed")
    now = timezone.now()
    with transaction.atomic():
        inquiry = Inquiry(
            site=site, kind=kind, consultation=consultation, received_at=now,
            due_on=due_date(kind, now), rights_nonce=secrets.token_hex(16),
            topic=data.get("topic"), subject=data["subject"], text=data["text"],
            name=data.get("name", ""), email=data.get("email", ""),
            phone=data.get("phone", ""), initials=data.get("initials", ""),
        )  # fmt: skip
        inquiry.number = next_number(site, timezone.localdate(now).year)
        inquiry.save()
        consent.record(inquiry, purposes, now)
        for content, content_type in files:
            Attachment.objects.create(
                inquiry=inquiry, file=content, content_type=content_type, size=content.size
            )
        if inquiry.email:
            transaction.on_commit(lambda: mail.receipt(inquiry, request))
    return inquiry


def refusal(inquiry, step, *, answer="", reason=""):
    """Why `step` cannot be taken now (a Vietnamese sentence), or None. The one definition of
    each step's preconditions: the admin form shows it, the transitions below enforce it."""
    waiting = inquiry.status in (Status.NEW, Status.ASSIGNED)
    if step in ("assign", "decline", "note") and not waiting:
        return "Ý kiến này không còn chờ xử lý."
    if step == "decline" and not (reason or "").strip():
        return "Hãy ghi lý do từ chối."
    if step == "answer":
        if not (waiting or inquiry.status == Status.ANSWERED):
            return "Ý kiến này không còn chờ trả lời."
        if not str(answer or "").strip():
            return "Hãy viết câu trả lời trước khi gửi."
    if step == "publish":
        if inquiry.kind != Kind.QUESTION:
            return "Chỉ câu hỏi (Hỏi đáp) được công khai."
        if inquiry.status != Status.ANSWERED:
            return "Chỉ công khai được câu hỏi đã trả lời."
        if not consent.active(inquiry, consent.PUBLISH):
            return "Người hỏi không đồng ý (hoặc đã rút lại sự đồng ý) công khai câu hỏi."
    if step == "unpublish" and inquiry.status != Status.PUBLISHED:
        return "Câu hỏi này chưa được công khai."
    return None


def _check(inquiry, step, **kwargs):
    message = refusal(inquiry, step, **kwargs)
    if message:
        raise ValidationError(message)


def _close(inquiry, status, when):
    inquiry.status = status
    inquiry.closed_at = when


def assign(inquiry, user):
    _check(inquiry, "assign")
    inquiry.assigned_to = user
    inquiry.status = Status.ASSIGNED
    inquiry.save(update_fields=["assigned_to", "status"])


def answer(inquiry, user, request=None):
    """The answer (already on the instance, from the admin's editor) is sent."""
    _check(inquiry, "answer", answer=inquiry.answer)
    now = timezone.now()
    inquiry.answered_at, inquiry.answered_by = now, user
    _close(inquiry, Status.ANSWERED, now)
    with transaction.atomic():
        inquiry.save()
        if inquiry.email:
            transaction.on_commit(lambda: mail.answered(inquiry, request))


def publish(inquiry):
    _check(inquiry, "publish")
    inquiry.status, inquiry.published_at = Status.PUBLISHED, timezone.now()
    inquiry.search_text = " ".join(
        tokens(f"{inquiry.number} {inquiry.subject} {inquiry.text} {strip_tags(inquiry.answer)}")
    )
    inquiry.save(update_fields=["status", "published_at", "search_text"])
    bump_on_commit([inquiry.site_id])  # the Q&A pages, cached, show it now


def unpublish(inquiry):
    _check(inquiry, "unpublish")
    inquiry.status, inquiry.published_at, inquiry.search_text = Status.ANSWERED, None, ""
    inquiry.save(update_fields=["status", "published_at", "search_text"])
    bump_on_commit([inquiry.site_id])  # no cached page keeps it
    bump_on_commit([inquiry.site_id])  # the Q&A pages, cached, show it now


def note(inquiry):
    """Feedback or a comment on a draft taken into account, with no reply to send: closed (its
    personal data then waits out the retention period like any closed item)."""
    _check(inquiry, "note")
    _close(inquiry, Status.NOTED, timezone.now())
    inquiry.save(update_fields=["status", "closed_at"])


def decline(inquiry, reason, request=None):
    _check(inquiry, "decline", reason=reason)
    inquiry.decline_reason = reason.strip()
    _close(inquiry, Status.DECLINED, timezone.now())
    with transaction.atomic():
        inquiry.save()
        if inquiry.email:
            transaction.on_commit(lambda: mail.declined(inquiry, request))
