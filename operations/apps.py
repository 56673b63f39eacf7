from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig


class OperationsConfig(AppConfig):
    """Running the portal in production: headers, faults, health, backups, audit, logs."""

    name = "operations"
    verbose_name = "Vận hành"

    def ready(self):
        from .uploads import install_disk_space_check

        install_disk_space_check()


class PortalStaticFilesConfig(StaticFilesConfig):
    """collectstatic without CKEditor's HTML pages (its plugins' samples and manual tests, which
    the editor never loads and which would be pages of this site with no CSP of ours)."""

    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "ckeditor/*.html", "ckeditor/*/tests"]
