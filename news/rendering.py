"""An article's body as pages print it, made once when it is stored (news.services).

The editor's sanitised body, split where the gallery goes (the mark stays in the stored HTML),
its references to documents linked by the resolver's answers, its photos given their
responsive renditions. A page view prints the result as it is.
"""

from django.utils.safestring import SafeString

from documents.linking import link_references
from photos.markup import responsive_images

from .models.article import GALLERY_MARK
from .richtext import sanitize_html, split_blocks


def render_body(article, link_for):
    """`link_for(reference) -> (href, title) | None`: documents.citations.ArticleCitations."""
    body = article.body or ""
    if not isinstance(body, SafeString):  # not read from the database: as it will be stored
        body = sanitize_html(body)
    parts = [body] if article.gallery_after is None else split_blocks(body, article.gallery_after)
    return GALLERY_MARK.join(responsive_images(link_references(part, link_for)) for part in parts)
