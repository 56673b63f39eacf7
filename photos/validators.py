from html.parser import HTMLParser

from django.core.exceptions import ValidationError


class _ImagesWithoutAlt(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.missing = 0

    def handle_starttag(self, tag, attrs):
        if tag == "img" and not (dict(attrs).get("alt") or "").strip():
            self.missing += 1

    handle_startendtag = handle_starttag


def images_have_alt(html):
    """Every photo in a body says what it shows (alt text), for readers who cannot see it."""
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
