"""`{% picture %}`, `{% photo_url %}` and `|responsive_images` for Django templates (the admin);
the public pages use the same functions through their Jinja2 environment."""

from django import template
from django.utils.safestring import SafeString

from .. import markup

register = template.Library()
register.simple_tag(markup.photo_url)
register.simple_tag(markup.picture)


@register.filter
def responsive_images(html):
    """Only sanitised HTML (a SafeString, read from the database) is rewritten."""
    if not isinstance(html, SafeString):
        return html
    return markup.responsive_images(html)
