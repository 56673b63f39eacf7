"""Who else has this article open: "Bài này đang được sửa bởi …".

Each open edit page sends a heartbeat every HEARTBEAT seconds (editorial/static/editorial/
desk.js); a colleague is shown while their last one is younger than WINDOW. The record is a row
per (article, user) in the database, which every worker and server shares. It only informs:
the optimistic lock (lock_version) still refuses a save that would erase another's.
"""

from datetime import timedelta

from django.utils import timezone

from .models import EditPresence
from .people import display_name

HEARTBEAT = 20  # seconds between two beats of an open page
WINDOW = 3 * HEARTBEAT  # a page silent for longer (closed, asleep, offline) is gone


def touch(article, user):
    """This user has the article open now (one upsert; two tabs of one user make one row)."""
    now = timezone.now()
    EditPresence.objects.bulk_create(
        [EditPresence(article=article, user=user, seen_at=now)],
        update_conflicts=True,
        unique_fields=["article", "user"],
        update_fields=["seen_at"],
    )
    # Rows of pages closed without a goodbye: a day later nobody needs them.
    EditPresence.objects.filter(article=article, seen_at__lt=now - timedelta(days=1)).delete()


def leave(article, user):
    EditPresence.objects.filter(article=article, user=user).delete()


def others(article, user):
    """The names of the other people who have the article open now, in Vietnamese order."""
    since = timezone.now() - timedelta(seconds=WINDOW)
    rows = (
        EditPresence.objects.filter(article=article, seen_at__gte=since)
        .exclude(user=user)
        .select_related("user")
        .order_by("seen_at")
    )
    return [display_name(row.user) for row in rows]


def notice(names):
    """ "Bài này đang được sửa bởi Nguyễn Thị Lan và Trần Văn Hùng." or ""."""
    if not names:
        return ""
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " và " + names[-1]
    return (
        f"Bài này đang được sửa bởi {who}. Nếu cả hai cùng lưu, lần lưu sau sẽ bị từ chối để "
        "không xoá mất phần việc của người kia: hãy trao đổi trước khi sửa."
    )
