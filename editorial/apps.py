from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig


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

        # Article versions are registered with django-reversion by news (its write path keeps
        # them); roles are memberships of sites (multisite), not groups.


class LoginAttemptsConfig(AxesConfig):
    """django-axes under a Vietnamese name in the admin (its own has none: "Axes")."""

    verbose_name = "Đăng nhập sai (chống dò mật khẩu)"
