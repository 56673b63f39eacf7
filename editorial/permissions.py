"""Who may do what to one article: the server-side half of the roles table (see roles.py)."""

from news.models import Article


def can_approve(user):
    """Duyệt bài and superusers: publish, schedule, unpublish, send back, edit others' work."""
    return user.is_active and user.has_perm("news.approve_article")


def is_owner(user, article):
    return article.created_by_id is not None and article.created_by_id == user.pk


def can_edit(user, article):
    """An editor edits only their own drafts; an approver edits any article."""
    if not user.has_perm("news.change_article"):
        return False
    if can_approve(user):
        return True
    return is_owner(user, article) and article.status == Article.Status.DRAFT


def can_delete(user, article):
    """Only a draft that was never public, by its owner; anything else by a superuser."""
    if user.is_superuser:
        return True
    return (
        user.has_perm("news.delete_article")
        and is_owner(user, article)
        and article.status == Article.Status.DRAFT
        and not article.slug_frozen
    )


def can_submit(user, article):
    return article.status == Article.Status.DRAFT and can_edit(user, article)


def can_withdraw(user, article):
    return article.status == Article.Status.PENDING and (
        is_owner(user, article) or can_approve(user)
    )


def available_actions(user, article):
    """The workflow buttons this user may press on this article, as (action, label)."""
    Status = Article.Status
    actions = []
    if can_submit(user, article):
        actions.append(("submit", "Gửi duyệt"))
    if can_withdraw(user, article):
        actions.append(("withdraw", "Rút về bản nháp"))
    if can_approve(user):
        if article.status in (Status.DRAFT, Status.PENDING):
            actions.append(("publish", "Xuất bản / hẹn giờ"))
        if article.status == Status.PENDING:
            actions.append(("send_back", "Trả lại kèm lý do"))
        if article.status == Status.PUBLISHED:
            actions.append(("unpublish", "Gỡ bài (về bản nháp)"))
    return actions
