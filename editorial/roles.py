"""The editorial board's roles as data: what each role may do (the README's table).

`editorial.permissions.can(user, action, obj=None, site=None)` is the one check that admin
classes, views and services ask. A role's actions are listed here; an action ending in "_own"
grants the action on the user's own objects only (the rule for "own" is in permissions.py).
The platform superuser may do everything. Today a user holds a role by being in the group of
that name; the sites issue binds roles to (user, site) memberships instead, and a third role,
"Quản trị trang" (a site's administrator: categories, pages, identity, links, members), joins
ROLES with "site.manage" then. Django's permissions stay underneath for the admin's own
machinery: each group gets exactly the permissions its actions need (PERMISSIONS).
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

EDITOR = "Biên tập viên"
APPROVER = "Duyệt bài"

EDITOR_ACTIONS = frozenset({
    "article.view", "article.add", "article.change_own", "article.delete_own",
    "article.submit", "article.withdraw_own", "article.preview",
    # The photo library is shared by the whole board: anyone uploads and picks any photo;
    # captions are corrected by the uploader or an approver; only a superuser deletes.
    "photo.view", "photo.add", "photo.change_own",
    "document.view",  # to attach the documents an article cites
})  # fmt: skip
APPROVER_ACTIONS = EDITOR_ACTIONS | {
    "article.change", "article.withdraw", "article.publish", "article.restore",
    "photo.change",
    "document.add", "document.change",
}  # fmt: skip
ROLES = {EDITOR: EDITOR_ACTIONS, APPROVER: APPROVER_ACTIONS}
# Superuser only, for every site: "site.manage" (categories, pages, links, site identity,
# visitor baseline), users, groups, login attempts, the audit log, and every "delete" but
# an editor's own unpublished draft.

# The Django permissions an action needs underneath, as (app_label, codename).
_ARTICLE_EDIT = [
    ("news", "add_article"), ("news", "change_article"),
    ("news", "add_articleimage"), ("news", "change_articleimage"),
    ("news", "delete_articleimage"), ("news", "view_articleimage"),
]  # fmt: skip
PERMISSIONS = {
    "article.view": [("news", "view_article"), ("news", "view_articleimage")],
    "article.add": _ARTICLE_EDIT,
    "article.change_own": _ARTICLE_EDIT,
    "article.change": _ARTICLE_EDIT,
    "article.delete_own": [("news", "delete_article")],
    "article.publish": [("news", "approve_article")],
    "photo.view": [("photos", "view_photo")],
    "photo.add": [("photos", "add_photo")],
    "photo.change_own": [("photos", "change_photo")],
    "photo.change": [("photos", "change_photo")],
    "document.view": [("documents", "view_document"), ("documents", "view_documentrelation")],
    "document.add": [("documents", "add_document"), ("documents", "add_documentrelation"),
                     ("documents", "view_sector")],
    "document.change": [("documents", "change_document"), ("documents", "change_documentrelation"),
                        ("documents", "delete_documentrelation"), ("documents", "view_sector")],
}  # fmt: skip


def ensure_roles(app_config=None, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """Create the groups and give them exactly the permissions of their actions; safe to rerun."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for label in ("news", "documents", "photos"):
        create_permissions(global_apps.get_app_config(label), verbosity=0, using=using, apps=apps)
    for name, actions in ROLES.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        wanted = {perm for action in actions for perm in PERMISSIONS.get(action, [])}
        permissions = [
            Permission.objects.using(using).get(content_type__app_label=app, codename=codename)
            for app, codename in sorted(wanted)
        ]
        group.permissions.set(permissions)
