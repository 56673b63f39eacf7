from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig


class EditorialConfig(AppConfig):
    default = True  # this module also holds LoginAttemptsConfig (django-axes' config)
    name = "editorial"
    verbose_name = "Quy trình biên tập"

    def ready(self):
        import reversion
        from django.contrib.auth.models import AbstractUser

        from .people import display_name, full_name

        # One rule for a person's name, used by Django's own templates too (see people.py).
        AbstractUser.get_full_name = full_name
        AbstractUser.__str__ = display_name

        from news.models import Article, ArticleImage

        # Every save through the admin or a workflow action keeps a version of the article
        # together with its gallery, so that an approver can compare and restore it.
        if not reversion.is_registered(Article):
            reversion.register(Article, follow=["images"])
            reversion.register(ArticleImage)


class LoginAttemptsConfig(AxesConfig):
    """django-axes under a Vietnamese name in the admin (its own has none: "Axes")."""

    verbose_name = "Đăng nhập sai (chống dò mật khẩu)"
