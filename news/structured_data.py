"""schema.org data about the portal's pages, for search engines and link previews."""

from django.templatetags.static import static
from django.urls import reverse

from photos.markup import file_url

# A site without a logo of its own: the neutral drawn badge (raster: search engines ignore SVG).
DEFAULT_LOGO = "img/emblem-default.png"
DEFAULT_LOGO_SIZE = 192


def site_logo(request, site):
    """(absolute URL, width, height) of the site's logo, or of the default badge."""
    if site is not None and site.logo:
        return request.build_absolute_uri(file_url(site.logo)), site.logo_width, site.logo_height
    size = DEFAULT_LOGO_SIZE
    return request.build_absolute_uri(static(DEFAULT_LOGO)), size, size


def publisher(request, site):
    """The unit as an Organization: its name, its home's address and its logo."""
    logo, width, height = site_logo(request, site)
    name = (site.managing_unit or site.site_name) if site else ""
    return {
        "@type": "Organization",
        "name": name,
        "url": request.build_absolute_uri(reverse("news:home")),
        "logo": {"@type": "ImageObject", "url": logo, "width": width, "height": height},
    }


def news_article(request, article, site=None):
    """A NewsArticle (https://schema.org/NewsArticle) as a dict ready for JSON-LD."""
    url = request.build_absolute_uri(article.get_absolute_url())
    images = [file_url(article.cover)] if article.cover else []
    images += [file_url(image.photo) for image in article.images.all()]  # prefetched
    images = [request.build_absolute_uri(image) for image in images]
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
        # Never empty: an article without photos is shown by the unit's logo.
        "image": images or [site_logo(request, site)[0]],
    }
    if article.author_line:
        data["author"] = {"@type": "Person", "name": article.author_line}
    if site is not None:
        data["publisher"] = publisher(request, site)
        data.setdefault("author", {"@type": "Organization", "name": data["publisher"]["name"]})
    return data


def web_page(request, site, kind, name, description=""):
    """A page of the portal (home: WebSite; a category: CollectionPage; a document:
    DigitalDocument; a static page: WebPage) with the unit as its publisher."""
    url = request.build_absolute_uri(request.path)
    data = {
        "@context": "https://schema.org",
        "@type": kind,
        "name": name,
        "url": url,
        "inLanguage": "vi",
        "publisher": publisher(request, site),
    }
    if description:
        data["description"] = description
    if kind == "WebSite":
        search = request.build_absolute_uri(reverse("search:results"))
        data["potentialAction"] = {
            "@type": "SearchAction",
            "target": f"{search}?q={{search_term_string}}",
            "query-input": "required name=search_term_string",
        }
    else:
        data["isPartOf"] = {"@type": "WebSite", "url": publisher(request, site)["url"]}
    return data
