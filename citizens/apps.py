from django.apps import AppConfig


class CitizensConfig(AppConfig):
    """Citizens write to the unit (issue 18): questions, feedback, reports and comments on drafts,
    the office's queue, the public Q&A section, consent and the data subject's rights."""

    name = "citizens"
    verbose_name = "Ý kiến người dân"

    def ready(self):
        # Topics and drafts open for comment are public rows: their pages follow every change.
        # Inquiries are not (most never become public): the services bump the pages when a
        # question enters or leaves the public section, or is erased (pagecache.version).
        from pagecache.version import watch

        from .models import Consultation, Topic

        watch(Topic, Consultation)
