from django.utils.functional import SimpleLazyObject

from .models import Category, Document, SiteIdentity


def portal(request):
    """What the base layout shows on every public page. Lazy: the admin pays nothing."""
    return {
        "site": SimpleLazyObject(SiteIdentity.objects.current),
        "menu_categories": SimpleLazyObject(
            lambda: list(Category.objects.filter(show_in_menu=True, parent=None))
        ),
        "latest_documents": SimpleLazyObject(
            lambda: list(Document.objects.only("symbol", "doc_type", "title", "slug")[:5])
        ),
    }
