"""Rich text: the nh3 allow-list, and splitting an article body into its top-level blocks."""

import re
from html.parser import HTMLParser

import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "hr",
    "a", "img", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
ALLOWED_CLASSES = {"figure": {"image", "image-style-side"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _own_images_only(tag, attribute, value):
    """An <img> keeps its src only if this site serves it (a path: "/media/..."): an image
    from elsewhere would tell another server who reads what (a tracking pixel), and shows
    nothing on a closed network. Links may point anywhere."""
    if tag == "img" and attribute == "src" and not _is_own(value):
        return None
    return value


def _is_own(url):
    # "//host/x" and "/\\host/x" are other hosts to a browser.
    return url.startswith("/") and not url.startswith("//") and "\\" not in url


_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")


def sanitize_html(value):
    """Keep the formatting an article needs; drop scripts, styles, handlers, odd URLs and
    images the portal does not serve."""
    cleaned = nh3.clean(
        value,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel="noopener noreferrer",
        attribute_filter=_own_images_only,
    )
    # nh3 writes well-formed tags with escaped attribute values: an <img> left without its src
    # (an outside image) is removed whole.
    return _IMG_WITHOUT_SRC.sub("", cleaned)


VOID_TAGS = {"br", "hr", "img"}


class _BlockSplitter(HTMLParser):
    """Records where each top-level element of a (sanitised, well-formed) fragment ends."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.ends = []

    def _offset(self):
        line, col = self.getpos()
        return self.line_offsets[line - 1] + col

    def handle_starttag(self, tag, attrs):
        if tag in VOID_TAGS:
            if self.depth == 0:
                self.ends.append(self._offset() + len(self.get_starttag_text()))
        else:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in VOID_TAGS:
            return
        self.depth -= 1
        if self.depth == 0:
            self.ends.append(self._offset() + len(f"</{tag}>"))


def split_blocks(html, after):
    """Split `html` after its `after`-th top-level block: (head, tail).

    Used to place the gallery where the editor asked ("after paragraph 2"). The input is
    sanitised HTML, so tags are balanced and the offsets are exact.
    """
    parser = _BlockSplitter()
    # HTMLParser reports (line, column) with lines split on "\n" only.
    parser.line_offsets = [0] + [m.end() for m in re.finditer("\n", html)]
    parser.feed(html)
    parser.close()
    if after <= 0:
        return "", html
    if after > len(parser.ends):
        return html, ""
    cut = parser.ends[after - 1]
    return html[:cut], html[cut:]


# A body as the portal renders it (news.rendering): the editor's markup plus what rendering adds,
# i.e. links to documents, symbols kept on one line and responsive pictures. Derived from the
# lists above, so that a change to what editors may write carries over.
RENDERED_TAGS = ALLOWED_TAGS | {"picture", "source", "span"}
RENDERED_ATTRIBUTES = {
    **ALLOWED_ATTRIBUTES,
    "a": ALLOWED_ATTRIBUTES.get("a", set()) | {"rel"},
    "img": ALLOWED_ATTRIBUTES.get("img", set()) | {"srcset", "sizes", "loading", "decoding"},
    "source": {"type", "srcset", "sizes"},
}
RENDERED_CLASSES = {**ALLOWED_CLASSES, "a": {"doc-ref"}, "span": {"doc-symbol"}}


def sanitize_rendered(value):
    """The same allow-list, widened by what rendering adds; rel kept as the body had it."""
    return nh3.clean(
        value,
        tags=RENDERED_TAGS,
        attributes=RENDERED_ATTRIBUTES,
        allowed_classes=RENDERED_CLASSES,
        url_schemes=URL_SCHEMES,
        clean_content_tags={"script", "style"},
        link_rel=None,
        strip_comments=False,
    )
