"""A rich-text field that is sanitised on its way into the database, whatever path it takes."""

from ckeditor.fields import RichTextField
from django.utils.safestring import SafeString

from .richtext import sanitize_html


class SanitizedHTMLField(RichTextField):
    """CKEditor-edited HTML, cleaned with nh3 in get_prep_value.

    get_prep_value runs for every write (admin, shell, queryset.update() and loaddata, which
    skips save()), so the database only ever holds clean HTML. Values read back from the
    database are therefore marked safe; a value assigned in Python but not yet saved stays a
    plain str and is escaped by templates.
    """

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return value
        return sanitize_html(str(value))

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        return SafeString(value)
