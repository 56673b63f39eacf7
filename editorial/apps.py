from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Quy trình biên tập"

    def ready(self):
        from .roles import ensure_roles

        # Groups get their permissions on a new database too: after every migrate, once the
        # permissions themselves exist (a data migration would run before they do).
        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="editorial.ensure_roles")
