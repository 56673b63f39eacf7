"""Publishing albums and videos: approvers' work, from the admin's actions or the shell."""

from django.db import transaction
from django.utils import timezone

from .models import Status


@transaction.atomic
def publish(queryset):
    """Publish the drafts among `queryset`; returns how many. Saved one by one, so the page
    cache's version is bumped for each site (pagecache.version.watch listens to save())."""
    count = 0
    for item in queryset.select_for_update().filter(status=Status.DRAFT):
        item.status, item.published_at = Status.PUBLISHED, timezone.now()
        item.save(update_fields=["status", "published_at", "updated_at"])
        count += 1
    return count


@transaction.atomic
def unpublish(queryset):
    count = 0
    for item in queryset.select_for_update().filter(status=Status.PUBLISHED):
        item.status = Status.DRAFT
        item.save(update_fields=["status", "updated_at"])
        count += 1
    return count
