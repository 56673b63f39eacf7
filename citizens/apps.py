from django.apps import AppConfig


class CitizensConfig(AppConfig):
    """Citizens write to the unit (issue 18): questions, feedback, reports and comments on drafts,
    the office's queue, the public Q&A section, consent and the data subject's rights."""

    name = "citizens"
    verbose_name = "Ý kiến người dân"
