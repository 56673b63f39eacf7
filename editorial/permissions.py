"""Who may do what, where: the one check (`can`) that admin classes, views and services ask.

Roles and their actions are data (roles.py); a user holds roles on sites through memberships
(multisite.Membership). An action is "<subject>.<verb>": article.change, photo.add,
document.view, site.manage... `can(user, action, site=site)` without an object answers "may
the user do this to some object of the site" (a list page, an add page); with an object it
answers for that one, which must belong to the site asked about. The object's workflow state
(a pending article cannot be submitted again) is the services' business; this module only
decides who.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from multisite.models import Membership
from news.models import Article
from photos.models import Photo

from .roles import ROLE_CODES, ROLE_OF_CODE, ROLES


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


def roles_of(user, site):
    """The names of the roles `user` holds on `site`; read once per user and site."""
    if site is None:
        return frozenset()
    known = user.__dict__.setdefault("_editorial_roles", {})
    if site.pk not in known:
        codes = Membership.objects.filter(user=user, site_id=site.pk).values_list("role", flat=True)
        known[site.pk] = frozenset(ROLE_OF_CODE[code] for code in codes if code in ROLE_OF_CODE)
    return known[site.pk]


def _site_of(obj):
    site_id = getattr(obj, "site_id", None)
    if site_id is None:
        return None
    from django.contrib.sites.models import Site

    return Site(pk=site_id)


def can(user, action, obj=None, site=None):
    """May `user` do `action` (to `obj`, when given; else to some object) on `site`?

    `site` defaults to the object's. An object of another site than the one asked about is
    refused to everyone but the platform superuser (a forged id in a URL or a form).
    """
    if user is None or not (user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    if site is None:
        site = _site_of(obj)
    elif obj is not None and getattr(obj, "site_id", site.pk) != site.pk:
        return False
    granted = set().union(*(ROLES[name] for name in roles_of(user, site)))
    if action in granted:
        return True
    if f"{action}_own" not in granted:
        return False
    if obj is None:
        return True  # some object: the user's own ones
    owns = OWNERSHIP.get(type(obj))
    return owns is not None and owns(user, obj, action.rpartition(".")[2])


def users_who_can(action, site):
    """Active staff who hold, on `site`, a role that grants `action` (superusers aside)."""
    codes = [ROLE_CODES[name] for name, actions in ROLES.items() if action in actions]
    members = Membership.objects.filter(site_id=site.pk, role__in=codes).values("user")
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(pk__in=members))
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
