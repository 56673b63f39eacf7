from html.parser import HTMLParser

from django.conf import settings
from django.core.exceptions import ValidationError


class _ImagesWithoutAlt(HTMLParser):
    """Counts the portal's own photos (under MEDIA_URL) that have no alt text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.missing = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        ours = (attrs.get("src") or "").strip().startswith(settings.MEDIA_URL)
        if tag == "img" and ours and not (attrs.get("alt") or "").strip():
            self.missing += 1

    handle_startendtag = handle_starttag


def images_have_alt(html):
    """Every photo uploaded into a body says what it shows (alt text), for readers who cannot
    see it. Other <img> (pasted from elsewhere, broken) are the sanitiser's business."""
    parser = _ImagesWithoutAlt()
    parser.feed(str(html or ""))
    parser.close()
    if parser.missing:
        raise ValidationError(
            "Có %(n)d ảnh trong nội dung chưa có mô tả (alt): nhấn đúp vào ảnh và điền ô "
            "“Chú thích ảnh”.",
            code="image_without_alt",
            params={"n": parser.missing},
        )
