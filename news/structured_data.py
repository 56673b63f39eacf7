"""schema.org data about an article, for search engines and link previews."""

from photos.markup import file_url


def news_article(request, article, site=None):
    """A NewsArticle (https://schema.org/NewsArticle) as a dict ready for JSON-LD."""
    url = request.build_absolute_uri(article.get_absolute_url())
    images = [file_url(article.cover)] if article.cover else []
    images += [file_url(image.photo) for image in article.images.all()]  # prefetched
    publisher = (site.managing_unit or site.site_name) if site else ""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.lead,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": article.published_at,
        "dateModified": article.updated_at,
        "inLanguage": "vi",
        "articleSection": article.category.name,
        "image": [request.build_absolute_uri(image) for image in images],
    }
    if article.author_line:
        data["author"] = {"@type": "Person", "name": article.author_line}
    if publisher:
        data["publisher"] = {"@type": "Organization", "name": publisher}
        data.setdefault("author", data["publisher"])
    return data
