from django.utils.functional import SimpleLazyObject

from .models import Link, Page


def pages(request):
    """Footer page links and the sidebar's "Website liên kết". Lazy: the admin pays nothing."""
    return {
        "footer_pages": SimpleLazyObject(
            lambda: list(Page.objects.published().only("title", "slug", "kind"))
        ),
        "site_links": SimpleLazyObject(lambda: list(Link.objects.active().only("name", "url"))),
    }
