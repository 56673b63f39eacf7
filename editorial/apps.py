from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EditorialConfig(AppConfig):
    default = True  # this module also holds LoginAttemptsConfig (django-axes' config)
    name = "editorial"
    verbose_name = "Quy trình biên tập"

    def ready(self):
        from django.contrib.auth.models import AbstractUser

        from .people import display_name, full_name

        # One rule for a person's name, used by Django's own templates too (see people.py).
        AbstractUser.get_full_name = full_name
        AbstractUser.__str__ = display_name

        from .roles import ensure_roles

        # Groups get their permissions on a new database too: after every migrate, once the
        # permissions themselves exist (a data migration would run before they do).
        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="editorial.ensure_roles")


class LoginAttemptsConfig(AxesConfig):
    """django-axes under a Vietnamese name in the admin (its own has none: "Axes")."""

    verbose_name = "Đăng nhập sai (chống dò mật khẩu)"
