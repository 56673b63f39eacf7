"""The editorial board's roles, as groups with their permissions (see the table in README)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import DEFAULT_DB_ALIAS

EDITOR = "Biên tập viên"
APPROVER = "Duyệt bài"

# (app_label, codename). What an editor may touch is further narrowed per article by
# editorial.permissions (own drafts only); categories, pages, the site identity, the visitor
# baseline and users belong to superusers and appear in no group.
EDITOR_PERMISSIONS = [
    ("news", "add_article"),
    ("news", "change_article"),
    ("news", "view_article"),
    ("news", "delete_article"),  # own drafts never published only
    ("news", "add_articleimage"),
    ("news", "change_articleimage"),
    ("news", "delete_articleimage"),
    ("news", "view_articleimage"),
    ("documents", "view_document"),  # to attach the documents an article cites
]
APPROVER_PERMISSIONS = [
    *EDITOR_PERMISSIONS,
    ("news", "approve_article"),
    ("documents", "add_document"),
    ("documents", "change_document"),
]
ROLES = {EDITOR: EDITOR_PERMISSIONS, APPROVER: APPROVER_PERMISSIONS}


def ensure_roles(app_config=None, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """Create the groups and give them exactly their permissions; safe to run again."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for label in ("news", "documents"):
        create_permissions(global_apps.get_app_config(label), verbosity=0, using=using, apps=apps)
    for name, wanted in ROLES.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        permissions = [
            Permission.objects.using(using).get(content_type__app_label=app, codename=codename)
            for app, codename in wanted
        ]
        group.permissions.set(permissions)
