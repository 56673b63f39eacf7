"""Rich-text fields that are sanitised on their way into the database, whatever path they take."""

from ckeditor.fields import RichTextField
from django.db import models
from django.utils.safestring import SafeString

from .richtext import sanitize_html, sanitize_rendered


class CleanedOnWrite:
    """Cleans the HTML in get_prep_value and marks it safe when read back.

    get_prep_value runs for every write (admin, shell, queryset.update() and loaddata, which
    skips save()), so the database only ever holds clean HTML. Values read back from the
    database are therefore marked safe; a value assigned in Python but not yet saved stays a
    plain str and is escaped by templates.
    """

    sanitize = None  # a function: HTML in, clean HTML out

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return value
        return type(self).sanitize(str(value))

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        return SafeString(value)


class SanitizedHTMLField(CleanedOnWrite, RichTextField):
    """CKEditor-edited HTML, cleaned with the editors' nh3 allow-list."""

    sanitize = staticmethod(sanitize_html)


class RenderedHTMLField(CleanedOnWrite, models.TextField):
    """HTML the portal rendered from a sanitised body (news.rendering), stored to be printed as
    it is: cleaned again with the rendering's allow-list whatever wrote it (a fixture, an
    update()); None until rendered."""

    sanitize = staticmethod(sanitize_rendered)
