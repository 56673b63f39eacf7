"""The editorial workflow: each transition checks who may make it, changes the article,
keeps a version of it and records who did what and when (ArticleEvent).

draft --submit--> pending --publish--> published (live now, or scheduled for published_at)
pending --withdraw / send_back(reason)--> draft;  published --unpublish--> draft
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from documents.models import Document
from news.models import Article, ArticleImage
from news.services import save_article

from . import permissions
from .models import ArticleEvent
from .people import display_name

logger = logging.getLogger(__name__)
Status = Article.Status
Action = ArticleEvent.Action

# What "restore a version" brings back: the content. The workflow state (status, dates),
# the slug (an old URL never breaks) and the counters stay as they are now.
RESTORED_FIELDS = [
    "title", "lead", "body", "category_id", "author_line", "cover", "cover_width",
    "cover_height", "cover_caption", "cover_alt", "gallery_title", "gallery_after",
]  # fmt: skip


class WorkflowError(Exception):
    """A transition that the article's current state does not allow (message in Vietnamese)."""


def _require(allowed):
    if not allowed:
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")


def _lock_state(article, *expected):
    """Re-read the status under a row lock: a stale page cannot act on an old state."""
    seen = article.status
    current = Article.objects.select_for_update().values_list("status", flat=True)
    article.status = current.get(pk=article.pk)
    if article.status != seen or article.status not in expected:
        raise WorkflowError(
            f"Bài đang ở trạng thái “{article.get_status_display()}”, không thể thực hiện "
            "thao tác này. Hãy tải lại trang."
        )


def record(article, user, action, note="", publish_at=None):
    return ArticleEvent.objects.create(
        article=article, site_id=article.site_id, actor=user, action=action, at=timezone.now(),
        note=note, publish_at=publish_at,
    )  # fmt: skip


def _save(article, user, action, note="", publish_at=None):
    comment = Action(action).label + (f": {note}" if note else "")
    save_article(article, user=user, comment=comment)
    return record(article, user, action, note, publish_at)


@transaction.atomic
def submit(article, user, origin=None):
    """`origin` ("https://host[:port]"): where the approvers' links point; the request's."""
    _require(
        permissions.can(user, "article.submit", article)
        and permissions.can(user, "article.change", article)
    )
    _lock_state(article, Status.DRAFT)
    article.status = Status.PENDING
    event = _save(article, user, Action.SUBMITTED)
    transaction.on_commit(lambda: notify_approvers(article, user, origin))
    return event


@transaction.atomic
def withdraw(article, user):
    _require(permissions.can(user, "article.withdraw", article))
    _lock_state(article, Status.PENDING)
    article.status = Status.DRAFT
    return _save(article, user, Action.WITHDRAWN)


@transaction.atomic
def send_back(article, user, reason):
    _require(permissions.can(user, "article.publish", article))
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError("Hãy ghi lý do trả lại để biên tập viên biết cần sửa gì.")
    _lock_state(article, Status.PENDING)
    article.status = Status.DRAFT
    return _save(article, user, Action.SENT_BACK, note=reason)


@transaction.atomic
def publish(article, user, at=None):
    """Publish now, or at `at` / the article's own published_at when that lies ahead."""
    _require(permissions.can(user, "article.publish", article))
    _lock_state(article, Status.DRAFT, Status.PENDING)
    now = timezone.now()
    article.published_at = at or article.published_at or now
    if article.expires_at and article.expires_at <= article.published_at:
        raise WorkflowError("Ngày hết hạn phải sau ngày xuất bản.")
    article.status = Status.PUBLISHED
    action = Action.SCHEDULED if article.published_at > now else Action.PUBLISHED
    return _save(article, user, action, publish_at=article.published_at)


def schedule(article, user, at):
    if at <= timezone.now():
        raise WorkflowError("Giờ hẹn xuất bản phải ở tương lai.")
    return publish(article, user, at=at)


@transaction.atomic
def unpublish(article, user, reason=""):
    _require(permissions.can(user, "article.publish", article))
    _lock_state(article, Status.PUBLISHED)
    article.status = Status.DRAFT
    return _save(article, user, Action.UNPUBLISHED, note=(reason or "").strip())


@transaction.atomic
def restore(article, version, user):
    """Bring back the content of an earlier version (and its gallery) as a new version."""
    _require(permissions.can(user, "article.restore", article))
    if version.object_id != str(article.pk) or version._model is not Article:
        raise WorkflowError("Phiên bản này không thuộc bài viết này.")
    data = version.field_dict
    for name in RESTORED_FIELDS:
        if name in data:
            setattr(article, name, data[name])
    image_versions = list(version.revision.version_set.get_for_model(ArticleImage))

    def restore_gallery():
        kept = []
        for image_version in image_versions:
            image_version.revert()
            kept.append(int(image_version.object_id))
        article.images.exclude(pk__in=kept).delete()

    stamp = timezone.localtime(version.revision.date_created).strftime("%H:%M %d/%m/%Y")
    save_article(
        article,
        user=user,
        comment=f"Khôi phục phiên bản lúc {stamp}",
        # The version's links, as if an editor had ticked them: they stay restored.
        documents=Document.objects.filter(pk__in=data.get("documents", [])),
        related=restore_gallery,
    )
    return record(article, user, Action.RESTORED, note=f"Phiên bản lúc {stamp}")


def approvers(site, submitter=None):
    """Who is e-mailed when an article of `site` waits: the site's approvers (members whose role
    publishes) with an e-mail address, but the submitter; when that leaves nobody, the
    platform's superusers, so that no article waits unseen. Never another site's people."""
    users = permissions.users_who_can("article.publish", site).exclude(email="")
    if submitter is not None:
        users = users.exclude(pk=submitter.pk)
    if users.exists():
        return users
    superusers = get_user_model().objects.filter(is_active=True, is_superuser=True)
    superusers = superusers.exclude(email="")
    return superusers.exclude(pk=submitter.pk) if submitter is not None else superusers


def default_origin(site):
    """Where links point when no request is at hand (the shell, a command): the article's site,
    at its domain; SITE_URL for the default site when set."""
    from multisite.models import SiteProfile

    if settings.SITE_URL and SiteProfile.objects.filter(pk=site.pk, is_default=True).exists():
        return settings.SITE_URL
    return f"{'https' if settings.HTTPS else 'http'}://{site.domain}"


def notify_approvers(article, submitter, origin=None):
    """E-mail the site's approvers (not the submitter). A mail fault never undoes the
    submission. `origin`: the host the editor used (the request's); else the site's domain."""
    origin = (origin or default_origin(article.site)).rstrip("/")
    admin_url = origin + reverse("admin:news_article_change", args=[article.pk])
    preview_url = origin + reverse("editorial:preview", args=[article.slug])
    # On one line whatever the title holds (a line break would make send_mass_mail refuse the
    # header, BadHeaderError, and no approver would hear of the article).
    subject = " ".join(f"[Chờ duyệt] {article.title}".split())[:200]
    body = (
        f"{display_name(submitter)} vừa gửi bài “{article.title}” để duyệt.\n\n"
        f"Duyệt bài: {admin_url}\nXem trước: {preview_url}\n"
    )
    messages = [
        (subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        for user in approvers(article.site, submitter)
    ]
    try:
        send_mass_mail(messages, fail_silently=False)
    except Exception:  # an SMTP outage must not break the editor's click
        logger.exception("Could not e-mail the approvers about article %s", article.pk)
