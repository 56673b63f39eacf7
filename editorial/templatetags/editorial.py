from django import template
from django.db.models import Count

from news.models import Article

from ..permissions import can

register = template.Library()


@register.simple_tag(takes_context=True)
def editorial_summary(context):
    """The admin index's to-do box: pending articles for approvers, one's own for writers."""
    user = context["request"].user
    approver = can(user, "article.publish")
    summary = {"pending": Article.objects.pending().count() if approver else None}
    summary["can_write"] = can(user, "article.add")
    if summary["can_write"]:
        counts = dict(
            Article.objects.filter(created_by=user)
            .values_list("status")
            .annotate(n=Count("id"))
            .values_list("status", "n")
        )
        summary["my_drafts"] = counts.get(Article.Status.DRAFT, 0)
        summary["my_pending"] = counts.get(Article.Status.PENDING, 0)
        summary["my_published"] = counts.get(Article.Status.PUBLISHED, 0)
    return summary


@register.filter
def lockout_minutes(delta):
    return max(1, round(delta.total_seconds() / 60))
