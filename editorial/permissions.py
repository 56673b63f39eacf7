"""Who may do what: the one check (`can`) that admin classes, views and services ask.

Roles and their actions are data (roles.py). An action is "<subject>.<verb>": article.change,
photo.add, document.view, site.manage... `can(user, action)` without an object answers "may the
user do this to some object" (a list page, an add page); with an object it answers for that one.
The object's workflow state (a pending article cannot be submitted again) is the services'
business; this module only decides who.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from news.models import Article
from photos.models import Photo

from .roles import ROLES


def _is_own_article(user, article, verb):
    """An editor's own article: edited and deleted while a draft (deleted only if it was never
    public), withdrawn while pending (the state is checked by the service)."""
    if article.created_by_id is None or article.created_by_id != user.pk:
        return False
    if verb == "change":
        return article.status == Article.Status.DRAFT
    if verb == "delete":
        return article.status == Article.Status.DRAFT and not article.slug_frozen
    return True


def _is_own_photo(user, photo, verb):
    return photo.uploaded_by_id is not None and photo.uploaded_by_id == user.pk


OWNERSHIP = {Article: _is_own_article, Photo: _is_own_photo}


def roles_of(user, site=None):
    """The names of the roles a user holds (the sites issue: on `site`); read once per user."""
    # The site is not used yet: today a role holds on the one site there is.
    if not hasattr(user, "_editorial_roles"):
        names = user.groups.filter(name__in=ROLES).values_list("name", flat=True)
        user._editorial_roles = frozenset(names)
    return user._editorial_roles


def can(user, action, obj=None, site=None):
    """May `user` do `action` (to `obj`, when given; else to some object) on `site`?"""
    if user is None or not (user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    granted = set().union(*(ROLES[name] for name in roles_of(user, site)))
    if action in granted:
        return True
    if f"{action}_own" not in granted:
        return False
    if obj is None:
        return True  # some object: the user's own ones
    owns = OWNERSHIP.get(type(obj))
    return owns is not None and owns(user, obj, action.rpartition(".")[2])


def users_who_can(action, site=None):
    """Active staff who may do `action` to any object: superusers and the roles that grant it."""
    roles = [name for name, actions in ROLES.items() if action in actions]
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(is_superuser=True) | Q(groups__name__in=roles))
        .distinct()
    )


def available_actions(user, article):
    """The workflow buttons this user may press on this article, as (action, label)."""
    Status = Article.Status
    actions = []
    if (
        article.status == Status.DRAFT
        and can(user, "article.submit", article)
        and can(user, "article.change", article)
    ):
        actions.append(("submit", "Gửi duyệt"))
    if article.status == Status.PENDING and can(user, "article.withdraw", article):
        actions.append(("withdraw", "Rút về bản nháp"))
    if can(user, "article.publish", article):
        if article.status in (Status.DRAFT, Status.PENDING):
            actions.append(("publish", "Xuất bản / hẹn giờ"))
        if article.status == Status.PENDING:
            actions.append(("send_back", "Trả lại kèm lý do"))
        if article.status == Status.PUBLISHED:
            actions.append(("unpublish", "Gỡ bài"))
    return actions
