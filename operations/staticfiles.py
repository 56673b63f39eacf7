"""django.contrib.staticfiles without the third-party HTML that nobody loads.

Its own module: operations/apps.py must hold one AppConfig, or Django no longer picks
OperationsConfig (and its ready()) by itself.
"""

from django.contrib.staticfiles.apps import StaticFilesConfig


class PortalStaticFilesConfig(StaticFilesConfig):
    """collectstatic without CKEditor's HTML pages (its plugins' samples and manual tests, which
    the editor never loads and which would be pages of this site with no CSP of ours)."""

    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "ckeditor/*.html", "ckeditor/*/tests"]
