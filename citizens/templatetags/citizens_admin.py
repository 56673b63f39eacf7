from django import template
from django.utils import timezone

from editorial.permissions import can
from multisite.current import site_of

from ..models import Inquiry

register = template.Library()


@register.simple_tag(takes_context=True)
def citizens_summary(context):
    """The queue's open and overdue counts for the admin's home page (one query), or None for
    whoever may not see the queue."""
    request = context["request"]
    site = site_of(request)
    if not can(request.user, "inquiry.view", site=site):
        return None
    from django.db.models import Count, Q

    today = timezone.localdate()
    return (
        Inquiry.objects.filter(site=site)
        .open()
        .aggregate(waiting=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
    )
