from django.utils.functional import SimpleLazyObject

from multisite.current import site_of

from .models import Link, Page


def pages(request):
    """The site's footer page links and "Website liên kết". Lazy: the admin pays nothing."""

    def footer_pages():
        pages = Page.objects.published().filter(site=site_of(request))
        return list(pages.only("title", "slug", "kind"))

    def site_links():
        return list(Link.objects.active().filter(site=site_of(request)).only("name", "url"))

    return {
        "footer_pages": SimpleLazyObject(footer_pages),
        "site_links": SimpleLazyObject(site_links),
    }
